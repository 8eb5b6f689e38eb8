/**
 * The lookahead gates of Rego's grammar: Rego's lexical quirks as named checks on
 * the token stream (STYLE.md §4). `RegoGrammar` (grammar.ts) builds on them.
 *
 * - `adjacent(k)`: refs and calls continue only when `.`, `[` or `(` touches the
 *   previous token (`x [1]` is not a ref);
 * - `onNewLine()`: literals in a body are separated by `;` or a line break;
 * - `keywordStartsRef(k)`: a keyword immediately followed by `.` or `[` is the
 *   head of a ref (`as.foo := 1`, `not.x`), as OPA's `scanAheadRef` allows;
 * - `startsComprehension()` / `startsObjectComprehension()`: a `[` or `{` holding
 *   one term followed by `|` is a comprehension (OPA gives comprehensions
 *   priority over the `|` operator);
 * - `isLogic(k, word)` and friends: the experimental `and` / `or` keywords;
 * - `braceOpensRuleBody()`: after a rule's `if`, braces open a body unless they
 *   lead a literal that is not a lone set (OPA tries the literal first).
 */
import type { TokenType } from "chevrotain";
import { CstParser, EOF } from "./chevrotain-runtime.js";
import * as T from "./tokens.js";

const CLOSERS = new Set<TokenType>([T.RBrack, T.RCurly, T.RParen]);
const OPENERS = new Set<TokenType>([T.LBrack, T.LCurly, T.LParen]);
const KEYWORD_SET = new Set<TokenType>(T.KEYWORDS);
/** Tokens that join a term to what follows it in one expression. */
const OPERATORS = new Set<TokenType>([
  T.Equal, T.NotEqual, T.Lt, T.Lte, T.Gt, T.Gte, T.Plus, T.Minus, T.Star, T.Slash, T.Percent, T.Amp, T.Pipe, T.Assign, T.Unify, T.Comma,
]);
const SINGLE_TOKEN_TERMS = new Set<TokenType>([T.StringLit, T.RawStringLit, T.NumberLit, T.TemplateString, T.Ident, ...T.KEYWORDS]);

export { CLOSERS };

export abstract class GrammarGates extends CstParser {
  /** Set per parse: `import future.keywords.not` was seen, so `not { … }` is a block. */
  notBlocks = false;
  /** Set per parse: the experimental keywords `and` / `or` were imported. */
  logicKeywords = false;


  /** Token k starts right where token k-1 ends: no whitespace between them. */
  protected adjacent(k: number): boolean {
    const prev = this.LA(k - 1);
    const next = this.LA(k);
    return next.tokenType !== EOF && next.startOffset === (prev.endOffset ?? -2) + 1;
  }

