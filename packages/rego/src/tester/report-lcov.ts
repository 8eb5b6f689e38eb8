/**
 * Coverage as LCOV tracefile records (the `geninfo` format Codecov, Coveralls, SonarQube
 * and genhtml read): one record per policy file, a `DA` line per counted line. The
 * tester knows whether a line was reached, not how often, so a hit counts 1.
 * Test files are left out, as they are from the total.
 */
import { coverageLines, isTestFile, type CoverageReport } from "./coverage.js";

export function lcovCoverageReport(report: CoverageReport): string {
  const out: string[] = [];
  for (const [file, f] of Object.entries(report.files)) {
    if (isTestFile(file)) continue;
    out.push("TN:", `SF:${file}`);
    for (const { row, covered } of coverageLines(f)) out.push(`DA:${row},${covered ? 1 : 0}`);
    out.push(`LF:${f.covered_lines + f.not_covered_lines}`, `LH:${f.covered_lines}`, "end_of_record");
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}
