/**
 * Exact numbers.
 *
 * Most numbers are plain JS numbers. A number that a JS number cannot hold exactly
 * (an integer beyond 2^53, or a literal whose text is not what `String(n)` prints,
 * such as `1.0` or `1e3`) is an `RNumber` that keeps its source text, as OPA keeps
 * `json.Number` text. `1` and `1.0` are equal under comparison and hashing.
 *
 * A JS number stands for the decimal `String(n)` prints, as the text it came from
 * (a literal, or JSON such as `1e30`) said: a double beyond 2^53 is that decimal
 * (10^30 for `1e30`), not the binary value nearest it (1000000000000000019884624838656).
 */
export class RNumber {
  readonly text: string;
  #big: bigint | null | undefined;

  constructor(text: string, big?: bigint) {
    this.text = text;
    this.#big = big;
  }

  /** The exact integer value, or null when the number has a fractional part. */
  get bigint(): bigint | null {
    if (this.#big === undefined) this.#big = INT_TEXT.test(this.text) ? BigInt(this.text) : decimalToBigInt(parseDecimal(this.text));
    return this.#big;
  }

  toNumber(): number {
    return Number(this.text);
  }

  toString(): string {
    return this.text;
  }
}

export type NumberValue = number | RNumber;

const INT_TEXT = /^-?\d+$/;

/** A number from literal text: a JS number when that loses nothing, else an RNumber. */
export function numberFromText(text: string): NumberValue {
  const n = Number(text);
  if (INT_TEXT.test(text)) {
    if (Number.isSafeInteger(n) && String(n) === text) return n;
    return new RNumber(text);
  }
  if (String(n) === text) return n;
  return new RNumber(text);
}

/** A number from an exact integer. */
export function numberFromBigInt(b: bigint): NumberValue {
  if (b >= MIN_SAFE && b <= MAX_SAFE) return Number(b);
  return new RNumber(b.toString(), b);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = -MAX_SAFE;

export function isNumber(v: unknown): v is NumberValue {
  return typeof v === "number" || v instanceof RNumber;
}

export function toDouble(n: NumberValue): number {
  return typeof n === "number" ? n : n.toNumber();
}

/** The exact integer value of `n`, or null when it is not an integer. */
export function toBigInt(n: NumberValue): bigint | null {
  if (typeof n === "number") {
    if (Number.isSafeInteger(n)) return BigInt(n);
    return Number.isInteger(n) ? wideIntegerValue(n) : null;
  }
  return n.bigint;
}

/** The value of an integer double beyond 2^53: the decimal it prints as (see the file comment). */
function wideIntegerValue(n: number): bigint {
  return decimalToBigInt(parseDecimal(String(n)))!;
}

export function isInteger(n: NumberValue): boolean {
  return typeof n === "number" ? Number.isInteger(n) : n.bigint !== null;
}

/** A JS safe integer equal to `n`, or undefined. */
export function toSafeInteger(n: NumberValue): number | undefined {
  if (typeof n === "number") return Number.isSafeInteger(n) ? n : undefined;
  const b = n.bigint;
  if (b === null || b > MAX_SAFE || b < MIN_SAFE) return undefined;
  return Number(b);
}

/** A decimal `m × 10^e`, exact. */
interface Decimal {
  readonly m: bigint;
  readonly e: number;
}

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(text: string): Decimal {
  const match = DECIMAL.exec(text);
  if (!match) return { m: 0n, e: 0 };
  const [, sign, intPart = "", frac = "", exp = "0"] = match;
  const digits = (intPart + frac).replace(/^0+(?=\d)/, "") || "0";
  const m = BigInt(sign + digits);
  return { m, e: Number(exp) - frac.length };
}

function decimalOf(n: NumberValue): Decimal {
  if (typeof n === "number") return parseDecimal(numberText(n));
  return parseDecimal(n.text);
}

function decimalToBigInt(d: Decimal): bigint | null {
  if (d.m === 0n) return 0n;
  if (d.e >= 0) return d.m * 10n ** BigInt(d.e);
  const div = 10n ** BigInt(-d.e);
  return d.m % div === 0n ? d.m / div : null;
}

/**
 * -1, 0 or 1: numeric order, as OPA's `NumberCompare` (v1/ast/compare.go, 1.20.1 on)
 * decides it. That is exact, but for one shortcut: when both texts end in a '.' or
 * '0' that trimming removes and still hold a '.' after it ("0.10", "1.5e-10"), equal
 * float64 values count as equal numbers, so `0.10 == 0.100000000000000000010`.
 * (OPA up to 1.19.1 compared the trimmed texts themselves, so there `10.0 == 1`.)
 */
export function compareNumbers(a: NumberValue, b: NumberValue): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (equalAsFloat64(a, b)) return 0;
  const ai = toBigInt(a);
  const bi = toBigInt(b);
  if (ai !== null && bi !== null) return ai < bi ? -1 : ai > bi ? 1 : 0;
  const da = decimalOf(a);
  const db = decimalOf(b);
  const e = Math.min(da.e, db.e);
  const ma = da.m * 10n ** BigInt(da.e - e);
  const mb = db.m * 10n ** BigInt(db.e - e);
  return ma < mb ? -1 : ma > mb ? 1 : 0;
}

/** The text OPA would hold for the number: a JS number stands for `String(n)`. */
function textOf(n: NumberValue): string {
  return typeof n === "number" ? String(n) : n.text;
}

/** Whether `strings.TrimRight(text, ".0")` changes the text and leaves a '.' in it. */
function floatAfterTrim(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if ((last !== 48 && last !== 46) || !text.includes(".")) return false;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 48 || text.charCodeAt(end - 1) === 46)) end--;
  return end > 0 && text.lastIndexOf(".", end - 1) !== -1;
}

