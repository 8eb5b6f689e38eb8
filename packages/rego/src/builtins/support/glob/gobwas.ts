/**
 * `glob.match` patterns with gobwas/glob v0.2.3's syntax and behaviour, which OPA
 * uses. A pattern matches a whole string:
 *
 * - `*` any run of characters other than the separators, `**` any run at all,
 *   `?` one character other than a separator;
 * - `[abc]`, `[a-z]` one character in the list or range, `[!abc]`, `[!a-z]` one
 *   character not in it (separators are not special there);
 * - `{a,b*,c}` any of the alternatives, which are patterns themselves;
 * - `\` makes the next character literal.
 *
 * The parser (gobwas-syntax.ts), compiler (gobwas-compile.ts) and matchers
 * (gobwas-match.ts) reproduce v0.2.3 including its bugs, e.g. `?` alone matches the
 * empty string, `b**b` with separators matches `b`, `b{*,b}a` does not match `bcaa`.
 */
import { parseGlob } from "./gobwas-syntax.js";
import { compileTree } from "./gobwas-compile.js";
import type { Matcher } from "./gobwas-match.js";

const CACHE_MAX = 256;
const cache = new Map<string, Matcher>();

/** The compiled glob for a pattern and its separators (cached); throws gobwas' errors. */
export function compileGlob(pattern: string, separators: readonly string[]): Matcher {
  const key = `${pattern}-${separators.join("")}`;
  let m = cache.get(key);
  if (!m) {
    m = compileTree(parseGlob(pattern), separators.map((s) => s.codePointAt(0)!));
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, m);
  }
  return m;
}

/** Whether `value` matches the compiled glob. */
export function globMatches(m: Matcher, value: string): boolean {
  return m.match(Buffer.from(value, "utf8"));
}

const SPECIAL = new Set("*?\\[]{}");

/** gobwas' `QuoteMeta`: a backslash before each of `* ? \ [ ] { }`. */
export function quoteGlob(s: string): string {
  let out = "";
  for (const c of s) out += SPECIAL.has(c) ? "\\" + c : c;
  return out;
}
