/**
 * Go's `math/big.Float`, finite values only: `±m × 2^e` carried at a precision of
 * `prec` mantissa bits. OPA computes with it at the default 64 bits (53 where it
 * starts from `big.NewFloat`, 128 and 192 inside decimal parsing), and every
 * operation rounds its exact result to the destination's precision, half to even
 * (big.Float's default mode). This file holds the representation, the rounding and
 * the conversions; `float-arith.ts`, `float-parse.ts` and `float-text.ts` build on it.
 */
export interface BigFloat {
  /** The sign, kept for zero as well: Go has a negative zero and prints it "-0". */
  readonly neg: boolean;
  /** The mantissa's magnitude, at most `prec` bits; 0n for zero. Not normalized. */
  readonly m: bigint;
  /** The binary exponent of the mantissa's last bit. */
  readonly e: number;
  readonly prec: number;
}

/** big.Float's exponent range (`MinExp`, `MaxExp`), for the value written as 0.mant × 2^exp. */
const MAX_EXP = 2 ** 31 - 1;
const MIN_EXP = -(2 ** 31);

/** Bits in `x` (x >= 0), without building a binary string. */
export function bitLength(x: bigint): number {
  if (x === 0n) return 0;
  const hex = x.toString(16);
  return hex.length * 4 + 28 - Math.clz32(parseInt(hex[0]!, 16));
}

export function zero(neg: boolean, prec: number): BigFloat {
  return { neg, m: 0n, e: 0, prec };
}

/**
 * `±m × 2^e` rounded to `prec` bits, half to even. Past big.Float's exponent range a
 * result underflows to a signed zero; overflow (Go's ±Inf) is refused, as no OPA
 * number can hold an infinity.
 */
export function roundFloat(neg: boolean, m: bigint, e: number, prec: number): BigFloat {
  if (m === 0n) return zero(neg, prec);
  let n = bitLength(m);
  if (n > prec) {
    const s = BigInt(n - prec);
    let q = m >> s;
    const rest = m - (q << s);
    const half = 1n << (s - 1n);
    if (rest > half || (rest === half && (q & 1n) === 1n)) q++;
    e += n - prec;
    // Rounding up can carry into a new top bit (q == 2^prec); the shift drops a zero.
    if (bitLength(q) > prec) {
      q >>= 1n;
      e++;
    }
    m = q;
    n = prec;
  }
  const top = e + n;
  if (top > MAX_EXP) throw new RangeError("number out of range");
  if (top < MIN_EXP) return zero(neg, prec);
  return { neg, m, e, prec };
}

/**
 * `num / den × 2^e` rounded to `prec` bits: the quotient is taken to at least two
 * bits past the precision, and a nonzero remainder sets a sticky last bit, so the
 * rounding sees whether the dropped part was below, at or above one half.
 */
export function roundQuotient(neg: boolean, num: bigint, den: bigint, e: number, prec: number): BigFloat {
  if (num === 0n) return zero(neg, prec);
  const k = Math.max(0, prec + 2 + bitLength(den) - bitLength(num));
  const scaled = num << BigInt(k);
  const q = scaled / den;
  const sticky = scaled % den === 0n ? 0n : 1n;
  return roundFloat(neg, (q << 1n) | sticky, e - k - 1, prec);
}

/**
 * Go's `new(big.Float).SetInt(i)`: the precision becomes the larger of the integer's
 * bit length and 64, so the integer is held exactly. Zero is a positive zero.
 */
export function fromBigInt(i: bigint, prec?: number): BigFloat {
  const neg = i < 0n;
  const m = neg ? -i : i;
  return roundFloat(neg, m, 0, prec ?? Math.max(bitLength(m), 64));
}

/** `Float.IsInt`: zero and every value without a fractional part. */
export function isInt(f: BigFloat): boolean {
  if (f.m === 0n || f.e >= 0) return true;
  return (f.m & ((1n << BigInt(-f.e)) - 1n)) === 0n;
}

/** `Float.Int`: the value truncated towards zero (a negative zero gives 0). */
export function truncate(f: BigFloat): bigint {
  const abs = f.e >= 0 ? f.m << BigInt(f.e) : f.m >> BigInt(-f.e);
  return f.neg ? -abs : abs;
}

export function abs(f: BigFloat): BigFloat {
  return f.neg ? { ...f, neg: false } : f;
}
