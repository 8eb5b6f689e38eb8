/**
 * The `text` report: for people, in a terminal or a CI log. Failing findings grouped by
 * severity (critical first) with everything needed to act on them; then what the gate
 * could not decide, what the baseline holds and what waivers hide, each marked; and a
 * last line with the counts and the verdict. ANSI colour only when asked for.
 */
import type { Finding, GateResult, Severity, Waiver, WaiverNote } from "../result.js";
import { atOrAbove, classify, countsLine, plural, runway, SEVERITIES_DESC, verdict } from "./classify.js";
import type { ReportOptions } from "./types.js";
import { blockLines, defuseCommand, oneLine } from "./strings.js";

/** SGR codes; a style is applied only when colour is on. */
const STYLE = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36",
  boldRed: "1;31",
  boldGreen: "1;32",
} as const;
type Style = keyof typeof STYLE;

const SEVERITY_STYLE: Readonly<Record<Severity, Style>> = {
  critical: "boldRed",
  high: "red",
  medium: "yellow",
  low: "cyan",
  info: "dim",
};

type Paint = (style: Style, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (style, text) => `\x1b[${STYLE[style]}m${text}\x1b[0m` : (_style, text) => text;
}

/** Width of the label column (`remediation` and two spaces). */
const LABEL = 13;

/**
 * `label  value` with continuation lines aligned under the value (callers pass lines
 * already made visible; `text` defuses every line at the end).
 */
function field(paint: Paint, indent: string, label: string, lines: readonly string[]): string[] {
  const pad = " ".repeat(LABEL);
  return lines.map((line, i) =>
    i === 0 ? `${indent}${paint("dim", label.padEnd(LABEL))}${line}` : `${indent}${pad}${line}`,
  );
}

function sourceOf(f: Finding): string | null {
  if (f.location === null) return null;
  const where = f.location.pointer === "" ? "(the whole document)" : `at ${f.location.pointer}`;
  return oneLine(`${f.location.file} ${where}`);
}

/** The full entry of a failing finding. */
function fullEntry(paint: Paint, f: Finding): string[] {
  const tags = f.locked ? ` ${paint("dim", "[locked]")}` : "";
  const out = [`  ${paint("bold", oneLine(f.rule))}  ${oneLine(f.title)}${tags}`];
  const indent = "    ";
  out.push(...field(paint, indent, "resource", [oneLine(f.resource)]));
  out.push(...field(paint, indent, "message", [oneLine(f.message)]));
  if (f.evidence.length > 0) out.push(...field(paint, indent, "evidence", f.evidence.map(oneLine)));
  const remediation = blockLines(f.remediation);
  if (remediation.length > 0) out.push(...field(paint, indent, "remediation", remediation));
  const source = sourceOf(f);
  if (source !== null) out.push(...field(paint, indent, "source", [source]));
  return out;
}

function waiverLine(w: Waiver): string {
  const extra = [w.ticket !== undefined ? `ticket ${w.ticket}` : null, w.approved_by !== undefined ? `approved by ${w.approved_by}` : null]
    .filter((x): x is string => x !== null)
    .join(", ");
  return oneLine(`by ${w.owner} until ${w.expires}${extra ? ` (${extra})` : ""}: `) + blockLines(w.reason).map((l) => l.trim()).join(" ");
}

function expiringEntry(paint: Paint, n: WaiverNote): string[] {
  const w = n.waiver;
  const out = [`  ${paint("bold", oneLine(w.rule))}  ${oneLine(w.resource)}  ${paint("yellow", `expires ${oneLine(w.expires)} (${runway(n.days_left)})`)}`];
  const waives = n.matched === 0 ? "waives no finding in this run" : `waives ${plural(n.matched, "finding")}`;
  out.push(`    owner ${oneLine(w.owner)}${w.ticket !== undefined ? `, ticket ${oneLine(w.ticket)}` : ""}; ${waives}; ${oneLine(`${n.location.file} at ${n.location.pointer}`)}`);
  return out;
}

