/**
 * Terms and operators from the CST: the expression half of the CST-to-AST builder
 * (cst-to-ast.ts builds statements, rules and bodies on top of it). Each visitor
 * method is named after its grammar rule and receives the node's children plus the
 * node's location.
 */
import { termTypeName } from "../ast/term-type-name.js";
import type { CstNode, IToken } from "chevrotain";
import type { Location } from "../ast/location.js";
import { spanLocations } from "../ast/location.js";
import type { RegoError } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import type * as C from "./cst.js";
import { grammar } from "./grammar.js";
import { nodeLocation, tokenLocation, byOffset } from "./locations.js";
import { decodeNumber, decodeString } from "./literals.js";
import { INFIX_BUILTINS, MEMBER, MEMBER_WITH_KEY } from "./operators.js";
import { parseError } from "./errors.js";
import { skipEmbedded } from "./tokens.js";

const BaseVisitor = grammar.getBaseCstVisitorConstructor();

/** Parses the text of an embedded template-string expression (set by the parser). */
export type EmbeddedParser = (start: number, end: number) => A.Expr | RegoError;

export abstract class CstTermBuilder extends BaseVisitor {
  readonly errors: RegoError[] = [];
  protected readonly file: string;
  protected readonly source: string;
  #wildcards = 0;
  readonly #embedded: EmbeddedParser;

  constructor(file: string, source: string, embedded: EmbeddedParser) {
    super();
    this.file = file;
    this.source = source;
    this.#embedded = embedded;
  }

  /** Bodies (of comprehensions) are built by the statement half. */
  abstract query(ctx: C.QueryCstChildren, loc: Location): A.Body;

  /** A fresh wildcard name, `$0`, `$1`, …, as OPA names `_`. */
  protected wildcard(): string {
    return `$${this.#wildcards++}`;
  }

  // ------------------------------------------------------------ helpers

  loc(node: CstNode): Location {
    return nodeLocation(this.file, node);
  }

  protected tokLoc(tok: IToken): Location {
    return tokenLocation(this.file, tok);
  }

  protected fail(message: string, loc: Location): void {
    this.errors.push(parseError(message, loc, this.source));
  }

  protected varTerm(tok: IToken): A.VarTerm {
    const loc = this.tokLoc(tok);
    if (tok.image === "_") return { type: "Var", name: this.wildcard(), loc };
    return { type: "Var", name: tok.image, loc };
  }

  /** A builtin's name as an operator term: `plus`, or a ref for `internal.member_2`. */
  protected operator(name: string, loc: Location): A.VarTerm | A.RefTerm {
    const parts = name.split(".");
    const head: A.VarTerm = { type: "Var", name: parts[0]!, loc };
    if (parts.length === 1) return head;
    return { type: "Ref", head, path: parts.slice(1).map((p): A.StringTerm => ({ type: "String", value: p, loc })), loc };
  }

  protected call(name: string, args: A.Term[], opLoc: Location, infix?: string): A.CallTerm {
    const loc = spanLocations(args[0]!.loc, args[args.length - 1]!.loc);
    const call: A.CallTerm = { type: "Call", operator: this.operator(name, opLoc), args, loc };
    return infix ? { ...call, infix } : call;
  }

