/**
 * Stage LowerRules (OPA's ResolveRefs, RewriteLocalVars, RewritePrintCalls and
 * CheckUndefinedFuncs in one walk): turns rule and query ASTs into plan nodes.
 *
 * Name resolution, per body level: vars declared with `some` or `:=` are new locals
 * (shadowing anything outside); other names refer to an enclosing local, else to an
 * import or a rule of the package, else they are implicit locals of this level.
 */
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import { ObjectBuilder, RSet } from "../ast/value.js";
import type { Builtin } from "../builtins/types.js";
import type { CompileContext } from "./context.js";
import { callTarget, calleeArity, resolveCallee, type Globals } from "./callees.js";
import { declaredVars, termVars, usedVars } from "./ast-vars.js";
import { Frame, Scope } from "./scope.js";
import { hoistNegatedCalls } from "./negated-calls.js";
import { termTypeName } from "../ast/term-type-name.js";
import * as P from "./plan.js";
import type { Placement } from "./rule-tree.js";
import type { MetadataIndex } from "./metadata.js";

export class Lowerer {
  readonly #ctx: CompileContext;
  readonly #globals: Globals;
  /** print() expressions, whose unbound operands are reported as undeclared. */
  readonly printExprs: WeakSet<P.PExpr>;
  readonly #metadata: MetadataIndex | undefined;
  /** Names already reported as `referenced above`, per scope (one error is enough). */
  readonly #referencedAbove = new WeakMap<Scope, Set<string>>();
  /** Names the variables of calls hoisted out of `not` (negated-calls.ts). */
  #hoistedCalls = 0;
  readonly #notBodies: boolean;
  /** The rule being lowered, for `rego.metadata.*`. */
  #current: { readonly rule: A.Rule; readonly node: P.RuleNode } | undefined;

  /** The text being compiled (a module's, or a query's), for messages that quote it. */
  readonly #source: string;

  /**
   * `notBodies`: the module imports `future.keywords.not`, so a negated expression keeps
   * its nested calls under the `not` (otherwise they are made first, as OPA makes them).
   */
  constructor(ctx: CompileContext, globals: Globals, printExprs: WeakSet<P.PExpr>, metadata?: MetadataIndex, notBodies = false, source = "") {
    this.#source = source;
    this.#ctx = ctx;
    this.#globals = globals;
    this.printExprs = printExprs;
    this.#metadata = metadata;
    this.#notBodies = notBodies;
  }

  // ------------------------------------------------------------ rules and queries

  lowerRule(rule: A.Rule, placement: Placement): P.CompiledRule {
    this.#current = { rule, node: placement.node };
    const frame = new Frame();
    const scope = new Scope(frame);
    for (const arg of rule.head.args ?? []) this.declarePattern(arg, scope);
    const args = rule.head.args ?? [];
    const computed: [P.PLocal, A.Term][] = [];
    const params = args.map((a): P.PTerm => {
      if (isPattern(a)) return this.lowerTerm(a, scope);
      const temp = this.hiddenLocal(scope, `$arg${computed.length}`, a.loc);
      computed.push([temp, a]);
      return temp;
    });
    const body = this.lowerBody(rule.body, scope);
    // Arguments that are computed (a template string) are checked once the body has run.
    for (const [temp, a] of computed) body.exprs.push({ k: "unify", a: temp, b: this.lowerTerm(a, scope), loc: a.loc });
    const hoist: P.PExpr[] = [];
    const keys = placement.keys.map((k) => this.lowerHeadTerm(k, scope, hoist));
    const head = rule.head;
    const element = head.contains && head.key ? this.lowerHeadTerm(head.key, scope, hoist) : undefined;
    const value: P.PTerm = head.value ? this.lowerHeadTerm(head.value, scope, hoist) : { k: "const", v: true, loc: head.loc };
    body.exprs.push(...hoist);
    const elseRule = rule.else ? this.lowerRule(rule.else, placement) : undefined;
    return {
      kind: placement.kind,
      node: placement.node,
      keys,
      contains: head.contains,
      element,
      value,
      params,
      body,
      slots: frame.size,
      slotNames: frame.names,
      isDefault: rule.default,
      else: elseRule,
      ast: rule,
      loc: rule.loc,
    };
  }

