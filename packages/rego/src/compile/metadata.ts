/**
 * Stage RewriteRegoMetadataCalls: `rego.metadata.rule()` and `rego.metadata.chain()`
 * become constants built from the METADATA annotations (OPA's annotation set):
 * rule and document scope on rules, package and subpackages scope on packages.
 */
import type * as A from "../ast/nodes.js";
import type { Value } from "../ast/value.js";
import type { ModuleInfo } from "./context.js";
import type { RuleNode } from "./plan.js";

/** An annotation as OPA renders it: known fields normalised, `custom` kept as given. */
export function annotationValue(a: A.Annotations): Value {
  const d = a.data as Record<string, unknown>;
  const out: Record<string, Value> = {};
  if (Array.isArray(d["authors"])) out["authors"] = d["authors"].map(author);
  if (d["custom"] !== undefined && d["custom"] !== null) out["custom"] = toValue(d["custom"]);
  if (typeof d["description"] === "string") out["description"] = d["description"];
  if (d["entrypoint"] === true) out["entrypoint"] = true;
  if (Array.isArray(d["organizations"])) out["organizations"] = d["organizations"].map((o) => String(o));
  if (Array.isArray(d["related_resources"])) out["related_resources"] = d["related_resources"].map(relatedResource);
  if (Array.isArray(d["schemas"])) out["schemas"] = d["schemas"].map(toValue);
  out["scope"] = a.scope;
  if (typeof d["title"] === "string") out["title"] = d["title"];
  return out;
}

/** `"Name <email>"` or `{name, email}`. */
function author(a: unknown): Value {
  if (typeof a === "string") {
    const parts = a.trim().split(/\s+/);
    const last = parts[parts.length - 1] ?? "";
    if (parts.length > 0 && last.startsWith("<") && last.endsWith(">") && last.length > 2) {
      const name = parts.slice(0, -1).join(" ");
      return name ? { name, email: last.slice(1, -1) } : { email: last.slice(1, -1) };
    }
    return { name: parts.join(" ") };
  }
  const o = (a ?? {}) as Record<string, unknown>;
  const out: Record<string, Value> = {};
  if (typeof o["email"] === "string" && o["email"].trim()) out["email"] = o["email"].trim();
  if (typeof o["name"] === "string" && o["name"].trim()) out["name"] = o["name"].trim();
  return out;
}

function relatedResource(r: unknown): Value {
  if (typeof r === "string") return { ref: r };
  const o = (r ?? {}) as Record<string, unknown>;
  const out: Record<string, Value> = { ref: String(o["ref"] ?? "").trim() };
  if (typeof o["description"] === "string" && o["description"].trim()) out["description"] = o["description"].trim();
  return out;
}

function toValue(v: unknown): Value {
  if (v === undefined) return null;
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(toValue);
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === "object") {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[String(k)] = toValue(x);
    return out;
  }
  return v as Value;
}

interface PackageAnnotations {
  readonly path: readonly string[];
  readonly annotations: A.Annotations[];
}

/** Every annotation of the compiled modules, found by rule node or package path. */
export class MetadataIndex {
  readonly #documents = new Map<RuleNode, A.Annotations[]>();
  readonly #packages = new Map<string, PackageAnnotations>();

  constructor(modules: readonly ModuleInfo[], nodeOf: (rule: A.Rule) => RuleNode | undefined) {
    for (const info of modules) {
      const key = info.pkg.join("\u0000");
      const entry = this.#packages.get(key) ?? { path: info.pkg, annotations: [] };
      entry.annotations.push(...info.module.annotations);
      this.#packages.set(key, entry);
      for (const rule of info.module.rules) {
        const docs = rule.annotations.filter((a) => a.scope === "document");
        const node = nodeOf(rule);
        if (docs.length === 0 || !node) continue;
        this.#documents.set(node, [...(this.#documents.get(node) ?? []), ...docs]);
      }
    }
  }

  /** `rego.metadata.rule()`: the rule's own annotation, else its document's, else `{}`. */
  rule(rule: A.Rule, node: RuleNode): Value {
    const own = rule.annotations.find((a) => a.scope === "rule") ?? this.#documents.get(node)?.[0];
    return own ? annotationValue(own) : {};
  }

  /** `rego.metadata.chain()`: from the rule out to the root package. */
  chain(rule: A.Rule, node: RuleNode): Value {
    const links: Value[] = [];
    const own = rule.annotations.find((a) => a.scope === "rule");
    links.push(own ? { annotations: annotationValue(own), path: [...node.path] } : { path: [...node.path] });
    for (const doc of this.#documents.get(node) ?? []) links.push({ annotations: annotationValue(doc), path: [...node.path] });
    const pkg = this.#packageOf(node);
    for (let n = pkg.length; n >= 0; n--) {
      const entry = this.#packages.get(pkg.slice(0, n).join("\u0000"));
      for (const a of entry?.annotations ?? []) {
        if (a.scope === "package" && n !== pkg.length) continue;
        links.push({ annotations: annotationValue(a), path: pkg.slice(0, n) });
      }
    }
    return links;
  }

  /** The longest package path that is a prefix of the node's path. */
  #packageOf(node: RuleNode): string[] {
    for (let n = node.path.length; n >= 0; n--) {
      const path = node.path.slice(0, n);
      if (this.#packages.has(path.join("\u0000"))) return [...path];
    }
    return [];
  }
}
