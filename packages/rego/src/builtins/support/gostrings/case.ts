/**
 * Go's `strings.ToUpper` and `strings.ToLower`: each code point maps through Unicode's
 * simple case mapping, one code point to one code point, with no context (no final
 * sigma). JS's own mappings are full ones ("ß" → "SS"), so a code point whose JS
 * mapping is longer than one code point takes its simple mapping from here instead.
 */

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Simple uppercase mappings of the code points whose full mapping has several code points. */
function simpleUpper(c: number): number {
  // Greek with ypogegrammeni: ᾀ-ᾇ, ᾐ-ᾗ, ᾠ-ᾧ map to their titlecase forms.
  if ((c >= 0x1f80 && c <= 0x1f87) || (c >= 0x1f90 && c <= 0x1f97) || (c >= 0x1fa0 && c <= 0x1fa7)) return c + 8;
  if (c === 0x1fb3) return 0x1fbc;
  if (c === 0x1fc3) return 0x1fcc;
  if (c === 0x1ff3) return 0x1ffc;
  return c;
}

/** Simple lowercase mappings of the code points whose full mapping has several code points. */
function simpleLower(c: number): number {
  return c === 0x130 ? 0x69 : c;
}

function mapRunes(s: string, full: (ch: string) => string, simple: (c: number) => number): string {
  let out = "";
  for (const ch of s) {
    const m = full(ch);
    if (m.length === ch.length || [...m].length === 1) out += m;
    else out += String.fromCodePoint(simple(ch.codePointAt(0)!));
  }
  return out;
}

export function goToUpper(s: string): string {
  if (isAscii(s)) return s.toUpperCase();
  return mapRunes(s, (ch) => ch.toUpperCase(), simpleUpper);
}

export function goToLower(s: string): string {
  if (isAscii(s)) return s.toLowerCase();
  return mapRunes(s, (ch) => ch.toLowerCase(), simpleLower);
}