  /**
   * A head term. Refs that bind variables (`q := xs[_]`) move into the body, as OPA's
   * RewriteRefsInHead does: the head then only reads bound variables.
   */
  private lowerHeadTerm(t: A.Term, scope: Scope, hoist: P.PExpr[]): P.PTerm {
    const lowered = this.lowerTerm(t, scope, hoist);
    const replace = (x: P.PTerm): P.PTerm => {
      switch (x.k) {
        case "ref":
          return this.hoisted(x, scope, hoist);
        case "array":
          return { ...x, items: x.items.map(replace) };
        case "set":
          return { ...x, items: x.items.map(replace) };
        case "object": {
          const keys = x.keys.map(replace);
          const values = x.values.map(replace);
          return { ...x, keys, values, items: [...keys, ...values], memo: P.siteMemo<P.ObjectCode>() };
        }
        default:
          return x;
      }
    };
    return replace(lowered);
  }

  /** A query body, with the plan expression standing for each of its expressions. */
  lowerQuery(body: A.Body): { body: P.PBody; frame: Frame; mains: (P.PExpr | undefined)[] } {
    const frame = new Frame();
    const scope = new Scope(frame);
    this.declareImplicit(body, scope);
    const exprs: P.PExpr[] = [];
    const mains = body.map((e) => {
      this.declareAt(e, scope);
      const lowered = this.lowerExpr(e, scope);
      exprs.push(...lowered);
      return lowered[lowered.length - 1];
    });
    return { body: { exprs, locals: scope.ownSlots() }, frame, mains };
  }

  // ------------------------------------------------------------ bodies

  /** Lowers a body in `scope`, declaring its own locals there first. */
  lowerBody(body: A.Body, scope: Scope): P.PBody {
    this.declareImplicit(body, scope);
    const exprs: P.PExpr[] = [];
    for (const e of body) {
      this.declareAt(e, scope);
      exprs.push(...this.lowerExpr(e, scope));
    }
    return { exprs, locals: scope.ownSlots() };
  }

