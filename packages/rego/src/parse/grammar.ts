/**
 * Rego v1's grammar as a pure chevrotain CstParser: it recognises and builds a CST,
 * nothing else. `cst-to-ast.ts` turns the CST into the AST; the lookahead gates that
 * carry Rego's lexical quirks are in grammar-gates.ts.
 */
import * as T from "./tokens.js";
import { CLOSERS, GrammarGates } from "./grammar-gates.js";

export class RegoGrammar extends GrammarGates {
  constructor() {
    super(T.ALL_TOKENS, { maxLookahead: 3, nodeLocationTracking: "full", recoveryEnabled: false });
    this.performSelfAnalysis();
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
    this.OPTION4({ GATE: () => !this.keywordStartsRef(1), DEF: () => this.SUBRULE(this.ruleBody, { ARGS: [true] }) });
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

  /**
   * `if { … }`, `if literal`, or a bare `{ … }` (a v0 body, reported as such). After a
   * rule's own `if` (`literalFirst`), braces may hold a literal, as OPA reads them;
   * after an `else … if` they always open a body, as in OPA.
   */
  public ruleBody = this.RULE("ruleBody", (literalFirst?: boolean) => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.If);
          this.OR2({
            IGNORE_AMBIGUITIES: true,
            DEF: [
            {
              GATE: () => this.LA(1).tokenType === T.LCurly && (!literalFirst || this.braceOpensRuleBody(() => this.BACKTRACK(this.literal).call(this))),
              ALT: () => this.SUBRULE(this.block),
            },
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
    this.OPTION2({ GATE: () => !this.keywordStartsRef(1), DEF: () => this.SUBRULE(this.ruleBody, { ARGS: [false] }) });
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
      // The gates decide between the alternatives; one token of lookahead only checks
      // that each can start here (three tokens made building the parser ~0.1 s slower).
      MAX_LOOKAHEAD: 1,
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
      // The gates decide between the alternatives; one token of lookahead only checks
      // that each can start here (three tokens made building the parser ~0.1 s slower).
      MAX_LOOKAHEAD: 1,
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
