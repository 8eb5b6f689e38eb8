/**
 * The ratchet on OPA's compliance suite: every case listed in opa-v1.passing must
 * still pass, and must give the same results with and without rule indices (the
 * index's oracle), and with every term read in place run through generated code at
 * once (eval/site-code.ts; by default only terms read often are). Skips cleanly when the suite is absent (CONFORMANCE.md §1).
 * `npm run conformance` runs the whole suite and rewrites the list.
 */
import t from "tap";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { conformanceDir, hasConformanceData, loadEvalCases } from "../_lib/conformance/cases.js";
import { runEvalCase } from "../_lib/cases/run-case.js";

const dir = conformanceDir();
const listFile = join(import.meta.dirname, "opa-v1.passing");

if (!hasConformanceData(dir)) {
  t.comment(`conformance: no data at ${dir}; skipped`);
  t.pass("conformance suite absent: ratchet skipped", { skip: `no data at ${dir}` });
} else {
  const listed = new Set(existsSync(listFile) ? readFileSync(listFile, "utf8").split("\n").filter(Boolean) : []);
  const cases = loadEvalCases(dir).filter((c) => listed.has(c.id));
  t.comment(`conformance ratchet: ${cases.length} listed cases from ${dir}`);
  t.equal(cases.length, listed.size, "every listed case exists in the suite");
  let failures = 0;
  for (const c of cases) {
    const indexed = runEvalCase(c);
    const unindexed = runEvalCase(c, { unindexed: true });
    const generated = runEvalCase(c, { jitAfter: 0 });
    if (!indexed.pass || !unindexed.pass || !generated.pass) {
      failures++;
      t.fail(`${c.id} (${c.note})`, { indexed: indexed.reason, unindexed: unindexed.reason, generated: generated.reason });
    }
  }
  t.equal(failures, 0, `all ${cases.length} listed cases pass, indexed, unindexed and with generated code`);
}