/** The short entry of a finding that does not fail the build (unknown, baselined, waived). */
function shortEntry(paint: Paint, f: Finding, mark: string): string[] {
  const severity = paint(SEVERITY_STYLE[f.severity], f.severity);
  const out = [`  ${paint("bold", oneLine(f.rule))}  ${severity}  ${oneLine(f.resource)}  ${paint("dim", `[${mark}]`)}`];
  out.push(`    ${oneLine(f.title)}: ${oneLine(f.message)}`);
  if (f.waiver !== null && f.waived) out.push(...field(paint, "    ", "waived", [waiverLine(f.waiver)]));
  return out;
}

function heading(paint: Paint, style: Style, title: string, note: string): string {
  return `${paint(style, title)}${note ? paint("dim", ` ${note}`) : ""}`;
}

export function text(result: GateResult, options: ReportOptions = {}): string {
  const paint = painter(options.color === true);
  const { summary } = result;
  const groups = classify(result);
  const sections: string[][] = [];

  if (result.inputs.length > 0) {
    const width = Math.max(...result.inputs.map((i) => i.kind.length));
    sections.push([
      `${paint("bold", `regolith gate: ${plural(result.inputs.length, "document")}`)}${paint("dim", `, clock ${oneLine(result.clock)}`)}`,
      ...result.inputs.map((i) => `  ${oneLine(i.kind.padEnd(width))}  ${oneLine(i.file)}  ${paint("dim", `generated ${oneLine(i.generated_at)}`)}`),
    ]);
  }

  const failing = [...groups.blocking, ...groups.advisory];
  for (const severity of SEVERITIES_DESC) {
    const here = failing.filter((f) => f.severity === severity);
    if (here.length === 0) continue;
    const note = atOrAbove(severity, summary.fail_on) ? `fails the build at --fail-on ${summary.fail_on}` : `below --fail-on ${summary.fail_on}`;
    const lines = [heading(paint, SEVERITY_STYLE[severity], `${severity.toUpperCase()} (${here.length})`, note)];
    for (const f of here) lines.push("", ...fullEntry(paint, f));
    sections.push(lines);
  }

  const short = (title: string, note: string, list: readonly Finding[], mark: string): void => {
    if (list.length === 0) return;
    const lines = [heading(paint, "bold", `${title} (${list.length})`, note)];
    for (const f of list) lines.push(...shortEntry(paint, f, mark));
    sections.push(lines);
  };
  short("COULD NOT DECIDE", "a fact the check needs is missing from the snapshot; not a pass", groups.unknown, "unknown");
  short("BASELINED", "in the --baseline file; not failing the build", groups.baselined, "baselined");
  short("WAIVED", "covered by a valid waiver; not failing the build", groups.waived, "waived");

  if (result.expiring_waivers.length > 0) {
    const lines = [heading(paint, "yellow", `WAIVERS EXPIRING SOON (${result.expiring_waivers.length})`, "renew or fix before they stop waiving")];
    for (const n of result.expiring_waivers) lines.push(...expiringEntry(paint, n));
    sections.push(lines);
  }
  if (result.warnings.length > 0) {
    sections.push([heading(paint, "yellow", `WARNINGS (${result.warnings.length})`, ""), ...result.warnings.map((w) => `  ${oneLine(w)}`)]);
  }

  if (result.findings.length === 0) sections.push(["No findings."]);

  const outcome = summary.passed ? paint("boldGreen", "PASSED") : paint("boldRed", "FAILED");
  const words = verdict(summary).replace(/^(passed|failed)/, "");
  sections.push([`${outcome}${words}. ${countsLine(summary)}.`]);
  // Every line, not only continuation lines: a title or rule id starts some lines too.
  return `${sections.map((s) => s.map(defuseCommand).join("\n")).join("\n\n")}\n`;
}
