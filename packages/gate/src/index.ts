/**
 * @regolith/gate: evaluates bundles over snapshot documents into findings; waivers,
 * baselines and reporters.
 */
export { SEVERITIES, GATE_RULES } from "./result.js";
export type { Severity, FindingStatus, Finding, FindingLocation, Waiver, RuleInfo, Summary, GateResult } from "./result.js";
export { FORMATS, REPORTERS, githubStepSummary } from "./report/index.js";
export type { Format, Reporter, ReportOptions } from "./report/index.js";
