/**
 * Rego v1's grammar as a pure chevrotain CstParser: it recognises and builds a CST,
 * nothing else. `cst-to-ast.ts` turns the CST into the AST.
 *
 * Rego's lexical quirks are named gates:
 * - `adjacent(k)`: refs and calls continue only when `.`, `[` or `(` touches the
 *   previous token (`x [1]` is not a ref);
 * - `onNewLine()`: literals in a body are separated by `;` or a line break;
 * - `keywordStartsRef(k)`: a keyword immediately followed by `.` or `[` is the
 *   head of a ref (`as.foo := 1`, `not.x`), as OPA's `scanAheadRef` allows;
 * - `startsComprehension()` / `startsObjectComprehension()`: a `[` or `{` holding
 *   one term followed by `|` is a comprehension (OPA gives comprehensions
 *   priority over the `|` operator).
 */
import { CstParser, EOF, type TokenType } from "chevrotain";
import * as T from "./tokens.js";

const CLOSERS = new Set<TokenType>([T.RBrack, T.RCurly, T.RParen]);
const OPENERS = new Set<TokenType>([T.LBrack, T.LCurly, T.LParen]);
const KEYWORD_SET = new Set<TokenType>(T.KEYWORDS);
const SINGLE_TOKEN_TERMS = new Set<TokenType>([T.StringLit, T.RawStringLit, T.NumberLit, T.TemplateString, T.Ident, ...T.KEYWORDS]);

export class RegoGrammar extends CstParser {
  /** Set per parse: `import future.keywords.not` was seen, so `not { … }` is a block. */
  notBlocks = false;
  /** Set per parse: the experimental keywords `and` / `or` were imported. */
  logicKeywords = false;

  constructor() {
    super(T.ALL_TOKENS, { maxLookahead: 3, nodeLocationTracking: "full", recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  // ------------------------------------------------------------ gates

  /** Token k starts right where token k-1 ends: no whitespace between them. */
  private adjacent(k: number): boolean {
    const prev = this.LA(k - 1);
    const next = this.LA(k);
    return next.tokenType !== EOF && next.startOffset === (prev.endOffset ?? -2) + 1;
  }

  /** The next token starts on a later line than the last consumed one. */
  private onNewLine(): boolean {
    const prev = this.LA(0);
    const next = this.LA(1);
    return next.tokenType !== EOF && (next.startLine ?? 0) > (prev.endLine ?? 0);
  }

  /** Token k is immediately followed by `.` or `[`. */
  private refFollows(k: number): boolean {
    const next = this.LA(k + 1).tokenType;
    return (next === T.Dot || next === T.LBrack) && this.adjacent(k + 1);
  }

  /** Token k is a keyword used as the head of a ref. */
  private keywordStartsRef(k: number): boolean {
    return KEYWORD_SET.has(this.LA(k).tokenType) && this.refFollows(k);
  }

  /** Token 1 is the keyword `kw` used as a keyword (not as a ref head). */
  private isKeyword(kw: TokenType): boolean {
    return this.LA(1).tokenType === kw && !this.refFollows(1);
  }

  /** Token k can start a var or ref: an identifier, `contains`, or a keyword ref head. */
  private startsVar(k: number): boolean {
    const t = this.LA(k).tokenType;
    return t === T.Ident || t === T.Contains || this.keywordStartsRef(k);
  }

  /** Index (lookahead distance) of the token closing the bracket at k, or -1. */
  private closingOf(k: number): number {
    let depth = 0;
    for (let i = k; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === EOF) return -1;
      if (OPENERS.has(t)) depth++;
      else if (CLOSERS.has(t) && --depth === 0) return i;
    }
  }

  /** Lookahead distance just past the term starting at k, or -1 when no term starts there. */
  private skipTerm(k: number): number {
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
  private startsComprehension(): boolean {
    const end = this.skipTerm(1);
    return end > 0 && this.LA(end).tokenType === T.Pipe;
  }

  /** After `{`: a key up to a top-level `:`, then one term, then `|`. */
  private startsObjectComprehension(): boolean {
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
  private commaStartsKeyValueIn(): boolean {
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

  /** The next token can end a body (so no literal follows). */
  private endsBody(): boolean {
    const t = this.LA(1).tokenType;
    return t === EOF || CLOSERS.has(t);
  }

  // ------------------------------------------------------------ module level

  public module = this.RULE("module", () => {
    this.MANY(() => this.SUBRULE(this.statement));
  });

  public statement = this.RULE("statement", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.isKeyword(T.Package), ALT: () => this.SUBRULE(this.packageDecl) },
        { GATE: () => this.isKeyword(T.Import), ALT: () => this.SUBRULE(this.importDecl) },
        { ALT: () => this.SUBRULE(this.ruleDecl) },
      ],
    });
  });

