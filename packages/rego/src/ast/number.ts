/**
 * Exact numbers.
 *
 * Most numbers are plain JS numbers. A number that a JS number cannot hold exactly
 * (an integer beyond 2^53, or a literal whose text is not what `String(n)` prints,
 * such as `1.0` or `1e3`) is an `RNumber` that keeps its source text, as OPA keeps
 * `json.Number` text. `1` and `1.0` are equal under comparison and hashing.
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
  if (typeof n === "number") return Number.isInteger(n) ? BigInt(n) : null;
  return n.bigint;
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

/** -1, 0 or 1: numeric order, exact for every representation. */
export function compareNumbers(a: NumberValue, b: NumberValue): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
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

/**
 * A hashable primitive standing for the number: equal numbers give the same key
 * (`1`, `1.0` and `RNumber("1")` all give `1`).
 */
export function numberKey(n: NumberValue): number | bigint {
  if (typeof n === "number") {
    return Number.isSafeInteger(n) || !Number.isInteger(n) ? n + 0 : BigInt(n);
  }
  const b = n.bigint;
  if (b === null) return n.toNumber();
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
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
    return BigInt(n).toString();
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
