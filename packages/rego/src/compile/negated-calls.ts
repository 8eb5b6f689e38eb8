/**
 * Calls nested in a negated expression are made before the negation, as OPA's compiler
 * makes them (ast/compile.go: RewriteExprTerms, expandExpr). OPA rewrites every
 * expression so that each call inside another call's arguments, a ref, or an array,
 * set or object literal becomes an expression of its own in front of it; `not` stays on
 * the outer expression only. So
 *
 *     not count(input.missing) > 0
 *
 * is `__1 = count(input.missing); not __1 > 0`, which is undefined (not true) when
 * `input.missing` is; and `not startswith(lower(input.names[_]), "x")` holds when some
 * name does not start with "x". Outside `not` the rewrite changes nothing, so only
 * negated expressions go through here. The expression's own call (`>`, `startswith`)
 * stays under the `not`, and so do comprehensions, whose calls OPA keeps in their bodies.
 */
import type * as A from "../ast/nodes.js";

export interface HoistedCalls {
  /** `$callN = call` expressions, in the order OPA places them (innermost first, left to right). */
  readonly support: readonly A.Expr[];
  /** The negated expression with each hoisted call replaced by its variable. */
  readonly expr: A.Expr;
}

/** `name()` gives each hoisted call's variable a name no other variable has. */
export function hoistNegatedCalls(e: A.Expr, name: () => string): HoistedCalls {
  const support: A.Expr[] = [];
  const hoist = (call: A.CallTerm): A.VarTerm => {
    const v: A.VarTerm = { type: "Var", name: name(), loc: call.loc };
    support.push({ type: "Expr", node: { type: "Unify", left: v, right: call, loc: call.loc }, negated: false, with: e.with, loc: call.loc });
    return v;
  };
  const operand = (t: A.Term): A.Term => {
    switch (t.type) {
      case "Call":
        return hoist({ ...t, args: t.args.map(operand) });
      case "Ref":
        return { ...t, head: operand(t.head), path: t.path.map(operand) };
      case "Array":
      case "Set":
        return { ...t, items: t.items.map(operand) };
      case "Object":
        return { ...t, entries: t.entries.map(([k, v]) => [operand(k), operand(v)] as const) };
      default:
        return t;
    }
  };
  const n = e.node;
  let node: A.ExprNode;
  switch (n.type) {
    case "Call":
      node = { ...n, args: n.args.map(operand) };
      break;
    case "Unify":
      node = { ...n, left: operand(n.left), right: operand(n.right) };
      break;
    case "Ref":
    case "Array":
    case "Set":
    case "Object":
      node = operand(n);
      break;
    default:
      return { support: [], expr: e };
  }
  return support.length === 0 ? { support, expr: e } : { support, expr: { ...e, node } };
}