  public packageDecl = this.RULE("packageDecl", () => {
    this.CONSUME(T.Package);
    this.SUBRULE(this.pathRef);
  });

  public importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.SUBRULE(this.pathRef);
    this.OPTION({
      GATE: () => this.isKeyword(T.As),
      DEF: () => {
        this.CONSUME(T.As);
        this.CONSUME(T.IdentLike);
      },
    });
  });

  /** A dotted path starting with a name, for packages, imports and rule heads. */
  public pathRef = this.RULE("pathRef", () => {
    this.CONSUME(T.IdentLike);
    this.MANY({
      GATE: () => this.adjacent(1),
      DEF: () => this.SUBRULE(this.refStep),
    });
  });

  /** One step of a ref: `.name` or `[term]`. */
  public refStep = this.RULE("refStep", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Dot);
          this.CONSUME(T.IdentLike);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LBrack);
          this.SUBRULE(this.exprIn);
          this.CONSUME(T.RBrack);
        },
      },
    ]);
  });

  public ruleDecl = this.RULE("ruleDecl", () => {
    this.OPTION({ GATE: () => this.isKeyword(T.Default), DEF: () => this.CONSUME(T.Default) });
    this.SUBRULE(this.pathRef);
    this.OPTION2({
      GATE: () => this.adjacent(1),
      DEF: () => this.SUBRULE(this.callArgs),
    });
    this.OPTION3({ GATE: () => !this.keywordStartsRef(1), DEF: () => this.SUBRULE(this.ruleHeadValue) });
    this.OPTION4({ GATE: () => !this.keywordStartsRef(1), DEF: () => this.SUBRULE(this.ruleBody) });
    this.MANY({
      GATE: () => this.isKeyword(T.Else),
      DEF: () => this.SUBRULE(this.elseClause),
    });
    this.MANY2(() => this.SUBRULE(this.block));
  });

  /** `contains term`, `:= term` or `= term`. */
  public ruleHeadValue = this.RULE("ruleHeadValue", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Contains) },
      { ALT: () => this.CONSUME(T.Assign) },
      { ALT: () => this.CONSUME(T.Unify) },
    ]);
    this.SUBRULE(this.exprIn);
  });

  /** `if { … }`, `if literal`, or a bare `{ … }` (a v0 body, reported as such). */
  public ruleBody = this.RULE("ruleBody", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.If);
          this.OR2({
            IGNORE_AMBIGUITIES: true,
            DEF: [
            { GATE: () => this.LA(1).tokenType === T.LCurly, ALT: () => this.SUBRULE(this.block) },
            { ALT: () => this.SUBRULE(this.literal) },
            ],
          });
        },
      },
      { ALT: () => this.SUBRULE2(this.block) },
    ]);
  });

  public elseClause = this.RULE("elseClause", () => {
    this.CONSUME(T.Else);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Assign) }, { ALT: () => this.CONSUME(T.Unify) }]);
      this.SUBRULE(this.exprIn);
    });
    this.OPTION2({ GATE: () => !this.keywordStartsRef(1), DEF: () => this.SUBRULE(this.ruleBody) });
  });

  // ------------------------------------------------------------ bodies

  public block = this.RULE("block", () => {
    this.CONSUME(T.LCurly);
    this.SUBRULE(this.query);
    this.CONSUME(T.RCurly);
  });

  /** Literals separated by `;` or line breaks. */
  public query = this.RULE("query", () => {
    this.SUBRULE(this.literal);
    this.MANY({
      GATE: () => this.LA(1).tokenType === T.Semicolon || (this.onNewLine() && !this.endsBody()),
      DEF: () => {
        this.OPTION(() => this.CONSUME(T.Semicolon));
        this.SUBRULE2(this.literal);
      },
    });
  });

  public literal = this.RULE("literal", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.isKeyword(T.Some), ALT: () => this.SUBRULE(this.someLiteral) },
        { GATE: () => this.isKeyword(T.Every), ALT: () => this.SUBRULE(this.everyLiteral) },
        { ALT: () => this.SUBRULE(this.logicOr) },
      ],
    });
    this.MANY({ GATE: () => this.isKeyword(T.With), DEF: () => this.SUBRULE(this.withModifier) });
  });

  /** Token k is the experimental keyword `word` (`and` / `or`), when imported. */
  private isLogic(k: number, word: "and" | "or"): boolean {
    const t = this.LA(k);
    return this.logicKeywords && t.tokenType === T.Ident && t.image === word;
  }

  /** `a or b`: the lowest precedence, below `and`, below `not`. */
  public logicOr = this.RULE("logicOr", () => {
    this.SUBRULE(this.logicAnd);
    this.MANY({
      GATE: () => this.isLogic(1, "or"),
      DEF: () => {
        this.CONSUME(T.Ident);
        this.SUBRULE2(this.logicAnd);
      },
    });
  });

  public logicAnd = this.RULE("logicAnd", () => {
    this.SUBRULE(this.exprLiteral);
    this.MANY({
      GATE: () => this.isLogic(1, "and"),
      DEF: () => {
        this.CONSUME(T.Ident);
        this.SUBRULE2(this.exprLiteral);
      },
    });
  });

  /** After `{` or `(` at k: the matching closer is followed by `and` / `or`. */
  private closerFollowedByLogic(k: number): boolean {
    const close = this.closingOf(k);
    return close > 0 && (this.isLogic(close + 1, "and") || this.isLogic(close + 1, "or"));
  }

  /** `(` at k opens a group holding an `and` / `or` (inside nothing but more parentheses). */
  private parenGroupsLogic(k: number): boolean {
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
  private startsLogicBlock(): boolean {
    if (this.LA(1).tokenType !== T.LCurly) return false;
    const prev = this.LA(0);
    if (prev.tokenType === T.Not) return this.notBlocks || this.logicKeywords;
    if (!this.logicKeywords) return false;
    return this.isLogic(0, "and") || this.isLogic(0, "or") || this.closerFollowedByLogic(1);
  }

  /** `some x, y` or `some x in xs` / `some k, v in xs`. */
  public someLiteral = this.RULE("someLiteral", () => {
    this.CONSUME(T.Some);
    this.SUBRULE(this.exprIn);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.CONSUME(T.IdentLike);
    });
  });

  public everyLiteral = this.RULE("everyLiteral", () => {
    this.CONSUME(T.Every);
    this.SUBRULE(this.exprIn);
    this.SUBRULE(this.block);
  });

  public exprLiteral = this.RULE("exprLiteral", () => {
    this.OPTION({ GATE: () => this.isKeyword(T.Not), DEF: () => this.CONSUME(T.Not) });
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsLogicBlock(), ALT: () => this.SUBRULE(this.block) },
        {
          GATE: () => this.logicKeywords && this.LA(1).tokenType === T.LParen && this.parenGroupsLogic(1),
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE(this.logicOr);
            this.MANY2({ GATE: () => this.isKeyword(T.With), DEF: () => this.SUBRULE(this.withModifier) });
            this.CONSUME(T.RParen);
          },
        },
        { ALT: () => this.SUBRULE(this.expr) },
      ],
    });
  });

  /** A literal's expression: a term, or `term := term` / `term = term`. */
  public expr = this.RULE("expr", () => {
    this.SUBRULE(this.exprIn);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Assign) }, { ALT: () => this.CONSUME(T.Unify) }]);
      this.SUBRULE2(this.exprIn);
    });
  });

  public withModifier = this.RULE("withModifier", () => {
    this.CONSUME(T.With);
    this.SUBRULE(this.term);
    this.CONSUME(T.As);
    this.SUBRULE(this.exprIn);
  });

  // ------------------------------------------------------------ operators, by precedence

  /** `x in xs` and `k, v in xs`: the lowest-precedence operator. */
  public exprIn = this.RULE("exprIn", () => {
    this.SUBRULE(this.exprRel);
    this.OPTION({
      GATE: () => this.LA(1).tokenType === T.Comma && this.commaStartsKeyValueIn(),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.exprRel);
        this.CONSUME(T.In);
        this.SUBRULE3(this.exprRel);
      },
    });
    this.MANY({
      GATE: () => this.isKeyword(T.In),
      DEF: () => {
        this.CONSUME2(T.In);
        this.SUBRULE4(this.exprRel);
      },
    });
  });

  /** An element of a comma-separated list: like `exprIn`, without `k, v in xs`. */
  public listItem = this.RULE("listItem", () => {
    this.SUBRULE(this.exprRel);
    this.MANY({
      GATE: () => this.isKeyword(T.In),
      DEF: () => {
        this.CONSUME(T.In);
        this.SUBRULE2(this.exprRel);
      },
    });
  });

  public exprRel = this.RULE("exprRel", () => {
    this.SUBRULE(this.exprOr);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Equal) },
        { ALT: () => this.CONSUME(T.NotEqual) },
        { ALT: () => this.CONSUME(T.Lte) },
        { ALT: () => this.CONSUME(T.Gte) },
        { ALT: () => this.CONSUME(T.Lt) },
        { ALT: () => this.CONSUME(T.Gt) },
      ]);
      this.SUBRULE2(this.exprOr);
    });
  });

  public exprOr = this.RULE("exprOr", () => {
    this.SUBRULE(this.exprAnd);
    this.MANY(() => {
      this.CONSUME(T.Pipe);
      this.SUBRULE2(this.exprAnd);
    });
  });

  public exprAnd = this.RULE("exprAnd", () => {
    this.SUBRULE(this.exprArith);
    this.MANY(() => {
      this.CONSUME(T.Amp);
      this.SUBRULE2(this.exprArith);
    });
  });

  public exprArith = this.RULE("exprArith", () => {
    this.SUBRULE(this.exprFactor);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE2(this.exprFactor);
    });
  });

  public exprFactor = this.RULE("exprFactor", () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Star) }, { ALT: () => this.CONSUME(T.Slash) }, { ALT: () => this.CONSUME(T.Percent) }]);
      this.SUBRULE2(this.term);
    });
  });

  // ------------------------------------------------------------ terms

  /** A primary term followed by adjacent ref steps and calls. */
  public term = this.RULE("term", () => {
    this.SUBRULE(this.primary);
    this.MANY({
      GATE: () => this.adjacent(1),
      DEF: () => {
        this.OR([{ ALT: () => this.SUBRULE(this.refStep) }, { ALT: () => this.SUBRULE(this.callArgs) }]);
      },
    });
  });

  public primary = this.RULE("primary", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { GATE: () => this.startsVar(1), ALT: () => this.CONSUME(T.IdentLike) },
        { ALT: () => this.CONSUME(T.Null) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { ALT: () => this.SUBRULE(this.numberLiteral) },
        { ALT: () => this.CONSUME(T.StringLit) },
        { ALT: () => this.CONSUME(T.RawStringLit) },
        { ALT: () => this.CONSUME(T.TemplateString) },
        { ALT: () => this.SUBRULE(this.arrayLiteral) },
        { ALT: () => this.SUBRULE(this.braceLiteral) },
        { ALT: () => this.SUBRULE(this.parenthesized) },
      ],
    });
  });

  /** `1`, `-1`, `.5`, `-.5`. */
  public numberLiteral = this.RULE("numberLiteral", () => {
    this.OPTION(() => this.CONSUME(T.Minus));
    this.OPTION2(() => this.CONSUME(T.Dot));
    this.CONSUME(T.NumberLit);
  });

  public parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(T.LParen);
    this.SUBRULE(this.exprIn);
    this.CONSUME(T.RParen);
  });

  /** `(args…)`: call arguments, trailing comma allowed. */
  public callArgs = this.RULE("callArgs", () => {
    this.CONSUME(T.LParen);
    this.OPTION(() => this.SUBRULE(this.termList));
    this.CONSUME(T.RParen);
  });

  /** Comma-separated expressions inside a list; a trailing comma is allowed. */
  public termList = this.RULE("termList", () => {
    this.SUBRULE(this.listItem);
    this.MANY({
      GATE: () => this.LA(1).tokenType === T.Comma && !CLOSERS.has(this.LA(2).tokenType),
      DEF: () => {
        this.CONSUME(T.Comma);
        this.SUBRULE2(this.listItem);
      },
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
  });

  /** `[]`, `[a, b]`, `[x | body]`. */
  public arrayLiteral = this.RULE("arrayLiteral", () => {
    this.CONSUME(T.LBrack);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(T.RBrack) },
        {
          GATE: () => this.startsComprehension(),
          ALT: () => {
            this.SUBRULE(this.term);
            this.CONSUME(T.Pipe);
            this.SUBRULE(this.query);
            this.CONSUME2(T.RBrack);
          },
        },
        {
          ALT: () => {
            this.SUBRULE(this.termList);
            this.CONSUME3(T.RBrack);
          },
        },
      ],
    });
  });

  /** `{}`, sets, objects, and their comprehensions. */
  public braceLiteral = this.RULE("braceLiteral", () => {
    this.CONSUME(T.LCurly);
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => this.CONSUME(T.RCurly) },
        {
          GATE: () => this.startsComprehension(),
          ALT: () => this.SUBRULE(this.setComprehension),
        },
        {
          GATE: () => this.startsObjectComprehension(),
          ALT: () => this.SUBRULE(this.objectComprehension),
        },
        { ALT: () => this.SUBRULE(this.setOrObject) },
      ],
    });
  });

  public setComprehension = this.RULE("setComprehension", () => {
    this.SUBRULE(this.term);
    this.CONSUME(T.Pipe);
    this.SUBRULE(this.query);
    this.CONSUME(T.RCurly);
  });

  public objectComprehension = this.RULE("objectComprehension", () => {
    this.SUBRULE(this.listItem);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.term);
    this.CONSUME(T.Pipe);
    this.SUBRULE(this.query);
    this.CONSUME(T.RCurly);
  });

  /** After `{`: `a, b }` (a set) or `k: v, … }` (an object). */
  public setOrObject = this.RULE("setOrObject", () => {
    this.SUBRULE(this.listItem);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE2(this.listItem);
          this.MANY({
            GATE: () => this.LA(1).tokenType === T.Comma && this.LA(2).tokenType !== T.RCurly,
            DEF: () => this.SUBRULE(this.objectEntry),
          });
        },
      },
      {
        ALT: () => {
          this.MANY2({
            GATE: () => this.LA(1).tokenType === T.Comma && this.LA(2).tokenType !== T.RCurly,
            DEF: () => {
              this.CONSUME(T.Comma);
              this.SUBRULE3(this.listItem);
            },
          });
        },
      },
    ]);
    this.OPTION(() => this.CONSUME2(T.Comma));
    this.CONSUME(T.RCurly);
  });

  public objectEntry = this.RULE("objectEntry", () => {
    this.CONSUME(T.Comma);
    this.SUBRULE(this.listItem);
    this.CONSUME(T.Colon);
    this.SUBRULE2(this.listItem);
  });
}

/** The one grammar instance: chevrotain's self-analysis is costly, parsing is not. */
export const grammar = new RegoGrammar();
