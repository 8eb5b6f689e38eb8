/**
 * Writing snapshot text into GitHub-flavoured Markdown without it turning into markup:
 * a token named `*prod*`, a resource with `|` or `<details>`, or a reason with a link
 * must render as the characters they are. Shared by the `markdown` report, the job
 * summary and SARIF help text.
 */
import type { Severity, Summary } from "../result.js";
import { SEVERITIES_DESC } from "./classify.js";
import { flatten, oneLine } from "./strings.js";

/**
 * Characters that are markup anywhere in a line (emphasis, code, links, tables,
 * strikethrough, GitHub's `$` math); each is escaped with a backslash. Characters that
 * are markup only at the start of a line (`#`, `-`, `1.`) never start one here.
 */
const PUNCTUATION = /[\\`*_[\]|~$]/g;

/**
 * Inline text: HTML-significant characters as entities (GitHub renders inline HTML),
 * Markdown punctuation backslash-escaped, one line. Safe inside table cells too.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replace(PUNCTUATION, (c) => `\\${c}`);
}

/** A block of snapshot or user text (a waiver reason) flattened to one escaped line. */
export function mdBlock(text: string): string {
  return mdText(flatten(text));
}

/**
 * Text the bundle's author wrote as Markdown (METADATA remediation and description use
 * code spans, lists): kept as Markdown, flattened to one line for cells and list items.
 * The bundle is code the user chose to run; snapshot text never goes through here.
 */
export function mdAuthored(text: string): string {
  return flatten(text);
}

/**
 * A code span holding `text` literally: the fence is one backtick longer than the longest
 * run inside, padded when the text starts or ends with a backtick. In a table cell
 * (`cell`), `|` is escaped: GFM splits cells on it even inside code spans (and drops the
 * backslash there); elsewhere the backslash would show, so it is left alone.
 */
export function mdCode(text: string, cell = false): string {
  const line = cell ? oneLine(text).replaceAll("|", "\\|") : oneLine(text);
  const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = line.startsWith("`") || line.endsWith("`") || line === "" ? " " : "";
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** `mdCode` for a table cell. */
export function mdCell(text: string): string {
  return mdCode(text, true);
}

/** A link whose label is escaped text; only http(s) targets become links. */
export function mdLink(label: string, url: string): string {
  if (!/^https?:\/\/[^\s<>()]+$/.test(url)) return `${mdText(label)} (${mdCode(url)})`;
  return `[${mdText(label)}](${url})`;
}

const SEVERITY_ICON: Readonly<Record<Severity, string>> = {
  critical: "🟥",
  high: "🟧",
  medium: "🟨",
  low: "🟦",
  info: "⬜",
};

export function severityBadge(severity: Severity): string {
  return `${SEVERITY_ICON[severity]} ${severity}`;
}

/** The verdict line that opens both Markdown reports. */
export function verdictHeading(level: string, summary: Summary): string {
  const threshold = `\`--fail-on ${summary.fail_on}\``;
  if (summary.passed) return `${level} ✅ Regolith gate passed (${threshold})`;
  const n = summary.blocking;
  return `${level} ❌ Regolith gate failed: ${n} blocking finding${n === 1 ? "" : "s"} (${threshold})`;
}

/** The table of counts: failing findings by severity, then unknown, waived and baselined. */
export function countsTable(summary: Summary): string[] {
  const rows = SEVERITIES_DESC.map((s) => {
    const blocking = summary.fail_on !== "never" && SEVERITIES_DESC.indexOf(s) <= SEVERITIES_DESC.indexOf(summary.fail_on);
    return `| ${severityBadge(s)} | ${summary.by_severity[s]} | ${blocking ? "fails the build" : "reported"} |`;
  });
  return [
    "| | findings | |",
    "|---|---:|---|",
    ...rows,
    `| ❔ could not decide | ${summary.unknown} | a fact is missing from the snapshot |`,
    `| 🔕 waived | ${summary.waived} | valid waiver |`,
    `| 📋 baselined | ${summary.baselined} | in the baseline |`,
    `| **total** | **${summary.total}** | |`,
  ];
}
