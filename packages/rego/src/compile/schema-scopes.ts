/**
 * Which METADATA `schemas` annotations apply to a rule, as OPA's checker collects them
 * (getRuleAnnotation): `subpackages` annotations of the rule's package and every
 * package above it, the package's own (from any of its modules), the rule's document
 * (a `scope: document` annotation on any definition of the rule), then the rule's own.
 * Each applies over the ones before it, so the closest wins.
 */
import type * as A from "../ast/nodes.js";

/** The annotations with `schemas` for one rule of one module, in the order they apply. */
export type SchemaScopes = (module: A.Module, rule: A.Rule) => A.Annotations[];

export function schemaScopes(modules: readonly A.Module[]): SchemaScopes {
  const packages = new Map<string, A.Annotations[]>();
  const documents = new Map<string, A.Annotations[]>();
  for (const m of modules) {
    const pkg = packagePath(m);
    const list = packages.get(key(pkg)) ?? [];
    list.push(...m.annotations.filter(withSchemas));
    packages.set(key(pkg), list);
    for (const rule of m.rules) {
      const doc = key([...pkg, ...groundPrefix(rule)]);
      documents.set(doc, [...(documents.get(doc) ?? []), ...rule.annotations.filter((a) => a.scope === "document" && withSchemas(a))]);
    }
  }
  return (m, rule) => {
    const pkg = packagePath(m);
    const out: A.Annotations[] = [];
    for (let n = 0; n <= pkg.length; n++) out.push(...(packages.get(key(pkg.slice(0, n))) ?? []).filter((a) => a.scope === "subpackages"));
    out.push(...(packages.get(key(pkg)) ?? []).filter((a) => a.scope === "package"));
    out.push(...(documents.get(key([...pkg, ...groundPrefix(rule)])) ?? []));
    out.push(...rule.annotations.filter((a) => a.scope === "rule" && withSchemas(a)));
    return out;
  };
}

function withSchemas(a: A.Annotations): boolean {
  return a.data["schemas"] !== undefined;
}

function packagePath(m: A.Module): string[] {
  return m.package.path.path.map((t) => (t.type === "String" ? t.value : ""));
}

/** `p`, `a.b` of `a.b[x] := …`: the rule's name and the string keys that follow it. */
function groundPrefix(rule: A.Rule): string[] {
  const ref = rule.head.ref;
  const out = [ref.head.type === "Var" ? ref.head.name : ""];
  for (const t of ref.path) {
    if (t.type !== "String") break;
    out.push(t.value);
  }
  return out;
}

function key(path: readonly string[]): string {
  return path.join("\u0000");
}
