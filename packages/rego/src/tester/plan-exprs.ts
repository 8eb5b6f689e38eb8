/**
 * Every plan expression a rule can evaluate: its body, the bodies nested in `not`,
 * `every`, `with`, `or`, and the bodies of comprehensions and template strings found
 * in any of its terms (head terms and function parameters included). The `else` chain
 * is left to the caller: each `else` is a rule of its own, with a head of its own.
 * These are exactly the expressions the evaluator reports to a coverage recorder.
 */
import type * as P from "../compile/plan.js";

export function ruleExprs(rule: P.CompiledRule, out: P.PExpr[] = []): P.PExpr[] {
  body(rule.body, out);
  for (const t of rule.keys) term(t, out);
  for (const t of rule.params) term(t, out);
  term(rule.value, out);
  if (rule.element) term(rule.element, out);
  return out;
}

function body(b: P.PBody, out: P.PExpr[]): void {
  for (const e of b.exprs) expr(e, out);
}

function expr(e: P.PExpr, out: P.PExpr[]): void {
  out.push(e);
  switch (e.k) {
    case "unify":
      term(e.a, out);
      term(e.b, out);
      return;
    case "term":
      term(e.t, out);
      return;
    case "not":
      body(e.body, out);
      return;
    case "every":
      term(e.domain, out);
      body(e.body, out);
      return;
    case "with":
      body(e.body, out);
      for (const m of e.mods) {
        if (m.kind !== "function") term(m.value, out);
        else if (m.replacement.kind === "value") term(m.replacement.value, out);
      }
      return;
    case "any":
      for (const b of e.bodies) body(b, out);
      return;
  }
}

function term(t: P.PTerm, out: P.PExpr[]): void {
  switch (t.k) {
    case "ref":
      term(t.head, out);
      for (const p of t.path) term(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) term(x, out);
      return;
    case "object":
      for (const x of t.keys) term(x, out);
      for (const x of t.values) term(x, out);
      return;
    case "arrayCompr":
    case "setCompr":
      term(t.head, out);
      body(t.body, out);
      return;
    case "objectCompr":
      term(t.key, out);
      term(t.value, out);
      body(t.body, out);
      return;
    case "call":
      for (const x of t.args) term(x, out);
      if (t.target.kind === "dynamic") term(t.target.ref, out);
      return;
    case "template":
      for (const part of t.parts) {
        if (typeof part === "string") continue;
        term(part.term, out);
        body(part.body, out);
      }
      return;
    default:
      return;
  }
}
