/**
 * @regolith/gate: evaluates bundles over snapshot documents into findings; waivers,
 * baselines and reporters. The gate reads no files and no environment: the caller
 * (the CLI) reads documents, bundles, parameters, waivers and baselines and passes
 * their values; only the gate's schema copies are read, from its own dist/schemas.
 */
export { SEVERITIES, GATE_RULES } from "./result.js";
export type { Severity, FindingStatus, Finding, FindingLocation, Waiver, WaiverNote, RuleInfo, Summary, GateResult } from "./result.js";
export { runGate } from "./run.js";
export { readSavedResult } from "./saved-result.js";
export type { GateOptions } from "./run.js";
export { GateInputError } from "./errors.js";
export { DOCUMENT_KINDS } from "./documents.js";
export type { NamedValue, DocumentKind } from "./documents.js";
export type { ModuleSource } from "./evaluate.js";
export { isTestModule } from "./evaluate.js";
export { FAIL_ON_VALUES, isBlocking, summarize } from "./summary.js";
export type { FailOn } from "./summary.js";
export { baselineDocument } from "./baseline.js";
export type { BaselineDocument, BaselineEntry } from "./baseline.js";
export { fingerprint } from "./fingerprint.js";
export { resourceMatcher } from "./resource-glob.js";
export { deepMerge } from "./deep-merge.js";
export { githubCoverageURI, cloudflareCoverageURI } from "./coverage-resource.js";
export { GATE_RULE_INFOS } from "./gate-rules.js";
export { EXPIRING_DAYS } from "./apply-waivers.js";
export { PARAM_DEFAULTS } from "./params.js";
export { FORMATS, REPORTERS, githubStepSummary } from "./report/index.js";
export type { Format, Reporter, ReportOptions } from "./report/index.js";