  /** The next token starts on a later line than the last consumed one. */
  protected onNewLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType !== EOF && (next.startLine ?? 0) > (prev.endLine ?? 0);
  }

  /** Token k is immediately followed by `.` or `[`. */
  protected refFollows(k: number): boolean {
    const next = this.LA(k + 1).tokenType;
    return (next === T.Dot || next === T.LBrack) && this.adjacent(k + 1);
  }

  /** Token k is a keyword used as the head of a ref. */
  protected keywordStartsRef(k: number): boolean {
    return KEYWORD_SET.has(this.LA(k).tokenType) && this.refFollows(k);
  }

  /** Token 1 is the keyword `kw` used as a keyword (not as a ref head). */
  protected isKeyword(kw: TokenType): boolean {
    return this.LA(1).tokenType === kw && !this.refFollows(1);
  }

  /** Token k can start a var or ref: an identifier, `contains`, or a keyword ref head. */
  protected startsVar(k: number): boolean {
    const t = this.LA(k).tokenType;
    return t === T.Ident || t === T.Contains || this.keywordStartsRef(k);
  }

  /** Index (lookahead distance) of the token closing the bracket at k, or -1. */
  protected closingOf(k: number): number {
    let depth = 0;
    for (let i = k; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === EOF) return -1;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t) && --depth === 0) return i;
    }
  }

  /** Lookahead distance just past the term starting at k, or -1 when no term starts there. */
  protected skipTerm(k: number): number {
    let i = k;
    const t = this.LA(i).tokenType;
    if (t === T.Minus) {
      i++;
      if (this.LA(i).tokenType === T.Dot) i++;
      return this.LA(i).tokenType === T.NumberLit ? i + 1 : -1;
    }
    if (OPENERS.has(t)) {
      const close = this.closingOf(i);
      if (close < 0) return -1;
      i = close + 1;
    } else if (SINGLE_TOKEN_TERMS.has(t)) {
      i++;
    } else {
      return -1;
    }
    for (;;) {
      const n = this.LA(i).tokenType;
      if (!this.adjacent(i)) return i;
      if (n === T.Dot) i += 2;
      else if (OPENERS.has(n) && n !== T.LCurly) {
        const close = this.closingOf(i);
        if (close < 0) return -1;
        i = close + 1;
      } else return i;
    }
  }

  /** After `[` or `{`: one term, then `|` (a comprehension). */
  protected startsComprehension(): boolean {
    const end = this.skipTerm(1);
    return end > 0 && this.LA(end).tokenType === T.Pipe;
  }

  /** After `{`: a key up to a top-level `:`, then one term, then `|`. */
  protected startsObjectComprehension(): boolean {
    let depth = 0;
    for (let i = 1; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === EOF) return false;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t)) {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0 && (t === T.Comma || t === T.Pipe)) return false;
      else if (depth === 0 && t === T.Colon) {
        const end = this.skipTerm(i + 1);
        return end > 0 && this.LA(end).tokenType === T.Pipe;
      }
    }
  }

  /** After a term, `, y in xs`: the comma belongs to a `key, value in collection`. */
  protected commaStartsKeyValueIn(): boolean {
    let depth = 0;
    for (let i = 2; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === EOF) return false;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t)) {
        if (depth === 0) return false;
        depth--;
      } else if (depth === 0) {
        if (t === T.In) return !this.refFollows(i);
        if (t === T.Comma || t === T.Semicolon || t === T.Assign || t === T.Unify || t === T.Colon || t === T.Pipe) return false;
        if (t === T.If || t === T.With || t === T.Else) return false;
        const prev = this.LA(i - 1);
        if ((this.LA(i).startLine ?? 0) > (prev.endLine ?? 0)) return false;
      }
    }
  }

  /**
   * After `if`, whether the `{` at token 1 opens the rule's body. OPA first reads what
   * follows `if` as one literal, and keeps that reading unless the literal is a lone
   * set literal (a set would always hold): `p if { x }` and a multi-line body are
   * bodies, but `p if {x | xs[x]}` is one expression (a set comprehension) and
   * `p if {1, 2} == s` a comparison. `literalParses` tries the literal reading.
   */
  protected braceOpensRuleBody(literalParses: () => boolean): boolean {
    const close = this.closingOf(1);
    if (close < 0) return true;
    // An expression going on after the braces is a literal, if it parses.
    if (this.continuesTerm(close + 1)) return !literalParses();
    // Else the braces hold the whole literal (`with` does not count: OPA judges the
    // term it modifies): a comprehension or an object is one, a set means a body.
    const afterFirstTerm = this.skipTerm(2);
    const comprehension = afterFirstTerm > 0 && this.LA(afterFirstTerm).tokenType === T.Pipe;
    return comprehension || this.colonInside(close) ? !literalParses() : true;
  }

  /** Token k carries on the expression before it: an operator, or a ref step or call touching it. */
  private continuesTerm(k: number): boolean {
    const t = this.LA(k).tokenType;
    if (OPERATORS.has(t)) return true;
    if (t === T.In) return !this.refFollows(k);
    return (t === T.Dot || t === T.LBrack || t === T.LParen) && this.adjacent(k);
  }

  /** A `:` directly inside the brackets opened at token 1 and closed at `close` (an object's). */
  private colonInside(close: number): boolean {
    let depth = 0;
    for (let i = 2; i < close; i++) {
      const t = this.LA(i).tokenType;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t)) depth--;
      else if (depth === 0 && t === T.Colon) return true;
    }
    return false;
  }

  /** The next token can end a body (so no literal follows). */
  protected endsBody(): boolean {
    const t = this.LA(1).tokenType;
    return t === EOF || CLOSERS.has(t);
  }


  /** Token k is the experimental keyword `word` (`and` / `or`), when imported. */
  protected isLogic(k: number, word: "and" | "or"): boolean {
    const t = this.LA(k);
    return this.logicKeywords && t.tokenType === T.Ident && t.image === word;
  }

  /** After `{` or `(` at k: the matching closer is followed by `and` / `or`. */
  protected closerFollowedByLogic(k: number): boolean {
    const close = this.closingOf(k);
    return close > 0 && (this.isLogic(close + 1, "and") || this.isLogic(close + 1, "or"));
  }

  /** `(` at k opens a group holding an `and` / `or` (inside nothing but more parentheses). */
  protected parenGroupsLogic(k: number): boolean {
    const close = this.closingOf(k);
    const stack: TokenType[] = [];
    for (let i = k + 1; i < close; i++) {
      const t = this.LA(i).tokenType;
      if (OPENERS.has(t)) stack.push(t);
      else if (CLOSERS.has(t)) stack.pop();
      else if (stack.length === 0 && this.LA(i).tokenType === T.With && !this.refFollows(i)) return true;
      else if (stack.every((o) => o === T.LParen) && (this.isLogic(i, "and") || this.isLogic(i, "or"))) return true;
    }
    return false;
  }

  /** A block operand of `and` / `or` (or of `not`): `{ … }` right after or right before the operator. */
  protected startsLogicBlock(): boolean {
    if (this.LA(1).tokenType !== T.LCurly) return false;
    const prev = this.LA(0);
    if (prev.tokenType === T.Not) return this.notBlocks || this.logicKeywords;
    if (!this.logicKeywords) return false;
    return this.isLogic(0, "and") || this.isLogic(0, "or") || this.closerFollowedByLogic(1);
  }
}
