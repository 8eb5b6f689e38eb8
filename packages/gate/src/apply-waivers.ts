/**
 * Waivers meet findings. Against the gate's clock:
 * - a waiver whose `expires` has come (expires ≤ clock) waives nothing and adds a
 *   WAIVER-EXPIRED finding (medium) on the waiver's resource;
 * - any other waiver marks each finding of its rule whose resource it matches as
 *   waived (still listed and counted, never blocking); the first waiver in the file
 *   that matches a finding is the one recorded on it;
 * - a waiver that matches nothing adds a WAIVER-UNMATCHED finding (info);
 * - a waiver expiring within EXPIRING_DAYS is listed in `expiring_waivers` for the
 *   reporters to warn about;
 * - a waiver that covers a finding for longer than `waiver_max_days_by_severity`
 *   allows for the finding's severity is invalid, and so is the file (exit 2), as for
 *   the limits readWaivers checks before evaluation.
 * The gate's own WAIVER-* findings are never waived.
 */
import { GateInputError } from "./errors.js";
import { fingerprint } from "./fingerprint.js";
import { WAIVER_EXPIRED_RULE, WAIVER_UNMATCHED_RULE } from "./gate-rules.js";
import { resourceMatcher } from "./resource-glob.js";
import type { Finding, RuleInfo, Severity, Waiver, WaiverNote } from "./result.js";
import { MS_PER_DAY } from "./time.js";
import { waiverDays, waiverLabel, type ValidWaiver, type WaiverFile } from "./waivers.js";

/** How far ahead the gate warns about waivers that are about to expire. */
export const EXPIRING_DAYS = 14;

export interface WaiverOutcome {
  readonly findings: Finding[];
  readonly expiring: WaiverNote[];
}

function describe(w: Waiver): string {
  return `${w.rule} on ${w.resource} (owner ${w.owner}, expires ${w.expires})`;
}

function waiverEvidence(w: Waiver): string[] {
  const out = [`rule: ${w.rule}`, `resource: ${w.resource}`, `owner: ${w.owner}`, `created: ${w.created}`, `expires: ${w.expires}`, `reason: ${w.reason}`];
  if (w.ticket) out.push(`ticket: ${w.ticket}`);
  if (w.approved_by) out.push(`approved_by: ${w.approved_by}`);
  return out;
}

function waiverFinding(rule: RuleInfo, file: string, v: ValidWaiver, message: string): Finding {
  const identity = { rule: v.waiver.rule, resource: v.waiver.resource };
  return {
    rule: rule.id,
    status: "fail",
    severity: rule.severity,
    resource: v.waiver.resource,
    title: rule.title,
    message,
    remediation: rule.remediation,
    evidence: waiverEvidence(v.waiver),
    identity,
    fingerprint: fingerprint(rule.id, identity),
    location: { file, kind: "regolith-waivers", pointer: v.pointer },
    waived: false,
    waiver: null,
    baselined: false,
    locked: false,
  };
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? "" : "s"}`;
}

/** What a waiver covering `f` runs longer than its severity allows, or undefined. */
function severityLimitProblem(v: ValidWaiver, f: Finding, limits: Readonly<Partial<Record<Severity, number>>>): string | undefined {
  const limit = limits[f.severity];
  const ms = v.expiresMs - v.createdMs;
  if (limit === undefined || ms <= limit * MS_PER_DAY) return undefined;
  return `covers ${f.severity} finding ${f.rule} on ${f.resource} for ${waiverDays(ms)} days; a waiver of a ${f.severity} finding may run at most ${limit} days (waiver_max_days_by_severity)`;
}

/**
 * `knownRules`: the ids findings can carry, to say when a waiver names a check that
 * does not exist. `limits`: `waiver_max_days_by_severity`.
 */
export function applyWaivers(
  findings: readonly Finding[],
  file: WaiverFile,
  clockMs: number,
  knownRules: ReadonlySet<string>,
  limits: Readonly<Partial<Record<Severity, number>>> = {},
): WaiverOutcome {
  const out = [...findings];
  const added: Finding[] = [];
  const expiring: WaiverNote[] = [];
  const problems: string[] = [];
  for (const v of file.waivers) {
    const matches = resourceMatcher(v.waiver.resource);
    const hits = out.flatMap((f, i) => (f.rule === v.waiver.rule && !f.locked && matches(f.resource) ? [i] : []));
    if (v.expiresMs <= clockMs) {
      const tail = hits.length > 0 ? `; the ${plural(hits.length, "finding")} it covered count again` : "";
      added.push(waiverFinding(WAIVER_EXPIRED_RULE, file.file, v, `Waiver for ${describe(v.waiver)} has expired${tail}`));
      continue;
    }
    const tooLong = hits.map((i) => severityLimitProblem(v, out[i]!, limits)).filter((p) => p !== undefined);
    problems.push(...tooLong.map((p) => `${waiverLabel(file.file, v)}: ${p}`));
    for (const i of hits) if (!out[i]!.waived) out[i] = { ...out[i]!, waived: true, waiver: v.waiver };
    if (hits.length === 0) {
      const why = knownRules.has(v.waiver.rule) ? "" : `; the bundle has no check ${v.waiver.rule}`;
      added.push(waiverFinding(WAIVER_UNMATCHED_RULE, file.file, v, `Waiver for ${describe(v.waiver)} matches no finding${why}`));
    }
    if (v.expiresMs - clockMs <= EXPIRING_DAYS * MS_PER_DAY) {
      expiring.push({ waiver: v.waiver, location: { file: file.file, kind: "regolith-waivers", pointer: v.pointer }, days_left: Math.floor((v.expiresMs - clockMs) / MS_PER_DAY), matched: hits.length });
    }
  }
  if (problems.length > 0) throw new GateInputError("invalid waivers:", problems);
  return { findings: [...out, ...added], expiring };
}
