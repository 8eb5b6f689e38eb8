/** Parse errors: chevrotain's exceptions and lexer errors as OPA-style `rego_parse_error`s. */
import type { ILexingError, IRecognitionException, IToken, TokenType } from "chevrotain";
import { EOF } from "./chevrotain-runtime.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import * as T from "./tokens.js";

/** A `rego_parse_error` at `loc`, with OPA's details: the offending line and caret index. */
export function parseError(message: string, loc: Location, source: string): RegoError {
  return new RegoError(ErrorCode.ParseError, message, loc, errorDetails(source, loc.offset));
}

function errorDetails(source: string, offset: number): { line: string; idx: number } {
  let at = Math.max(0, Math.min(offset, source.length - 1));
  while (at > 0 && /\s/.test(source[at] ?? "")) at--;
  let begin = at;
  while (begin > 0 && source[begin - 1] !== "\n" && source[begin - 1] !== "\r") begin--;
  let end = at;
  while (end < source.length && source[end] !== "\n" && source[end] !== "\r") end++;
  return { line: source.slice(begin, end), idx: at - begin };
}

const KEYWORD_SET = new Set<TokenType>(T.KEYWORDS);

const TOKEN_LABELS = new Map<TokenType, string>([
  [T.Ident, "ident"],
  [T.IdentLike, "ident"],
  [T.StringLit, "string"],
  [T.RawStringLit, "string"],
  [T.TemplateString, "template-string"],
  [T.NumberLit, "number"],
  [EOF, "eof"],
]);

/** OPA's names for operator tokens in "unexpected … token" (its scanner's token strings). */
const OPERATOR_NAMES = new Map<TokenType, string>([
  [T.Plus, "plus"],
  [T.Minus, "minus"],
  [T.Star, "mul"],
  [T.Slash, "div"],
  [T.Percent, "rem"],
  [T.Amp, "and"],
  [T.Pipe, "or"],
  [T.Unify, "eq"],
  [T.Equal, "equal"],
  [T.Assign, "assign"],
  [T.NotEqual, "neq"],
  [T.Gt, "gt"],
  [T.Lt, "lt"],
  [T.Gte, "gte"],
  [T.Lte, "lte"],
]);

/** How OPA names a token in messages: `ident token`, `} token`, `plus token`, `if keyword`, `eof token`. */
export function describeToken(tok: IToken): string {
  if (KEYWORD_SET.has(tok.tokenType)) return `${tok.image} keyword`;
  const label = TOKEN_LABELS.get(tok.tokenType) ?? OPERATOR_NAMES.get(tok.tokenType);
  return `${label ?? tok.image} token`;
}

function expectedLabel(t: TokenType): string {
  return TOKEN_LABELS.get(t) ?? (KEYWORD_SET.has(t) ? String(t.PATTERN).replace(/^\/|\/$/g, "") : printable(t));
}

function printable(t: TokenType): string {
  const p = t.PATTERN;
  if (p instanceof RegExp) return p.source.replace(/\\/g, "");
  return t.name;
}

/** The location of a token, or the end of the source for EOF. */
export function tokenOrEndLocation(file: string, tok: IToken, source: string): Location {
  if (tok.tokenType === EOF || Number.isNaN(tok.startOffset)) return endLocation(file, source);
  return { file, row: tok.startLine ?? 1, col: tok.startColumn ?? 1, offset: tok.startOffset, endOffset: (tok.endOffset ?? tok.startOffset) + 1 };
}

function endLocation(file: string, source: string): Location {
  const lines = source.split("\n");
  const last = lines[lines.length - 1] ?? "";
  return { file, row: lines.length, col: last.length + 1, offset: source.length, endOffset: source.length };
}

/** One clear message for chevrotain's first recognition error. */
export function fromRecognitionException(e: IRecognitionException, file: string, source: string): RegoError {
  const tok = e.token;
  const loc = tokenOrEndLocation(file, tok, source);
  const unexpected = `unexpected ${describeToken(tok)}`;
  const rules = e.context?.ruleStack ?? [];
  const inBody = rules.includes("block") || rules.includes("query");
  let message = unexpected;
  if (e.name === "MismatchedTokenException") {
    const expected = /-->\s*(\w+)\s*<--/.exec(e.message)?.[1];
    const t = expected ? (T.ALL_TOKENS.find((x) => x.name === expected) ?? undefined) : undefined;
    if (t === T.RCurly && inBody) message = `${unexpected}: expected \\n or ; or }`;
    else if (t) message = `${unexpected}: expected ${expectedLabel(t)}`;
  } else if (e.name === "NotAllInputParsedException") {
    message = rules.length ? unexpected : `${unexpected}: expected rule, import or package`;
  } else if (tok.tokenType === T.Minus) {
    message = `${unexpected}: expected number`;
  }
  return parseError(message, loc, source);
}

/**
 * A lexer error: a character no token starts with. The lexer reports a run of such
 * characters at once; OPA names the first (`illegal ! character` for `!!!`).
 */
export function fromLexingError(e: ILexingError, file: string, source: string): RegoError {
  const ch = String.fromCodePoint(source.codePointAt(e.offset) ?? 0xfffd);
  const loc: Location = { file, row: e.line ?? 1, col: e.column ?? 1, offset: e.offset, endOffset: e.offset + ch.length };
  return parseError(`illegal ${JSON.stringify(ch).slice(1, -1)} character`, loc, source);
}
