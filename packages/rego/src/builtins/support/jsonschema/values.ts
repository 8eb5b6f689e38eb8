/**
 * JSON documents as gojsonschema sees them: plain JSON values (numbers keep their
 * text, as `json.Number`), exact decimal arithmetic for numeric keywords, and the
 * canonical text (`marshalWithoutNumber`) that `const`, `enum` and `uniqueItems`
 * compare.
 */
import { quoteString } from "../../../ast/json.js";
import { RNumber, isNumber, numberText, type NumberValue } from "../../../ast/number.js";
import { isObject, sortedKeys, type JsonObject, type Value } from "../../../ast/value.js";

/** A number's JSON text. */
export function numText(n: NumberValue): string {
  return typeof n === "number" ? numberText(n) : n.text;
}

/** An exact decimal `m × 10^e`. */
export interface Decimal {
  readonly m: bigint;
  readonly e: number;
}

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function toDecimal(n: NumberValue): Decimal {
  const match = DECIMAL.exec(numText(n));
  if (!match) return { m: 0n, e: 0 };
  const [, sign, int = "", frac = "", exp = "0"] = match;
  const digits = (int + frac).replace(/^0+(?=\d)/, "") || "0";
  return { m: BigInt(sign + digits), e: Number(exp) - frac.length };
}

function align(a: Decimal, b: Decimal): [bigint, bigint] {
  const e = Math.min(a.e, b.e);
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e)];
}

export function compareDecimal(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `a / b` is an integer (`b` is positive). */
export function isMultiple(a: Decimal, b: Decimal): boolean {
  const [x, y] = align(a, b);
  return x % y === 0n;
}

export function isIntegral(d: Decimal): boolean {
  if (d.e >= 0 || d.m === 0n) return true;
  return d.m % 10n ** BigInt(-d.e) === 0n;
}

/** `fmt.Sprint(new(big.Float).SetRat(d))`: shortest digits, `%e` style outside 1e-4 ≤ |d| < 1e6. */
export function formatDecimal(d: Decimal): string {
  if (d.m === 0n) return "0";
  const neg = d.m < 0n;
  let digits = (neg ? -d.m : d.m).toString();
  let e = d.e;
  while (digits.length > 1 && digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    e++;
  }
  const exp = digits.length - 1 + e;
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 6) {
    const frac = digits.length > 1 ? "." + digits.slice(1) : "";
    return `${sign}${digits[0]}${frac}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return sign + digits + "0".repeat(exp + 1 - digits.length);
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Go's `encoding/json` text for a float64. */
function goFloatJSON(d: number): string {
  return Object.is(d, -0) ? "-0" : String(d);
}

/**
 * gojsonschema's `marshalWithoutNumber`: JSON text after a round trip through
 * float64, so `1`, `1.0` and `1e0` compare equal. Keys sorted, HTML-safe strings.
 */
export function canonicalJSON(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return quoteString(v);
  if (isNumber(v)) return goFloatJSON(typeof v === "number" ? v : v.toNumber());
  if (Array.isArray(v)) return "[" + v.map(canonicalJSON).join(",") + "]";
  const o = v as JsonObject;
  return "{" + sortedKeys(o).map((k) => quoteString(k) + ":" + canonicalJSON(o[k]!)).join(",") + "}";
}

export function isJSONObject(v: Value): v is JsonObject {
  return isObject(v);
}

export { RNumber };