/** OPA's float64 shortcut (see compareNumbers); a float64 out of range does not count. */
function equalAsFloat64(a: NumberValue, b: NumberValue): boolean {
  // Look at an RNumber's text first: a JS number's would have to be built.
  if (typeof a === "number") return typeof b !== "number" && equalAsFloat64(b, a);
  const ta = a.text;
  if (!floatAfterTrim(ta)) return false;
  const tb = textOf(b);
  if (!floatAfterTrim(tb)) return false;
  const fa = Number(ta);
  return Number.isFinite(fa) && fa === Number(tb);
}

/**
 * A hashable primitive standing for the number: equal numbers give the same key
 * (`1`, `1.0` and `RNumber("1")` all give `1`). A fraction is keyed by the double
 * whose shortest text it equals exactly (`0.10` by 0.1), and otherwise by a string
 * of its exact decimal, so that two fractions that share a nearest double but differ
 * in value (`1/3` at 64 bits, 0.33333333333333333334, and 0.3333333333333333) stay
 * two set members, as in OPA.
 */
export function numberKey(n: NumberValue): number | bigint | string {
  if (typeof n === "number") {
    return Number.isSafeInteger(n) || !Number.isInteger(n) ? n + 0 : wideIntegerValue(n);
  }
  const b = n.bigint;
  if (b === null) return fractionKey(n.text);
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

function fractionKey(text: string): number | string {
  const exact = canonicalDecimal(text);
  const d = Number(text);
  return Number.isFinite(d) && canonicalDecimal(String(d)) === exact ? d : "~" + exact;
}

/** `<sign><digits>e<exp>` with no leading or trailing zeros in the digits: one text per value. */
function canonicalDecimal(text: string): string {
  const match = DECIMAL.exec(text);
  if (!match) return text;
  const [, sign, intPart = "", frac = "", exp = "0"] = match;
  const all = intPart + frac;
  let start = 0;
  while (start < all.length - 1 && all.charCodeAt(start) === 48) start++;
  let end = all.length;
  while (end > start + 1 && all.charCodeAt(end - 1) === 48) end--;
  return `${sign}${all.slice(start, end)}e${Number(exp) - frac.length + (all.length - end)}`;
}

/**
 * The text a number prints as, following OPA (Go's `big.Float.Text`): integers print
 * in full with no exponent (`'f'`); other numbers use the shortest round-trip digits
 * in `'g'` form, which switches to an exponent below 1e-4 and from 1e6 up, with at
 * least two exponent digits (`1e-07`, `1.5e+06`).
 */
export function numberText(n: NumberValue): string {
  if (typeof n !== "number") return n.text;
  if (Number.isInteger(n)) {
    if (Number.isSafeInteger(n)) return Object.is(n, -0) ? "0" : String(n);
    return wideIntegerValue(n).toString();
  }
  const [mantissa = "", expText = "0"] = n.toExponential().split("e");
  const exp = Number(expText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace(/^-/, "").replace(".", "");
  const sign = negative ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? "." + digits.slice(1) : "";
    const absExp = String(Math.abs(exp)).padStart(2, "0");
    return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${absExp}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  const intLen = exp + 1;
  if (digits.length <= intLen) return sign + digits + "0".repeat(intLen - digits.length);
  return `${sign}${digits.slice(0, intLen)}.${digits.slice(intLen)}`;
}