  /**
   * Declares a body level's implicit locals (vars bound by unification) up front, so
   * closures anywhere in the body capture them. Vars declared with `some` or `:=`
   * are declared later, where their declaration is reached (`declareAt`): closures
   * before that point have variables of their own.
   */
  private declareImplicit(body: A.Body, scope: Scope): void {
    const explicit = new Map<string, number>();
    body.forEach((e, i) => {
      for (const v of declaredVars(e)) if (!explicit.has(v.name)) explicit.set(v.name, i);
    });
    const reported = new Set<string>();
    this.#referencedAbove.set(scope, reported);
    body.forEach((e, i) => {
      const functionNames = new Set(e.with.flatMap((w) => (this.#ctx.builtins.has(dottedName(w.value) ?? "") ? headVar(w.value) : [])));
      for (const v of usedVars(e)) {
        if (e.negated && v.name.startsWith("$")) continue;
        if (functionNames.has(v)) continue;
        const at = explicit.get(v.name);
        if (at !== undefined) {
          if (i < at && body[at]!.node.type === "Assign" && !reported.has(v.name)) {
            this.#ctx.compileError(`var ${v.name} referenced above`, body[at]!.loc);
            reported.add(v.name);
          }
          continue;
        }
        if (scope.lookup(v.name) !== undefined || this.isGlobal(v.name)) continue;
        scope.declare(v.name);
      }
    });
  }

  /**
   * Declares the vars an expression introduces with `some`. Those of `:=` are declared
   * once its right side is lowered (lowerExprNode): `y := [x | x := 2 * x]` reads the
   * outer `x` on the right, as OPA reads it.
   */
  private declareAt(e: A.Expr, scope: Scope): void {
    if (e.node.type !== "Assign") this.declare(e, scope);
  }

  /** Declares the vars an expression introduces with `some` or `:=`. */
  private declare(e: A.Expr, scope: Scope): void {
    if (e.node.type === "Assign") {
      // `:=` declares variables, or arrays and objects of them; `"a" := x` is no declaration.
      const bad = unassignable(e.node.left);
      if (bad) return this.#ctx.compileError(`cannot assign to ${termTypeName(bad)}`, bad.loc);
    }
    for (const v of declaredVars(e)) {
      if (v.name === "input" || v.name === "data") {
        this.#ctx.compileError(`variables must not shadow ${v.name} (use a different variable name)`, v.loc);
        continue;
      }
      if (scope.hasOwn(v.name)) {
        if (v.name.startsWith("$") || this.#referencedAbove.get(scope)?.has(v.name)) continue;
        this.#ctx.compileError(e.node.type === "Assign" ? `var ${v.name} assigned above` : `var ${v.name} declared above`, v.loc);
        continue;
      }
      scope.declare(v.name);
    }
  }

  /** Declares every var in a pattern (function arguments) in `scope`. */
  private declarePattern(t: A.Term, scope: Scope): void {
    const vars: A.VarTerm[] = [];
    collectAllVars(t, vars);
    for (const v of vars) if (!scope.hasOwn(v.name)) scope.declare(v.name);
  }

  private isGlobal(name: string): boolean {
    return name === "input" || name === "data" || this.#globals.imports.has(name) || this.#globals.exports.has(name);
  }

  // ------------------------------------------------------------ expressions

  /**
   * An expression, preceded by the terms hoisted out of its calls (refs that can bind
   * variables, so that `x[i] == i` works whatever the argument order).
   */
  private lowerExpr(e: A.Expr, scope: Scope): P.PExpr[] {
    if (e.negated) return this.lowerNegated(e, scope);
    if (e.with.length === 0) {
      const hoisted: P.PExpr[] = [];
      const main = this.lowerExprNode(e, scope, hoisted);
      if (main) hoisted.push(main);
      return hoisted;
    }
    const inner: P.PExpr[] = [];
    const main = this.lowerExprNode(e, scope, inner);
    if (!main) return [];
    inner.push(main);
    return [this.withExpr(e, scope, inner)];
  }

  private withExpr(e: A.Expr, scope: Scope, exprs: P.PExpr[]): P.PExpr {
    const mods = e.with.map((w) => this.lowerWith(w, scope)).filter((m): m is P.PWith => m !== undefined);
    return { k: "with", body: { exprs, locals: [] }, mods, loc: e.loc };
  }

  /** `not expr`: wildcards and hoisted terms in the expression are its own locals (`not p[_]` is safe). */
  private lowerNegated(e: A.Expr, scope: Scope): P.PExpr[] {
    if (e.node.type === "Block") {
      const not: P.PExpr = { k: "not", body: this.lowerBody(e.node.body, scope.child()), loc: e.loc };
      return e.with.length > 0 ? [this.withExpr(e, scope, [not])] : [not];
    }
    // Calls nested in the expression are made outside the `not`, as OPA makes them;
    // their variables (and wildcards inside them) belong to the enclosing body.
    const hoisted = this.#notBodies ? { support: [], expr: e } : hoistNegatedCalls(e, () => `$call${this.#hoistedCalls++}`);
    const before: P.PExpr[] = [];
    for (const s of hoisted.support) {
      for (const v of usedVars(s)) if (v.name.startsWith("$") && scope.lookup(v.name) === undefined) scope.declare(v.name);
      before.push(...this.lowerExpr(s, scope));
    }
    e = hoisted.expr;
    const child = scope.child();
    for (const v of usedVars(e)) if (v.name.startsWith("$") && child.lookup(v.name) === undefined) child.declare(v.name);
    const inner: P.PExpr[] = [];
    const main = this.lowerExprNode(e, child, inner);
    if (!main) return before;
    inner.push(main);
    const not: P.PExpr = { k: "not", body: { exprs: inner, locals: child.ownSlots() }, loc: e.loc };
    return [...before, e.with.length > 0 ? this.withExpr(e, scope, [not]) : not];
  }

  private lowerExprNode(e: A.Expr, scope: Scope, hoist: P.PExpr[]): P.PExpr | undefined {
    const n = e.node;
    const loc = e.loc;
    switch (n.type) {
      case "Unify":
        return { k: "unify", a: this.lowerTerm(n.left, scope, hoist), b: this.lowerTerm(n.right, scope, hoist), loc };
      case "Assign": {
        const b = this.lowerTerm(n.right, scope, hoist);
        this.declare(e, scope);
        return { k: "unify", a: this.lowerTerm(n.left, scope, hoist), b, loc };
      }
      case "SomeDecl":
        return undefined;
      case "SomeIn": {
        const value = this.lowerTerm(n.value, scope);
        const key: P.PTerm = n.key ? this.lowerTerm(n.key, scope) : this.hiddenLocal(scope, "$key", loc);
        const collection = this.lowerTerm(n.collection, scope);
        return { k: "unify", a: value, b: { k: "ref", head: collection, path: [key], loc, memo: P.siteMemo() }, loc };
      }
      case "Every": {
        const domain = this.lowerTerm(n.domain, scope);
        const child = scope.child();
        const key = n.key ? { k: "local" as const, slot: child.declare(n.key.name), name: n.key.name, loc: n.key.loc } : undefined;
        const value: P.PLocal = { k: "local", slot: child.declare(n.value.name), name: n.value.name, loc: n.value.loc };
        const body = this.lowerBody(n.body, child);
        return { k: "every", key, value, domain, body, loc };
      }
      case "Block":
        // A positive block (an operand group): holds once, binds nothing outside.
        return { k: "any", bodies: [this.lowerBody(n.body, scope.child())], loc };
      case "Logic":
        return this.lowerLogic(n, scope);
      case "Call":
        return this.lowerCallExpr(n, scope, loc, hoist);
      default:
        return { k: "term", t: this.lowerTerm(n as A.Term, scope, hoist), loc };
    }
  }

  /**
   * `a and b` / `a or b`: bodies that succeed at most once and bind nothing outside.
   * An `and` is one body of its operands; an `or` is a body per operand.
   */
  private lowerLogic(n: A.Logic, scope: Scope): P.PExpr {
    if (n.op === "or") return { k: "any", bodies: n.operands.map((o) => this.lowerOperand(o, scope.child())), loc: n.loc };
    const child = scope.child();
    const exprs: P.PExpr[] = [];
    const locals: number[] = [];
    for (const o of n.operands) {
      const body = this.lowerOperand(o, child);
      exprs.push(...body.exprs);
      locals.push(...body.locals);
    }
    return { k: "any", bodies: [{ exprs, locals: [...new Set([...locals, ...child.ownSlots()])] }], loc: n.loc };
  }

  /** One operand of `and` / `or`: a `{ … }` block has a scope of its own. */
  private lowerOperand(o: A.Expr, scope: Scope): P.PBody {
    if (o.node.type === "Block" && !o.negated && o.with.length === 0) {
      const inner = scope.child();
      const body = this.lowerBody(o.node.body, inner);
      return { exprs: body.exprs, locals: [...body.locals, ...scope.ownSlots()] };
    }
    this.declareImplicit([o], scope);
    this.declareAt(o, scope);
    return { exprs: this.lowerExpr(o, scope), locals: scope.ownSlots() };
  }

  /** A call statement: the output-argument form unifies the result with the extra argument. */
  private lowerCallExpr(call: A.CallTerm, scope: Scope, loc: Location, hoist: P.PExpr[]): P.PExpr | undefined {
    const callee = resolveCallee(this.#globals, call.operator, scope);
    if (callee.kind === "builtin" && callee.name === "print") return this.lowerPrint(call, scope, loc);
    // `eq(a, b)` is OPA's own name of `a = b` (one AST there), unless a rule of the package is named `eq`.
    if (callee.kind === "builtin" && callee.name === "eq" && call.args.length === 2 && !this.#ctx.builtins.has("eq")) {
      return { k: "unify", a: this.lowerTerm(call.args[0]!, scope, hoist), b: this.lowerTerm(call.args[1]!, scope, hoist), loc };
    }
    const arity = calleeArity(this.#ctx, callee);
    if (arity !== undefined && call.args.length === arity + 1) {
      const args = call.args.slice(0, arity);
      const target = callTarget(this.#ctx, callee, call, args.length);
      const out = this.lowerTerm(call.args[arity]!, scope);
      if (!target) return { k: "unify", a: out, b: { k: "const", v: null, loc }, loc };
      const lowered = args.map((a) => this.hoisted(this.lowerTerm(a, scope, hoist), scope, hoist));
      return { k: "unify", a: { k: "call", target, args: lowered, loc: call.loc }, b: out, loc };
    }
    return { k: "term", t: this.lowerCall(call, scope, hoist, false), loc };
  }

  /**
   * `print(a, b)` → `internal.print([{x | x = a}, {x | x = b}])`, so undefined operands
   * still print. An operand's wildcards are its own (`print(xs[_])` prints each element).
   */
  private lowerPrint(call: A.CallTerm, scope: Scope, loc: Location): P.PExpr | undefined {
    if (!this.#ctx.options.enablePrint) return undefined;
    const internal = this.#ctx.builtins.get("internal.print")!;
    const items: P.PTerm[] = call.args.map((a) => {
      const inner = scope.child();
      const vars: A.VarTerm[] = [];
      termVars(a, vars);
      for (const v of vars) if (v.name.startsWith("$") && !inner.hasOwn(v.name)) inner.declare(v.name);
      const value = this.hiddenLocal(inner, "$print", a.loc);
      const exprs: P.PExpr[] = [];
      const operand = this.lowerTerm(a, inner, exprs);
      exprs.push({ k: "unify", a: value, b: operand, loc: a.loc });
      return { k: "setCompr", head: value, body: { exprs, locals: inner.ownSlots() }, loc: a.loc };
    });
    const expr: P.PExpr = {
      k: "term",
      t: { k: "call", target: { kind: "builtin", name: internal.name, builtin: internal }, args: [{ k: "array", items, loc }], loc: call.loc },
      loc,
    };
    this.printExprs.add(expr);
    return expr;
  }

  private lowerWith(w: A.With, scope: Scope): P.PWith | undefined {
    const target = w.target;
    const headName = target.type === "Var" ? target.name : target.head.type === "Var" ? target.head.name : "";
    const steps = target.type === "Ref" ? target.path : [];
    if (headName === "input" && scope.lookup("input") === undefined) {
      return { kind: "input", path: steps.map((s) => this.lowerTerm(s, scope)), value: this.lowerTerm(w.value, scope), loc: w.loc };
    }
    const callee = resolveCallee(this.#globals, target, scope);
    if (callee.kind === "data") {
      const node = this.#ctx.findNode(callee.path);
      if (node && node.arity !== undefined) {
        return { kind: "function", name: callee.name, target: { kind: "function", node }, replacement: this.replacement(w.value, scope), loc: w.loc };
      }
      return { kind: "data", path: callee.path, value: this.lowerTerm(w.value, scope), loc: w.loc };
    }
    const builtin = callee.kind === "builtin" ? this.#ctx.builtins.get(callee.name) : undefined;
    const refused = builtin ? unreplaceable(builtin) : callee.name === "eq" ? `replacement of "eq" invalid` : undefined;
    if (refused !== undefined) {
      this.#ctx.compileError(`with keyword replacing built-in function: ${refused}`, w.target.loc);
      return undefined;
    }
    if (builtin) {
      return { kind: "function", name: callee.name, target: { kind: "builtin", builtin }, replacement: this.replacement(w.value, scope), loc: w.loc };
    }
    this.#ctx.typeError("with keyword target must reference existing input, data, or a function", w.target.loc);
    return undefined;
  }

  /** What a `with` replaces a function by: another function, or a value. */
  private replacement(value: A.Term, scope: Scope): P.FunctionReplacement {
    if (value.type === "Var" || value.type === "Ref") {
      const callee = resolveCallee(this.#globals, value, scope);
      if (callee.kind === "data") {
        const node = this.#ctx.findNode(callee.path);
        if (node && node.arity !== undefined) return { kind: "function", node };
      } else if (callee.kind === "builtin") {
        const builtin = this.#ctx.builtins.get(callee.name);
        if (builtin) return { kind: "builtin", builtin };
      }
    }
    return { kind: "value", value: this.lowerTerm(value, scope) };
  }

  // ------------------------------------------------------------ terms

  /** Lowers a term; calls inside it hoist their dynamic ref arguments into `hoist` when given. */
  lowerTerm(t: A.Term, scope: Scope, hoist?: P.PExpr[]): P.PTerm {
    const loc = t.loc;
    switch (t.type) {
      case "Null":
        return { k: "const", v: null, loc };
      case "Boolean":
      case "Number":
      case "String":
        return { k: "const", v: t.value, loc };
      case "Var":
        return this.resolveVar(t, scope);
      case "Ref":
        return this.lowerRef(t, scope, hoist);
      case "Array": {
        const items = t.items.map((x) => this.lowerTerm(x, scope, hoist));
        return allConst(items) ? { k: "const", v: items.map((x) => (x as P.PConst).v), loc } : { k: "array", items, loc };
      }
      case "Set": {
        const items = t.items.map((x) => this.lowerTerm(x, scope, hoist));
        return allConst(items) ? { k: "const", v: new RSet(items.map((x) => (x as P.PConst).v)), loc } : { k: "set", items, loc };
      }
      case "Object": {
        const keys = t.entries.map(([k]) => this.lowerTerm(k, scope, hoist));
        const values = t.entries.map(([, v]) => this.lowerTerm(v, scope, hoist));
        if (allConst(keys) && allConst(values)) {
          const b = new ObjectBuilder();
          keys.forEach((k, i) => b.set((k as P.PConst).v, (values[i] as P.PConst).v));
          return { k: "const", v: b.build(), loc };
        }
        return { k: "object", keys, values, items: [...keys, ...values], loc, memo: P.siteMemo() };
      }
      case "ArrayComprehension":
      case "SetComprehension": {
        const child = scope.child();
        const body = this.lowerBody(t.body, child);
        const head = this.lowerTerm(t.head, child);
        return { k: t.type === "ArrayComprehension" ? "arrayCompr" : "setCompr", head, body, loc };
      }
      case "ObjectComprehension": {
        const child = scope.child();
        const body = this.lowerBody(t.body, child);
        return { k: "objectCompr", key: this.lowerTerm(t.key, child), value: this.lowerTerm(t.value, child), body, loc };
      }
      case "Call":
        return this.lowerCall(t, scope, hoist);
      case "TemplateString":
        return this.lowerTemplate(t, scope);
    }
  }

  private lowerTemplate(t: A.TemplateStringTerm, scope: Scope): P.PTerm {
    const features = this.#ctx.options.features;
    if (features !== undefined && !features.has("template_strings")) this.#ctx.compileError("template-strings are not supported", t.loc);
    const parts: (string | P.PTemplatePart)[] = t.parts.map((p) => {
      if (p.type === "String") return p.value;
      const child = scope.child();
      this.declareImplicit([p], child);
      this.declareAt(p, child);
      if (p.with.length === 0) {
        const term = this.lowerTerm(p.node as A.Term, child);
        return { term, body: { exprs: [], locals: child.ownSlots() }, loc: p.loc };
      }
      // `{a with input as x}`: the value is computed under the with modifiers.
      const temp = this.hiddenLocal(child, "$part", p.loc);
      const value: P.PExpr = { k: "unify", a: temp, b: this.lowerTerm(p.node as A.Term, child), loc: p.loc };
      return { term: temp, body: { exprs: [this.withExpr(p, child, [value])], locals: child.ownSlots() }, loc: p.loc };
    });
    return { k: "template", parts, loc: t.loc };
  }

  /** A hidden local (a generated key var): `$` names never appear in bindings. */
  private hiddenLocal(scope: Scope, name: string, loc: Location): P.PLocal {
    return { k: "local", slot: scope.declare(name), name, loc };
  }

  private resolveVar(v: A.VarTerm, scope: Scope): P.PTerm {
    const loc = v.loc;
    const local = scope.local(v.name, loc);
    if (local) return local;
    if (v.name === "input") return { k: "input", loc };
    if (v.name === "data") return { k: "data", loc };
    const imp = this.#globals.imports.get(v.name);
    if (imp) {
      const head: P.PTerm = imp.root === "input" ? { k: "input", loc } : { k: "data", loc };
      return imp.path.length === 0 ? head : { k: "ref", head, path: imp.path.map((s) => ({ k: "const", v: s, loc })), loc, memo: P.siteMemo() };
    }
    if (this.#globals.exports.has(v.name)) {
      const path: P.PTerm[] = [...this.#globals.pkg, v.name].map((s) => ({ k: "const", v: s, loc }));
      return { k: "ref", head: { k: "data", loc }, path, loc, memo: P.siteMemo() };
    }
    return { k: "local", slot: scope.declare(v.name), name: v.name, loc };
  }

  private lowerRef(r: A.RefTerm, scope: Scope, hoist?: P.PExpr[]): P.PTerm {
    const head = this.lowerTerm(r.head, scope, hoist);
    const path = r.path.map((p) => this.lowerTerm(p, scope, hoist));
    if (head.k === "ref") return { k: "ref", head: head.head, path: [...head.path, ...path], loc: r.loc, memo: P.siteMemo() };
    return { k: "ref", head, path, loc: r.loc, memo: P.siteMemo() };
  }

  // ------------------------------------------------------------ calls

  /** A call; `asValue` unless it is a statement of its own (OPA's arity message then lists an output operand). */
  private lowerCall(call: A.CallTerm, scope: Scope, hoist?: P.PExpr[], asValue = true): P.PTerm {
    const callee = resolveCallee(this.#globals, call.operator, scope);
    const target = callTarget(this.#ctx, callee, call, call.args.length, asValue);
    if (asValue && target?.kind === "builtin" && target.builtin.void) {
      this.#ctx.typeError(`${this.#source.slice(call.loc.offset, call.loc.endOffset)} used as value`, call.loc);
    }
    const args = call.args.map((a) => this.hoisted(this.lowerTerm(a, scope, hoist), scope, hoist));
    if (!target) return { k: "const", v: null, loc: call.loc };
    if (target.kind === "builtin" && target.name.startsWith("rego.metadata.")) return this.metadataCall(target.name, call.loc);
    return { k: "call", target, args, loc: call.loc };
  }

  /** `rego.metadata.rule()` / `chain()`: the annotations in force, as a constant. */
  private metadataCall(name: string, loc: Location): P.PTerm {
    const cur = this.#current;
    if (!cur || !this.#metadata) return { k: "const", v: name.endsWith("chain") ? [] : {}, loc, folded: true };
    const v = name.endsWith("chain") ? this.#metadata.chain(cur.rule, cur.node) : this.#metadata.rule(cur.rule);
    return { k: "const", v, loc, folded: true };
  }

  /**
   * A call argument that is a ref able to bind variables (`x[i]`) moves into its own
   * `$t = x[i]` before the call, so the safety analysis can order it (OPA's
   * RewriteDynamicTerms).
   */
  private hoisted(arg: P.PTerm, scope: Scope, hoist: P.PExpr[] | undefined): P.PTerm {
    if (!hoist || arg.k !== "ref" || !refHasLocalInPath(arg)) return arg;
    const temp = this.hiddenLocal(scope, `$t${hoist.length}`, arg.loc);
    hoist.push({ k: "unify", a: temp, b: arg, loc: arg.loc });
    return temp;
  }

}

/** `count`, `object.union_n`: the name a Var or a ref of strings spells. */
function dottedName(t: A.Term): string | undefined {
  if (t.type === "Var") return t.name;
  if (t.type !== "Ref" || t.head.type !== "Var") return undefined;
  const parts = [t.head.name];
  for (const p of t.path) {
    if (p.type !== "String") return undefined;
    parts.push(p.value);
  }
  return parts.join(".");
}

function headVar(t: A.Term): A.VarTerm[] {
  if (t.type === "Var") return [t];
  return t.type === "Ref" && t.head.type === "Var" ? [t.head] : [];
}

function refHasLocalInPath(r: P.PRef): boolean {
  for (const p of r.path) {
    if (p.k === "local") return true;
    if (p.k === "ref" && (refHasLocalInPath(p) || p.head.k === "local")) return true;
  }
  return r.head.k === "ref" && refHasLocalInPath(r.head);
}

function allConst(terms: readonly P.PTerm[]): boolean {
  for (const t of terms) if (t.k !== "const") return false;
  return true;
}

/** A term that matches values structurally: vars, scalars, and arrays or objects of them. */
function isPattern(t: A.Term): boolean {
  switch (t.type) {
    case "Var":
    case "Null":
    case "Boolean":
    case "Number":
    case "String":
      return true;
    case "Array":
      return t.items.every(isPattern);
    case "Object":
      return t.entries.every(([k, v]) => isPattern(k) && isPattern(v));
    default:
      return false;
  }
}

/** Every var in a term, closures included (for patterns such as function arguments). */
function collectAllVars(t: A.Term, out: A.VarTerm[]): void {
  switch (t.type) {
    case "Var":
      out.push(t);
      return;
    case "Ref":
      collectAllVars(t.head, out);
      t.path.forEach((p) => collectAllVars(p, out));
      return;
    case "Array":
    case "Set":
      t.items.forEach((x) => collectAllVars(x, out));
      return;
    case "Object":
      t.entries.forEach(([k, v]) => {
        collectAllVars(k, out);
        collectAllVars(v, out);
      });
      return;
    default:
      return;
  }
}


/** The first part of a `:=` left side that is not a variable, or an array or object of them. */
function unassignable(t: A.Term): A.Term | undefined {
  switch (t.type) {
    case "Var":
      return undefined;
    case "Array":
      for (const item of t.items) {
        const bad = unassignable(item);
        if (bad) return bad;
      }
      return undefined;
    case "Object":
      for (const [, value] of t.entries) {
        const bad = unassignable(value);
        if (bad) return bad;
      }
      return undefined;
    default:
      return t;
  }
}

/** Why OPA refuses to let `with` replace a builtin, or undefined when it may. */
function unreplaceable(b: Builtin): string | undefined {
  if (b.name.startsWith("rego.metadata.")) return `replacement of ${JSON.stringify(b.name)} invalid`;
  if (b.name.startsWith("internal.")) return `replacement of internal function ${JSON.stringify(b.name)} invalid`;
  if (b.relation) return "target must not be a relation";
  if (b.void) return "target must not be a void function";
  return undefined;
}
