/**
 * A variable declared with `some x` (the declaration form, not `some x in xs`) or by
 * `every k, v in …` that nothing else in the rule names is a compile error in Rego,
 * strict mode or not (OPA's RewriteLocalVars: `declared var x unused`). It is almost
 * always a typo: the author meant another name, or dropped the line that used it.
 *
 * Names are matched across the whole rule, so shadowing can only hide an unused
 * variable, never make a used one look unused.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import { varNameCounts, visitNodes } from "../ast/walk.js";

export function unusedDeclaredVars(modules: readonly A.Module[]): RegoError[] {
  const out: RegoError[] = [];
  for (const m of modules) {
    for (const rule of m.rules) {
      for (let r: A.Rule | undefined = rule; r; r = r.else) check(r, out);
    }
  }
  return out;
}

function check(rule: A.Rule, out: RegoError[]): void {
  const declared: { readonly v: A.VarTerm; readonly at: A.Node }[] = [];
  visitNodes(rule.body, (node) => {
    if (node.type === "SomeDecl") for (const v of (node as A.SomeDecl).vars) declared.push({ v, at: node as A.SomeDecl });
    if (node.type === "Every") {
      const e = node as A.Every;
      if (e.key) declared.push({ v: e.key, at: e });
      declared.push({ v: e.value, at: e });
    }
  });
  if (declared.length === 0) return;
  const counts = varNameCounts(rule.head, rule.body);
  for (const { v, at } of declared) {
    if (v.name.startsWith("$") || v.name === "_") continue;
    // The declaration itself is one occurrence.
    if ((counts.get(v.name) ?? 0) <= 1) out.push(new RegoError(ErrorCode.CompileError, `declared var ${v.name} unused`, (at as { loc: A.Expr["loc"] }).loc));
  }
}
