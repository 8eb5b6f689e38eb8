/** Decoding literal tokens into values; errors are returned as messages. */
import { numberFromText, type NumberValue } from "../ast/number.js";

export type Decoded<T> = { ok: true; value: T } | { ok: false; message: string };

/** A `"…"` literal: JSON escapes, as OPA decodes it with `json.Unmarshal`. */
export function decodeString(image: string): Decoded<string> {
  const inner = image.slice(1, -1);
  if (!inner.includes("\\")) return { ok: true, value: inner };
  try {
    return { ok: true, value: JSON.parse(image) as string };
  } catch {
    return { ok: false, message: `illegal string literal: ${image}` };
  }
}

/** Decimal exponents beyond this are refused, as OPA refuses binary exponents beyond 1e5. */
const MAX_DECIMAL_EXPONENT = 30000;

/** A number literal's text (with its sign and a leading `.` already joined in). */
export function decodeNumber(text: string): Decoded<NumberValue> {
  const unsigned = text.startsWith("-") ? text.slice(1) : text;
  if (unsigned.length > 1 && unsigned[0] === "0" && unsigned[1] !== "." && unsigned[1] !== "e" && unsigned[1] !== "E") {
    return { ok: false, message: "expected number without leading zero" };
  }
  const normalized = unsigned.startsWith(".") ? text.replace(".", "0.") : text;
  const exp = /[eE]([+-]?\d+)$/.exec(normalized);
  if (exp && Math.abs(Number(exp[1])) > MAX_DECIMAL_EXPONENT) return { ok: false, message: "number too big" };
  return { ok: true, value: numberFromText(normalized) };
}
