/**
 * `regex.globs_match`: whether two "glob-style regular expressions" intersect, with
 * the behaviour (heuristics and error messages included) of the Go library OPA uses,
 * yashtewari/glob-intersection v0.2.0.
 *
 * Syntax: a token is a character, `.` (any character) or a set `[...]` (characters
 * and `a-z` ranges, no negation); a token may carry one flag, `+` or `*`; `\` escapes
 * the next character. Adjacent equal flagged tokens are folded into one first
 * (`a*a+` → `a+`; note `a+a+` → `a+` too).
 */
import { BuiltinError } from "../../operands.js";

const NONE = 0;
const PLUS = 1;
const STAR = 2;

const CHAR = 0;
const DOT = 1;
const SET = 2;

interface Token {
  readonly type: number;
  flag: number;
  /** The character of a CHAR token. */
  readonly rune: number;
  /** The inclusive code-point ranges of a SET token. */
  readonly ranges: readonly (readonly [number, number])[];
}

class GlobError extends BuiltinError {}

function fail(input: readonly number[], index: number, message: string): never {
  throw new GlobError(`input:${String.fromCodePoint(...input)}, pos:${index}, ${message}: the input provided is invalid`);
}

interface Rune {
  readonly next: number;
  readonly r: number;
  readonly escaped: boolean;
}

const END: Rune = { next: -1, r: -1, escaped: false };

function nextRune(index: number, input: readonly number[]): Rune {
  if (index >= input.length) return { ...END, next: index };
  if (input[index] === 0x5c) {
    if (index < input.length - 1) return { next: index + 2, r: input[index + 1]!, escaped: true };
    fail(input, index, "input ends with a \\ (escape) character");
  }
  return { next: index + 1, r: input[index]!, escaped: false };
}

function chr(r: number): string {
  return String.fromCodePoint(r);
}

function nextSet(index: number, input: readonly number[]): { next: number; token: Token } {
  const ranges: [number, number][] = [];
  let prev = 0;
  let prevExists = false;
  let cur = nextRune(index, input);
  while (cur.r !== -1) {
    const { r, escaped } = cur;
    let next = cur.next;
    if (!escaped && r === 0x2d /* - */) {
      if (!prevExists) fail(input, next, "range character '-' must be preceded by a Unicode character");
      if (next >= input.length - 1) fail(input, next, "range character '-' must be followed by a Unicode character");
      const hi = nextRune(next, input);
      next = hi.next;
      if (!hi.escaped && (hi.r === 0x5d || hi.r === 0x2d)) fail(input, next, "range character '-' cannot be followed by a special symbol");
      if (hi.r < prev) fail(input, next, `range is out of order: '${chr(hi.r)}' comes before '${chr(prev)}' in Unicode`);
      ranges.push([prev, hi.r]);
      prevExists = false;
    } else if (!escaped && r === 0x5d /* ] */) {
      return { next, token: { type: SET, flag: NONE, rune: -1, ranges } };
    } else {
      ranges.push([r, r]);
      prev = r;
      prevExists = true;
    }
    cur = nextRune(next, input);
  }
  return fail(input, cur.next, "found [ without matching ]");
}

function flagOf(r: number): number {
  return r === 0x2b ? PLUS : r === 0x2a ? STAR : NONE;
}

function tokenize(input: readonly number[]): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  for (;;) {
    const cur = nextRune(index, input);
    if (cur.r === -1) return tokens;
    let next = cur.next;
    let token: Token;
    if (cur.escaped) token = { type: CHAR, flag: NONE, rune: cur.r, ranges: [] };
    else if (cur.r === 0x2e /* . */) token = { type: DOT, flag: NONE, rune: -1, ranges: [] };
    else if (cur.r === 0x5d) fail(input, next, "set-close ']' with no preceding '['");
    else if (cur.r === 0x5b /* [ */) ({ next, token } = nextSet(next, input));
    else if (flagOf(cur.r) !== NONE) fail(input, next, `flag '${chr(cur.r)}' must be preceded by a non-flag`);
    else token = { type: CHAR, flag: NONE, rune: cur.r, ranges: [] };
    const f = nextRune(next, input);
    if (f.r !== -1 && !f.escaped && flagOf(f.r) !== NONE) {
      token.flag = flagOf(f.r);
      next = f.next;
    }
    tokens.push(token);
    index = next;
  }
}

function normalized(ranges: readonly (readonly [number, number])[]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out.map(([lo, hi]) => `${lo}-${hi}`).join(",");
}

