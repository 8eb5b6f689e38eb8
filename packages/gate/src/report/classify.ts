/**
 * What each finding means for the build, decided once for every reporter so that the
 * text report, the annotations, the JUnit cases and the SARIF results never disagree.
 */
import { SEVERITIES, type Finding, type GateResult, type Severity, type Summary } from "../result.js";
import { compareFindings, isBlocking } from "../summary.js";

/**
 * - `blocking`: an unwaived, unbaselined `fail` at or above `--fail-on` (it fails the build);
 * - `advisory`: an unwaived, unbaselined `fail` below `--fail-on` (reported, not failing);
 * - `unknown`: the check could not decide (a fact it needs is missing);
 * - `baselined`: present in the `--baseline` file;
 * - `waived`: covered by a valid waiver.
 * A waiver wins over the baseline, and both over `unknown`: they are the user's own decisions.
 */
export type Disposition = "blocking" | "advisory" | "unknown" | "baselined" | "waived";

/** 0 for `info` up to 4 for `critical`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Severities from the highest down, the order every report lists them in. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

export function atOrAbove(severity: Severity, failOn: Summary["fail_on"]): boolean {
  return failOn !== "never" && severityRank(severity) >= severityRank(failOn);
}

/** `blocking` is decided by the gate's own rule (summary.ts), so reports and exit code agree. */
export function disposition(finding: Finding, failOn: Summary["fail_on"]): Disposition {
  if (finding.waived) return "waived";
  if (finding.baselined) return "baselined";
  if (finding.status === "unknown") return "unknown";
  return isBlocking(finding, failOn) ? "blocking" : "advisory";
}

/** Code-point order (never locale order), so output is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * In the gate's order (highest severity first, then rule, resource, …). The gate already
 * sorts this way; reporters sort again so their output never depends on the caller's order
 * (a result read back from JSON, a hand-built one).
 */
export function ordered(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** The findings of a result, ordered and split by disposition. */
export interface Classified {
  readonly blocking: readonly Finding[];
  readonly advisory: readonly Finding[];
  readonly unknown: readonly Finding[];
  readonly baselined: readonly Finding[];
  readonly waived: readonly Finding[];
}

export function classify(result: GateResult): Classified {
  const groups: Record<Disposition, Finding[]> = { blocking: [], advisory: [], unknown: [], baselined: [], waived: [] };
  for (const f of ordered(result.findings)) groups[disposition(f, result.summary.fail_on)].push(f);
  return groups;
}

/** `1 finding`, `3 findings`. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** `1 critical, 3 high` from `by_severity`, highest first, zeros left out; `none` when all are zero. */
export function severityCounts(summary: Summary): string {
  const parts = SEVERITIES_DESC.filter((s) => summary.by_severity[s] > 0).map((s) => `${summary.by_severity[s]} ${s}`);
  return parts.length > 0 ? parts.join(", ") : "none";
}

/** The verdict in words: `passed` or `failed`, with the threshold it was judged at. */
export function verdict(summary: Summary): string {
  const threshold = summary.fail_on === "never" ? "--fail-on never" : `--fail-on ${summary.fail_on}`;
  if (summary.passed) return `passed (${threshold})`;
  return `failed (${threshold}): ${plural(summary.blocking, "blocking finding")}`;
}

/** `3 findings: failing 1 critical, 2 high; 1 unknown; 2 waived; 1 baselined`. */
export function countsLine(summary: Summary): string {
  const parts = [`failing ${severityCounts(summary)}`];
  if (summary.unknown > 0) parts.push(`${summary.unknown} unknown`);
  if (summary.waived > 0) parts.push(`${summary.waived} waived`);
  if (summary.baselined > 0) parts.push(`${summary.baselined} baselined`);
  return `${plural(summary.total, "finding")}: ${parts.join("; ")}`;
}

/** When a soon-expiring waiver runs out, in words (`in 4 days`, `within a day`). */
export function runway(daysLeft: number): string {
  return daysLeft <= 0 ? "within a day" : `in ${plural(daysLeft, "day")}`;
}
