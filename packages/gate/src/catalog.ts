/**
 * The rule catalog and the bundle lint, read statically from the parsed modules'
 * METADATA annotations (nothing is evaluated).
 *
 * A check is a rule whose rule-scope METADATA sets `custom.id`. Every `findings` rule
 * in a package under `data.regolith.checks` must be one, with `title` and `custom`
 * `id`, `severity`, `remediation` and `identity` (the fingerprint's field names), and
 * must be a `contains` rule. A check may have several rule definitions (facets) with
 * the same id: the catalog entry takes title, description and remediation from the
 * first facet in source order (modules sorted by file name), the highest severity of
 * the facets, the related resources of all, and remembers each facet's identity
 * fields (a finding's identity must match one of them).
 */
import { packagePath, type AST } from "@regolith/rego";
import { GATE_RULES, SEVERITIES, type RuleInfo, type Severity } from "./result.js";

export const CHECKS_ROOT = ["regolith", "checks"] as const;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const LINT = "regolith_lint_error";

export interface Catalog {
  /** Sorted by id. */
  readonly rules: readonly RuleInfo[];
  /** Per check id, the identity field lists of its facets. */
  readonly identities: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** Packages (paths below `data`) that define `findings` rules, sorted. */
  readonly findingPackages: readonly (readonly string[])[];
  /** Lint errors, `file:row:col: regolith_lint_error: message`. */
  readonly problems: readonly string[];
}

function under(path: readonly string[], root: readonly string[]): boolean {
  return path.length >= root.length && root.every((k, i) => path[i] === k);
}

/** The rule-scope annotation closest above the rule (what `rego.metadata.rule()` returns). */
function ruleAnnotation(rule: AST.Rule): Readonly<Record<string, unknown>> | undefined {
  const own = rule.annotations.filter((a) => a.scope === "rule");
  return own[own.length - 1]?.data;
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === "string" && v.trim().length > 0;
}

/** One rule definition's METADATA: a RuleInfo of its own (a check may have several facets). */
type Facet = RuleInfo;

/** A check's METADATA read into a facet, or what is missing from it. */
function readFacet(meta: Readonly<Record<string, unknown>>): Facet | string[] {
  const custom = (typeof meta["custom"] === "object" && meta["custom"] !== null ? meta["custom"] : {}) as Record<string, unknown>;
  const missing: string[] = [];
  const id = custom["id"];
  if (!nonEmptyString(id) || !ID.test(id)) missing.push("custom.id (a check id such as CF-TOK-002)");
  if (!nonEmptyString(meta["title"])) missing.push("title");
  const severity = custom["severity"];
  if (!(SEVERITIES as readonly unknown[]).includes(severity)) missing.push(`custom.severity (one of ${SEVERITIES.join(", ")})`);
  if (!nonEmptyString(custom["remediation"])) missing.push("custom.remediation");
  const identity = custom["identity"];
  if (!Array.isArray(identity) || identity.length === 0 || !identity.every(nonEmptyString)) missing.push("custom.identity (a non-empty list of identity field names)");
  if (missing.length > 0) return missing;
  const related = Array.isArray(meta["related_resources"]) ? meta["related_resources"] : [];
  return {
    id: id as string,
    title: (meta["title"] as string).trim(),
    description: typeof meta["description"] === "string" ? meta["description"].trim() : "",
    severity: severity as Severity,
    remediation: (custom["remediation"] as string).trim(),
    identity: identity as string[],
    related_resources: related.flatMap((r: unknown) => {
      if (typeof r === "string") return [{ ref: r }];
      const o = (r ?? {}) as Record<string, unknown>;
      if (!nonEmptyString(o["ref"])) return [];
      return [nonEmptyString(o["description"]) ? { ref: o["ref"].trim(), description: o["description"].trim() } : { ref: o["ref"].trim() }];
    }),
  };
}

function where(rule: AST.Rule): string {
  return `${rule.loc.file}:${rule.loc.row}:${rule.loc.col}`;
}

export function readCatalog(modules: readonly AST.Module[]): Catalog {
  const facets = new Map<string, Facet[]>();
  const packages = new Map<string, string[]>();
  const problems: string[] = [];
  const sorted = [...modules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const module of sorted) {
    const pkg = packagePath(module);
    const inChecks = pkg !== undefined && under(pkg, CHECKS_ROOT);
    for (const rule of module.rules) {
      const isFindings = inChecks && rule.head.ref.head.type === "Var" && rule.head.ref.head.name === "findings" && rule.head.ref.path.length === 0;
      const meta = ruleAnnotation(rule);
      const declaresCheck = meta !== undefined && typeof meta["custom"] === "object" && meta["custom"] !== null && "id" in meta["custom"];
      if (isFindings) {
        packages.set(pkg.join("\u0000"), pkg);
        if (!rule.head.contains || rule.head.args !== undefined) problems.push(`${where(rule)}: ${LINT}: a findings rule must be a partial set: findings contains f if { … }`);
      }
      if (!isFindings && !declaresCheck) continue;
      const facet = meta === undefined ? ["METADATA (title, custom.id, custom.severity, custom.remediation, custom.identity)"] : readFacet(meta);
      if (Array.isArray(facet)) {
        problems.push(`${where(rule)}: ${LINT}: check rule without ${facet.join(", ")} in its METADATA`);
        continue;
      }
      if ((Object.values(GATE_RULES) as string[]).includes(facet.id)) {
        problems.push(`${where(rule)}: ${LINT}: custom.id ${facet.id} is reserved for the gate's own findings`);
        continue;
      }
      const list = facets.get(facet.id) ?? [];
      list.push(facet);
      facets.set(facet.id, list);
    }
  }
  const rules = [...facets.entries()].map(([id, list]): RuleInfo => {
    const first = list[0]!;
    const related = new Map<string, { ref: string; description?: string }>();
    for (const f of list) for (const r of f.related_resources) if (!related.has(r.ref)) related.set(r.ref, r);
    const severity = list.map((f) => f.severity).reduce((a, b) => (SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a));
    return { id, title: first.title, description: first.description, severity, remediation: first.remediation, identity: first.identity, related_resources: [...related.values()] };
  });
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const identities = new Map([...facets].map(([id, list]) => [id, list.map((f) => f.identity)]));
  const findingPackages = [...packages.values()].sort((a, b) => (a.join(".") < b.join(".") ? -1 : 1));
  return { rules, identities, findingPackages, problems };
}
