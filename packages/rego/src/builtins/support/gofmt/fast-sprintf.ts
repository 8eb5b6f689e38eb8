/**
 * `sprintf` for the formats policies use most (`%s`, `%d`, `%q`, `%%` with strings and
 * safe integers, one operand per verb), without building Go operands. Anything else
 * (flags, widths, other verbs, other operand types, a count mismatch, text Go would
 * escape) answers undefined, and the caller runs the full Go emulation.
 */
import type { Value } from "../../../ast/value.js";

const PERCENT = 0x25;

/** True when Go's `%q` leaves `s` as is between quotes: printable ASCII, no `"` or `\`. */
function plainQuotable(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

export function fastSprintf(format: string, items: readonly Value[]): string | undefined {
  let out = "";
  let next = 0;
  let start = 0;
  for (let i = format.indexOf("%"); i >= 0; i = format.indexOf("%", start)) {
    out += format.slice(start, i);
    const verb = format.charCodeAt(i + 1);
    start = i + 2;
    if (verb === PERCENT) {
      out += "%";
      continue;
    }
    if (next >= items.length) return undefined;
    const arg = items[next++]!;
    switch (verb) {
      case 0x73: // s
        if (typeof arg !== "string") return undefined;
        out += arg;
        break;
      case 0x64: // d
        if (typeof arg !== "number" || !Number.isSafeInteger(arg)) return undefined;
        out += String(arg);
        break;
      case 0x71: // q
        if (typeof arg !== "string" || !plainQuotable(arg)) return undefined;
        out += '"' + arg + '"';
        break;
      default:
        return undefined;
    }
  }
  if (next !== items.length) return undefined;
  return out + format.slice(start);
}
