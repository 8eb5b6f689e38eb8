/**
 * Exact rationals `p/q` (q > 0) as Go's `math/big.Rat` reads and prints them:
 * `SetString` for decimal text with an optional exponent, `SetFloat64`, and
 * `FloatString` (rounding half away from zero).
 */

export interface Rational {
  readonly p: bigint;
  readonly q: bigint;
}

/** The mantissa/exponent syntax `big.Rat` and `big.Float` accept (no base prefixes, no fractions). */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function reduce(r: Rational): Rational {
  const g = gcd(r.p, r.q);
  return g > 1n ? { p: r.p / g, q: r.q / g } : r;
}

/** Decimal text like "-1.5e3", ".5" or "5." as an exact rational, or undefined if malformed. */
export function parseDecimal(text: string): Rational | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign = "", intPart = "", frac = "", exp = "0"] = m;
  if (intPart === "" && frac === "") return undefined;
  let p = BigInt(intPart + frac);
  if (sign === "-") p = -p;
  const e = Number(exp) - frac.length;
  return e >= 0 ? { p: p * 10n ** BigInt(e), q: 1n } : reduce({ p, q: 10n ** BigInt(-e) });
}

/** The exact value of a finite float64. */
export function fromFloat64(x: number): Rational {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  let exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (exp === 0) exp++;
  else mant |= 1n << 52n;
  if (hi >>> 31 === 1) mant = -mant;
  const e = exp - 1075;
  return e >= 0 ? { p: mant << BigInt(e), q: 1n } : reduce({ p: mant, q: 1n << BigInt(-e) });
}

export function multiply(a: Rational, b: Rational): Rational {
  return reduce({ p: a.p * b.p, q: a.q * b.q });
}

/** `big.Rat.FloatString(prec)`: `prec` digits after the point, the last rounded half away from zero. */
export function floatString(r: Rational, prec: number): string {
  const neg = r.p < 0n;
  const a = neg ? -r.p : r.p;
  let q = a / r.q;
  let rem = a % r.q;
  const scale = 10n ** BigInt(prec);
  rem *= scale;
  let digits = rem / r.q;
  const r2 = (rem % r.q) * 2n;
  if (r.q <= r2) {
    digits++;
    if (digits >= scale) {
      q++;
      digits -= scale;
    }
  }
  let out = (neg ? "-" : "") + q.toString();
  if (prec > 0) out += "." + digits.toString().padStart(prec, "0");
  return out;
}
