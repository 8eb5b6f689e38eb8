/**
 * Stage SetModuleEnv (with OPA's CheckDuplicateImports and the rule half of its
 * CheckKeywordOverrides): each module's package path and import aliases, and the
 * names each package exports.
 */
import type * as A from "../ast/nodes.js";
import { dottedName } from "../ast/ref-name.js";
import { packageKey, type CompileContext, type ImportTarget, type ModuleInfo } from "./context.js";

/** `data.a.b` (as a package or import ref) → `["a", "b"]`; non-string steps are dropped. */
export function refStrings(ref: A.RefTerm): string[] {
  return ref.path.flatMap((t) => (t.type === "String" ? [t.value] : []));
}

function importTarget(imp: A.Import): { alias: string; target: ImportTarget } | undefined {
  const path = imp.path;
  const root = path.type === "Var" ? path.name : path.head.type === "Var" ? path.head.name : "";
  if (root !== "data" && root !== "input") return undefined;
  const rest = path.type === "Ref" ? refStrings(path) : [];
  const alias = imp.alias ?? (rest.length > 0 ? rest[rest.length - 1]! : root);
  return { alias, target: { root, path: rest, loc: imp.loc } };
}

export function setModuleEnv(ctx: CompileContext, modules: readonly A.Module[]): void {
  const sorted = [...modules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const module of sorted) {
    const pkg = refStrings(module.package.path);
    const imports = new Map<string, ImportTarget>();
    const importedBy = new Map<string, A.Import>();
    for (const imp of module.imports) {
      if (!regoV1ImportAllowed(ctx.options.features) && dottedName(imp.path) === "rego.v1") ctx.compileError("rego.v1 import is not supported", imp.loc);
      const resolved = importTarget(imp);
      if (!resolved) continue;
      const earlier = importedBy.get(resolved.alias);
      if (earlier) {
        // OPA names the import shadowed, as written: `import must not shadow import data.foo`.
        ctx.compileError(`import must not shadow import ${dottedName(earlier.path)}${earlier.alias ? ` as ${earlier.alias}` : ""}`, imp.loc);
        continue;
      }
      importedBy.set(resolved.alias, imp);
      if (resolved.alias === "input" && resolved.target.root === "data") {
        ctx.compileError("import must not shadow input", imp.loc);
        continue;
      }
      imports.set(resolved.alias, resolved.target);
    }
    const info: ModuleInfo = { module, pkg, imports };
    ctx.modules.push(info);
    const key = packageKey(pkg);
    let names = ctx.exports.get(key);
    if (!names) ctx.exports.set(key, (names = new Set()));
    for (const rule of module.rules) {
      const head = rule.head.ref.head;
      if (head.type !== "Var") continue;
      // Rego v1 reserves the root documents' names (OPA's checkKeywordOverrides).
      if (head.name === "input" || head.name === "data") ctx.compileError(`rules must not shadow ${head.name} (use a different rule name)`, rule.head.loc);
      names.add(head.name);
    }
  }
}

/** OPA's check: `import rego.v1` needs the capability `rego_v1_import` (or `rego_v1`). */
function regoV1ImportAllowed(features: ReadonlySet<string> | undefined): boolean {
  return features === undefined || features.has("rego_v1_import") || features.has("rego_v1");
}
