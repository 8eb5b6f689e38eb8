/**
 * Values printed in Rego syntax, as OPA's `Term.String()` prints them: strings quoted
 * the way Go's `strconv.Quote` quotes them, sets as `{…}` (empty: `set()`), object
 * keys in order. `sprintf` and `print` use this for composite operands.
 */
import { RNumber, numberText } from "./number.js";
import { RSet, RObject, sortedKeys, type Value, type JsonObject } from "./value.js";

export function valueToString(v: Value): string {
  switch (typeof v) {
    case "string":
      return goQuote(v);
    case "number":
      return numberText(v);
    case "boolean":
      return v ? "true" : "false";
  }
  if (v === null) return "null";
  if (v instanceof RNumber) return v.text;
  if (Array.isArray(v)) return "[" + v.map(valueToString).join(", ") + "]";
  if (v instanceof RSet) return v.size === 0 ? "set()" : "{" + v.sorted().map(valueToString).join(", ") + "}";
  if (v instanceof RObject) return "{" + v.entries().map(([k, x]) => `${valueToString(k)}: ${valueToString(x)}`).join(", ") + "}";
  const o = v as JsonObject;
  return "{" + sortedKeys(o).map((k) => `${goQuote(k)}: ${valueToString(o[k]!)}`).join(", ") + "}";
}

/** Go's `strconv.Quote`: escapes quotes, backslashes and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c <= 0xdfff) out += "\\ufffd";
    else if (!isPrintable(c)) out += c > 0xffff ? "\\U" + c.toString(16).padStart(8, "0") : "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}]|[\p{Zs}]/u;

function isPrintable(c: number): boolean {
  if (c === 0x20) return true;
  return !NON_PRINTABLE.test(String.fromCodePoint(c));
}
