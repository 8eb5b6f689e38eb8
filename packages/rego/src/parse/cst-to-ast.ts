/**
 * Builds the AST from the CST: statements, rules and bodies, on top of the term
 * builder (cst-terms.ts). Evaluates nothing; records the errors a grammar cannot
 * express (OPA's post-parse checks: v1 keywords, default rules, `some`/`every` shapes).
 * `validateVisitor()` checks that every grammar rule has its method.
 */
import type { CstNode } from "chevrotain";
import type { Location } from "../ast/location.js";
import { spanLocations } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type * as C from "./cst.js";
import { CstTermBuilder, memberCall, type EmbeddedParser } from "./cst-terms.js";
import { termTypeName } from "../ast/term-type-name.js";
import * as T from "./tokens.js";

/** A parsed statement before it is placed in a module. */
export type Statement = A.Package | A.Import | A.Rule;

export type { EmbeddedParser };

export class CstToAst extends CstTermBuilder {
  readonly #experimental: boolean;

  constructor(file: string, source: string, embedded: EmbeddedParser, experimentalKeywords = false) {
    super(file, source, embedded);
    this.#experimental = experimentalKeywords;
    this.validateVisitor();
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
    if (aliasTok && root === "rego") this.fail("`rego` imports cannot be aliased", ref.loc);
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
    if (names.length !== 1 || names[0] !== "v1") this.fail("invalid import `" + this.source.slice(ref.loc.offset, ref.loc.endOffset) + "`, must be `rego.v1`", ref.loc);
  }

  private headName(ref: A.RefTerm): string {
    return ref.head.type === "Var" ? ref.head.name : "";
  }

  pathRef(ctx: C.PathRefCstChildren, loc: Location): A.RefTerm {
    const head = this.varTerm(ctx.IdentLike[0]!);
    const path = (ctx.refStep ?? []).map((s) => this.refStep(s.children, this.loc(s)));
    return { type: "Ref", head, path, loc };
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
    // `p` or `p.q.r` alone on a line is not a rule in Rego v1 (a stray word must not become
    // `p := true`); a function head with arguments alone still is one (`f(x)`, true), as in OPA.
    if (!isDefault && !contains && !valueTerm && !bodyNode && !(args && args.length > 0)) {
      this.fail("rule must have value assignment and/or body declaration", headLoc);
    }
    if (isDefault) this.checkDefault(head, loc, bodyNode);

    const body = bodyNode ? this.ruleBody(bodyNode.children, this.loc(bodyNode), args !== undefined) : [];
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
    return args?.map((a) => (a.type === "Var" && a.name.startsWith("$") ? { ...a, name: this.wildcard() } : a));
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

  ruleBody(ctx: C.RuleBodyCstChildren, loc: Location, isFunction = false): A.Body {
    if (!ctx.If) this.fail(`\`if\` keyword is required before ${isFunction ? "function" : "rule"} body`, loc);
    if (ctx.block) return this.block(ctx.block[0]!.children, this.loc(ctx.block[0]!));
    return [this.literal(ctx.literal![0]!.children, this.loc(ctx.literal![0]!))];
  }

  elseClause(ctx: C.ElseClauseCstChildren, loc: Location, head?: A.RuleHead, next?: A.Rule): A.Rule {
    const valueNode = ctx.exprIn?.[0];
    const value = valueNode ? this.exprIn(valueNode.children, this.loc(valueNode)) : undefined;
    const bodyNode = ctx.ruleBody?.[0];
    const body = bodyNode ? this.ruleBody(bodyNode.children, this.loc(bodyNode), head?.args !== undefined) : [];
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


function refText(ref: A.RefTerm): string {
  const head = ref.head.type === "Var" ? ref.head.name : "";
  return head + ref.path.map((p) => (p.type === "String" ? `.${p.value}` : "[...]")).join("");
}
