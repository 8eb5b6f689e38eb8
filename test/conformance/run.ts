/**
 * `npm run conformance`: runs every case of OPA's v1 compliance suite and the
 * compile-diagnostic cases, prints a per-directory table with totals, and rewrites
 * `opa-v1.passing`. A case listed there that now fails is a regression: it stays
 * listed, is printed, and the run exits 1.
 *
 * Flags: --conformance-dir DIR (else $REGOLITH_CONFORMANCE_DIR, else ../shared/conformance),
 * --required (fail when the data is absent), --filter TEXT (only matching case IDs),
 * --verbose (print every failure with its reason), --accept-regressions.
 */
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { conformanceDir, hasConformanceData, loadEvalCases, loadTiers } from "../_lib/conformance/cases.js";
import { runEvalCase } from "../_lib/cases/run-case.js";
import { loadCompileCases, runCompileCase } from "../_lib/conformance/compile-cases.js";
import { loadSkips, skipFor } from "../_lib/conformance/skips.js";
import { renderTable, renderTotals, tally, totals } from "../_lib/conformance/report.js";

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const here = import.meta.dirname;
const passingFile = join(here, "opa-v1.passing");
const dir = conformanceDir(flag("--conformance-dir"));

if (!hasConformanceData(dir)) {
  console.log(`conformance: no data at ${dir}; skipped`);
  process.exit(args.includes("--required") ? 1 : 0);
}

const filter = flag("--filter");
const verbose = args.includes("--verbose");
const skips = loadSkips(join(here, "skips.yaml"));
const tiers = loadTiers(dir);
const previous = existsSync(passingFile) ? new Set(readFileSync(passingFile, "utf8").split("\n").filter(Boolean)) : new Set<string>();

const started = performance.now();
const results = new Map<string, boolean>();
let skipped = 0;
for (const c of loadEvalCases(dir)) {
  if (filter && !c.id.includes(filter)) continue;
  const skip = skipFor(skips, c.id, c.note);
  if (skip) {
    skipped++;
    continue;
  }
  let outcome;
  try {
    outcome = runEvalCase(c);
  } catch (e) {
    outcome = { pass: false, reason: `crash: ${(e as Error).stack ?? String(e)}` };
  }
  results.set(c.id, outcome.pass);
  if (!outcome.pass && verbose) console.log(`FAIL ${c.id} (${c.note}): ${outcome.reason}`);
}

const compileResults = loadCompileCases(dir).map((c) => ({ c, outcome: runCompileCase(c) }));
for (const { c, outcome } of compileResults) if (!outcome.pass && verbose) console.log(`FAIL compile ${c.id}: ${outcome.reason}`);

const dirs = tally(results);
console.log(renderTable(dirs, tiers));
console.log();
console.log(renderTotals(totals(dirs, tiers)));
const compilePassed = compileResults.filter((r) => r.outcome.pass).length;
console.log(`compile diagnostics: ${compilePassed}/${compileResults.length}`);
console.log(`time: ${((performance.now() - started) / 1000).toFixed(1)}s`);

const regressions = [...previous].filter((id) => results.get(id) === false);
const passing = new Set([...results].filter(([, pass]) => pass).map(([id]) => id));
if (!filter) {
  const keep = args.includes("--accept-regressions") ? [] : regressions;
  writeFileSync(passingFile, [...new Set([...passing, ...keep])].sort().join("\n") + "\n");
}
if (regressions.length > 0) {
  console.log(`\nREGRESSIONS (listed in opa-v1.passing, now failing): ${regressions.length}`);
  for (const id of regressions) console.log(`  ${id}`);
}
const failed = results.size - passing.size + (compileResults.length - compilePassed);
console.log(`${passing.size + compilePassed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(regressions.length > 0 ? 1 : 0);
