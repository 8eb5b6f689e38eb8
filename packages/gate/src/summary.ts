/**
 * The verdict: which findings block, the counts reporters show, and the order
 * findings are listed in.
 */
import { SEVERITIES, type Finding, type Severity, type Summary } from "./result.js";

export type FailOn = Severity | "never";
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, "never"];

/** Blocks the build: a `fail` finding, neither waived nor baselined, at or above `failOn`. `unknown` never blocks. */
export function isBlocking(f: Finding, failOn: FailOn): boolean {
  if (failOn === "never" || f.status !== "fail" || f.waived || f.baselined) return false;
  return SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn);
}

export function summarize(findings: readonly Finding[], failOn: FailOn): Summary {
  const by_severity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let failed = 0;
  let unknown = 0;
  let waived = 0;
  let baselined = 0;
  let blocking = 0;
  for (const f of findings) {
    if (f.status === "fail") failed++;
    else unknown++;
    if (f.waived) waived++;
    else if (f.baselined) baselined++;
    else if (f.status === "fail") by_severity[f.severity]++;
    if (isBlocking(f, failOn)) blocking++;
  }
  return { total: findings.length, failed, unknown, waived, baselined, by_severity, fail_on: failOn, blocking, passed: blocking === 0 };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Highest severity first, then rule, resource, fingerprint, message and location: the same inputs list in the same order, whatever order they came in. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
    compareText(a.rule, b.rule) ||
    compareText(a.resource, b.resource) ||
    compareText(a.fingerprint, b.fingerprint) ||
    compareText(a.message, b.message) ||
    compareText(a.location?.file ?? "", b.location?.file ?? "") ||
    compareText(a.location?.pointer ?? "", b.location?.pointer ?? "")
  );
}
