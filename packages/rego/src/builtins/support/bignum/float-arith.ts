/**
 * big.Float arithmetic: `Add`, `Sub`, `Mul`, `Quo` and `Cmp`. Each computes the exact
 * result and rounds it once to the precision it is given, which is how big.Float
 * behaves (its `uadd`, `umul` and `uquo` keep every bit until `round`). The signs of
 * zero results follow Go: a sum that cancels out is +0, `-0 + -0` is -0, and a
 * product or quotient takes the exclusive-or of the operands' signs.
 */
import { bitLength, roundFloat, roundQuotient, zero, type BigFloat } from "./binary-float.js";

export function add(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  if (x.m === 0n) return y.m === 0n ? zero(x.neg && y.neg, prec) : roundFloat(y.neg, y.m, y.e, prec);
  if (y.m === 0n) return roundFloat(x.neg, x.m, x.e, prec);
  const e = Math.min(x.e, y.e);
  const a = x.m << BigInt(x.e - e);
  const b = y.m << BigInt(y.e - e);
  const sum = (x.neg ? -a : a) + (y.neg ? -b : b);
  if (sum === 0n) return zero(false, prec);
  return sum < 0n ? roundFloat(true, -sum, e, prec) : roundFloat(false, sum, e, prec);
}

export function sub(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  return add(x, { ...y, neg: !y.neg }, prec);
}

export function mul(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  const neg = x.neg !== y.neg;
  if (x.m === 0n || y.m === 0n) return zero(neg, prec);
  return roundFloat(neg, x.m * y.m, x.e + y.e, prec);
}

/** `x / y`; the caller rules out a zero divisor (Go panics or gives ±Inf there). */
export function quo(x: BigFloat, y: BigFloat, prec: number): BigFloat {
  if (y.m === 0n) throw new RangeError("division by zero");
  return roundQuotient(x.neg !== y.neg, x.m, y.m, x.e - y.e, prec);
}

/** -1, 0 or 1 by value; the two zeros are equal. */
export function cmp(x: BigFloat, y: BigFloat): number {
  if (x.m === 0n && y.m === 0n) return 0;
  const sx = x.m === 0n ? 0 : x.neg ? -1 : 1;
  const sy = y.m === 0n ? 0 : y.neg ? -1 : 1;
  if (sx !== sy) return sx < sy ? -1 : 1;
  return sx * cmpMagnitude(x, y);
}

function cmpMagnitude(x: BigFloat, y: BigFloat): number {
  const tx = x.e + bitLength(x.m);
  const ty = y.e + bitLength(y.m);
  if (tx !== ty) return tx < ty ? -1 : 1;
  const e = Math.min(x.e, y.e);
  const a = x.m << BigInt(x.e - e);
  const b = y.m << BigInt(y.e - e);
  return a < b ? -1 : a > b ? 1 : 0;
}
