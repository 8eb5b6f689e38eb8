/**
 * Go's `math/big.Float` at its default 64-bit precision, as far as
 * `units.parse_bytes` needs it: values rounded to a 64-bit mantissa (half to even)
 * after each operation, and truncation to an integer.
 */
import type { Rational } from "./rational.js";

/** `±m × 2^e` with `m` below 2^64 (or exactly 2^64 after rounding up). */
export interface Float64Bit {
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** Rounds the exact rational to a 64-bit mantissa. */
export function round64(r: Rational): Float64Bit {
  const neg = r.p < 0n;
  let num = neg ? -r.p : r.p;
  if (num === 0n) return { neg, m: 0n, e: 0 };
  let den = r.q;
  // Scale so that 2^63 <= num/den < 2^64, tracking the binary exponent.
  let e = bitLength(num) - bitLength(den) - 64;
  if (e > 0) den <<= BigInt(e);
  else if (e < 0) num <<= BigInt(-e);
  while (num >= den << 64n) {
    den <<= 1n;
    e++;
  }
  while (num < den << 63n) {
    num <<= 1n;
    e--;
  }
  let m = num / den;
  const twice = (num % den) * 2n;
  if (twice > den || (twice === den && (m & 1n) === 1n)) m++;
  return { neg, m, e };
}

/** The value as an exact rational. */
export function toRational(f: Float64Bit): Rational {
  const p = f.neg ? -f.m : f.m;
  return f.e >= 0 ? { p: p << BigInt(f.e), q: 1n } : { p, q: 1n << BigInt(-f.e) };
}

/** `Float.Int`: the value truncated towards zero. */
export function truncate(f: Float64Bit): bigint {
  const abs = f.e >= 0 ? f.m << BigInt(f.e) : f.m >> BigInt(-f.e);
  return f.neg ? -abs : abs;
}
