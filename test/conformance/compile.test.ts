/** OPA's compile-diagnostic cases: codes, positions and exact messages. */
import t from "tap";
import { conformanceDir, hasConformanceData } from "../_lib/conformance/cases.js";
import { loadCompileCases, runCompileCase } from "../_lib/conformance/compile-cases.js";
import { existsSync } from "node:fs";
import { join } from "node:path";

const dir = conformanceDir();
if (!hasConformanceData(dir) || !existsSync(join(dir, "opa-v1-compile"))) {
  t.pass("compile cases absent: skipped", { skip: `no data at ${dir}` });
} else {
  for (const c of loadCompileCases(dir)) {
    const outcome = runCompileCase(c);
    t.ok(outcome.pass, `${c.id}: ${c.note}`, outcome.pass ? {} : { reason: outcome.reason });
  }
}
