/** Numbers: integer ranges and bitwise operations on arbitrary-precision integers. */
import { numberFromBigInt, type NumberValue } from "../../ast/number.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, BuiltinHalt, OperandError } from "../operands.js";
import { bigIntOperand } from "../support/collections/go-int.js";

/**
 * The longest range we build. OPA has no fixed limit but halts a range whose
 * generation outlives the query's cancellation; without a clock here, a range this
 * long (hundreds of MB) is treated the same way.
 */
export const MAX_RANGE_LENGTH = 2 ** 25;

function range(a: bigint, b: bigint, step: bigint): NumberValue[] {
  const span = a <= b ? b - a : a - b;
  const count = span / step + 1n;
  if (count > BigInt(MAX_RANGE_LENGTH)) throw new BuiltinHalt("eval_cancel_error", "timed out before generating all numbers in range");
  const n = Number(count);
  const out = new Array<NumberValue>(n);
  const down = a > b;
  if (Number.isSafeInteger(Number(a)) && Number.isSafeInteger(Number(b)) && Number.isSafeInteger(Number(step))) {
    const x = Number(a);
    const s = down ? -Number(step) : Number(step);
    for (let i = 0; i < n; i++) out[i] = x + i * s;
    return out;
  }
  let cur = a;
  const s = down ? -step : step;
  for (let i = 0; i < n; i++, cur += s) out[i] = numberFromBigInt(cur);
  return out;
}

function bits2(name: string, op: (x: bigint, y: bigint) => bigint, description: string, yName = "y"): Builtin {
  return defineBuiltin({
    name,
    args: [
      { name: "x", type: t.number, description: "the first integer" },
      { name: yName, type: t.number, description: yName === "s" ? "the number of bits to shift" : "the second integer" },
    ],
    result: { name: "z", type: t.number, description: `the result of the operation` },
    categories: ["bits"],
    description,
    impl: (args) => {
      const x = bigIntOperand(args, 1);
      const y = bigIntOperand(args, 2);
      try {
        return numberFromBigInt(op(x, y));
      } catch (e) {
        if (e instanceof RangeError) throw new BuiltinError("result is too large");
        throw e;
      }
    },
  });
}

function shiftAmount(s: bigint): bigint {
  if (s < 0n) throw new OperandError("operand 2 must be an unsigned integer number but got a negative integer");
  // Go reads the shift as a uint64.
  return s & 0xffffffffffffffffn;
}

export const numberBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "numbers.range",
    args: [
      { name: "a", type: t.number, description: "the start of the range" },
      { name: "b", type: t.number, description: "the end of the range (inclusive)" },
    ],
    result: { name: "range", type: t.array(t.number), description: "the range between `a` and `b`" },
    categories: ["numbers"],
    description:
      "Returns an array of numbers in the given (inclusive) range. If `a==b`, then `range == [a]`; if `a > b`, then `range` is in descending order.",
    impl: (args) => range(bigIntOperand(args, 1), bigIntOperand(args, 2), 1n),
  }),
  defineBuiltin({
    name: "numbers.range_step",
    args: [
      { name: "a", type: t.number, description: "the start of the range" },
      { name: "b", type: t.number, description: "the end of the range (inclusive)" },
      { name: "step", type: t.number, description: "the step between numbers in the range" },
    ],
    result: { name: "range", type: t.array(t.number), description: "the range between `a` and `b` in `step` increments" },
    categories: ["numbers"],
    description:
      "Returns an array of numbers in the given (inclusive) range incremented by a positive step. If `a==b`, then `range == [a]`; if `a > b`, then `range` is in descending order. If the provided `step` is less then 1, an error will be thrown. If `b` is not in the range of the provided `step`, `b` won't be included in the result.",
    impl: (args) => {
      const a = bigIntOperand(args, 1);
      const b = bigIntOperand(args, 2);
      const step = bigIntOperand(args, 3);
      if (step <= 0n) throw new BuiltinError("step must be a positive integer");
      return range(a, b, step);
    },
  }),
  bits2("bits.or", (x, y) => x | y, 'Returns the bitwise "OR" of two integers.'),
  bits2("bits.and", (x, y) => x & y, 'Returns the bitwise "AND" of two integers.'),
  bits2("bits.xor", (x, y) => x ^ y, 'Returns the bitwise "XOR" (exclusive-or) of two integers.'),
  bits2("bits.lsh", (x, s) => x << shiftAmount(s), "Returns a new integer with its bits shifted `s` bits to the left.", "s"),
  bits2("bits.rsh", (x, s) => x >> shiftAmount(s), "Returns a new integer with its bits shifted `s` bits to the right.", "s"),
  defineBuiltin({
    name: "bits.negate",
    args: [{ name: "x", type: t.number, description: "the integer to negate" }],
    result: { name: "z", type: t.number, description: "the bitwise negation of `x`" },
    categories: ["bits"],
    description: "Returns the bitwise negation (flip) of an integer.",
    impl: (args) => numberFromBigInt(~bigIntOperand(args, 1)),
  }),
];
