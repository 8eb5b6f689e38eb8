/**
 * Go's `regexp` package on top of re2js (both are RE2; re2js parses with Go's Perl
 * flags and reports Go's syntax error messages). Compiled patterns are cached in a
 * small LRU map shared by all queries, as OPA caches them per process.
 *
 * Go accepts duplicate group names (`(?P<x>a)(?P<x>b)`), re2js does not: such a
 * pattern is compiled with its groups renamed, keeping the real names for `${x}`.
 */
import { RE2JS } from "re2js";
import { BuiltinError } from "../../operands.js";

type RE2 = ReturnType<RE2JS["re2"]>;

export interface GoRegexp {
  readonly re: RE2JS;
  readonly re2: RE2;
  /** Group names by group index (`""` for unnamed groups and for group 0). */
  readonly names: readonly string[];
}

const CACHE_MAX = 256;
const cache = new Map<string, GoRegexp | string>();

function remember<T>(key: string, value: T & (GoRegexp | string)): T {
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** `p` with every named group renamed `_g<index>`, and the real names by group index. */
function renameGroups(p: string): { pattern: string; names: string[] } {
  const names = [""];
  let out = "";
  let i = 0;
  while (i < p.length) {
    const c = p[i]!;
    if (c === "\\") {
      if (p[i + 1] === "Q") {
        const end = p.indexOf("\\E", i + 2);
        const stop = end < 0 ? p.length : end + 2;
        out += p.slice(i, stop);
        i = stop;
      } else {
        out += p.slice(i, i + 2);
        i += 2;
      }
    } else if (c === "[") {
      let j = i + 1;
      if (p[j] === "^") j++;
      if (p[j] === "]") j++;
      while (j < p.length && p[j] !== "]") {
        if (p[j] === "\\") j += 2;
        else if (p.startsWith("[:", j)) {
          const close = p.indexOf(":]", j + 2);
          j = close < 0 ? j + 1 : close + 2;
        } else j++;
      }
      out += p.slice(i, j + 1);
      i = j + 1;
    } else if (c === "(" && p[i + 1] !== "?") {
      names.push("");
      out += c;
      i++;
    } else if (c === "(" && (p.startsWith("(?P<", i) || (p.startsWith("(?<", i) && p[i + 3] !== "=" && p[i + 3] !== "!"))) {
      const open = p.indexOf("<", i);
      const close = p.indexOf(">", open);
      if (close < 0) return { pattern: p, names };
      names.push(p.slice(open + 1, close));
      out += `${p.slice(i, open + 1)}_g${names.length - 1}>`;
      i = close + 1;
    } else {
      out += c;
      i++;
    }
  }
  return { pattern: out, names };
}

function build(pattern: string): GoRegexp | string {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!message.includes("duplicate capture group name")) return message;
    const renamed = renameGroups(pattern);
    try {
      re = RE2JS.compile(renamed.pattern);
    } catch (e2) {
      // Another error, reported by Go first: show it with the real names.
      const other = e2 instanceof Error ? e2.message : String(e2);
      return other.replace(/(\(\?P?<)_g(\d+)>/g, (_m, open: string, k: string) => `${open}${renamed.names[Number(k)] ?? ""}>`);
    }
    if (renamed.names.length !== re.groupCount() + 1) return message;
    return { re, re2: re.re2(), names: renamed.names };
  }
  const names: string[] = new Array<string>(re.groupCount() + 1).fill("");
  const named = re.namedGroups();
  for (const name of Object.keys(named)) names[named[name]!] = name;
  return { re, re2: re.re2(), names };
}

/** The compiled pattern, or the compile error's message. */
function lookup(pattern: string): GoRegexp | string {
  const hit = cache.get(pattern);
  if (hit !== undefined) {
    cache.delete(pattern);
    cache.set(pattern, hit);
    return hit;
  }
  return remember(pattern, build(pattern));
}

/** Go's `regexp.Compile`; a bad pattern throws Go's error message as a builtin error. */
export function compileGo(pattern: string): GoRegexp {
  const r = lookup(pattern);
  if (typeof r === "string") throw new BuiltinError(r);
  return r;
}

