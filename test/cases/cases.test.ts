/**
 * Regolith's own evaluation cases, in OPA's case format: one YAML file per feature or
 * builtin under test/cases/. Each case is a subtest named by its file and note.
 */
import t from "tap";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { readCaseFile } from "../_lib/cases/case.js";
import { runEvalCase } from "../_lib/cases/run-case.js";

const root = import.meta.dirname;

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(path);
    return e.name.endsWith(".yaml") ? [path] : [];
  });
}

for (const file of yamlFiles(root).sort()) {
  const rel = relative(root, file);
  t.test(rel, async (t) => {
    const cases = readCaseFile(file, rel, rel.split("/")[0]!);
    t.ok(cases.length > 0, "the file holds cases");
    for (const c of cases) {
      const outcome = runEvalCase(c);
      t.ok(outcome.pass, c.note, outcome.pass ? {} : { reason: outcome.reason });
    }
  });
}
