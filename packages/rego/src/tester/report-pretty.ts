/**
 * `opa test`'s pretty report: a line per test (`data.pkg.test_x: FAIL (1.2ms)`) under
 * its file's name, for every test with `verbose`, else only for tests that did not
 * pass, each followed by its cases (`  note: FAIL`, indented by depth); then
 * `PASS: n/m`, `FAIL: n/m`, `SKIPPED: n/m`, `ERROR: n/m`, counting cases. A printed test's
 * `print()` output follows it, indented; an error follows with its source line.
 */
import { goDuration } from "./go-duration.js";
import { outcomeOf, type Outcome, type SubResult, type TestResult } from "./runner.js";

export interface PrettyOptions {
  /** Every test, and every test's output, not only the failures. */
  readonly verbose?: boolean;
  /** Module sources by file name, to quote the line an error points at. */
  readonly sources?: ReadonlyMap<string, string>;
}

export const RULE = "-".repeat(80);

export function prettyTestReport(results: readonly TestResult[], options: PrettyOptions = {}): string {
  const lines: string[] = [];
  let lastFile: string | undefined;
  for (const r of results) {
    const outcome = outcomeOf(r);
    if (!options.verbose && outcome === "PASS") continue;
    if (r.location.file !== lastFile) {
      if (lastFile !== undefined) lines.push("");
      lines.push(`${r.location.file}:`);
      lastFile = r.location.file;
    }
    lines.push(testLine(r, outcome));
    // A test's cases under it: every case with `verbose`, else the failed ones.
    for (const [depth, sub] of subResultLines(r.subResults)) {
      if (sub.fail || options.verbose) lines.push(`${"  ".repeat(depth + 1)}${sub.name}: ${sub.fail ? "FAIL" : "PASS"}`);
    }
    if (r.output.length > 0) lines.push("", indent(r.output.trim()), "");
    if (r.error) lines.push(indent(r.error.format(options.sources)));
  }
  if (lines.length > 0) lines.push(RULE);
  lines.push(...summary(results));
  return lines.map((l) => l + "\n").join("");
}

/** `data.pkg.test_x: PASS (68.875µs)`; skipped tests have no duration. */
export function testLine(r: TestResult, outcome: Outcome = outcomeOf(r)): string {
  const head = `${r.package}.${r.name}: ${outcome}`;
  return r.skip ? head : `${head} (${goDuration(r.durationNs)})`;
}

/** Depth-first, with each one's depth below the test (0 for a case of the test itself). */
function* subResultLines(subs: readonly SubResult[], depth = 0): Generator<[number, SubResult]> {
  for (const sub of subs) {
    yield [depth, sub];
    yield* subResultLines(sub.subResults, depth + 1);
  }
}

/**
 * The counts, in OPA's order; none when nothing ran (OPA prints nothing then). A test with cases counts
 * each case (each innermost one, for nested cases) instead of itself, as OPA does.
 */
export function summary(results: readonly TestResult[]): string[] {
  const counts: Record<Outcome, number> = { PASS: 0, FAIL: 0, SKIPPED: 0, ERROR: 0 };
  for (const r of results) {
    const outcome = outcomeOf(r);
    if (r.subResults.length === 0 || outcome === "SKIPPED" || outcome === "ERROR") counts[outcome]++;
    else for (const [, sub] of subResultLines(r.subResults)) if (sub.subResults.length === 0) counts[sub.fail ? "FAIL" : "PASS"]++;
  }
  const total = counts.PASS + counts.FAIL + counts.SKIPPED + counts.ERROR;
  const out = (["PASS", "FAIL", "SKIPPED", "ERROR"] as const).filter((k) => counts[k] > 0).map((k) => `${k}: ${counts[k]}/${total}`);
  return out;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => (l.length > 0 ? `  ${l}` : l))
    .join("\n");
}