function equalTokens(a: Token, b: Token): boolean {
  if (a.type !== b.type) return false;
  if (a.type === CHAR) return a.rune === b.rune;
  if (a.type === DOT) return true;
  return normalized(a.ranges) === normalized(b.ranges);
}

/** Folds runs of equal flagged tokens into one (the library's `Simplify`). */
function simplify(tokens: Token[]): Token[] {
  if (tokens.length === 0) return tokens;
  const out = [tokens[0]!];
  let latest = tokens[0]!;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.flag !== NONE && latest.flag !== NONE && equalTokens(t, latest)) {
      out[out.length - 1]!.flag = t.flag === PLUS || latest.flag === PLUS ? PLUS : STAR;
    } else {
      latest = t;
      out.push(t);
    }
  }
  return out;
}

function inSet(r: number, ranges: Token["ranges"]): boolean {
  return ranges.some(([lo, hi]) => r >= lo && r <= hi);
}

/** Whether two tokens can match one common character, flags ignored. */
function match(a: Token, b: Token): boolean {
  if (a.type > b.type) [a, b] = [b, a];
  if (a.type === CHAR) {
    if (b.type === CHAR) return a.rune === b.rune;
    if (b.type === DOT) return true;
    return inSet(a.rune, b.ranges);
  }
  if (a.type === DOT) return true;
  return a.ranges.some(([lo, hi]) => b.ranges.some(([lo2, hi2]) => lo <= hi2 && lo2 <= hi));
}

type Glob = readonly Token[];

function intersectNormal(g1: Glob, i0: number, g2: Glob, j0: number): boolean {
  let i = i0;
  let j = j0;
  for (; i < g1.length && j < g2.length; i++, j++) {
    if (g1[i]!.flag === NONE && g2[j]!.flag === NONE) {
      if (!match(g1[i]!, g2[j]!)) return false;
    } else {
      return intersectSpecial(g1, i, g2, j);
    }
  }
  return i === g1.length && j === g2.length;
}

function intersectSpecial(g1: Glob, i: number, g2: Glob, j: number): boolean {
  if (g1[i]!.flag !== NONE) return g1[i]!.flag === PLUS ? intersectPlus(g1, i, g2, j) : intersectStar(g1, i, g2, j);
  return g2[j]!.flag === PLUS ? intersectPlus(g2, j, g1, i) : intersectStar(g2, j, g1, i);
}

function intersectPlus(p: Glob, i: number, o: Glob, j: number): boolean {
  if (!match(p[i]!, o[j]!)) return false;
  return intersectStar(p, i, o, j + 1);
}

function intersectStar(s: Glob, i: number, o: Glob, j: number): boolean {
  const star = s[i]!;
  const next = i + 1 < s.length ? s[i + 1] : undefined;
  for (let k = j; k < o.length; k++) {
    const t = o[k]!;
    if (next !== undefined && match(t, next)) {
      if (intersectNormal(s, i + 1, o, k)) return true;
      if (!match(t, star)) return false;
    } else if (!match(t, star)) {
      return false;
    }
  }
  return next === undefined;
}

/** Trims equal unflagged prefixes and suffixes, keeping one token of each. */
function trim(g1: Glob, g2: Glob): [Glob, Glob] | undefined {
  let l = 0;
  for (; l < g1.length && l < g2.length && g1[l]!.flag === NONE && g2[l]!.flag === NONE; l++) {
    if (!match(g1[l]!, g2[l]!)) return undefined;
  }
  if (l > 0) l--;
  let r1 = g1.length - 1;
  let r2 = g2.length - 1;
  for (; r1 >= 0 && r1 >= l && r2 >= 0 && r2 >= l && g1[r1]!.flag === NONE && g2[r2]!.flag === NONE; r1--, r2--) {
    if (!match(g1[r1]!, g2[r2]!)) return undefined;
  }
  if (r1 < g1.length - 1) {
    r1++;
    r2++;
  }
  return [g1.slice(l, r1 + 1), g2.slice(l, r2 + 1)];
}

function parse(s: string): Token[] {
  return simplify(tokenize(Array.from(s, (c) => c.codePointAt(0)!)));
}

/** Whether the two globs intersect; a malformed glob throws a builtin error. */
export function globsIntersect(a: string, b: string): boolean {
  const g1 = parse(a);
  const g2 = parse(b);
  const trimmed = trim(g1, g2);
  if (!trimmed) return false;
  return intersectNormal(trimmed[0], 0, trimmed[1], 0);
}