export function isValidGo(pattern: string): boolean {
  return typeof lookup(pattern) !== "string";
}

/** Go's `MatchString`: does the pattern match anywhere in `s`? */
export function matchGo(r: GoRegexp, s: string): boolean {
  return r.re.test(s);
}

/** Go's `FindAllString(s, n)`: n < 0 means all. */
export function findAllGo(r: GoRegexp, s: string, n: number): string[] {
  return (r.re2.findAll(s, n) as string[] | null) ?? [];
}

/** Go's `FindAllStringSubmatch(s, n)`, with `""` for groups that did not take part. */
export function findAllSubmatchGo(r: GoRegexp, s: string, n: number): string[][] {
  const all = (r.re2.findAllSubmatch(s, n) as (string | null)[][] | null) ?? [];
  return all.map((m) => m.map((g) => g ?? ""));
}

/** Go's `Split(s, -1)`. */
export function splitGo(r: GoRegexp, pattern: string, s: string): string[] {
  if (pattern.length > 0 && s.length === 0) return [""];
  const matches = (r.re2.findAllIndex(s, -1) as number[][] | null) ?? [];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    end = m[0]!;
    if (m[1] !== 0) out.push(s.slice(beg, end));
    beg = m[1]!;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const NAME_CHAR = /[\p{L}\p{Nd}_]/u;

/** Go's `extract`: a `$name` / `${name}` reference at the start of `t`. */
function extractRef(t: string): { name: string; num: number; rest: string } | undefined {
  let i = 0;
  const brace = t.startsWith("{");
  if (brace) i = 1;
  const start = i;
  while (i < t.length) {
    const ch = String.fromCodePoint(t.codePointAt(i)!);
    if (!NAME_CHAR.test(ch)) break;
    i += ch.length;
  }
  if (i === start) return undefined;
  const name = t.slice(start, i);
  if (brace) {
    if (t[i] !== "}") return undefined;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 48 || c > 57 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 48);
  }
  if (name[0] === "0" && name.length > 1) num = -1;
  return { name, num, rest: t.slice(i) };
}

/** Go's `Regexp.Expand` of `template` for one match (`m`: submatch indices into `src`). */
function expand(r: GoRegexp, template: string, src: string, m: readonly number[]): string {
  let out = "";
  let t = template;
  for (;;) {
    const dollar = t.indexOf("$");
    if (dollar < 0) break;
    out += t.slice(0, dollar);
    t = t.slice(dollar + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const ref = extractRef(t);
    if (!ref) {
      out += "$";
      continue;
    }
    t = ref.rest;
    if (ref.num >= 0) {
      if (2 * ref.num + 1 < m.length && m[2 * ref.num]! >= 0) out += src.slice(m[2 * ref.num], m[2 * ref.num + 1]);
    } else {
      for (let i = 0; i < r.names.length; i++) {
        if (r.names[i] === ref.name && m[2 * i]! >= 0) {
          out += src.slice(m[2 * i], m[2 * i + 1]);
          break;
        }
      }
    }
  }
  return out + t;
}

/** Go's `ReplaceAllString`: `$1`, `${name}` and `$$` in `template` expand per match. */
export function replaceAllGo(r: GoRegexp, src: string, template: string): string {
  const matches = (r.re2.findAllSubmatchIndex(src, -1) as number[][] | null) ?? [];
  if (matches.length === 0) return src;
  const literal = !template.includes("$");
  let out = "";
  let last = 0;
  for (const m of matches) {
    out += src.slice(last, m[0]);
    out += literal ? template : expand(r, template, src, m);
    last = m[1]!;
  }
  return out + src.slice(last);
}

const META = new Set("\\.+*?()|[]{}^$");

/** Go's `regexp.QuoteMeta`. */
export function quoteMetaGo(s: string): string {
  let out = "";
  for (const ch of s) out += META.has(ch) ? "\\" + ch : ch;
  return out;
}
