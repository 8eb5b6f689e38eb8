/**
 * Go's `strings.Replacer` semantics: scanning left to right, at each position the
 * first pattern (in argument order) that matches is replaced and scanning resumes
 * after it; an empty pattern matches between code points (once per position).
 */

/** Length (in UTF-16 units) of the code point at `i`. */
function cpLength(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

/** `strings.NewReplacer(old1, new1, old2, new2, ...).Replace(s)`. */
export function goReplace(s: string, pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return s;
  if (pairs.length === 1 && pairs[0]![0] !== "") return s.split(pairs[0]![0]).join(pairs[0]![1]);
  let out = "";
  let last = 0;
  let prevMatchEmpty = false;
  let i = 0;
  while (i <= s.length) {
    let matched: readonly [string, string] | undefined;
    for (const p of pairs) {
      if (p[0] === "" ? !prevMatchEmpty : s.startsWith(p[0], i)) {
        matched = p;
        break;
      }
    }
    if (matched) {
      prevMatchEmpty = matched[0] === "";
      out += s.slice(last, i) + matched[1];
      i += matched[0].length;
      last = i;
      continue;
    }
    prevMatchEmpty = false;
    if (i === s.length) break;
    i += cpLength(s, i);
  }
  return out + s.slice(last);
}
