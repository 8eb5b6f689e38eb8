/**
 * Rego's tokens, for chevrotain's lexer.
 *
 * Keywords take `longer_alt: Ident` (so `inputs` is one identifier, not `in` + `puts`)
 * and share the `IdentLike` category with `Ident`: after a `.` in a ref, and as the
 * head of a ref, Rego v1 accepts keywords (`data.foo.if`, `package x.contains`).
 * Comments are collected in their own group so `fmt` can put them back.
 */
import type { TokenType, CustomPatternMatcherFunc } from "chevrotain";
import { createToken, Lexer } from "./chevrotain-runtime.js";

export const IdentLike = createToken({ name: "IdentLike", pattern: Lexer.NA });
export const Ident = createToken({ name: "Ident", pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [IdentLike] });

function keyword(word: string, name: string): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Ident, categories: [IdentLike] });
}

export const Package = keyword("package", "Package");
export const Import = keyword("import", "Import");
export const As = keyword("as", "As");
export const Default = keyword("default", "Default");
export const If = keyword("if", "If");
export const Contains = keyword("contains", "Contains");
export const Else = keyword("else", "Else");
export const Some = keyword("some", "Some");
export const Every = keyword("every", "Every");
export const In = keyword("in", "In");
export const Not = keyword("not", "Not");
export const With = keyword("with", "With");
export const True = keyword("true", "True");
export const False = keyword("false", "False");
export const Null = keyword("null", "Null");

export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });

/**
 * A template string `$"…{expr}…"` or `` $`…{expr}…` `` is one token: the matcher
 * skips over the embedded expressions (which may hold strings and braces of their
 * own); the CST builder parses the expressions.
 */
const matchTemplateString: CustomPatternMatcherFunc = (text, offset) => {
  if (text.charCodeAt(offset) !== 0x24) return null;
  const quote = text[offset + 1];
  if (quote !== '"' && quote !== "`") return null;
  const raw = quote === "`";
  let i = offset + 2;
  while (i < text.length) {
    const c = text[i]!;
    if (c === quote) return [text.slice(offset, i + 1)];
    if (!raw && c === "\n") return null;
    if (c === "\\") {
      i += raw ? (text[i + 1] === "{" ? 2 : 1) : 2;
      continue;
    }
    if (c === "{") {
      const end = skipEmbedded(text, i + 1);
      if (end < 0) return null;
      i = end + 1;
      continue;
    }
    i++;
  }
  return null;
};

/**
 * The index of the `}` closing a template string's embedded expression that starts
 * at `start`, or -1: skips strings, comments and nested brackets inside it.
 */
export function skipEmbedded(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    } else if (c === "`") {
      i = text.indexOf("`", i + 1);
      if (i < 0) return -1;
    } else if (c === "#") {
      const nl = text.indexOf("\n", i);
      if (nl < 0) return -1;
      i = nl;
    } else if (c === "{" || c === "[" || c === "(") {
      depth++;
    } else if (c === "]" || c === ")") {
      depth--;
    } else if (c === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

export const TemplateString = createToken({
  name: "TemplateString",
  pattern: { exec: matchTemplateString },
  line_breaks: true,
  start_chars_hint: ["$"],
});
export const StringLit = createToken({ name: "StringLit", pattern: /"(?:[^"\\\n]|\\.)*"/ });
/** A string that reaches the end of its line: reported as `non-terminated string`. */
export const OpenString = createToken({ name: "OpenString", pattern: /"(?:[^"\\\n]|\\.)*/ });
export const RawStringLit = createToken({ name: "RawStringLit", pattern: /`[^`]*`/, line_breaks: true });
export const OpenRawString = createToken({ name: "OpenRawString", pattern: /`[^`]*/, line_breaks: true });
/**
 * A number run into letters (`6abc`, `0F`, `1e5x`) or an exponent without digits
 * (`0e`): OPA's scanner refuses these (`illegal number format`, `expected exponent`)
 * rather than reading `6abc` as a number and then a rule `abc`. The lookahead takes the
 * longest valid number first, so `1e10` is never read as `1` then `e10`.
 */
export const BadNumber = createToken({
  name: "BadNumber",
  pattern: /[0-9]+(?:\.[0-9]+)?[eE](?![+-]?[0-9])[+-]?|(?=([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?))\1[A-Za-z_][A-Za-z0-9_]*/,
  start_chars_hint: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
});
export const NumberLit = createToken({ name: "NumberLit", pattern: /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/ });

export const Assign = createToken({ name: "Assign", pattern: /:=/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });
export const Equal = createToken({ name: "Equal", pattern: /==/ });
export const NotEqual = createToken({ name: "NotEqual", pattern: /!=/ });
export const Unify = createToken({ name: "Unify", pattern: /=/ });
export const Lte = createToken({ name: "Lte", pattern: /<=/ });
export const Gte = createToken({ name: "Gte", pattern: />=/ });
export const Lt = createToken({ name: "Lt", pattern: /</ });
export const Gt = createToken({ name: "Gt", pattern: />/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Star = createToken({ name: "Star", pattern: /\*/ });
export const Slash = createToken({ name: "Slash", pattern: /\// });
export const Percent = createToken({ name: "Percent", pattern: /%/ });
export const Amp = createToken({ name: "Amp", pattern: /&/ });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/ });
export const Comma = createToken({ name: "Comma", pattern: /,/ });
export const Semicolon = createToken({ name: "Semicolon", pattern: /;/ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBrack = createToken({ name: "LBrack", pattern: /\[/ });
export const RBrack = createToken({ name: "RBrack", pattern: /]/ });
export const LCurly = createToken({ name: "LCurly", pattern: /{/ });
export const RCurly = createToken({ name: "RCurly", pattern: /}/ });

export const KEYWORDS = [Package, Import, As, Default, If, Contains, Else, Some, Every, In, Not, With, True, False, Null];

/** Lexer order matters: longer operators before their prefixes, keywords before Ident. */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  TemplateString,
  StringLit,
  OpenString,
  RawStringLit,
  OpenRawString,
  BadNumber,
  NumberLit,
  Assign,
  Colon,
  Equal,
  NotEqual,
  Unify,
  Lte,
  Gte,
  Lt,
  Gt,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Amp,
  Pipe,
  Comma,
  Semicolon,
  Dot,
  LParen,
  RParen,
  LBrack,
  RBrack,
  LCurly,
  RCurly,
  ...KEYWORDS,
  Ident,
  IdentLike,
];

export const RegoLexer = new Lexer(ALL_TOKENS, { ensureOptimizations: true, positionTracking: "full" });
