/**
 * Builds the AST from the CST. Evaluates nothing; records the errors a grammar cannot
 * express (OPA's post-parse checks: v1 keywords, default rules, `some`/`every` shapes).
 *
 * Each visitor method is named after its grammar rule and receives the node's
 * children plus the node's location; `validateVisitor()` checks none is missing.
 */
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
import * as T from "./tokens.js";
import { skipEmbedded } from "./tokens.js";

const BaseVisitor = grammar.getBaseCstVisitorConstructor();

/** A parsed statement before it is placed in a module. */
export type Statement = A.Package | A.Import | A.Rule;

/** Parses the text of an embedded template-string expression (set by the parser). */
export type EmbeddedParser = (start: number, end: number) => A.Expr | RegoError;

export class CstToAst extends BaseVisitor {
  readonly errors: RegoError[] = [];
  #file: string;
  #source: string;
  #wildcards = 0;
  #embedded: EmbeddedParser;
  #experimental: boolean;

  constructor(file: string, source: string, embedded: EmbeddedParser, experimentalKeywords = false) {
    super();
    this.#file = file;
    this.#source = source;
    this.#embedded = embedded;
    this.#experimental = experimentalKeywords;
    this.validateVisitor();
  }

  // ------------------------------------------------------------ helpers

  loc(node: CstNode): Location {
    return nodeLocation(this.#file, node);
  }

  private tokLoc(tok: IToken): Location {
    return tokenLocation(this.#file, tok);
  }

  private fail(message: string, loc: Location): void {
    this.errors.push(parseError(message, loc, this.#source));
  }

  private varTerm(tok: IToken): A.VarTerm {
    const loc = this.tokLoc(tok);
    if (tok.image === "_") return { type: "Var", name: `$${this.#wildcards++}`, loc };
    return { type: "Var", name: tok.image, loc };
  }

  /** A builtin's name as an operator term: `plus`, or a ref for `internal.member_2`. */
  private operator(name: string, loc: Location): A.VarTerm | A.RefTerm {
    const parts = name.split(".");
    const head: A.VarTerm = { type: "Var", name: parts[0]!, loc };
    if (parts.length === 1) return head;
    return { type: "Ref", head, path: parts.slice(1).map((p): A.StringTerm => ({ type: "String", value: p, loc })), loc };
  }

  private call(name: string, args: A.Term[], opLoc: Location, infix?: string): A.CallTerm {
    const loc = spanLocations(args[0]!.loc, args[args.length - 1]!.loc);
    const call: A.CallTerm = { type: "Call", operator: this.operator(name, opLoc), args, loc };
    return infix ? { ...call, infix } : call;
  }

  /** Folds `a op b op c` left-associatively; operators come back in source order. */
  private fold(operands: A.Term[], ops: IToken[]): A.Term {
    ops.sort(byOffset);
    let acc = operands[0]!;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      acc = this.call(INFIX_BUILTINS[op.image]!, [acc, operands[i + 1]!], this.tokLoc(op), op.image);
    }
    return acc;
  }

  // ------------------------------------------------------------ module level

  module(ctx: C.ModuleCstChildren): Statement[] {
    const out: Statement[] = [];
    for (const s of ctx.statement ?? []) out.push(...this.statement(s.children, this.loc(s)));
    return out;
  }

  statement(ctx: C.StatementCstChildren, _loc?: Location): Statement[] {
    if (ctx.packageDecl) return [this.packageDecl(ctx.packageDecl[0]!.children, this.loc(ctx.packageDecl[0]!))];
    if (ctx.importDecl) return [this.importDecl(ctx.importDecl[0]!.children, this.loc(ctx.importDecl[0]!))];
    const r = ctx.ruleDecl![0]!;
    return this.ruleDecl(r.children, this.loc(r));
  }

  packageDecl(ctx: C.PackageDeclCstChildren, loc: Location): A.Package {
    const ref = this.pathRef(ctx.pathRef[0]!.children, this.loc(ctx.pathRef[0]!));
    const path: A.Term[] = [{ type: "String", value: this.headName(ref), loc: ref.head.loc }];
    for (const step of ref.path) {
      if (step.type !== "String") this.fail(`unexpected ${termTypeName(step)} token: expecting string`, step.loc);
      path.push(step);
    }
    return { type: "Package", path: { type: "Ref", head: { type: "Var", name: "data", loc: ref.head.loc }, path, loc: ref.loc }, loc };
  }

  importDecl(ctx: C.ImportDeclCstChildren, loc: Location): A.Import {
    const ref = this.pathRef(ctx.pathRef[0]!.children, this.loc(ctx.pathRef[0]!));
    for (const step of ref.path) {
      if (step.type !== "String") this.fail(`unexpected ${termTypeName(step)} token: expecting string`, step.loc);
    }
    const root = this.headName(ref);
    if (!["data", "input", "future", "rego"].includes(root)) {
      this.fail(`unexpected import path, must begin with one of: {data, future, input, rego}, got: ${root}`, ref.loc);
    }
    const path: A.VarTerm | A.RefTerm = ref.path.length === 0 ? (ref.head as A.VarTerm) : ref;
    const aliasTok = ctx.IdentLike?.[0];
    if (aliasTok && aliasTok.tokenType !== T.Ident) this.fail(`unexpected ${aliasTok.image} keyword: expected var`, this.tokLoc(aliasTok));
    if (aliasTok && root === "future") this.fail("`future` imports cannot be aliased", ref.loc);
    if (root === "future") this.checkFutureImport(ref);
    if (root === "rego") this.checkRegoImport(ref);
    return { type: "Import", path, alias: aliasTok?.image, loc };
  }

  private checkFutureImport(ref: A.RefTerm): void {
    const names = ref.path.map((p) => (p.type === "String" ? p.value : ""));
    const known = this.#experimental ? ["and", "contains", "every", "if", "in", "not", "or"] : ["contains", "every", "if", "in", "not"];
    if (names[0] !== "keywords" || names.length > 2) this.fail("invalid import, must be `future.keywords`", ref.loc);
    else if (names.length === 2 && !known.includes(names[1]!)) {
      const hint = names[1] === "and" || names[1] === "or" ? " (hint: `and` and `or` are experimental keywords; enable them to import them)" : "";
      this.fail(`unexpected keyword, must be one of [${known.join(" ")}]${hint}`, ref.loc);
    }
  }

  private checkRegoImport(ref: A.RefTerm): void {
    const names = ref.path.map((p) => (p.type === "String" ? p.value : ""));
    if (names.length !== 1 || names[0] !== "v1") this.fail("invalid import `" + this.#source.slice(ref.loc.offset, ref.loc.endOffset) + "`, must be `rego.v1`", ref.loc);
  }

  private headName(ref: A.RefTerm): string {
    return ref.head.type === "Var" ? ref.head.name : "";
  }

  pathRef(ctx: C.PathRefCstChildren, loc: Location): A.RefTerm {
    const head = this.varTerm(ctx.IdentLike[0]!);
    const path = (ctx.refStep ?? []).map((s) => this.refStep(s.children, this.loc(s)));
    return { type: "Ref", head, path, loc };
  }

  refStep(ctx: C.RefStepCstChildren, loc: Location): A.Term {
    if (ctx.IdentLike) return { type: "String", value: ctx.IdentLike[0]!.image, loc: this.tokLoc(ctx.IdentLike[0]!) };
    void loc;
    return this.exprIn(ctx.exprIn![0]!.children, this.loc(ctx.exprIn![0]!));
  }

  // ------------------------------------------------------------ rules

  ruleDecl(ctx: C.RuleDeclCstChildren, loc: Location): A.Rule[] {
    const isDefault = ctx.Default !== undefined;
    const refNode = ctx.pathRef[0]!;
    const ref = this.pathRef(refNode.children, this.loc(refNode));
    const nameTok = refNode.children.IdentLike[0]!;
    if (nameTok.tokenType !== T.Ident && ref.path.length === 0) {
      this.fail(`unexpected ${nameTok.image} keyword`, this.tokLoc(nameTok));
    }
    const args = ctx.callArgs ? this.callArgs(ctx.callArgs[0]!.children, this.loc(ctx.callArgs[0]!)) : undefined;
    const hv = ctx.ruleHeadValue?.[0];
    const contains = hv?.children.Contains !== undefined;
    const valueTerm = hv ? this.exprIn(hv.children.exprIn[0]!.children, this.loc(hv.children.exprIn[0]!)) : undefined;
    const assign = hv?.children.Assign !== undefined;
    const headEnd = hv ? this.loc(hv) : ctx.callArgs ? this.loc(ctx.callArgs[0]!) : ref.loc;
    const headLoc = spanLocations(ref.loc, headEnd);
    const bodyNode = ctx.ruleBody?.[0];
    const hasIf = bodyNode?.children.If !== undefined;

    if (contains && args) this.fail(`unexpected contains keyword: the contains keyword can only be used with multi-value rule definitions (e.g., ${refText(ref)} contains <VALUE> { ... })`, headLoc);
    const head: A.RuleHead = {
      type: "RuleHead",
      ref,
      args,
      key: contains ? valueTerm : undefined,
      value: contains ? undefined : valueTerm,
      assign,
      contains,
      loc: headLoc,
    };
    if (!contains && !hasIf && !valueTerm && !args && ref.path.length === 1) {
      this.fail("`contains` keyword is required for partial set rules", headLoc);
    }
    if (isDefault) this.checkDefault(head, loc, bodyNode);

    const body = bodyNode ? this.ruleBody(bodyNode.children, this.loc(bodyNode)) : [];
    const elseClauses = ctx.elseClause ?? [];
    if (elseClauses.length > 0) {
      if (ref.path.some((p) => !isGroundTerm(p))) this.fail("else keyword cannot be used on rules with variables in head", this.tokLoc(elseClauses[0]!.children.Else[0]!));
      else if (contains) this.fail("else keyword cannot be used on multi-value rules", this.tokLoc(elseClauses[0]!.children.Else[0]!));
    }
    let elseRule: A.Rule | undefined;
    for (let i = elseClauses.length - 1; i >= 0; i--) {
      const e = elseClauses[i]!;
      elseRule = this.elseClause(e.children, this.loc(e), head, elseRule);
    }
    const end = elseRule ? elseRule.loc : bodyNode ? this.loc(bodyNode) : headLoc;
    const rule: A.Rule = { type: "Rule", default: isDefault, head, body, else: elseRule, annotations: [], loc: spanLocations(loc, end) };
    const rules = [rule];
    for (const extra of ctx.block ?? []) {
      const bodyLoc = this.loc(extra);
      if (elseRule) this.fail("unexpected { token: expected else keyword", bodyLoc);
      const extraBody = this.block(extra.children, bodyLoc);
      rules.push({ type: "Rule", default: false, head: { ...head, args: this.freshWildcards(args) }, body: extraBody, else: undefined, annotations: [], loc: bodyLoc });
    }
    return rules;
  }

  /** Chained bodies and else clauses get their own wildcard names, as in OPA. */
  private freshWildcards(args: readonly A.Term[] | undefined): A.Term[] | undefined {
    return args?.map((a) => (a.type === "Var" && a.name.startsWith("$") ? { ...a, name: `$${this.#wildcards++}` } : a));
  }

  private checkDefault(head: A.RuleHead, loc: Location, bodyNode: CstNode | undefined): void {
    if (!head.value) {
      this.fail("illegal default rule (must have a value)", loc);
      return;
    }
    const bad = findNonConstant(head.value);
    if (bad) this.fail(`illegal default rule (value cannot contain ${bad})`, loc);
    const seen = new Set<string>();
    for (const a of head.args ?? []) {
      if (a.type !== "Var") this.fail(`illegal default rule (arguments cannot contain ${termTypeName(a)})`, loc);
      else if (seen.has(a.name)) this.fail(`illegal default rule (arguments cannot be repeated ${a.name})`, loc);
      else seen.add(a.name);
    }
    if (bodyNode) this.fail("illegal default rule (must not have a body)", this.loc(bodyNode));
  }

  ruleHeadValue(ctx: C.RuleHeadValueCstChildren, loc: Location): A.Term {
    void loc;
    return this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
  }

  ruleBody(ctx: C.RuleBodyCstChildren, loc: Location): A.Body {
    if (!ctx.If) this.fail("`if` keyword is required before rule body", loc);
    if (ctx.block) return this.block(ctx.block[0]!.children, this.loc(ctx.block[0]!));
    return [this.literal(ctx.literal![0]!.children, this.loc(ctx.literal![0]!))];
  }

  elseClause(ctx: C.ElseClauseCstChildren, loc: Location, head?: A.RuleHead, next?: A.Rule): A.Rule {
    const valueNode = ctx.exprIn?.[0];
    const value = valueNode ? this.exprIn(valueNode.children, this.loc(valueNode)) : undefined;
    const bodyNode = ctx.ruleBody?.[0];
    const body = bodyNode ? this.ruleBody(bodyNode.children, this.loc(bodyNode)) : [];
    if (!value && !bodyNode) this.fail("unexpected else keyword: expected else value term or rule body", loc);
    const base = head!;
    const elseHead: A.RuleHead = { ...base, args: this.freshWildcards(base.args), value, assign: ctx.Assign !== undefined, loc };
    return { type: "Rule", default: false, head: elseHead, body, else: next, annotations: [], loc };
  }

  // ------------------------------------------------------------ bodies

  block(ctx: C.BlockCstChildren, loc: Location): A.Body {
    void loc;
    return this.query(ctx.query[0]!.children, this.loc(ctx.query[0]!));
  }

  query(ctx: C.QueryCstChildren, loc: Location): A.Body {
    void loc;
    return ctx.literal.map((l) => this.literal(l.children, this.loc(l)));
  }

  literal(ctx: C.LiteralCstChildren, loc: Location): A.Expr {
    const withs = (ctx.withModifier ?? []).map((w) => this.withModifier(w.children, this.loc(w)));
    if (ctx.someLiteral) {
      const node = this.someLiteral(ctx.someLiteral[0]!.children, this.loc(ctx.someLiteral[0]!));
      return { type: "Expr", node, negated: false, with: withs, loc };
    }
    if (ctx.everyLiteral) {
      const node = this.everyLiteral(ctx.everyLiteral[0]!.children, this.loc(ctx.everyLiteral[0]!));
      return { type: "Expr", node, negated: false, with: withs, loc };
    }
    const e = ctx.logicOr![0]!;
    const inner = this.logicOr(e.children, this.loc(e));
    return { ...inner, with: withs, loc };
  }

  someLiteral(ctx: C.SomeLiteralCstChildren, loc: Location): A.SomeDecl | A.SomeIn {
    const first = this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
    const member = memberCall(first);
    if (member) {
      if (ctx.Comma) this.fail("unexpected , token: expected `x in xs` or `x, y in xs` expression", this.tokLoc(ctx.Comma[0]!));
      return member.length === 2
        ? { type: "SomeIn", key: undefined, value: member[0]!, collection: member[1]!, loc }
        : { type: "SomeIn", key: member[0]!, value: member[1]!, collection: member[2]!, loc };
    }
    const vars: A.VarTerm[] = [];
    if (first.type === "Var") vars.push(first);
    else this.fail(`unexpected ${termTypeName(first)} token: expected var`, first.loc);
    for (const tok of ctx.IdentLike ?? []) {
      if (tok.tokenType !== T.Ident) this.fail(`unexpected ${tok.image} keyword: expected var`, this.tokLoc(tok));
      vars.push(this.varTerm(tok));
    }
    return { type: "SomeDecl", vars, loc };
  }

  everyLiteral(ctx: C.EveryLiteralCstChildren, loc: Location): A.Every {
    const domainExpr = this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
    const body = this.block(ctx.block[0]!.children, this.loc(ctx.block[0]!));
    const member = memberCall(domainExpr);
    const placeholder: A.VarTerm = { type: "Var", name: "$every", loc };
    if (!member) {
      this.fail("unexpected every keyword: expected `x[, y] in xs { ... }` expression", loc);
      return { type: "Every", key: undefined, value: placeholder, domain: domainExpr, body, loc };
    }
    const value = member[member.length - 2]!;
    const key = member.length === 3 ? member[0]! : undefined;
    if (key && key.type !== "Var") this.fail("unexpected every keyword: expected key to be a variable", key.loc);
    if (value.type !== "Var") this.fail("unexpected every keyword: expected value to be a variable", value.loc);
    return {
      type: "Every",
      key: key?.type === "Var" ? key : undefined,
      value: value.type === "Var" ? value : placeholder,
      domain: member[member.length - 1]!,
      body,
      loc,
    };
  }

  logicOr(ctx: C.LogicOrCstChildren, loc: Location): A.Expr {
    const operands = ctx.logicAnd.map((x) => this.logicAnd(x.children, this.loc(x)));
    if (operands.length === 1) return operands[0]!;
    return { type: "Expr", node: { type: "Logic", op: "or", operands, loc }, negated: false, with: [], loc };
  }

  logicAnd(ctx: C.LogicAndCstChildren, loc: Location): A.Expr {
    const operands = ctx.exprLiteral.map((x) => {
      const l = this.loc(x);
      return { type: "Expr" as const, ...this.exprLiteral(x.children, l), with: [], loc: l };
    });
    if (operands.length === 1) return operands[0]!;
    return { type: "Expr", node: { type: "Logic", op: "and", operands, loc }, negated: false, with: [], loc };
  }

  exprLiteral(ctx: C.ExprLiteralCstChildren, loc: Location): { node: A.ExprNode; negated: boolean } {
    const negated = ctx.Not !== undefined;
    if (ctx.block) {
      const b = ctx.block[0]!;
      return { node: { type: "Block", body: this.block(b.children, this.loc(b)), loc: this.loc(b) }, negated };
    }
    if (ctx.logicOr) {
      // `( a or b )`: a group. A group that is itself negated, or carries `with`, becomes a block.
      const withs = (ctx.withModifier ?? []).map((w) => this.withModifier(w.children, this.loc(w)));
      const inner = { ...this.logicOr(ctx.logicOr[0]!.children, this.loc(ctx.logicOr[0]!)), with: withs };
      if (!inner.negated && withs.length === 0) return { node: inner.node, negated };
      return { node: { type: "Block", body: [inner], loc: inner.loc }, negated };
    }
    void loc;
    return { node: this.expr(ctx.expr![0]!.children, this.loc(ctx.expr![0]!)), negated };
  }

  expr(ctx: C.ExprCstChildren, loc: Location): A.ExprNode {
    const left = this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
    if (!ctx.exprIn[1]) return left;
    const right = this.exprIn(ctx.exprIn[1].children, this.loc(ctx.exprIn[1]));
    return ctx.Assign ? { type: "Assign", left, right, loc } : { type: "Unify", left, right, loc };
  }

  withModifier(ctx: C.WithModifierCstChildren, loc: Location): A.With {
    const target = this.term(ctx.term[0]!.children, this.loc(ctx.term[0]!));
    const value = this.exprIn(ctx.exprIn[0]!.children, this.loc(ctx.exprIn[0]!));
    if (target.type !== "Var" && target.type !== "Ref") {
      this.fail(`unexpected ${termTypeName(target)} token: expected with target path`, target.loc);
      return { type: "With", target: { type: "Var", name: "$invalid", loc: target.loc }, value, loc };
    }
    return { type: "With", target, value, loc };
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
function memberCall(t: A.Term): readonly A.Term[] | undefined {
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

function isGroundTerm(t: A.Term): boolean {
  switch (t.type) {
    case "Null":
    case "Boolean":
    case "Number":
    case "String":
      return true;
    case "Array":
    case "Set":
      return t.items.every(isGroundTerm);
    case "Object":
      return t.entries.every(([k, v]) => isGroundTerm(k) && isGroundTerm(v));
    default:
      return false;
  }
}

/** What a default rule's value may not contain, outside comprehensions: `ref`, `var`, `call`. */
function findNonConstant(t: A.Term): string | undefined {
  switch (t.type) {
    case "Var":
      return "var";
    case "Ref":
      return "ref";
    case "Call":
      return "call";
    case "Array":
    case "Set":
      for (const x of t.items) {
        const bad = findNonConstant(x);
        if (bad) return bad;
      }
      return undefined;
    case "Object":
      for (const [k, v] of t.entries) {
        const bad = findNonConstant(k) ?? findNonConstant(v);
        if (bad) return bad;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** OPA's `ValueName` for terms in parse messages. */
export function termTypeName(t: A.Term): string {
  switch (t.type) {
    case "Null":
      return "null";
    case "Boolean":
      return "boolean";
    case "Number":
      return "number";
    case "String":
      return "string";
    case "Var":
      return "var";
    case "Ref":
      return "ref";
    case "Array":
      return "array";
    case "Object":
      return "object";
    case "Set":
      return "set";
    case "ArrayComprehension":
      return "arraycomprehension";
    case "SetComprehension":
      return "setcomprehension";
    case "ObjectComprehension":
      return "objectcomprehension";
    case "Call":
      return "call";
    case "TemplateString":
      return "templatestring";
  }
}

function refText(ref: A.RefTerm): string {
  const head = ref.head.type === "Var" ? ref.head.name : "";
  return head + ref.path.map((p) => (p.type === "String" ? `.${p.value}` : "[...]")).join("");
}
