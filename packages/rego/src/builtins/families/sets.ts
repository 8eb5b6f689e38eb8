/** Set operators and set builtins. */
import { RSet, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, set } from "../operands.js";

function intersect(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const v of a) if (b.has(v)) out.add(v);
  return out;
}

function unite(sets: Iterable<RSet>): RSet {
  const out = new RSet();
  for (const s of sets) for (const v of s) out.add(v);
  return out;
}

/**
 * A set of sets, as a list of the member sets. OPA checks each member with the same
 * `SetOperand` as the operand itself, so a bad member reads "operand 1 must be set
 * but got number", naming the first one in sorted order.
 */
function setOfSets(args: readonly Value[], pos: number): RSet[] {
  return set(args, pos)
    .sorted()
    .map((x) => {
      if (!(x instanceof RSet)) throw OperandError.type(pos, x, "set");
      return x;
    });
}

export const setBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "and",
    infix: "&",
    args: [
      { name: "x", type: t.set() },
      { name: "y", type: t.set() },
    ],
    result: { name: "z", type: t.set() },
    categories: ["sets"],
    description: "Returns the intersection of two sets.",
    impl: (args) => intersect(set(args, 1), set(args, 2)),
  }),
  defineBuiltin({
    name: "or",
    infix: "|",
    args: [
      { name: "x", type: t.set() },
      { name: "y", type: t.set() },
    ],
    result: { name: "z", type: t.set() },
    categories: ["sets"],
    description: "Returns the union of two sets.",
    impl: (args) => unite([set(args, 1), set(args, 2)]),
  }),
  defineBuiltin({
    name: "intersection",
    args: [{ name: "xs", type: t.set(t.set()) }],
    result: { name: "y", type: t.set() },
    categories: ["sets"],
    description: "Returns the intersection of the given input sets.",
    impl: (args) => {
      const sets = setOfSets(args, 1);
      if (sets.length === 0) return new RSet();
      return sets.slice(1).reduce(intersect, sets[0]!);
    },
  }),
  defineBuiltin({
    name: "union",
    args: [{ name: "xs", type: t.set(t.set()) }],
    result: { name: "y", type: t.set() },
    categories: ["sets"],
    description: "Returns the union of the given input sets.",
    impl: (args) => unite(setOfSets(args, 1)),
  }),
];
