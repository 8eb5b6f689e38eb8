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

/** Reports a compile error (the compiler's `typeError`). */
type Report = (message: string, loc: A.Annotations["loc"]) => void;

/**
 * Every annotation of the compiled modules, found by rule node or package path
 * (OPA's AnnotationSet). A path has at most one document-scope annotation, and a
 * package at most one of each package scope; another is a compile error.
 */
export class MetadataIndex {
  readonly #documents = new Map<RuleNode, A.Annotations>();
  readonly #packages = new Map<string, PackageAnnotations>();

  constructor(modules: readonly ModuleInfo[], nodeOf: (rule: A.Rule) => RuleNode | undefined, report: Report) {
    const declared = new Map<string, A.Annotations>();
    for (const info of modules) {
      const key = info.pkg.join("\u0000");
      const entry = this.#packages.get(key) ?? { path: info.pkg, annotations: [] };
      for (const a of info.module.annotations) {
        const previous = declared.get(`${a.scope}\u0001${key}`);
        if (previous) report(`${a.scope} annotation redeclared: ${where(previous)}`, a.loc);
        else declared.set(`${a.scope}\u0001${key}`, a);
        entry.annotations.push(a);
      }
      this.#packages.set(key, entry);
      for (const rule of info.module.rules) {
        const node = nodeOf(rule);
        if (!node) continue;
        for (const doc of rule.annotations.filter((a) => a.scope === "document")) {
          const previous = this.#documents.get(node);
          if (previous) report(`document annotation redeclared: ${where(previous)}`, doc.loc);
          else this.#documents.set(node, doc);
        }
      }
    }
  }

  /** `rego.metadata.rule()`: the rule-scope annotation closest above the rule, else `{}`. */
  rule(rule: A.Rule): Value {
    const own = ruleScope(rule)[0];
    return own ? annotationValue(own) : {};
  }

  /**
   * `rego.metadata.chain()`, in OPA's order: the rule's own annotations (closest
   * first, or a bare entry for the rule), its document's, its package's, then the
   * subpackages annotations from the package out to the root.
   */
  chain(rule: A.Rule, node: RuleNode): Value {
    const links: Value[] = [];
    const own = ruleScope(rule);
    if (own.length === 0) links.push({ path: [...node.path] });
    for (const a of own) links.push({ annotations: annotationValue(a), path: [...node.path] });
    const doc = this.#documents.get(node);
    if (doc) links.push({ annotations: annotationValue(doc), path: [...node.path] });
    const pkg = this.#packageOf(node);
    const pkgAnnotations = this.#packages.get(pkg.join("\u0000"))?.annotations ?? [];
    for (const a of pkgAnnotations) if (a.scope === "package") links.push({ annotations: annotationValue(a), path: pkg });
    for (let n = pkg.length; n >= 0; n--) {
      for (const a of this.#packages.get(pkg.slice(0, n).join("\u0000"))?.annotations ?? []) {
        if (a.scope === "subpackages") links.push({ annotations: annotationValue(a), path: pkg.slice(0, n) });
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

/** The rule's rule-scope annotations, the one declared closest to it first. */
function ruleScope(rule: A.Rule): A.Annotations[] {
  return rule.annotations.filter((a) => a.scope === "rule").reverse();
}

/** OPA's `Location.String()`: `file:row`. */
function where(a: A.Annotations): string {
  return `${a.loc.file}:${a.loc.row}`;
}
