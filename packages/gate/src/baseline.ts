/**
 * Baselines: the findings accepted as they stand, by fingerprint. `--write-baseline`
 * records every finding of a run except waived ones (their waiver governs them, and
 * must keep expiring) and the gate's WAIVER-* findings; `--baseline` marks findings
 * whose fingerprint it lists as baselined, which never block. New fingerprints block
 * as usual.
 */
import type { NamedValue } from "./documents.js";
import { GateInputError } from "./errors.js";
import { GATE_RULES, type Finding, type GateResult } from "./result.js";
import { schemaProblems } from "./schemas.js";

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly rule: string;
  readonly resource: string;
}

export interface BaselineDocument {
  readonly version: 1;
  readonly fingerprints: readonly BaselineEntry[];
}

/** The fingerprints a baseline file lists. */
export function readBaseline(named: NamedValue): ReadonlySet<string> {
  const problems = schemaProblems("regolith-baseline", named.value, `${named.name}: `);
  if (problems.length > 0) throw new GateInputError("invalid baseline:", problems);
  return new Set((named.value as BaselineDocument).fingerprints.map((e) => e.fingerprint));
}

function baselinable(f: Finding): boolean {
  return !f.waived && f.rule !== GATE_RULES.WaiverExpired && f.rule !== GATE_RULES.WaiverUnmatched;
}

function compare(a: BaselineEntry, b: BaselineEntry): number {
  for (const key of ["rule", "resource", "fingerprint"] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  return 0;
}

/** The baseline of a run: one entry per fingerprint, sorted by rule, resource and fingerprint. */
export function baselineDocument(result: GateResult): BaselineDocument {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of result.findings) {
    if (baselinable(f) && !byFingerprint.has(f.fingerprint)) byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, rule: f.rule, resource: f.resource });
  }
  return { version: 1, fingerprints: [...byFingerprint.values()].sort(compare) };
}
