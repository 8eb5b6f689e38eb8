/**
 * Go's `time.ParseDuration` ("1h30m", "-1.5s", "300ms"), with its error messages, plus
 * the units OPA adds: "d" (24h), "w" (7d) and "y" (365d).
 */
import { toBinary } from "../gobytes/utf8.js";
import { leadingInt, timeQuote } from "./parse.js";

export class DurationError extends Error {}

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1000n],
  ["\xc2\xb5s", 1000n], // U+00B5 micro sign, as UTF-8 bytes
  ["\xce\xbcs", 1000n], // U+03BC Greek mu, as UTF-8 bytes
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
  ["d", 86_400_000_000_000n],
  ["w", 604_800_000_000_000n],
  ["y", 31_536_000_000_000_000n],
]);

const MAX = 2n ** 63n;

/** Go's `leadingFraction`: digits as an integer and the power of ten they span, ignoring overflow. */
function leadingFraction(s: string): [bigint, number, string] {
  let i = 0;
  let x = 0n;
  let scale = 1;
  let overflow = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (overflow) continue;
    if (x > (MAX - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const y = x * 10n + BigInt(c - 48);
    if (y > MAX) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  return [x, scale, s.slice(i)];
}

/** Nanoseconds in the duration `text`. */
export function parseDuration(text: string): bigint {
  const orig = toBinary(text);
  const invalid = () => new DurationError("time: invalid duration " + timeQuote(orig));
  let s = orig;
  let d = 0n;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw invalid();
  while (s !== "") {
    let v = 0n;
    let f = 0n;
    let scale = 1;
    const c0 = s.charCodeAt(0);
    if (!(s[0] === "." || (c0 >= 0x30 && c0 <= 0x39))) throw invalid();
    const pl = s.length;
    const lead = leadingInt(s);
    if (typeof lead === "symbol") throw invalid();
    [v, s] = lead;
    const pre = pl !== s.length;
    let post = false;
    if (s !== "" && s[0] === ".") {
      s = s.slice(1);
      const before = s.length;
      [f, scale, s] = leadingFraction(s);
      post = before !== s.length;
    }
    if (!pre && !post) throw invalid();
    let i = 0;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x2e || (c >= 0x30 && c <= 0x39)) break;
    }
    if (i === 0) throw new DurationError("time: missing unit in duration " + timeQuote(orig));
    const u = s.slice(0, i);
    s = s.slice(i);
    const unit = UNITS.get(u);
    if (unit === undefined) throw new DurationError("time: unknown unit " + timeQuote(u) + " in duration " + timeQuote(orig));
    if (v > MAX / unit) throw invalid();
    v *= unit;
    if (f > 0n) {
      // Go computes the fractional part in float64.
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > MAX) throw invalid();
    }
    d += v;
    if (d > MAX) throw invalid();
  }
  if (neg) return -d;
  if (d > MAX - 1n) throw invalid();
  return d;
}
