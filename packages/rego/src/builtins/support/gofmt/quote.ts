/**
 * Go's `strconv` quoting: `Quote`, `QuoteToASCII`, `QuoteRune`, `QuoteRuneToASCII`,
 * `CanBackquote` and `IsPrint`, over JS strings. A lone surrogate stands for U+FFFD,
 * as it does once Go has decoded the JSON a string came from.
 */

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u;

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

/** Code points of `s`, with lone surrogates replaced by U+FFFD. */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

const HEX = "0123456789abcdef";

function hex(r: number, digits: number): string {
  return r.toString(16).padStart(digits, "0");
}

function escapedRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return "\\" + String.fromCodePoint(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return "\\x" + HEX[r >> 4]! + HEX[r & 0xf]!;
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return r < 0x10000 ? "\\u" + hex(r, 4) : "\\U" + hex(r, 8);
}

/** `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const r of runes(s)) out += escapedRune(r, 0x22, asciiOnly);
  return out + '"';
}

/** `strconv.QuoteRune` (or `QuoteRuneToASCII`). */
export function quoteRune(r: number, asciiOnly = false): string {
  if (r > 0x10ffff || r < 0 || (r >= 0xd800 && r <= 0xdfff)) r = 0xfffd;
  return "'" + escapedRune(r, 0x27, asciiOnly) + "'";
}

/** `strconv.CanBackquote`: a single-line string without control characters other than tab, backquotes or BOMs. */
export function canBackquote(s: string): boolean {
  for (const r of runes(s)) {
    if (r === 0xfeff) return false;
    if ((r < 0x20 && r !== 0x09) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

/** The number of code points in `s` (Go's `utf8.RuneCountInString`). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
