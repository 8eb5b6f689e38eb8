/**
 * A saved `-f json` result read back, for rendering it in other formats without
 * evaluating again (CHECKS.md §4.8: a job with upload permissions can turn the JSON an
 * earlier job kept as an artifact into SARIF, a job summary or a PR comment).
 */
import { GateInputError } from "./errors.js";
import type { NamedValue } from "./documents.js";
import type { GateResult } from "./result.js";
import { schemaProblems } from "./schemas.js";
import { compareFindings, summarize, type FailOn } from "./summary.js";

/**
 * The result in `saved`, validated against schemas/regolith-gate-result.schema.json.
 * Its verdict is computed again, at `failOn` when given, else at the `fail_on` it was
 * saved with, so the exit code follows the findings, not a number in the file.
 */
export function readSavedResult(saved: NamedValue, failOn?: FailOn): GateResult {
  const kind = (saved.value as { kind?: unknown } | null)?.kind;
  if (typeof kind === "string") throw new GateInputError(`${saved.name} is a ${kind} document, not a saved gate result: give snapshots with -i, and --results what -f json wrote`, []);
  const problems = schemaProblems("regolith-gate-result", saved.value, `${saved.name}: `);
  if (problems.length > 0) throw new GateInputError(`${saved.name} is not a saved gate result (regolith gate -f json):`, problems);
  const result = saved.value as GateResult;
  const findings = [...result.findings].sort(compareFindings);
  return { ...result, findings, summary: summarize(findings, failOn ?? result.summary.fail_on) };
}
