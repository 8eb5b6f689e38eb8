/**
 * Coverage as Cobertura XML (coverage-04.dtd), which GitLab merge requests, Azure
 * Pipelines and Jenkins read: a package per directory, a class per policy file, a
 * line per counted line (hits 1 when reached; the tester does not count how often).
 * Rego has no branch coverage here, so branch rates are 0 of 0. Test files are left
 * out, as they are from the total. No timestamp, so the same run gives the same bytes.
 */
import { coverageLines, isTestFile, type CoverageReport, type FileCoverage } from "./coverage.js";
import { xmlAttr } from "./xml.js";

function rate(covered: number, notCovered: number): string {
  const all = covered + notCovered;
  return all === 0 ? "1" : String(Math.round((covered / all) * 10_000) / 10_000);
}

function directory(file: string): string {
  const slash = file.lastIndexOf("/");
  return slash < 0 ? "." : file.slice(0, slash);
}

export function coberturaCoverageReport(report: CoverageReport, toolVersion: string): string {
  const byDirectory = new Map<string, [string, FileCoverage][]>();
  for (const [file, f] of Object.entries(report.files)) {
    if (isTestFile(file)) continue;
    const dir = directory(file);
    byDirectory.set(dir, [...(byDirectory.get(dir) ?? []), [file, f]]);
  }
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE coverage SYSTEM "http://cobertura.sourceforge.net/xml/coverage-04.dtd">',
    `<coverage line-rate="${rate(report.covered_lines, report.not_covered_lines)}" branch-rate="0" lines-covered="${report.covered_lines}" lines-valid="${report.covered_lines + report.not_covered_lines}" branches-covered="0" branches-valid="0" complexity="0" version="${xmlAttr(`regolith ${toolVersion}`)}" timestamp="0">`,
    "  <sources>",
    "    <source>.</source>",
    "  </sources>",
    "  <packages>",
  ];
  for (const [dir, files] of [...byDirectory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const covered = files.reduce((n, [, f]) => n + f.covered_lines, 0);
    const notCovered = files.reduce((n, [, f]) => n + f.not_covered_lines, 0);
    out.push(`    <package name="${xmlAttr(dir)}" line-rate="${rate(covered, notCovered)}" branch-rate="0" complexity="0">`, "      <classes>");
    for (const [file, f] of files) {
      const name = file.slice(file.lastIndexOf("/") + 1);
      out.push(`        <class name="${xmlAttr(name)}" filename="${xmlAttr(file)}" line-rate="${rate(f.covered_lines, f.not_covered_lines)}" branch-rate="0" complexity="0">`, "          <methods/>", "          <lines>");
      for (const { row, covered: hit } of coverageLines(f)) out.push(`            <line number="${row}" hits="${hit ? 1 : 0}" branch="false"/>`);
      out.push("          </lines>", "        </class>");
    }
    out.push("      </classes>", "    </package>");
  }
  out.push("  </packages>", "</coverage>");
  return out.join("\n") + "\n";
}
