/**
 * The Markdown report behind both the `markdown` format (a PR comment) and the GitHub
 * job summary: the verdict first, a table of counts, the findings that matter with their
 * remediation, and collapsed tables for the rest. It is built within a byte budget
 * (GitHub refuses comments over 65,536 characters and job summaries over 1 MiB): rows
 * that do not fit are counted and a note says where the full list is.
 */
import type { Finding, GateResult } from "../result.js";
import { classify, runway } from "./classify.js";
import { countsTable, mdAuthored, mdBlock, mdCell, mdCode, mdText, severityBadge, verdictHeading } from "./md.js";
import { flatten } from "./strings.js";

export interface MarkdownOptions {
  /** Heading level of the verdict line (`##`). */
  readonly level: string;
  /** Upper bound of the output in UTF-8 bytes. */
  readonly budget: number;
  /** How many failing findings are shown in full, with remediation. */
  readonly top: number;
  /** First line(s), e.g. an HTML comment a bot finds its previous comment by. */
  readonly preamble: readonly string[];
}

/** Room kept for the closing lines of a section and the truncation notes. */
const RESERVE = 2_048;

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8") + 1;
}

/** Lines appended while they fit; what does not fit is counted. */
class Page {
  readonly lines: string[] = [];
  omitted = 0;
  #left: number;

  constructor(budget: number) {
    this.#left = budget - RESERVE;
  }

  /** Bytes still free. */
  get left(): number {
    return this.#left;
  }

  /** Appends every line, budget or not (headings, the counts table, closing tags). */
  always(...lines: string[]): void {
    for (const l of lines) {
      this.lines.push(l);
      this.#left -= bytes(l);
    }
  }

  /** Appends the lines only if all of them fit; returns whether they did. */
  fits(lines: readonly string[]): boolean {
    const size = lines.reduce((n, l) => n + bytes(l), 0);
    if (size > this.#left) return false;
    this.always(...lines);
    return true;
  }
}

function fullEntry(f: Finding, blocking: boolean): string[] {
  const lines = [`- ${severityBadge(f.severity)} · ${mdCode(f.rule)} · **${mdText(f.title)}**${blocking ? " · fails the build" : ""}`, `  - resource: ${mdCode(f.resource)}`, `  - ${mdText(f.message)}`];
  if (f.evidence.length > 0) lines.push(`  - evidence: ${f.evidence.map((e) => mdCode(e)).join(" · ")}`);
  if (flatten(f.remediation) !== "") lines.push(`  - **remediation:** ${mdAuthored(f.remediation)}`);
  return lines;
}

interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly Finding[];
  readonly row: (f: Finding) => readonly string[];
}

/**
 * Shares of `available` bytes for tables of the given sizes: small tables get all they
 * need, large ones split the rest evenly, so one long list cannot crowd out the others.
 */
function shares(sizes: readonly number[], available: number): number[] {
  const out = sizes.map(() => 0);
  let left = Math.max(0, available);
  const bySize = sizes.map((size, i) => ({ size, i })).sort((a, b) => a.size - b.size || a.i - b.i);
  bySize.forEach(({ size, i }, k) => {
    const give = Math.min(size, Math.floor(left / (bySize.length - k)));
    out[i] = give;
    left -= give;
  });
  return out;
}

