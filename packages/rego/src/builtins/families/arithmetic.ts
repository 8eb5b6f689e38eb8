/**
 * Arithmetic, as OPA's v1/topdown/arithmetic.go does it: in the narrowest
 * representation that holds the operands exactly. Integers in the int32 window are
 * JS numbers (their sums, differences and most products stay exact, allocation-free);
 * then integers of any size are bigints; everything else is a big.Float at 64 bits,
 * rounded to nearest-even after each operation and printed as the shortest decimal
 * that reads back the same (so `0.1 + 0.2` is 0.3, as in OPA, not 0.30000000000000004).
 */
import { numberFromBigInt, isNumber, type NumberValue } from "../../ast/number.js";
import { RSet, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, number } from "../operands.js";
import { abs, isInt, truncate, type BigFloat } from "../support/bignum/binary-float.js";
import { add, mul, quo, sub } from "../support/bignum/float-arith.js";
import { PREC, floatToNumber, numberToFloat, numberToInt } from "../support/bignum/opa-number.js";

const MIN_SMALL = -(2 ** 31);
const MAX_SMALL = 2 ** 31 - 1;

/** OPA's `smallInt`: an integer in the int32 window, so that a product fits an int64. */
function small(n: NumberValue): number | undefined {
  return typeof n === "number" && Number.isInteger(n) && n >= MIN_SMALL && n <= MAX_SMALL ? n : undefined;
}

interface ArithOp {
  /** On int32-window ints; undefined sends the operands on to the wider forms. */
  readonly small: (x: number, y: number) => number | undefined;
  /** On integers of any size; absent where OPA has no big.Int path (division). */
  readonly exact?: (x: bigint, y: bigint) => bigint;
  /** On 64-bit big.Floats; absent for integer-only operations, which fail with `noFloat`. */
  readonly float?: (x: BigFloat, y: BigFloat) => BigFloat;
  readonly noFloat?: string;
}

function evalOp(op: ArithOp, a: NumberValue, b: NumberValue): NumberValue {
  const x = small(a);
  const y = small(b);
  if (x !== undefined && y !== undefined) {
    const r = op.small(x, y);
    if (r !== undefined) return r;
  }
  if (op.exact) {
    const bx = numberToInt(a);
    const by = bx === null ? null : numberToInt(b);
    if (bx !== null && by !== null) return numberFromBigInt(op.exact(bx, by));
  }
  if (!op.float) throw new BuiltinError(op.noFloat!);
  return floatToNumber(op.float(numberToFloat(a), numberToFloat(b)));
}

// `+ 0` turns a JS -0 (from `-5 * 0`) into the 0 an int64 gives.
const PLUS: ArithOp = { small: (x, y) => x + y + 0, exact: (x, y) => x + y, float: (x, y) => add(x, y, PREC) };
const MINUS: ArithOp = { small: (x, y) => x - y + 0, exact: (x, y) => x - y, float: (x, y) => sub(x, y, PREC) };
const MUL: ArithOp = {
  // An int32 product needs up to 62 bits; past 2^53 a double would round it.
  small: (x, y) => {
    const r = x * y + 0;
    return Number.isSafeInteger(r) ? r : undefined;
  },
  exact: (x, y) => x * y,
  float: (x, y) => mul(x, y, PREC),
};
const DIV: ArithOp = {
  // Only an exact quotient of a nonzero dividend stays an int; the rest, `0 / -5`
  // included (whose big.Float quotient is -0), is a float quotient.
  small: (x, y) => {
    if (y === 0) throw new BuiltinError("divide by zero");
    return x !== 0 && x % y === 0 ? x / y : undefined;
  },
  float: (x, y) => {
    // A zero divisor written as 0.0 or 0e5 is not caught by the int case.
    if (y.m === 0n) throw new BuiltinError("divide by zero");
    return quo(x, y, PREC);
  },
};
const REM: ArithOp = {
  small: (x, y) => {
    if (y === 0) throw new BuiltinError("modulo by zero");
    return (x % y) + 0;
  },
  exact: (x, y) => {
    if (y === 0n) throw new BuiltinError("modulo by zero");
    return x % y;
  },
  noFloat: "modulo on floating-point number",
};

