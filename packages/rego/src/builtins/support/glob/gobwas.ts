/**
 * Glob patterns with the syntax and semantics of gobwas/glob v0.2.3, which OPA's
 * `glob.match` uses. A pattern matches a whole string:
 *
 * - `*` any run of characters other than the separators, `**` any run at all,
 *   `?` one character other than a separator;
 * - `[abc]`, `[a-z]` one character in the list or range, `[!abc]`, `[!a-z]` one
 *   character not in it (separators are not special there);
 * - `{a,b*,c}` any of the alternatives, which are patterns themselves (an unclosed
 *   `{` is accepted: the alternatives run to the end);
 * - `\` makes the next character literal; a trailing `\` is dropped.
 *
 * The lexer and parser reproduce gobwas' tokens and error messages; a parsed pattern
 * is translated into an RE2 expression (linear-time matching) and cached.
 */
import { RE2JS } from "re2js";
import { BuiltinError } from "../../operands.js";

type Node =
  | { readonly k: "text"; readonly text: string }
  | { readonly k: "any" | "super" | "single" }
  | { readonly k: "list"; readonly chars: string; readonly not: boolean }
  | { readonly k: "range"; readonly lo: number; readonly hi: number; readonly not: boolean }
  | { readonly k: "anyOf"; readonly alts: Node[][] };

type Tok =
  | { readonly t: "text" | "rangeLo" | "rangeHi"; readonly data: string }
  | { readonly t: "any" | "super" | "single" | "not" | "sep" | "rangeOpen" | "rangeClose" | "rangeBetween" | "termsOpen" | "termsClose" };

/** gobwas' lexer: tokens item by item; an error ends the stream (queued tokens are dropped). */
function lex(pattern: string): { tokens: Tok[]; error?: string } {
  const runes = Array.from(pattern);
  const tokens: Tok[] = [];
  let pos = 0;
  let terms = 0;
  const peek = (): string | undefined => runes[pos];

  const fetchText = (breakers: string): void => {
    let data = "";
    let escaped = false;
    while (pos < runes.length) {
      const r = runes[pos]!;
      if (!escaped) {
        if (r === "\\") {
          escaped = true;
          pos++;
          continue;
        }
        if (breakers.includes(r)) break;
      }
      escaped = false;
      data += r;
      pos++;
    }
    if (data !== "") tokens.push({ t: "text", data });
  };

  /** Lexes the body of a `[...]`; returns an error message, if any. */
  const fetchRange = (): string | undefined => {
    let wantHi = false;
    let wantClose = false;
    let seenNot = false;
    for (;;) {
      const r = runes[pos];
      if (r === undefined) return "unexpected end of input";
      pos++;
      if (wantClose) {
        if (r !== "]") return "expected close range character";
        tokens.push({ t: "rangeClose" });
        return undefined;
      }
      if (wantHi) {
        tokens.push({ t: "rangeHi", data: r });
        wantClose = true;
        continue;
      }
      if (!seenNot && r === "!") {
        tokens.push({ t: "not" });
        seenNot = true;
        continue;
      }
      if (peek() === "-") {
        pos++;
        tokens.push({ t: "rangeLo", data: r }, { t: "rangeBetween" });
        wantHi = true;
        continue;
      }
      pos--;
      fetchText("]");
      wantClose = true;
    }
  };

  for (;;) {
    const r = runes[pos];
    if (r === undefined) return { tokens };
    pos++;
    if (r === "{") {
      terms++;
      tokens.push({ t: "termsOpen" });
    } else if (r === "," && terms > 0) {
      tokens.push({ t: "sep" });
    } else if (r === "}" && terms > 0) {
      tokens.push({ t: "termsClose" });
      terms--;
    } else if (r === "[") {
      const before = tokens.length;
      tokens.push({ t: "rangeOpen" });
      const error = fetchRange();
      if (error) return { tokens: tokens.slice(0, before), error };
    } else if (r === "?") {
      tokens.push({ t: "single" });
    } else if (r === "*") {
      if (peek() === "*") {
        pos++;
        tokens.push({ t: "super" });
      } else {
        tokens.push({ t: "any" });
      }
    } else {
      pos--;
      fetchText(terms > 0 ? "?*[{},": "?*[{");
    }
  }
}