/** Collapsed tables; rows past each table's share of the budget are counted in its last row. */
function tables(page: Page, list: readonly Table[]): void {
  const built = list
    .filter((t) => t.rows.length > 0)
    .map((t) => ({
      head: ["", "<details>", `<summary>${mdText(t.title)} (${t.rows.length})</summary>`, "", `| ${t.head.join(" | ")} |`, `|${t.head.map(() => "---").join("|")}|`],
      // The row that stands for what was left out, sized for the worst case.
      more: (n: number): string => `| … | ${n} more not shown |${" |".repeat(Math.max(0, t.head.length - 2))}`,
      rows: t.rows.map((f) => `| ${t.row(f).join(" | ")} |`),
    }));
  const fixed = built.reduce((n, b) => n + b.head.reduce((m, l) => m + bytes(l), 0) + bytes(b.more(b.rows.length)) + bytes("") + bytes("</details>"), 0);
  const caps = shares(
    built.map((b) => b.rows.reduce((n, r) => n + bytes(r), 0)),
    page.left - fixed,
  );
  built.forEach((b, i) => {
    page.always(...b.head);
    let used = 0;
    let shown = 0;
    for (const r of b.rows) {
      used += bytes(r);
      if (used > caps[i]! || !page.fits([r])) break;
      shown++;
    }
    const left = b.rows.length - shown;
    if (left > 0) {
      page.omitted += left;
      page.always(b.more(left));
    }
    page.always("", "</details>");
  });
}

export function markdownReport(result: GateResult, options: MarkdownOptions): string {
  const { summary } = result;
  const groups = classify(result);
  const page = new Page(options.budget);
  page.always(...options.preamble, verdictHeading(options.level, summary), "", ...countsTable(summary));
  if (result.inputs.length > 0) {
    const inputs = result.inputs.map((i) => `${mdCode(i.file)} (${mdText(i.kind)}, ${mdText(i.generated_at)})`);
    page.always("", `Inputs: ${inputs.join(", ")}`);
  }

  const failing = [...groups.blocking, ...groups.advisory];
  const blocking = new Set(groups.blocking);
  let shown = 0;
  if (failing.length > 0 && options.top > 0) {
    page.always("", `${options.level}# Top findings`, "");
    for (const f of failing.slice(0, options.top)) {
      if (!page.fits(fullEntry(f, blocking.has(f)))) break;
      shown++;
    }
    const rest = failing.length - shown;
    if (rest > 0) page.always("", `… and ${rest} more failing finding${rest === 1 ? "" : "s"}, listed below.`);
  }

  if (result.expiring_waivers.length > 0) {
    page.always("", `${options.level}# Waivers expiring soon`, "");
    for (const n of result.expiring_waivers) {
      const w = n.waiver;
      const line = `- ${mdCode(w.rule)} on ${mdCode(w.resource)}: expires ${mdText(w.expires)} (${runway(n.days_left)}), owner ${mdCode(w.owner)}, waives ${n.matched} finding${n.matched === 1 ? "" : "s"}`;
      if (!page.fits([line])) page.omitted++;
    }
  }
  if (result.warnings.length > 0) {
    page.always("", `${options.level}# Warnings`, "");
    for (const w of result.warnings) if (!page.fits([`- ${mdText(w)}`])) page.omitted++;
  }

  const failingRow = (f: Finding): string[] => [severityBadge(f.severity), mdCell(f.rule), mdCell(f.resource), mdText(f.message)];
  tables(page, [
    { title: "All failing findings", head: ["severity", "check", "resource", "message"], rows: shown < failing.length ? failing : [], row: failingRow },
    { title: "Could not decide", head: ["check", "resource", "what is missing"], rows: groups.unknown, row: (f) => [mdCell(f.rule), mdCell(f.resource), mdText(f.message)] },
    {
      title: "Waived",
      head: ["check", "resource", "owner", "expires", "reason"],
      rows: groups.waived,
      row: (f) => [mdCell(f.rule), mdCell(f.resource), mdCell(f.waiver?.owner ?? ""), mdText(f.waiver?.expires ?? ""), mdBlock(f.waiver?.reason ?? "")],
    },
    { title: "Baselined", head: ["severity", "check", "resource"], rows: groups.baselined, row: (f) => [severityBadge(f.severity), mdCell(f.rule), mdCell(f.resource)] },
  ]);

  if (page.omitted > 0) {
    page.always("", `> [!NOTE]`, `> Truncated to fit: ${page.omitted} row${page.omitted === 1 ? "" : "s"} not shown. The \`text\`, \`json\` and \`sarif\` reports list every finding.`);
  }
  return `${page.lines.join("\n")}\n`;
}
