/**
 * Which variable names an expression declares and uses at its own body level.
 * Comprehensions, `every` bodies, `not { … }` blocks and template-string parts are
 * scopes of their own and are not entered.
 */
import type * as A from "../ast/nodes.js";

/** Vars in a term at this level (not inside closures), in source order; with `patternOnly`, not those in refs or calls. */
export function termVars(t: A.Term, out: A.VarTerm[], patternOnly = false): void {
  switch (t.type) {
    case "Var":
      out.push(t);
      return;
    case "Ref":
      if (patternOnly) return;
      termVars(t.head, out);
      for (const p of t.path) termVars(p, out);
      return;
    case "Array":
    case "Set":
      for (const x of t.items) termVars(x, out, patternOnly);
      return;
    case "Object":
      for (const [k, v] of t.entries) {
        termVars(k, out, patternOnly);
        termVars(v, out, patternOnly);
      }
      return;
    case "Call":
      if (patternOnly) return;
      for (const a of t.args) termVars(a, out);
      return;
    default:
      return;
  }
}

/**
 * Vars a pattern binds: those outside refs and calls. In `some [x.y, z] in pairs`
 * only `z` is declared; `x.y` is read, as OPA reads it.
 */
function patternVars(t: A.Term, out: A.VarTerm[]): void {
  termVars(t, out, true);
}

/** Vars declared by `some`, `some … in` and `:=`. */
export function declaredVars(e: A.Expr): A.VarTerm[] {
  const out: A.VarTerm[] = [];
  const n = e.node;
  if (n.type === "SomeDecl") out.push(...n.vars);
  else if (n.type === "SomeIn") {
    if (n.key) patternVars(n.key, out);
    patternVars(n.value, out);
  } else if (n.type === "Assign") termVars(n.left, out);
  return out;
}

/** Vars used at this level (declarations included). */
export function usedVars(e: A.Expr): A.VarTerm[] {
  const out: A.VarTerm[] = [];
  const n = e.node;
  switch (n.type) {
    case "Unify":
    case "Assign":
      termVars(n.left, out);
      termVars(n.right, out);
      break;
    case "SomeDecl":
      out.push(...n.vars);
      break;
    case "SomeIn":
      if (n.key) termVars(n.key, out);
      termVars(n.value, out);
      termVars(n.collection, out);
      break;
    case "Every":
      termVars(n.domain, out);
      break;
    case "Block":
    case "Logic":
      break;
    default:
      termVars(n, out);
  }
  for (const w of e.with) termVars(w.value, out);
  return out;
}
