/**
 * `import future.keywords.not` (or `import future.keywords`, every keyword at once).
 * Rego v1 has the other future keywords built in; `not` still changes meaning: with it,
 * `not { … }` is a negated body, and everything in a negated expression stays under the
 * `not` (without it, OPA makes the calls nested in the expression first; see
 * compile/negated-calls.ts).
 */
import type * as A from "./nodes.js";

export function importsNotKeyword(m: A.Module): boolean {
  return m.imports.some((imp) => {
    if (imp.path.type !== "Ref" || imp.path.head.type !== "Var" || imp.path.head.name !== "future") return false;
    const keys = imp.path.path.map((k) => (k.type === "String" ? k.value : ""));
    return keys[0] === "keywords" && (keys.length === 1 || keys[1] === "not");
  });
}