  /** Folds `a op b op c` left-associatively; operators come back in source order. */
  protected fold(operands: A.Term[], ops: IToken[]): A.Term {
    ops.sort(byOffset);
    let acc = operands[0]!;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      acc = this.call(INFIX_BUILTINS[op.image]!, [acc, operands[i + 1]!], this.tokLoc(op), op.image);
    }
    return acc;
  }


  refStep(ctx: C.RefStepCstChildren, loc: Location): A.Term {
    if (ctx.IdentLike) return { type: "String", value: ctx.IdentLike[0]!.image, loc: this.tokLoc(ctx.IdentLike[0]!) };
    void loc;
    return this.exprIn(ctx.exprIn![0]!.children, this.loc(ctx.exprIn![0]!));
  }

  // ------------------------------------------------------------ operators

  exprIn(ctx: C.ExprInCstChildren, loc: Location): A.Term {
    void loc;
    const rels = ctx.exprRel.map((r) => this.exprRel(r.children, this.loc(r)));
    let acc = rels[0]!;
    let next = 1;
    if (ctx.Comma) {
      acc = this.call(MEMBER_WITH_KEY, [acc, rels[1]!, rels[2]!], this.tokLoc(ctx.In![0]!));
      next = 3;
    }
    const ins = [...(ctx.In ?? [])].sort(byOffset).slice(ctx.Comma ? 1 : 0);
    for (const inTok of ins) acc = this.call(MEMBER, [acc, rels[next++]!], this.tokLoc(inTok));
    return acc;
  }

  listItem(ctx: C.ListItemCstChildren, loc: Location): A.Term {
    void loc;
    const rels = ctx.exprRel.map((r) => this.exprRel(r.children, this.loc(r)));
    let acc = rels[0]!;
    const ins = [...(ctx.In ?? [])].sort(byOffset);
    ins.forEach((tok, i) => (acc = this.call(MEMBER, [acc, rels[i + 1]!], this.tokLoc(tok))));
    return acc;
  }

  exprRel(ctx: C.ExprRelCstChildren, loc: Location): A.Term {
    void loc;
    const ops = [...(ctx.Equal ?? []), ...(ctx.NotEqual ?? []), ...(ctx.Lt ?? []), ...(ctx.Lte ?? []), ...(ctx.Gt ?? []), ...(ctx.Gte ?? [])];
    return this.fold(
      ctx.exprOr.map((x) => this.exprOr(x.children, this.loc(x))),
      ops,
    );
  }

  exprOr(ctx: C.ExprOrCstChildren, loc: Location): A.Term {
    void loc;
    return this.fold(
      ctx.exprAnd.map((x) => this.exprAnd(x.children, this.loc(x))),
      [...(ctx.Pipe ?? [])],
    );
  }

  exprAnd(ctx: C.ExprAndCstChildren, loc: Location): A.Term {
    void loc;
    return this.fold(
      ctx.exprArith.map((x) => this.exprArith(x.children, this.loc(x))),
      [...(ctx.Amp ?? [])],
    );
  }

  exprArith(ctx: C.ExprArithCstChildren, loc: Location): A.Term {
    void loc;
    return this.fold(
      ctx.exprFactor.map((x) => this.exprFactor(x.children, this.loc(x))),
      [...(ctx.Plus ?? []), ...(ctx.Minus ?? [])],
    );
  }

  exprFactor(ctx: C.ExprFactorCstChildren, loc: Location): A.Term {
    void loc;
    return this.fold(
      ctx.term.map((x) => this.term(x.children, this.loc(x))),
      [...(ctx.Star ?? []), ...(ctx.Slash ?? []), ...(ctx.Percent ?? [])],
    );
  }

  // ------------------------------------------------------------ terms

  term(ctx: C.TermCstChildren, loc: Location): A.Term {
    let acc = this.primary(ctx.primary[0]!.children, this.loc(ctx.primary[0]!));
    const steps: (C.RefStepCstNode | C.CallArgsCstNode)[] = [...(ctx.refStep ?? []), ...(ctx.callArgs ?? [])].sort(byOffset);
    let path: A.Term[] = [];
    const flush = (end: Location): void => {
      if (path.length === 0) return;
      if (acc.type === "Ref") acc = { type: "Ref", head: acc.head, path: [...acc.path, ...path], loc: spanLocations(acc.loc, end) };
      else acc = { type: "Ref", head: acc, path, loc: spanLocations(acc.loc, end) };
      path = [];
    };
    for (const step of steps) {
      const stepLoc = this.loc(step);
      if (step.name === "refStep") {
        if (isScalar(acc) && path.length === 0) this.fail(`illegal ref (head cannot be ${termTypeName(acc)})`, acc.loc);
        path.push(this.refStep((step as C.RefStepCstNode).children, stepLoc));
        continue;
      }
      flush(stepLoc);
      const args = this.callArgs((step as C.CallArgsCstNode).children, stepLoc);
      const callLoc = spanLocations(acc.loc, stepLoc);
      if (acc.type === "Var" && acc.name === "set" && args.length === 0) {
        acc = { type: "Set", items: [], loc: callLoc };
        continue;
      }
      if (acc.type !== "Var" && !(acc.type === "Ref" && acc.head.type === "Var")) {
        this.fail(`illegal call (operator cannot be ${termTypeName(acc)})`, acc.loc);
        continue;
      }
      acc = { type: "Call", operator: acc, args, loc: callLoc };
    }
    flush(loc);
    return acc;
  }

  primary(ctx: C.PrimaryCstChildren, loc: Location): A.Term {
    if (ctx.IdentLike) return this.varTerm(ctx.IdentLike[0]!);
    if (ctx.Null) return { type: "Null", loc };
    if (ctx.True) return { type: "Boolean", value: true, loc };
    if (ctx.False) return { type: "Boolean", value: false, loc };
    if (ctx.numberLiteral) return this.numberLiteral(ctx.numberLiteral[0]!.children, loc);
    if (ctx.StringLit) {
      const d = decodeString(ctx.StringLit[0]!.image);
      if (!d.ok) this.fail(d.message, loc);
      return { type: "String", value: d.ok ? d.value : "", loc };
    }
    if (ctx.RawStringLit) return { type: "String", value: ctx.RawStringLit[0]!.image.slice(1, -1), loc };
    if (ctx.TemplateString) return this.templateString(ctx.TemplateString[0]!, loc);
    if (ctx.arrayLiteral) return this.arrayLiteral(ctx.arrayLiteral[0]!.children, loc);
    if (ctx.braceLiteral) return this.braceLiteral(ctx.braceLiteral[0]!.children, loc);
    return this.parenthesized(ctx.parenthesized![0]!.children, loc);
  }

  numberLiteral(ctx: C.NumberLiteralCstChildren, loc: Location): A.Term {
    const text = (ctx.Minus ? "-" : "") + (ctx.Dot ? "." : "") + ctx.NumberLit[0]!.image;
    const d = decodeNumber(text);
    if (!d.ok) this.fail(d.message, loc);
    return { type: "Number", value: d.ok ? d.value : 0, loc };
  }

  parenthesized(ctx: C.ParenthesizedCstChildren, loc: Location): A.Term {
    void loc;
    return this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
  }

  callArgs(ctx: C.CallArgsCstChildren, loc: Location): A.Term[] {
    void loc;
    return ctx.termList ? this.termList(ctx.termList[0]!.children, this.loc(ctx.termList[0]!)) : [];
  }

  termList(ctx: C.TermListCstChildren, loc: Location): A.Term[] {
    void loc;
    return ctx.listItem.map((x) => this.listItem(x.children, this.loc(x)));
  }

  arrayLiteral(ctx: C.ArrayLiteralCstChildren, loc: Location): A.Term {
    if (ctx.Pipe) {
      const head = this.term(ctx.term![0]!.children, this.loc(ctx.term![0]!));
      const body = this.query(ctx.query![0]!.children, this.loc(ctx.query![0]!));
      return { type: "ArrayComprehension", head, body, loc };
    }
    const items = ctx.termList ? this.termList(ctx.termList[0]!.children, this.loc(ctx.termList[0]!)) : [];
    return { type: "Array", items, loc };
  }

  braceLiteral(ctx: C.BraceLiteralCstChildren, loc: Location): A.Term {
    if (ctx.setComprehension) return this.setComprehension(ctx.setComprehension[0]!.children, loc);
    if (ctx.objectComprehension) return this.objectComprehension(ctx.objectComprehension[0]!.children, loc);
    if (ctx.setOrObject) return this.setOrObject(ctx.setOrObject[0]!.children, loc);
    return { type: "Object", entries: [], loc };
  }

  setComprehension(ctx: C.SetComprehensionCstChildren, loc: Location): A.Term {
    const head = this.term(ctx.term[0]!.children, this.loc(ctx.term[0]!));
    const body = this.query(ctx.query[0]!.children, this.loc(ctx.query[0]!));
    return { type: "SetComprehension", head, body, loc };
  }

  objectComprehension(ctx: C.ObjectComprehensionCstChildren, loc: Location): A.Term {
    const key = this.listItem(ctx.listItem[0]!.children, this.loc(ctx.listItem[0]!));
    const value = this.term(ctx.term[0]!.children, this.loc(ctx.term[0]!));
    const body = this.query(ctx.query[0]!.children, this.loc(ctx.query[0]!));
    return { type: "ObjectComprehension", key, value, body, loc };
  }

  setOrObject(ctx: C.SetOrObjectCstChildren, loc: Location): A.Term {
    const items = ctx.listItem.map((x) => this.listItem(x.children, this.loc(x)));
    if (!ctx.Colon) return { type: "Set", items, loc };
    const entries: [A.Term, A.Term][] = [[items[0]!, items[1]!]];
    for (const e of ctx.objectEntry ?? []) entries.push(this.objectEntry(e.children, this.loc(e)));
    return { type: "Object", entries, loc };
  }

  objectEntry(ctx: C.ObjectEntryCstChildren, loc: Location): [A.Term, A.Term] {
    void loc;
    return [this.listItem(ctx.listItem[0]!.children, this.loc(ctx.listItem[0]!)), this.listItem(ctx.listItem[1]!.children, this.loc(ctx.listItem[1]!))];
  }

  /** `$"a{x}b"`: literal chunks become String parts; `{…}` sources are parsed as literals. */
  private templateString(tok: IToken, loc: Location): A.Term {
    const raw = tok.image[1] === "`";
    const text = tok.image;
    const parts: (A.StringTerm | A.Expr)[] = [];
    let chunk = "";
    let chunkStart = tok.startOffset + 2;
    const pushChunk = (end: number): void => {
      if (chunk.length > 0) {
        const d = raw ? { ok: true as const, value: chunk } : decodeString(`"${chunk}"`);
        if (!d.ok) this.fail(`illegal template-string part: ${chunk}`, loc);
        parts.push({ type: "String", value: d.ok ? d.value : "", loc: { ...loc, offset: chunkStart, endOffset: end } });
      }
      chunk = "";
    };
    for (let i = 2; i < text.length - 1; i++) {
      const c = text[i]!;
      if (c === "\\" && text[i + 1] === "{") {
        chunk += "{";
        i++;
        continue;
      }
      if (c === "\\" && !raw) {
        chunk += c + text[i + 1];
        i++;
        continue;
      }
      if (c !== "{") {
        chunk += c;
        continue;
      }
      pushChunk(tok.startOffset + i);
      const close = skipEmbedded(text, i + 1);
      const parsed = this.#embedded(tok.startOffset + i + 1, tok.startOffset + close);
      if ("type" in parsed && parsed.type === "Expr") parts.push(this.checkTemplateExpr(parsed));
      else this.errors.push(parsed as RegoError);
      i = close;
      chunkStart = tok.startOffset + close + 1;
    }
    pushChunk(tok.startOffset + text.length - 1);
    return { type: "TemplateString", parts, raw, loc };
  }

  private checkTemplateExpr(e: A.Expr): A.Expr {
    const kind = e.node.type;
    if (e.negated) this.fail("unexpected negation ('not') in template-string expression", e.loc);
    else if (kind === "Unify") this.fail("unexpected unification ('=') in template-string expression", e.loc);
    else if (kind === "Assign") this.fail("unexpected assignment (':=') in template-string expression", e.loc);
    else if (kind === "Every") this.fail("unexpected 'every' in template-string expression", e.loc);
    else if (kind === "SomeDecl" || kind === "SomeIn") this.fail("unexpected 'some' in template-string expression", e.loc);
    return e;
  }
}

/** The operands of `internal.member_2/3`, or undefined. */
export function memberCall(t: A.Term): readonly A.Term[] | undefined {
  if (t.type !== "Call" || t.operator.type !== "Ref") return undefined;
  const op = t.operator;
  if (op.head.type !== "Var" || op.head.name !== "internal" || op.path.length !== 1) return undefined;
  const name = op.path[0]!;
  if (name.type !== "String") return undefined;
  if (name.value === "member_2" || name.value === "member_3") return t.args;
  return undefined;
}

function isScalar(t: A.Term): boolean {
  return t.type === "Null" || t.type === "Boolean" || t.type === "Number" || t.type === "String" || t.type === "TemplateString";
}

/** OPA's `ValueName` for terms in parse messages. */