/** gobwas' parser: the top-level pattern as a list of nodes. */
function parse(pattern: string): Node[] {
  const { tokens, error } = lex(pattern);
  const root: Node[] = [];
  // The open `{` groups: each alternative list, innermost last.
  const stack: { alts: Node[][]; parent: Node[] }[] = [];
  let tree = root;
  let i = 0;
  const next = (): Tok | undefined => tokens[i++];
  for (;;) {
    const tok = next();
    if (!tok) {
      if (error !== undefined) throw new BuiltinError(error);
      return root;
    }
    switch (tok.t) {
      case "text":
        tree.push({ k: "text", text: tok.data });
        break;
      case "any":
      case "super":
      case "single":
        tree.push({ k: tok.t });
        break;
      case "termsOpen": {
        const alts: Node[][] = [[]];
        tree.push({ k: "anyOf", alts });
        stack.push({ alts, parent: tree });
        tree = alts[0]!;
        break;
      }
      case "sep": {
        const group = stack[stack.length - 1]!;
        const alt: Node[] = [];
        group.alts.push(alt);
        tree = alt;
        break;
      }
      case "termsClose":
        tree = stack.pop()!.parent;
        break;
      case "rangeOpen": {
        let not = false;
        let lo = 0;
        let hi = 0;
        let chars = "";
        for (;;) {
          const rt = next();
          if (!rt) {
            throw new BuiltinError(error ?? "unexpected end");
          }
          if (rt.t === "not") not = true;
          else if (rt.t === "rangeLo") lo = rt.data.codePointAt(0)!;
          else if (rt.t === "rangeHi") {
            hi = rt.data.codePointAt(0)!;
            if (hi < lo) throw new BuiltinError(`hi character '${rt.data}' should be greater than lo '${String.fromCodePoint(lo)}'`);
          } else if (rt.t === "text") chars = rt.data;
          else if (rt.t === "rangeClose") {
            const isRange = lo !== 0 && hi !== 0;
            if ((chars !== "") === isRange) throw new BuiltinError("could not parse range");
            tree.push(isRange ? { k: "range", lo, hi, not } : { k: "list", chars, not });
            break;
          }
        }
        break;
      }
      default:
        throw new BuiltinError(`unexpected token: ${tok.t}`);
    }
  }
}

function lit(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function classOf(chars: Iterable<string>): string {
  let out = "";
  for (const c of chars) out += lit(c.codePointAt(0)!);
  return out;
}

function toRegex(nodes: readonly Node[], seps: string): string {
  const notSep = seps === "" ? "(?s:.)" : `[^${classOf(seps)}]`;
  let out = "";
  for (const n of nodes) {
    switch (n.k) {
      case "text":
        for (const c of n.text) out += /[A-Za-z0-9]/.test(c) ? c : lit(c.codePointAt(0)!);
        break;
      case "any":
        out += notSep + "*";
        break;
      case "super":
        out += "(?s:.)*";
        break;
      case "single":
        out += notSep;
        break;
      case "list":
        out += `[${n.not ? "^" : ""}${classOf(n.chars)}]`;
        break;
      case "range":
        out += `[${n.not ? "^" : ""}${lit(n.lo)}-${lit(n.hi)}]`;
        break;
      case "anyOf":
        out += `(?:${n.alts.map((a) => toRegex(a, seps)).join("|")})`;
        break;
    }
  }
  return out;
}

const CACHE_MAX = 256;
const cache = new Map<string, RE2JS>();

/** The compiled glob for a pattern and its separators (cached). */
export function compileGlob(pattern: string, separators: readonly string[]): RE2JS {
  const key = `${pattern}-${separators.join("")}`;
  let re = cache.get(key);
  if (!re) {
    const nodes = parse(pattern);
    re = RE2JS.compile(`\\A(?:${toRegex(nodes, separators.join(""))})\\z`);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(key, re);
  }
  return re;
}

const SPECIAL = new Set("*?\\[]{}");

/** gobwas' `QuoteMeta`: a backslash before each of `* ? \ [ ] { }`. */
export function quoteGlob(s: string): string {
  let out = "";
  for (const c of s) out += SPECIAL.has(c) ? "\\" + c : c;
  return out;
}
