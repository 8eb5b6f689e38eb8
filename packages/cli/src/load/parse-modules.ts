/** Parses every loaded module, collecting the parse errors of all of them (one run reports every file's). */
import { RegoErrors, parseModule, type AST, type RegoError } from "@regolith/rego";
import type { SourceFile } from "./loader.js";

export function parseModules(sources: readonly SourceFile[]): { readonly modules: AST.Module[]; readonly errors: RegoError[] } {
  const modules: AST.Module[] = [];
  const errors: RegoError[] = [];
  for (const m of sources) {
    try {
      modules.push(parseModule(m.source, { file: m.name }));
    } catch (e) {
      if (!(e instanceof RegoErrors)) throw e;
      errors.push(...e.errors);
    }
  }
  return { modules, errors };
}
