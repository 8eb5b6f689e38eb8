/**
 * Arithmetic, as OPA does it: small integers exactly, any integers exactly as
 * bigints, everything else as floating point. Results come back in the narrowest
 * representation (a JS number when it is exact).
 */
import { toBigInt, toDouble, numberFromBigInt, isInteger, isNumber, type NumberValue } from "../../ast/number.js";
import { RSet, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, number } from "../operands.js";

const SMALL = 2 ** 31;

function small(n: NumberValue): number | undefined {
  return typeof n === "number" && Number.isInteger(n) && n >= -SMALL && n < SMALL ? n : undefined;
}

/** A float result: an exact JS number, or an integer beyond 2^53 as an exact number. */
function fromDouble(d: number): NumberValue {
  if (!Number.isFinite(d)) throw new BuiltinError("arithmetic result is not a finite number");
  if (Number.isInteger(d) && !Number.isSafeInteger(d)) return numberFromBigInt(BigInt(d));
  return d === 0 ? 0 : d;
}

interface ArithOp {
  readonly small: (x: number, y: number) => number | undefined;
  readonly exact?: (x: bigint, y: bigint) => bigint;
  readonly float?: (x: number, y: number) => number;
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
    const bx = toBigInt(a);
    const by = toBigInt(b);
    if (bx !== null && by !== null) return numberFromBigInt(op.exact(bx, by));
  }
  if (!op.float) throw new BuiltinError(op.noFloat!);
  return fromDouble(op.float(toDouble(a), toDouble(b)));
}

const PLUS: ArithOp = { small: (x, y) => x + y, exact: (x, y) => x + y, float: (x, y) => x + y };
const MINUS: ArithOp = { small: (x, y) => x - y, exact: (x, y) => x - y, float: (x, y) => x - y };
const MUL: ArithOp = { small: (x, y) => x * y, exact: (x, y) => x * y, float: (x, y) => x * y };
const DIV: ArithOp = {
  small: (x, y) => {
    if (y === 0) throw new BuiltinError("divide by zero");
    return x !== 0 && x % y === 0 ? x / y : undefined;
  },
  float: (x, y) => {
    if (y === 0) throw new BuiltinError("divide by zero");
    return x / y;
  },
};
const REM: ArithOp = {
  small: (x, y) => {
    if (y === 0) throw new BuiltinError("modulo by zero");
    return x % y === 0 ? 0 : x % y;
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

function unary(name: string, f: (d: number) => number, description: string): Builtin {
  return defineBuiltin({
    name,
    args: [{ name: "x", type: t.number }],
    result: { name: "y", type: t.number },
    categories: ["numbers"],
    description,
    impl: (args) => {
      const n = number(args, 1);
      if (isInteger(n)) return name === "abs" ? absExact(n) : n;
      return fromDouble(f(toDouble(n)));
    },
  });
}

function absExact(n: NumberValue): NumberValue {
  if (typeof n === "number") return Math.abs(n);
  const b = toBigInt(n)!;
  return numberFromBigInt(b < 0n ? -b : b);
}

/** Rounds half away from zero, as OPA does. */
function roundHalfAway(d: number): number {
  return d < 0 ? -Math.floor(-d + 0.5) : Math.floor(d + 0.5);
}

function setDifference(a: RSet, b: RSet): RSet {
  const out = new RSet();
  for (const v of a) if (!b.has(v)) out.add(v);
  return out;
}

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
  unary("abs", Math.abs, "Returns the number without its sign."),
  unary("round", roundHalfAway, "Rounds the number to the nearest integer."),
  unary("ceil", Math.ceil, "Rounds the number _up_ to the nearest integer."),
  unary("floor", Math.floor, "Rounds the number _down_ to the nearest integer."),
];
