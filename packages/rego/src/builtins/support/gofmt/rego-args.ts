/**
 * How OPA hands Rego values to Go: a number becomes an `int` when its text parses as
 * an int64, else a `*big.Int` when it is an integer, else a `float64` when it is in
 * range, else its text; a string stays a string; anything else becomes its Rego
 * text (`Term.String()`).
 */
import { isNumber, numberText, type NumberValue } from "../../../ast/number.js";
import type { Value } from "../../../ast/value.js";
import { valueToString } from "../../../ast/value-string.js";
import type { GoArg } from "./printf.js";

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;
const INT_TEXT = /^[+-]?\d+$/;

/** The number's text, as OPA's `ast.Number` holds it. */
export function numberTextOf(n: NumberValue): string {
  return typeof n === "number" ? numberText(n) : n.text;
}

/** OPA's `Number.Int64()`: the value when the text is an integer within int64, else undefined. */
export function goInt64(n: NumberValue): bigint | undefined {
  if (typeof n === "number" && Number.isSafeInteger(n)) return BigInt(n);
  const text = numberTextOf(n);
  if (!INT_TEXT.test(text)) return undefined;
  const b = BigInt(text);
  return b >= MIN_INT64 && b <= MAX_INT64 ? b : undefined;
}

/** The Go operand `sprintf` passes for an element of its array. */
export function toGoArg(v: Value): GoArg {
  if (typeof v === "string") return { kind: "string", value: v };
  if (!isNumber(v)) return { kind: "string", value: valueToString(v) };
  if (typeof v === "number" && Number.isSafeInteger(v)) return { kind: "int", value: BigInt(v) };
  const text = numberTextOf(v);
  if (INT_TEXT.test(text)) {
    const b = BigInt(text);
    return { kind: b >= MIN_INT64 && b <= MAX_INT64 ? "int" : "bigint", value: b };
  }
  const d = Number(text);
  if (Number.isFinite(d)) return { kind: "float64", value: d };
  return { kind: "string", value: text };
}
