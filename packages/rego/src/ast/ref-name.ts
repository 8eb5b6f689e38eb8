/** The dotted name of a var or a ref of string keys, as imports and call operators are written. */
import type { RefTerm, VarTerm } from "./nodes.js";

/** `data.lib.f`, `input.user`, `count`; keys that are not strings are left out (imports and operators have none). */
export function dottedName(t: VarTerm | RefTerm): string {
  if (t.type === "Var") return t.name;
  const head = t.head.type === "Var" ? t.head.name : "";
  return [head, ...t.path.flatMap((k) => (k.type === "String" ? [k.value] : []))].join(".");
}
