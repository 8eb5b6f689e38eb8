/**
 * The `github` report: GitHub Actions workflow commands. Each finding becomes an
 * annotation on the run: `::error` for findings that fail the build, `::warning` for
 * failing findings below `--fail-on` and for what the gate could not decide, `::notice`
 * for waived ones. Baselined findings get one notice in all (there may be thousands).
 * GitHub shows only the first annotations of each kind per step, so the most important
 * come first; `githubStepSummary` gives the whole picture in the job summary.
 */
import type { Finding, GateResult } from "../result.js";
import { classify, countsLine, plural, runway, verdict } from "./classify.js";
import { markdownReport } from "./md-report.js";
import { flatten, visible } from "./strings.js";

/** Escaping of a command's message (the runner's `escapeData`). */
export function escapeData(text: string): string {
  return visible(text).replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A");
}

/** Escaping of a property value (`title=`): also `:` and `,`, which end a property. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

type Command = "error" | "warning" | "notice";

function command(kind: Command, title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

function body(f: Finding, extra: readonly string[] = []): string {
  const lines = [f.message, `Resource: ${f.resource}`];
  if (f.evidence.length > 0) lines.push(`Evidence: ${f.evidence.join("; ")}`);
  lines.push(...extra);
  const remediation = flatten(f.remediation);
  if (remediation !== "") lines.push(`Remediation: ${remediation}`);
  return lines.join("\n");
}

/** GitHub displays at most this many annotations of each kind per step. */
const SHOWN_PER_KIND = 10;

export function github(result: GateResult): string {
  const { summary } = result;
  const g = classify(result);
  const lines: string[] = [];
  for (const f of g.blocking) lines.push(command("error", `${f.rule} (${f.severity}): ${f.title}`, body(f)));
  for (const f of g.advisory) lines.push(command("warning", `${f.rule} (${f.severity}): ${f.title}`, body(f, [`Below --fail-on ${summary.fail_on}: reported, not failing the build.`])));
  for (const f of g.unknown) lines.push(command("warning", `${f.rule} could not decide: ${f.title}`, body(f, ["A fact this check needs is missing from the snapshot: this is not a pass."])));
  for (const n of result.expiring_waivers) {
    const w = n.waiver;
    lines.push(
      command(
        "warning",
        `Waiver expires ${runway(n.days_left)}: ${w.rule}`,
        `Waiver for ${w.rule} on ${w.resource} (owner ${w.owner}) expires on ${w.expires}; it waives ${plural(n.matched, "finding")} in this run.\nRenew it or fix what it covers: ${n.location.file} ${n.location.pointer}`,
      ),
    );
  }
  for (const text of result.warnings) lines.push(command("warning", "regolith gate", text));
  for (const f of g.waived) {
    const w = f.waiver;
    const note = w !== null ? `Waived by ${w.owner} until ${w.expires}${w.ticket !== undefined ? ` (${w.ticket})` : ""}: ${flatten(w.reason)}` : "Waived.";
    lines.push(command("notice", `${f.rule} waived: ${f.title}`, body(f, [note])));
  }
  if (g.baselined.length > 0) {
    lines.push(command("notice", "regolith: baselined findings", `${plural(g.baselined.length, "finding")} in the baseline file did not fail the build; the job summary and the text, json and sarif reports list them.`));
  }
  const warnings = g.advisory.length + g.unknown.length + result.expiring_waivers.length + result.warnings.length;
  if (g.blocking.length > SHOWN_PER_KIND || warnings > SHOWN_PER_KIND || g.waived.length > SHOWN_PER_KIND) {
    lines.push(`GitHub shows the first ${SHOWN_PER_KIND} annotations of each kind per step; the job summary and the text, json and sarif reports list all ${plural(summary.total, "finding")}.`);
  }
  lines.push(`regolith gate ${verdict(summary)}. ${countsLine(summary)}.`);
  return `${lines.join("\n")}\n`;
}

/** Byte budget of a job summary (GitHub accepts up to 1 MiB per step). */
export const STEP_SUMMARY_BUDGET = 512 * 1024;

/** The Markdown job summary written to `GITHUB_STEP_SUMMARY` by the `github` format. */
export function githubStepSummary(result: GateResult): string {
  return markdownReport(result, { level: "##", budget: STEP_SUMMARY_BUDGET, top: 50, preamble: [] });
}