function binary(name: string, infix: string, op: ArithOp, description: string): Builtin {
  return defineBuiltin({
    name,
    infix,
    args: [
      { name: "x", type: t.number },
      { name: "y", type: t.number },
    ],
    result: { name: "z", type: t.number },
    categories: ["numbers"],
    description,
    impl: (args) => evalOp(op, number(args, 1), number(args, 2)),
  });
}

/** A unary operation: int32-window ints stay JS numbers, anything else goes through a 64-bit big.Float. */
function unary(name: string, onSmall: (x: number) => number, onFloat: (f: BigFloat) => NumberValue, description: string): Builtin {
  return defineBuiltin({
    name,
    args: [{ name: "x", type: t.number }],
    result: { name: "y", type: t.number },
    categories: ["numbers"],
    description,
    impl: (args) => {
      const n = number(args, 1);
      const x = small(n);
      return x !== undefined ? onSmall(x) : onFloat(numberToFloat(n));
    },
  });
}

const HALF: BigFloat = { neg: false, m: 1n, e: -1, prec: 53 };

/** OPA's `arithRound`: ±0.5 by the sign bit, then truncation, so halves round away from zero. */
function arithRound(f: BigFloat): NumberValue {
  return numberFromBigInt(truncate(f.neg ? sub(f, HALF, PREC) : add(f, HALF, PREC)));
}

/**
 * OPA's `arithCeil`, reproduced with its quirk: it truncates, and adds one unless the
 * truncated value is negative or equal to x. Truncating -0.5 gives +0, which is not
 * negative, so `ceil(-0.5)` is 1 in OPA.
 */
function arithCeil(f: BigFloat): NumberValue {
  const i = truncate(f);
  return numberFromBigInt(i < 0n || isInt(f) ? i : i + 1n);
}

/**
 * OPA's `arithFloor`, reproduced with its quirk: it truncates, and subtracts one only
 * when the truncated value is negative and not equal to x. Truncating -0.5 gives +0,
 * so `floor(-0.5)` is 0 in OPA.
 */
function arithFloor(f: BigFloat): NumberValue {
  const i = truncate(f);
  return numberFromBigInt(i >= 0n || isInt(f) ? i : i - 1n);
}

function setDifference(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const v of a) if (!b.has(v)) out.add(v);
  return out;
}

const identity = (x: number): number => x + 0;

export const arithmeticBuiltins: readonly Builtin[] = [
  binary("plus", "+", PLUS, "Plus adds two numbers together."),
  binary("mul", "*", MUL, "Multiplies two numbers."),
  binary("div", "/", DIV, "Divides the first number by the second number."),
  binary("rem", "%", REM, "Returns the remainder for of `x` divided by `y`, for `y != 0`."),
  defineBuiltin({
    name: "minus",
    infix: "-",
    args: [
      { name: "x", type: t.anyOf(t.number, t.set()) },
      { name: "y", type: t.anyOf(t.number, t.set()) },
    ],
    result: { name: "z", type: t.anyOf(t.number, t.set()) },
    categories: ["numbers", "sets"],
    description: "Minus subtracts the second number from the first number or computes the difference between two sets.",
    impl: (args) => {
      const [a, b] = args as [Value, Value];
      if (isNumber(a) && isNumber(b)) return evalOp(MINUS, a, b);
      if (a instanceof RSet && b instanceof RSet) return setDifference(a, b);
      if (!isNumber(a) && !(a instanceof RSet)) throw OperandError.type(1, a, "number", "set");
      if (a instanceof RSet) throw OperandError.type(2, b, "set");
      throw OperandError.type(2, b, "number");
    },
  }),
  unary("abs", Math.abs, (f) => floatToNumber(abs(f)), "Returns the number without its sign."),
  unary("round", identity, arithRound, "Rounds the number to the nearest integer."),
  unary("ceil", identity, arithCeil, "Rounds the number _up_ to the nearest integer."),
  unary("floor", identity, arithFloor, "Rounds the number _down_ to the nearest integer."),
];
