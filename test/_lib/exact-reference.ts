/**
 * An independent reference for the big.Float tests: exact rational arithmetic, and
 * rounding to a given number of mantissa bits written from the definition (the
 * nearest value `m × 2^e` with `m` below 2^prec, ties to the even `m`). It shares no
 * code with the implementation under test.
 */

/** `n / d` with `d > 0`. */
export interface Exact {
  readonly n: bigint;
  readonly d: bigint;
}

/** What the tests read from a BigFloat: sign, mantissa and exponent. */
export interface FloatParts {
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
}

export function exactOf(f: FloatParts): Exact {
  const n = f.neg ? -f.m : f.m;
  return f.e >= 0 ? { n: n << BigInt(f.e), d: 1n } : { n, d: 1n << BigInt(-f.e) };
}

export function decimalExact(digits: bigint, exp10: number): Exact {
  return exp10 >= 0 ? { n: digits * 10n ** BigInt(exp10), d: 1n } : { n: digits, d: 10n ** BigInt(-exp10) };
}

export const plus = (a: Exact, b: Exact): Exact => ({ n: a.n * b.d + b.n * a.d, d: a.d * b.d });
export const minus = (a: Exact, b: Exact): Exact => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const times = (a: Exact, b: Exact): Exact => ({ n: a.n * b.n, d: a.d * b.d });
export const over = (a: Exact, b: Exact): Exact => (b.n < 0n ? { n: -a.n * b.d, d: a.d * -b.n } : { n: a.n * b.d, d: a.d * b.n });

export function sameValue(a: Exact, b: Exact): boolean {
  return a.n * b.d === b.n * a.d;
}

function bits(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** The value nearest to `x` with a `prec`-bit mantissa, ties to even. */
export function nearest(x: Exact, prec: number): Exact {
  if (x.n === 0n) return { n: 0n, d: 1n };
  const neg = x.n < 0n;
  let n = neg ? -x.n : x.n;
  let d = x.d;
  // Choose e so that 2^(prec-1) <= (n/d) / 2^e < 2^prec.
  let e = bits(n) - bits(d) - prec;
  if (e > 0) d <<= BigInt(e);
  else n <<= BigInt(-e);
  while (n >= d << BigInt(prec)) {
    d <<= 1n;
    e++;
  }
  while (n < d << BigInt(prec - 1)) {
    n <<= 1n;
    e--;
  }
  let m = n / d;
  const twice = 2n * (n % d);
  if (twice > d || (twice === d && m % 2n === 1n)) m++;
  return exactOf({ neg, m, e });
}

/** A small seeded generator, so failures reproduce. */
export function seeded(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return Math.floor((s / 2 ** 31) * n);
  };
}

/** A random mantissa of exactly `n` bits (n >= 1). */
export function randomBits(rand: (n: number) => number, n: number): bigint {
  let m = 1n;
  for (let i = 1; i < n; i++) m = (m << 1n) | BigInt(rand(2));
  return m;
}
