/**
 * The parameters (`data.regolith.params`): the bundles' data with the user's `-d`
 * overlays deep-merged over it, validated against schemas/regolith-params.schema.json,
 * and the settings the gate itself reads from them (with their defaults).
 */
import type { Value } from "@regolith/rego";
import { deepMerge, isPlainObject } from "./deep-merge.js";
import type { NamedValue } from "./documents.js";
import { GateInputError } from "./errors.js";
import type { Severity } from "./result.js";
import { paramSyntaxProblems } from "./param-syntax.js";
import { schemaErrors } from "./schemas.js";

/** What the gate reads from the parameters; checks read the rest in Rego. */
export interface GateParams {
  readonly severityOverrides: ReadonlyMap<string, Severity>;
  /** `enabled_checks`: the checks kept, or undefined when every check is (the list is empty). */
  readonly enabled: readonly string[] | undefined;
  readonly disabled: ReadonlySet<string>;
  readonly locked: ReadonlySet<string>;
  readonly waiverMaxDays: number;
  /** `waiver_max_days_by_severity`: shorter limits for waivers covering findings of these severities. */
  readonly waiverMaxDaysBySeverity: Readonly<Partial<Record<Severity, number>>>;
  readonly coverageSeverity: Severity;
}

export const PARAM_DEFAULTS = { waiver_max_days: 90, coverage_severity: "high" } as const;

const PARAMS_PATH = ["regolith", "params"] as const;

/** The value at `path` (object keys, and list indexes as in a JSON pointer), or undefined. */
function at(value: Value | undefined, path: readonly string[]): Value | undefined {
  let node = value;
  for (const key of path) {
    if (Array.isArray(node) && /^(0|[1-9]\d*)$/.test(key)) node = node[Number(key)];
    else if (isPlainObject(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The overlays that set the value at `pointer` inside the params (the last one wins). */
function setters(overlays: readonly NamedValue[], pointer: string): string[] {
  const path = pointer.split("/").slice(1).map((k) => k.replaceAll("~1", "/").replaceAll("~0", "~"));
  return overlays.filter((o) => at(o.value as Value, [...PARAMS_PATH, ...path]) !== undefined).map((o) => o.name);
}

/** The data the policies see: the bundles' data with every overlay merged over it, in order. */
export function mergeData(bundleData: Value, overlays: readonly NamedValue[]): Value {
  let data = bundleData;
  for (const o of overlays) {
    if (!isPlainObject(o.value)) throw new GateInputError(`${o.name}: a data file must hold an object (its top level is data; parameters go under regolith.params)`, []);
    data = deepMerge(data, o.value);
  }
  return data;
}

/**
 * The checks the bundles themselves lock. An overlay's list replaces the bundles' one
 * in the merged data (lists are never appended to), but a lock is the bundle owner's
 * decision: `-d` may add locks (tighten), never remove one (CHECKS.md §4.2).
 */
function bundleLocks(bundleData: Value): string[] {
  const locks = at(bundleData, [...PARAMS_PATH, "locked_checks"]);
  if (locks === undefined) return [];
  if (!Array.isArray(locks) || !locks.every((id) => typeof id === "string")) {
    throw new GateInputError("invalid parameters:", ["the bundles' data.json: /regolith/params/locked_checks: must be an array of check ids"]);
  }
  return locks as string[];
}

/**
 * Validates `data.regolith.params` (the bundles' data with the overlays merged over
 * it) and reads the gate's own settings from it.
 */
export function readParams(data: Value, overlays: readonly NamedValue[], bundleData: Value = data): GateParams {
  const raw = at(data, PARAMS_PATH) ?? {};
  const { problems: errors, more } = schemaErrors("regolith-params", raw);
  // Name the file whose value won (the last overlay that sets it), else the bundles' own data.
  const problems = errors.map(({ pointer, reason }) => `${setters(overlays, pointer).pop() ?? "the bundles' data.json"}: /regolith/params${pointer}: ${reason}`);
  if (more > 0) problems.push(`… and ${more} more`);
  if (problems.length === 0) {
    // Valid JSON, but patterns the checks could not compile: refused the same way.
    for (const { pointer, reason } of paramSyntaxProblems(raw)) problems.push(`${setters(overlays, pointer).pop() ?? "the bundles' data.json"}: /regolith/params${pointer}: ${reason}`);
  }
  if (problems.length > 0) throw new GateInputError("invalid parameters:", problems);
  const params = raw as {
    severity_overrides?: Record<string, Severity>;
    enabled_checks?: string[];
    disabled_checks?: string[];
    locked_checks?: string[];
    waiver_max_days?: number;
    waiver_max_days_by_severity?: Partial<Record<Severity, number>>;
    coverage_severity?: Severity;
  };
  const result: GateParams = {
    severityOverrides: new Map(Object.entries(params.severity_overrides ?? {})),
    enabled: params.enabled_checks?.length ? params.enabled_checks : undefined,
    disabled: new Set(params.disabled_checks ?? []),
    locked: new Set([...bundleLocks(bundleData), ...(params.locked_checks ?? [])]),
    waiverMaxDays: params.waiver_max_days ?? PARAM_DEFAULTS.waiver_max_days,
    waiverMaxDaysBySeverity: params.waiver_max_days_by_severity ?? {},
    coverageSeverity: params.coverage_severity ?? PARAM_DEFAULTS.coverage_severity,
  };
  const conflicts = lockConflicts(result);
  if (conflicts.length > 0) throw new GateInputError("invalid parameters:", conflicts);
  return result;
}

/** A locked check stays on and at its severity or above: parameters may tighten it, never loosen it. */
function lockConflicts(p: GateParams): string[] {
  const out: string[] = [];
  for (const id of p.locked) {
    if (p.disabled.has(id)) out.push(`parameters: disabled_checks names ${id}, which is locked (locked_checks): a locked check cannot be disabled`);
  }
  return out;
}
