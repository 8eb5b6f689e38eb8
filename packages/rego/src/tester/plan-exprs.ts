/**
 * Every plan expression a rule can evaluate: its body, the bodies nested in `not`,
 * `every`, `with`, `or`, and the bodies of comprehensions and template strings found
 * in any of its terms (head terms and function parameters included). The `else` chain
 * is left to the caller: each `else` is a rule of its own, with a head of its own.
 * These are exactly the expressions the evaluator reports to a coverage recorder.
 */
import type * as P from "../compile/plan.js";

/** What a walk over plan nodes is told of: each expression and each term, nested ones included. */
interface Visitor {
  readonly expr?: (e: P.PExpr) => void;
  readonly term?: (t: P.PTerm) => void;
}

export function ruleExprs(rule: P.CompiledRule, out: P.PExpr[] = []): P.PExpr[] {
  const v: Visitor = { expr: (e) => out.push(e) };
  body(rule.body, v);
  for (const t of rule.keys) term(t, v);
  for (const t of rule.params) term(t, v);
  term(rule.value, v);
  if (rule.element) term(rule.element, v);
  return out;
}

/** Every term in an expression, in the bodies nested in it too. */
export function visitTerms(e: P.PExpr, visit: (t: P.PTerm) => void): void {
  expr(e, { term: visit });
}

/** A term and every term inside it, nested bodies included. */
export function visitTermTree(t: P.PTerm, visit: (t: P.PTerm) => void): void {
  term(t, { term: visit });
}

function body(b: P.PBody, v: Visitor): void {
  for (const e of b.exprs) expr(e, v);
}

function expr(e: P.PExpr, v: Visitor): void {
  v.expr?.(e);
  switch (e.k) {
    case "unify":
      term(e.a, v);
      term(e.b, v);
      return;
    case "term":
      term(e.t, v);
      return;
    case "not":
      body(e.body, v);
      return;
    case "every":
      term(e.domain, v);
      body(e.body, v);
      return;
    case "with":
      body(e.body, v);
      for (const m of e.mods) {
        if (m.kind !== "function") term(m.value, v);
        else if (m.replacement.kind === "value") term(m.replacement.value, v);
      }
      return;
    case "any":
      for (const b of e.bodies) body(b, v);
      return;
  }
}

function term(t: P.PTerm, v: Visitor): void {
  v.term?.(t);
  switch (t.k) {
    case "ref":
      term(t.head, v);
      for (const p of t.path) term(p, v);
      return;
    case "array":
    case "set":
      for (const x of t.items) term(x, v);
      return;
    case "object":
      for (const x of t.keys) term(x, v);
      for (const x of t.values) term(x, v);
      return;
    case "arrayCompr":
    case "setCompr":
      term(t.head, v);
      body(t.body, v);
      return;
    case "objectCompr":
      term(t.key, v);
      term(t.value, v);
      body(t.body, v);
      return;
    case "call":
      for (const x of t.args) term(x, v);
      if (t.target.kind === "dynamic") term(t.target.ref, v);
      return;
    case "template":
      for (const part of t.parts) {
        if (typeof part === "string") continue;
        term(part.term, v);
        body(part.body, v);
      }
      return;
    default:
      return;
  }
}
