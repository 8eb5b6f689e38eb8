/**
 * Go's `regexp` package on top of re2js (both are RE2; re2js parses with Go's Perl
 * flags and reports Go's syntax error messages). Compiled patterns are cached in a
 * small LRU map shared by all queries, as OPA caches them per process.
 *
 * Known difference: Go accepts duplicate group names (`(?P<x>a)(?P<x>b)`), re2js
 * rejects them with "duplicate capture group name".
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

function build(pattern: string): GoRegexp | string {
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
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
