/**
 * A generic walk over the AST: every node (an object with a string `type`) under a
 * root, in source order, scalars' insides, locations and METADATA skipped. For
 * analyses that look for one kind of node anywhere (every ref, every variable) and
 * would otherwise need a case per node type.
 */
import type * as A from "./nodes.js";

const LEAVES: ReadonlySet<string> = new Set(["Null", "Boolean", "Number", "String", "Comment", "Annotations"]);

export function visitNodes(root: unknown, visit: (node: { readonly type: string }) => void): void {
  if (Array.isArray(root)) {
    for (const x of root) visitNodes(x, visit);
    return;
  }
  if (typeof root !== "object" || root === null) return;
  const type = (root as { readonly type?: unknown }).type;
  if (typeof type !== "string") return;
  visit(root as { readonly type: string });
  if (LEAVES.has(type)) return;
  for (const [key, value] of Object.entries(root)) if (key !== "loc") visitNodes(value, visit);
}

/** How many times each variable name occurs under the roots (closures included). */
export function varNameCounts(...roots: unknown[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const root of roots) {
    visitNodes(root, (node) => {
      if (node.type === "Var") {
        const name = (node as A.VarTerm).name;
        counts.set(name, (counts.get(name) ?? 0) + 1);
      }
    });
  }
  return counts;
}
