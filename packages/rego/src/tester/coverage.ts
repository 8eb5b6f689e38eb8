/**
 * The coverage report of a test run, in the shape of `opa test --coverage`.
 *
 * A line is covered when an expression or rule head on it was reached: an expression
 * when it was evaluated, a head when its rule produced a value. A line is not covered
 * when it holds an expression or head that was never reached (and nothing on it was).
 * Other lines (comments, `package`, `import`, `some x` declarations) do not count.
 *
 * Unlike OPA, the overall figure counts policy modules only: `*_test.rego` files are
 * reported per file but left out of the total, so tests cannot pad the number.
 */
import type { CompiledPolicy } from "../compile/compiler.js";
import type { CompiledRule } from "../compile/plan.js";
import type { CoverageRecorder } from "../eval/coverage.js";
import { ruleExprs } from "./plan-exprs.js";

export interface CoverageRange {
  readonly start: { readonly row: number };
  readonly end: { readonly row: number };
}

export interface FileCoverage {
  readonly covered: readonly CoverageRange[];
  readonly not_covered: readonly CoverageRange[];
  readonly covered_lines: number;
  readonly not_covered_lines: number;
  /** Percent of the file's counted lines that are covered (0 when it has none). */
  readonly coverage: number;
}

export interface CoverageReport {
  /** Every module, test files included, by file name (sorted). */
  readonly files: Readonly<Record<string, FileCoverage>>;
  /** Totals over policy modules only (test files excluded). */
  readonly covered_lines: number;
  readonly not_covered_lines: number;
  readonly coverage: number;
}

/** Every counted line of a file with whether the tests reached it, in line order. */
export function coverageLines(f: FileCoverage): { readonly row: number; readonly covered: boolean }[] {
  const out: { row: number; covered: boolean }[] = [];
  for (const r of f.covered) for (let row = r.start.row; row <= r.end.row; row++) out.push({ row, covered: true });
  for (const r of f.not_covered) for (let row = r.start.row; row <= r.end.row; row++) out.push({ row, covered: false });
  return out.sort((a, b) => a.row - b.row);
}

/** Test files by name, as OPA's convention has them. */
export function isTestFile(file: string): boolean {
  return file.endsWith("_test.rego");
}

export function coverageReport(policy: CompiledPolicy, recorder: CoverageRecorder): CoverageReport {
  const files = new Set(policy.modules.map((m) => m.file));
  const hit = rowsByFile(files);
  const counted = rowsByFile(files);
  for (const e of recorder.exprs) hit.get(e.loc.file)?.add(e.loc.row);
  for (const r of recorder.rules) hit.get(r.ast.head.loc.file)?.add(r.ast.head.loc.row);
  for (const top of policy.rules) {
    for (let r: CompiledRule | undefined = top; r; r = r.else) {
      const rows = counted.get(r.ast.head.loc.file);
      if (!rows) continue;
      rows.add(r.ast.head.loc.row);
      for (const e of ruleExprs(r)) if (e.loc.file === r.ast.head.loc.file) rows.add(e.loc.row);
    }
  }
  const report: Record<string, FileCoverage> = {};
  let covered = 0;
  let notCovered = 0;
  for (const file of [...files].sort()) {
    const hits = [...hit.get(file)!].sort((a, b) => a - b);
    const misses = [...counted.get(file)!].filter((row) => !hit.get(file)!.has(row)).sort((a, b) => a - b);
    report[file] = {
      covered: ranges(hits),
      not_covered: ranges(misses),
      covered_lines: hits.length,
      not_covered_lines: misses.length,
      coverage: percent(hits.length, misses.length),
    };
    if (isTestFile(file)) continue;
    covered += hits.length;
    notCovered += misses.length;
  }
  return { files: report, covered_lines: covered, not_covered_lines: notCovered, coverage: percent(covered, notCovered) };
}

function rowsByFile(files: ReadonlySet<string>): Map<string, Set<number>> {
  return new Map([...files].map((f) => [f, new Set<number>()]));
}

function percent(covered: number, notCovered: number): number {
  const total = covered + notCovered;
  return total === 0 ? 0 : (100 * covered) / total;
}

/** Sorted rows as runs of consecutive rows (OPA's `sortedPositionSliceToRangeSlice`). */
function ranges(rows: readonly number[]): CoverageRange[] {
  const out: CoverageRange[] = [];
  let start = rows[0];
  let end = start;
  for (let i = 1; i <= rows.length; i++) {
    const row = rows[i];
    if (row !== undefined && row === end! + 1) {
      end = row;
      continue;
    }
    if (start !== undefined) out.push({ start: { row: start }, end: { row: end! } });
    start = end = row;
  }
  return out;
}
