/**
 * Coverage, written two ways: `json` (the shape of `opa test --coverage`, every field
 * present) and `pretty` (a table per file, the total, and the lines not covered).
 */
import { isTestFile, type CoverageRange, type CoverageReport } from "./coverage.js";
import { RULE } from "./report-pretty.js";

/** What the total counts, said wherever the total is shown. */
export const COVERAGE_SCOPE = "coverage of policy lines, test files excluded";

export function jsonCoverageReport(report: CoverageReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** Two decimals, as OPA prints coverage in its threshold message. */
export function formatPercent(pct: number): string {
  return `${pct.toFixed(2)}%`;
}

export function prettyCoverageReport(report: CoverageReport): string {
  const files = Object.keys(report.files);
  const rows = files.map((file) => {
    const f = report.files[file]!;
    const name = isTestFile(file) ? `${file}  (test file, not in total)` : file;
    return [String(f.covered_lines), String(f.not_covered_lines), formatPercent(f.coverage), name] as const;
  });
  const header = ["covered", "not covered", "coverage", "file"] as const;
  const widths = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i < 3 ? c.padStart(widths[i]!) : c)).join("  ");
  const out = [RULE, `COVERAGE (${COVERAGE_SCOPE})`, line(header), ...rows.map(line), RULE];
  const counted = report.covered_lines + report.not_covered_lines;
  out.push(
    counted === 0
      ? "TOTAL: no policy lines to cover (only test files were loaded)"
      : `TOTAL: ${formatPercent(report.coverage)} (${report.covered_lines}/${counted} policy lines covered; test files excluded)`,
  );
  const missing = files.filter((f) => !isTestFile(f) && report.files[f]!.not_covered.length > 0);
  if (missing.length > 0) {
    out.push("", "Not covered:");
    for (const f of missing) out.push(`  ${f}: ${report.files[f]!.not_covered.map(rangeText).join(", ")}`);
  }
  return out.map((l) => l + "\n").join("");
}

function rangeText(r: CoverageRange): string {
  return r.start.row === r.end.row ? String(r.start.row) : `${r.start.row}-${r.end.row}`;
}
