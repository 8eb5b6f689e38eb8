/**
 * The `json` report: the whole result, for machines and for reformatting later
 * (`{"version":1,"findings":[…],"summary":{…},"rules":[…],"inputs":[…],"clock":…,
 * "expiring_waivers":[…],"warnings":[…],"tool":{…}}`),
 * valid against schemas/regolith-gate-result.schema.json. Objects are rebuilt field by
 * field so the key order, and so the bytes, never depend on how the result was made.
 */
import type { Finding, FindingLocation, GateResult, RuleInfo, Summary, Waiver, WaiverNote } from "../result.js";
import { ordered, SEVERITIES_DESC } from "./classify.js";

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Object keys sorted at every level (identity values are data from the bundle). */
function canonical(value: unknown): Json {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  if (typeof value === "bigint") return value.toString();
  return value as Json;
}

function waiverJson(w: Waiver): Json {
  return {
    rule: w.rule,
    resource: w.resource,
    reason: w.reason,
    owner: w.owner,
    created: w.created,
    expires: w.expires,
    ...(w.ticket !== undefined ? { ticket: w.ticket } : {}),
    ...(w.approved_by !== undefined ? { approved_by: w.approved_by } : {}),
  };
}

function locationJson(l: FindingLocation | null): Json {
  return l === null ? null : { file: l.file, kind: l.kind, pointer: l.pointer };
}

function findingJson(f: Finding): Json {
  return {
    rule: f.rule,
    status: f.status,
    severity: f.severity,
    resource: f.resource,
    title: f.title,
    message: f.message,
    remediation: f.remediation,
    evidence: [...f.evidence],
    identity: canonical(f.identity),
    fingerprint: f.fingerprint,
    location: locationJson(f.location),
    waived: f.waived,
    waiver: f.waiver === null ? null : waiverJson(f.waiver),
    baselined: f.baselined,
    locked: f.locked,
  };
}

function noteJson(n: WaiverNote): Json {
  return { waiver: waiverJson(n.waiver), location: locationJson(n.location), days_left: n.days_left, matched: n.matched };
}

function summaryJson(s: Summary): Json {
  return {
    total: s.total,
    failed: s.failed,
    unknown: s.unknown,
    waived: s.waived,
    baselined: s.baselined,
    by_severity: Object.fromEntries(SEVERITIES_DESC.map((sev) => [sev, s.by_severity[sev]])),
    fail_on: s.fail_on,
    blocking: s.blocking,
    passed: s.passed,
  };
}

function ruleJson(r: RuleInfo): Json {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    severity: r.severity,
    remediation: r.remediation,
    identity: [...r.identity],
    related_resources: r.related_resources.map((x) => ({ ref: x.ref, ...(x.description !== undefined ? { description: x.description } : {}) })),
  };
}

/** The result as a plain JSON value (what `json` writes), for callers that embed it. */
export function resultJson(result: GateResult): Json {
  return {
    version: 1,
    findings: ordered(result.findings).map(findingJson),
    summary: summaryJson(result.summary),
    rules: [...result.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map(ruleJson),
    inputs: result.inputs.map((i) => ({ file: i.file, kind: i.kind, generated_at: i.generated_at })),
    clock: result.clock,
    expiring_waivers: result.expiring_waivers.map(noteJson),
    warnings: [...result.warnings],
    tool: { name: result.tool.name, version: result.tool.version },
  };
}

export function json(result: GateResult): string {
  return `${JSON.stringify(resultJson(result), null, 2)}\n`;
}
