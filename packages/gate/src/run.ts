/**
 * One gate run, start to finish, as a pure computation over values the caller read:
 *
 *   documents  validated and grouped into the policy input
 *   params     bundle data with the user's overlays deep-merged over it, validated
 *   bundle     modules parsed (tests skipped), checks linted, findings evaluated
 *   coverage   the documents' coverage gaps as COVERAGE findings
 *   params     disabled checks dropped, severities overridden, locked checks marked
 *   waivers    matched against the clock (newest generated_at / declared_at)
 *   baseline   listed fingerprints marked baselined
 *   verdict    sorted findings, summary, blocking count
 *
 * Any input problem throws GateInputError (the CLI exits 2).
 */
import type { Value } from "@regolith/rego";
import { applyParams, paramWarnings } from "./apply-params.js";
import { applyWaivers } from "./apply-waivers.js";
import { readBaseline } from "./baseline.js";
import { coverageFindings } from "./coverage.js";
import { duplicateFindingWarnings } from "./duplicate-findings.js";
import { gateClock, loadDocuments, type NamedValue } from "./documents.js";
import { catalogOf, evaluateChecks, parseModules, type ModuleSource } from "./evaluate.js";
import { GATE_RULE_INFOS } from "./gate-rules.js";
import { mergeData, readParams } from "./params.js";
import type { Finding, GateResult, Severity, WaiverNote } from "./result.js";
import { compareFindings, summarize, type FailOn } from "./summary.js";
import { readWaivers } from "./waivers.js";

export interface GateOptions {
  /** The snapshot documents (`-i`), parsed; each one's `kind` says what it is. */
  readonly documents: readonly NamedValue[];
  /** The bundles' Rego modules (and any from `-d`); `*_test.rego` are skipped. */
  readonly modules: readonly ModuleSource[];
  /** The bundles' data (their data.json files, merged as the loader merges them). */
  readonly data: Value;
  /** The user's data files (`-d`), deep-merged over `data` in order (parameters under regolith.params). */
  readonly overlays?: readonly NamedValue[];
  /** The waivers file (`--waivers`), parsed. */
  readonly waivers?: NamedValue;
  /** The baseline file (`--baseline`), parsed. */
  readonly baseline?: NamedValue;
  /** Default `high`. */
  readonly failOn?: FailOn;
  /** Reported in the result's `tool.version`. */
  readonly toolVersion: string;
}

export function runGate(options: GateOptions): GateResult {
  const docs = loadDocuments(options.documents);
  const clock = gateClock(docs);
  const overlays = options.overlays ?? [];
  const data = mergeData(options.data, overlays);
  const params = readParams(data, overlays, options.data);
  const waiverFile = options.waivers ? readWaivers(options.waivers, params) : undefined;
  const baseline = options.baseline ? readBaseline(options.baseline) : undefined;

  const modules = parseModules(options.modules);
  const catalog = catalogOf(modules);
  const rules = [...catalog.rules, ...GATE_RULE_INFOS];
  const known = new Map<string, Severity>(rules.map((r) => [r.id, r.severity]));

  const checks = evaluateChecks(modules, catalog, data, docs);
  let findings: Finding[] = [...checks.findings, ...coverageFindings(docs, params.coverageSeverity)];
  findings = applyParams(findings, params);
  let expiring: WaiverNote[] = [];
  if (waiverFile) {
    const outcome = applyWaivers(findings, waiverFile, clock.ms, new Set(known.keys()), params.waiverMaxDaysBySeverity);
    // The gate's own waiver findings follow the parameters too (an org may remap or disable them).
    findings = [...outcome.findings.slice(0, findings.length), ...applyParams(outcome.findings.slice(findings.length), params)];
    // Soonest first; a stable sort keeps file order among waivers due the same day.
    expiring = outcome.expiring.sort((a, b) => a.days_left - b.days_left);
  }
  if (baseline) findings = findings.map((f) => (baseline.has(f.fingerprint) ? { ...f, baselined: true } : f));
  findings.sort(compareFindings);

  const failOn = options.failOn ?? "high";
  return {
    version: 1,
    findings,
    rules,
    summary: summarize(findings, failOn),
    inputs: docs.all.map((d) => ({ file: d.file, kind: d.kind, generated_at: d.time })),
    clock: clock.text,
    expiring_waivers: expiring,
    warnings: [...paramWarnings(params, known), ...checks.warnings, ...duplicateFindingWarnings(findings)],
    tool: { name: "regolith", version: options.toolVersion },
  };
}
