/** Aggregates over collections: count, sum, product, max, min, sort. */
import { compareValues } from "../../ast/compare.js";
import { isNumber, numberFromBigInt, type NumberValue } from "../../ast/number.js";
import { RSet, isObject, objectSize, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, collection } from "../operands.js";
import { type BigFloat } from "../support/bignum/binary-float.js";
import { add, mul } from "../support/bignum/float-arith.js";
import { PREC, floatToNumber, numberToFloat, numberToInt } from "../support/bignum/opa-number.js";

/**
 * The greatest (`sign` 1) or least (-1) item, the first of equals in an array; a set
 * is scanned as it is, not sorted (a linear pass instead of a sort).
 */
function extreme(args: readonly Value[], sign: 1 | -1): Value | undefined {
  const v = args[0]!;
  let best: Value | undefined;
  for (const x of v instanceof RSet ? v.unordered() : collection(args, 1)) {
    if (best === undefined || compareValues(x, best) * sign > 0) best = x;
  }
  return best;
}

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

/** The elements of a `sum` or `product` operand, each checked to be a number. */
function numbersOf(args: readonly Value[]): readonly NumberValue[] {
  const items = collection(args, 1);
  for (const x of items) if (!isNumber(x)) throw OperandError.element(1, args[0]!, x, "number");
  return items as readonly NumberValue[];
}

/** The integers of `ns` as bigints (OPA's `exactIntAccumulate` input), or null if one has a fraction. */
function exactInts(ns: readonly NumberValue[]): bigint[] | null {
  const out: bigint[] = [];
  for (const n of ns) {
    const i = numberToInt(n);
    if (i === null) return null;
    out.push(i);
  }
  return out;
}

/** How `sum` or `product` folds its numbers, in each of OPA's three representations. */
interface Fold {
  readonly unit: number;
  /** On JS safe integers, while the result stays one (OPA: machine ints, then big.Int). */
  readonly small: (acc: number, n: number) => number;
  readonly exact: (acc: bigint, n: bigint) => bigint;
  /** The big.Float to start from, and the step that rounds after each element. */
  readonly start: BigFloat;
  readonly float: (acc: BigFloat, x: BigFloat) => BigFloat;
}

function fold(ns: readonly NumberValue[], f: Fold): NumberValue {
  let acc = f.unit;
  let i = 0;
  for (; i < ns.length; i++) {
    const n = ns[i]!;
    if (typeof n !== "number" || !Number.isInteger(n)) break;
    const next = f.small(acc, n);
    if (!Number.isSafeInteger(next)) break;
    acc = next;
  }
  if (i === ns.length) return acc + 0;
  const ints = exactInts(ns);
  if (ints) return numberFromBigInt(ints.reduce(f.exact, BigInt(f.unit)));
  let total = f.start;
  for (const n of ns) total = f.float(total, numberToFloat(n));
  return floatToNumber(total);
}

/** OPA's `sum`: for non-integers a big.Float at 64 bits (`new(big.Float)` takes its operands' precision). */
const SUM: Fold = {
  unit: 0,
  small: (acc, n) => acc + n,
  exact: (acc, n) => acc + n,
  start: { neg: false, m: 0n, e: 0, prec: PREC },
  float: (acc, x) => add(acc, x, PREC),
};

/**
 * OPA's `product`: for non-integers a big.Float that starts from `big.NewFloat(1)`.
 * NewFloat gives it float64's 53 bits, so unlike every other operation the product
 * is rounded to 53 bits after each step and printed at 53 bits.
 */
const PRODUCT: Fold = {
  unit: 1,
  small: (acc, n) => acc * n,
  exact: (acc, n) => acc * n,
  start: { neg: false, m: 1n, e: 0, prec: 53 },
  float: (acc, x) => mul(acc, x, 53),
};

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
    impl: (args) => fold(numbersOf(args), SUM),
  }),
  defineBuiltin({
    name: "product",
    args: [{ name: "collection", type: t.anyOf(t.array(t.number), t.set(t.number)) }],
    result: { name: "n", type: t.number },
    categories: ["aggregates"],
    description: "Multiplies elements of an array or set of numbers",
    impl: (args) => fold(numbersOf(args), PRODUCT),
  }),
  defineBuiltin({
    name: "max",
    args: [{ name: "collection", type: t.anyOf(t.array(), t.set()) }],
    result: { name: "n", type: t.any },
    categories: ["aggregates"],
    description: "Returns the maximum value in a collection.",
    impl: (args) => extreme(args, 1),
  }),
  defineBuiltin({
    name: "min",
    args: [{ name: "collection", type: t.anyOf(t.array(), t.set()) }],
    result: { name: "n", type: t.any },
    categories: ["aggregates"],
    description: "Returns the minimum value in a collection.",
    impl: (args) => extreme(args, -1),
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
