/**
 * Builtins the compiler calls on the user's behalf: membership for `in`, the sink
 * for `print`, and the test runner's record of a test case starting.
 */
import { equalValues } from "../../ast/compare.js";
import { toSafeInteger, isNumber } from "../../ast/number.js";
import { RSet, isObject, objectGet, objectSome, type Value } from "../../ast/value.js";
import { valueToString } from "../../ast/value-string.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, array } from "../operands.js";

function member(x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) {
    for (const y of coll) if (equalValues(x, y)) return true;
    return false;
  }
  if (coll instanceof RSet) return coll.has(x);
  if (isObject(coll)) return objectSome(coll, (_k, v) => equalValues(x, v));
  return false;
}

function memberWithKey(k: Value, v: Value, coll: Value): boolean {
  if (Array.isArray(coll)) {
    if (!isNumber(k)) return false;
    const i = toSafeInteger(k);
    return i !== undefined && i >= 0 && i < coll.length && equalValues(coll[i], v);
  }
  if (isObject(coll)) {
    const found = objectGet(coll, k);
    return found !== undefined && equalValues(found, v);
  }
  // A set element is its own key.
  if (coll instanceof RSet) return coll.has(k) && equalValues(k, v);
  return false;
}

/** How `print` shows one operand: strings bare, other values in Rego syntax. */
export function printOperand(v: Value): string {
  return typeof v === "string" ? v : valueToString(v);
}

export const internalBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "internal.member_2",
    infix: "in",
    args: [
      { name: "x", type: t.any },
      { name: "y", type: t.any },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["internal"],
    description: "Checks if the first argument is a member of the second argument (`x in y`).",
    impl: (args) => member(args[0]!, args[1]!),
  }),
  defineBuiltin({
    name: "internal.member_3",
    args: [
      { name: "k", type: t.any },
      { name: "v", type: t.any },
      { name: "collection", type: t.any },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["internal"],
    infix: "in",
    description: "Checks if the key-value pair is a member of the collection (`k, v in c`).",
    impl: (args) => memberWithKey(args[0]!, args[1]!, args[2]!),
  }),
  defineBuiltin({
    name: "internal.print",
    args: [{ name: "operands", type: t.array(t.set()) }],
    result: { name: "result", type: t.null },
    void: true,
    categories: ["internal"],
    description: "Prints the operands' values, a line per combination when an operand has several; an undefined operand prints `<undefined>`.",
    impl: (args, ctx) => {
      const ops = array(args, 1);
      const choices = ops.map((s) => {
        if (!(s instanceof RSet)) throw OperandError.element(1, ops, s, "set");
        return s.size === 0 ? ["<undefined>"] : s.sorted().map(printOperand);
      });
      // An operand with several values prints a line per combination, as OPA's does.
      const line = new Array<string>(choices.length);
      const each = (i: number): void => {
        if (i === choices.length) return ctx.print(line.join(" "));
        for (const c of choices[i]!) {
          line[i] = c;
          each(i + 1);
        }
      };
      each(0);
      return null;
    },
  }),
  defineBuiltin({
    name: "internal.test_case",
    args: [{ name: "path", type: t.array(t.any) }],
    result: { name: "result", type: t.boolean },
    void: true,
    categories: ["internal"],
    description: "Records that a test case started; the test runner puts the call into tests with case keys (`test_x[note]`).",
    impl: (args, ctx) => {
      ctx.testCase?.(args[0]!);
      return true;
    },
  }),
  defineBuiltin({
    name: "print",
    args: [],
    variadic: true,
    result: { name: "result", type: t.null },
    void: true,
    categories: ["tracing"],
    description: "`print` is used to output the values of variables for debugging purposes. Calls are rewritten to `internal.print`.",
  }),
];
