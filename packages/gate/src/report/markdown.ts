/**
 * The `markdown` report: a summary sized for a pull-request comment (GitHub refuses
 * comments over 65,536 characters; this stays under 60,000 bytes whatever the number of
 * findings). The first line is an HTML comment a bot can find to update its previous
 * comment instead of adding a new one.
 */
import type { GateResult } from "../result.js";
import { markdownReport } from "./md-report.js";

/** The marker on the first line of every `markdown` report. */
export const MARKDOWN_MARKER = "<!-- regolith-gate -->";

/** Byte budget of a PR comment, with room left for a bot's own header or footer. */
export const MARKDOWN_BUDGET = 60_000;

export function markdown(result: GateResult): string {
  return markdownReport(result, { level: "##", budget: MARKDOWN_BUDGET, top: 10, preamble: [MARKDOWN_MARKER] });
}
