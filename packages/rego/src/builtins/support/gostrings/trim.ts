/**
 * Go's `strings.Trim`, `TrimLeft`, `TrimRight` (a cutset of code points) and
 * `TrimSpace` (Unicode white space as Go's `unicode.IsSpace` defines it: no U+FEFF,
 * but U+0085).
 */

function codePointSet(cutset: string): Set<number> {
  const set = new Set<number>();
  for (const ch of cutset) set.add(ch.codePointAt(0)!);
  return set;
}

/** Index after the leading run of code points satisfying `cut`. */
function leftEnd(s: string, cut: (c: number) => boolean): number {
  let i = 0;
  while (i < s.length) {
    const c = s.codePointAt(i)!;
    if (!cut(c)) break;
    i += c > 0xffff ? 2 : 1;
  }
  return i;
}

/** Index of the end of `s` once the trailing run of code points satisfying `cut` is gone. */
function rightEnd(s: string, from: number, cut: (c: number) => boolean): number {
  let j = s.length;
  while (j > from) {
    let k = j - 1;
    const lo = s.charCodeAt(k);
    if (lo >= 0xdc00 && lo <= 0xdfff && k > from) {
      const hi = s.charCodeAt(k - 1);
      if (hi >= 0xd800 && hi <= 0xdbff) k--;
    }
    if (!cut(s.codePointAt(k)!)) break;
    j = k;
  }
  return j;
}

export function goTrim(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = codePointSet(cutset);
  const cut = (c: number): boolean => set.has(c);
  const i = leftEnd(s, cut);
  return s.slice(i, rightEnd(s, i, cut));
}

export function goTrimLeft(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = codePointSet(cutset);
  return s.slice(leftEnd(s, (c) => set.has(c)));
}

export function goTrimRight(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = codePointSet(cutset);
  return s.slice(0, rightEnd(s, 0, (c) => set.has(c)));
}

/** Go's `unicode.IsSpace`. */
export function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function goTrimSpace(s: string): string {
  const i = leftEnd(s, isGoSpace);
  return s.slice(i, rightEnd(s, i, isGoSpace));
}
