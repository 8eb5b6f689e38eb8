/**
 * Go's `big.Float.Text(format, -1)` for the 'f' and 'g' formats: the shortest decimal
 * that identifies the value among floats of its precision, which is how OPA prints
 * every number it computes (`builtins.FloatToNumber`).
 *
 * The shortest digits follow big.Float's own `roundShortest`, not the textbook
 * algorithm: the rounding interval is half a unit in the last place on both sides
 * (even just above a power of two, where the lower neighbour is nearer), its bounds
 * count only when the mantissa is even, and the bounds' digits are compared with the
 * value's position by position. Those details decide the digits in rare cases, and
 * OPA's output is what Go prints.
 */
import { bitLength, isInt, type BigFloat } from "./binary-float.js";

/** `0.digits × 10^exp`; digits carry no trailing zeros, and zero has none at all. */
interface Decimal {
  readonly digits: string;
  readonly exp: number;
}

const ZERO: Decimal = { digits: "", exp: 0 };

/** The exact decimal value of `m × 2^shift`. */
function decimalOf(m: bigint, shift: number): Decimal {
  if (m === 0n) return ZERO;
  // Trailing zero bits only lengthen the power of five below; drop them first.
  while (shift < 0 && (m & 1n) === 0n) {
    m >>= 1n;
    shift++;
  }
  const s = shift >= 0 ? (m << BigInt(shift)).toString() : (m * 5n ** BigInt(-shift)).toString();
  const exp = shift >= 0 ? s.length : s.length + shift;
  return trim(s, exp);
}

function trim(digits: string, exp: number): Decimal {
  let n = digits.length;
  while (n > 0 && digits.charCodeAt(n - 1) === 48) n--;
  return n === 0 ? ZERO : { digits: digits.slice(0, n), exp };
}

/** The digit at `i`, as a char code, or '0' past the end. */
function at(d: Decimal, i: number): number {
  return i >= 0 && i < d.digits.length ? d.digits.charCodeAt(i) : 48;
}

function roundDown(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  return trim(d.digits.slice(0, n), d.exp);
}

function roundUp(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  while (n > 0 && d.digits.charCodeAt(n - 1) >= 57) n--;
  if (n === 0) return { digits: "1", exp: d.exp + 1 };
  return { digits: d.digits.slice(0, n - 1) + String.fromCharCode(d.digits.charCodeAt(n - 1) + 1), exp: d.exp };
}

/** To `n` digits, half to even. */
function roundNearest(d: Decimal, n: number): Decimal {
  if (n < 0 || n >= d.digits.length) return d;
  const c = d.digits.charCodeAt(n);
  const up = c === 53 && n + 1 === d.digits.length ? n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1 : c >= 53;
  return up ? roundUp(d, n) : roundDown(d, n);
}

/** The fewest digits that still read back as `f` at its precision, as big.Float finds them. */
function shortest(d: Decimal, f: BigFloat): Decimal {
  if (d.digits === "") return d;
  // The mantissa widened to prec+1 bits, so that its last bit is half a unit.
  const shift = f.prec + 1 - bitLength(f.m);
  const mant = f.m << BigInt(shift);
  const exp = f.e - shift;
  const lower = decimalOf(mant - 1n, exp);
  const upper = decimalOf(mant + 1n, exp);
  // The bounds themselves read back as f only when its mantissa is even (ties to even).
  const inclusive = (mant & 2n) === 0n;
  for (let i = 0; i < d.digits.length; i++) {
    const m = d.digits.charCodeAt(i);
    const l = at(lower, i);
    const u = at(upper, i);
    const okDown = l !== m || (inclusive && i + 1 === lower.digits.length);
    const okUp = m !== u && (inclusive || m + 1 < u || i + 1 < upper.digits.length);
    if (okDown && okUp) return roundNearest(d, i + 1);
    if (okDown) return roundDown(d, i + 1);
    if (okUp) return roundUp(d, i + 1);
  }
  return d;
}

/** `%f` with `frac` digits after the point. */
function fixed(d: Decimal, frac: number): string {
  let out: string;
  if (d.exp > 0) {
    const whole = d.digits.slice(0, d.exp);
    out = whole + "0".repeat(d.exp - whole.length);
  } else {
    out = "0";
  }
  if (frac > 0) {
    let tail = ".";
    for (let i = 0; i < frac; i++) tail += String.fromCharCode(at(d, d.exp + i));
    out += tail;
  }
  return out;
}

/** `%e` with `frac` digits after the point and at least two exponent digits. */
function exponential(d: Decimal, frac: number): string {
  let out = d.digits === "" ? "0" : d.digits[0]!;
  if (frac > 0) out += "." + d.digits.slice(1, frac + 1).padEnd(frac, "0");
  const x = d.digits === "" ? 0 : d.exp - 1;
  return `${out}e${x < 0 ? "-" : "+"}${String(Math.abs(x)).padStart(2, "0")}`;
}

/** `f.Text('f', -1)`: every integer digit, no exponent. */
export function textF(f: BigFloat): string {
  const d = shortest(decimalOf(f.m, f.e), f);
  return (f.neg ? "-" : "") + fixed(d, Math.max(d.digits.length - d.exp, 0));
}

/** `f.Text('g', -1)`: an exponent below 1e-4 and from 1e6 up (Go's `eprec = 6` for shortest). */
export function textG(f: BigFloat): string {
  const d = shortest(decimalOf(f.m, f.e), f);
  const x = d.exp - 1;
  const body = x < -4 || x >= 6 ? exponential(d, d.digits.length - 1) : fixed(d, Math.max(d.digits.length - d.exp, 0));
  return (f.neg ? "-" : "") + body;
}

/** OPA's `FloatToNumber` text: 'f' for integers (so they never get an exponent), else 'g'. */
export function floatNumberText(f: BigFloat): string {
  return isInt(f) ? textF(f) : textG(f);
}
