/**
 * `regolith eval --format json` over OPA's compliance cases: each passing case is
 * written to disk as modules, `data.json` and `input.json`, run through the CLI,
 * and its JSON output checked against the case (bindings, or the error code and
 * message). This is the end-to-end check that the CLI reports what the engine
 * computes, in OPA's output shape.
 *
 * Left out, each for a reason the CLI cannot express: cases with an `input_term`
 * (Rego, not JSON), experimental keywords, runner-only builtins (`test.sleep`) and
 * `opa.runtime` (the CLI describes itself there, as `opa eval` does; the runner gives
 * `{}` or the case's `env`).
 */
import t from "tap";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseJSON, stringifyValue, toJSONData, type Value } from "@regolith/rego";
import { conformanceDir, hasConformanceData, loadEvalCases } from "../_lib/conformance/cases.js";
import { normalizeRow, sameRows } from "../_lib/cases/compare.js";
import type { EvalCase } from "../_lib/cases/case.js";
import { run } from "../_lib/cli-run.js";

const dir = conformanceDir();
const listFile = join(import.meta.dirname, "../conformance/opa-v1.passing");

function expressible(c: EvalCase): boolean {
  const uses = (name: string) => c.query.includes(name) || c.modules.some((m) => m.includes(name));
  return c.inputTerm === undefined && !c.experimentalKeywords && !uses("test.sleep") && !uses("opa.runtime");
}

interface CLIOutput {
  result?: { expressions: { value: Value }[]; bindings?: Record<string, Value> }[];
  errors?: { code: string; message: string; location?: { file: string; row: number } }[];
}

async function check(c: EvalCase, root: string): Promise<string | undefined> {
  const caseDir = join(root, c.id.replace(/[^A-Za-z0-9]+/g, "_"));
  mkdirSync(caseDir);
  c.modules.forEach((m, i) => writeFileSync(join(caseDir, `test-${i}.rego`), m));
  if (c.data !== undefined) writeFileSync(join(caseDir, "data.json"), stringifyValue(toJSONData(c.data)));
  const argv = ["eval", "-f", "json", "-d", "."];
  if (c.input !== undefined) {
    writeFileSync(join(root, `${c.id.replace(/[^A-Za-z0-9]+/g, "_")}.input.json`), stringifyValue(toJSONData(c.input)));
    argv.push("-i", join(root, `${c.id.replace(/[^A-Za-z0-9]+/g, "_")}.input.json`));
  }
  if (c.strictError) argv.push("--strict-builtin-errors");
  argv.push(c.query);
  const r = await run(argv, caseDir);
  const out = parseJSON(r.stdout) as unknown as CLIOutput;
  if (c.wantErrorCode !== undefined || c.wantError !== undefined) {
    const e = out.errors?.[0];
    if (r.code !== 2 || !e) return `expected an error, got exit ${r.code}: ${r.stdout}`;
    if (c.wantErrorCode !== undefined && e.code !== c.wantErrorCode) return `expected ${c.wantErrorCode}, got ${e.code}: ${e.message}`;
    // OPA's error text, which cases match against: `file:row: code: message`.
    const text = `${e.location ? `${e.location.file}:${e.location.row}: ` : ""}${e.code}: ${e.message}`;
    if (c.wantError !== undefined && !text.includes(c.wantError)) return `error ${JSON.stringify(text)} lacks ${JSON.stringify(c.wantError)}`;
    return undefined;
  }
  if (r.code !== 0) return `exit ${r.code}: ${r.stdout}${r.stderr}`;
  // `opa eval` also reports a lone expression that is false (captured values);
  // OPA's runner counts only successful evaluations, so those rows are not results.
  const rows = (out.result ?? []).filter((row) => !row.expressions.some((e) => e.value === false));
  const opts = { sortBindings: c.sortBindings, ignoreGeneratedVars: c.ignoreGeneratedVars };
  const actual = rows.map((row) => normalizeRow(row.bindings ?? {}, opts));
  const expected = (c.wantResult ?? []).map((row) => normalizeRow(toJSONData(row) as Record<string, Value>, opts));
  return sameRows(actual, expected) ? undefined : `want ${stringifyValue(expected)}, got ${stringifyValue(actual)}`;
}

if (!hasConformanceData(dir) || !existsSync(listFile)) {
  t.pass("conformance suite absent: CLI check skipped", { skip: `no data at ${dir}` });
} else {
  const listed = new Set(readFileSync(listFile, "utf8").split("\n").filter(Boolean));
  const cases = loadEvalCases(dir).filter((c) => listed.has(c.id));
  const runnable = cases.filter(expressible);
  t.comment(`CLI over ${runnable.length} of ${cases.length} passing cases (${cases.length - runnable.length} not expressible on a command line)`);
  t.test("regolith eval reports each passing case as the engine does", async (t) => {
    const root = mkdtempSync(join(tmpdir(), "regolith-cli-cases-"));
    t.teardown(() => rmSync(root, { recursive: true, force: true }));
    let failures = 0;
    for (const c of runnable) {
      const problem = await check(c, root);
      if (problem !== undefined) {
        failures++;
        t.fail(`${c.id} (${c.note}): ${problem}`);
      }
    }
    t.equal(failures, 0, `all ${runnable.length} cases agree`);
  });
}
