/** Aggregates over collections: count, sum, product, max, min, sort. */
import { compareValues } from "../../ast/compare.js";
import { isNumber, toBigInt, toDouble, numberFromBigInt, type NumberValue } from "../../ast/number.js";
import { RSet, isObject, objectSize, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, collection } from "../operands.js";

/** Code points in a string: Go counts runes, not UTF-16 units. */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function numbersOf(args: readonly Value[], pos: number): NumberValue[] {
  const v = args[pos - 1]!;
  return collection(args, pos).map((x) => {
    if (!isNumber(x)) throw OperandError.element(pos, v, x, "number");
    return x;
  });
}

function fold(ns: NumberValue[], exact: (a: bigint, b: bigint) => bigint, float: (a: number, b: number) => number, unit: number): NumberValue {
  const ints = ns.map(toBigInt);
  if (ints.every((b) => b !== null)) return numberFromBigInt((ints as bigint[]).reduce(exact, BigInt(unit)));
  const d = ns.map(toDouble).reduce(float, unit);
  return Number.isInteger(d) && !Number.isSafeInteger(d) ? numberFromBigInt(BigInt(d)) : d;
}

export const aggregateBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "count",
    args: [{ name: "collection", type: t.anyOf(t.string, t.array(), t.object(), t.set()) }],
    result: { name: "n", type: t.number },
    categories: ["aggregates"],
    description: "Count takes a collection or string and returns the number of elements (or characters) in it.",
    impl: (args) => {
      const v = args[0]!;
      if (typeof v === "string") return runeCount(v);
      if (Array.isArray(v)) return v.length;
      if (v instanceof RSet) return v.size;
      if (isObject(v)) return objectSize(v);
      throw OperandError.type(1, v, "array", "object", "set", "string");
    },
  }),
  defineBuiltin({
    name: "sum",
    args: [{ name: "collection", type: t.anyOf(t.array(t.number), t.set(t.number)) }],
    result: { name: "n", type: t.number },
    categories: ["aggregates"],
    description: "Sums elements of an array or set of numbers.",
    impl: (args) => fold(numbersOf(args, 1), (a, b) => a + b, (a, b) => a + b, 0),
  }),
  defineBuiltin({
    name: "product",
    args: [{ name: "collection", type: t.anyOf(t.array(t.number), t.set(t.number)) }],
    result: { name: "n", type: t.number },
    categories: ["aggregates"],
    description: "Multiplies elements of an array or set of numbers",
    impl: (args) => fold(numbersOf(args, 1), (a, b) => a * b, (a, b) => a * b, 1),
  }),
  defineBuiltin({
    name: "max",
    args: [{ name: "collection", type: t.anyOf(t.array(), t.set()) }],
    result: { name: "n", type: t.any },
    categories: ["aggregates"],
    description: "Returns the maximum value in a collection.",
    impl: (args) => {
      const items = collection(args, 1);
      if (items.length === 0) return undefined;
      return items.reduce((a, b) => (compareValues(a, b) >= 0 ? a : b));
    },
  }),
  defineBuiltin({
    name: "min",
    args: [{ name: "collection", type: t.anyOf(t.array(), t.set()) }],
    result: { name: "n", type: t.any },
    categories: ["aggregates"],
    description: "Returns the minimum value in a collection.",
    impl: (args) => {
      const items = collection(args, 1);
      if (items.length === 0) return undefined;
      return items.reduce((a, b) => (compareValues(a, b) <= 0 ? a : b));
    },
  }),
  defineBuiltin({
    name: "sort",
    args: [{ name: "collection", type: t.anyOf(t.array(), t.set()) }],
    result: { name: "n", type: t.array() },
    categories: ["aggregates"],
    description: "Returns a sorted array.",
    impl: (args) => {
      const v = args[0]!;
      if (v instanceof RSet) return [...v.sorted()];
      return [...collection(args, 1)].sort(compareValues);
    },
  }),
];
