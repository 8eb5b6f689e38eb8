/** A module's package as a path below `data`. */
import type { Module } from "./nodes.js";

/** `package a.b` → ["a", "b"]; undefined when a segment is not a plain string (`package a[x]`). */
export function packagePath(module: Module): string[] | undefined {
  const out: string[] = [];
  for (const term of module.package.path.path) {
    if (term.type !== "String") return undefined;
    out.push(term.value);
  }
  return out;
}
