/** The bundle side: parse and compile errors in the familiar file:row:col form, evaluation errors, shadowed findings. */
import t from "tap";
import { isTestModule } from "@regolith/gate";
import { gate, githubDoc, inputProblems, named, smallModules } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app"]))];
const withModule = (source: string, file = "checks/extra.rego") => inputProblems(() => gate({ documents: docs, modules: [...smallModules(), { file, source }] }));

t.test("parse errors name file, row and column", async (t) => {
  const p = withModule("package regolith.checks.x\n\nfindings contains f if {\n  f := \n}\n");
  t.equal(p.length, 1);
  t.match(p[0], /^checks\/extra\.rego:5:1: rego_parse_error: /);
});

t.test("compile errors name file, row and column", async (t) => {
  const p = withModule("package regolith.checks.x\n\nhelper if {\n  undefined_fn(1)\n}\n");
  t.match(p, [/^checks\/extra\.rego:4:3: rego_type_error: undefined function undefined_fn/]);
});

t.test("evaluation errors stop the run", async (t) => {
  const p = withModule("package regolith.checks.x\n\nimport data.regolith.lib\n\nv := 1\nv := 2 if true\n\n# METADATA\n# title: T\n# custom:\n#   id: X-1\n#   severity: low\n#   remediation: R\n#   identity: [a]\nfindings contains lib.finding(rego.metadata.rule(), {\"resource\": \"github://x\", \"message\": \"m\", \"identity\": {\"a\": v}}) if true\n");
  t.match(p, [/eval_conflict_error/]);
});

t.test("data that shadows a findings rule is not read as 'no findings'", async (t) => {
  const data = { regolith: { checks: { t: { findings: 5 } } } };
  t.match(inputProblems(() => gate({ documents: docs, data })), [/rego_compile_error: conflicting rule for data path regolith\/checks\/t\/findings found/]);
});

t.test("*_test.rego modules are not evaluated, even when they would not compile", async (t) => {
  t.ok(isTestModule("checks/t_test.rego"));
  t.notOk(isTestModule("checks/test.rego"));
  const r = gate({ documents: docs, modules: [...smallModules(), { file: "checks/broken_test.rego", source: "package x\n\ntest_y if {" }] });
  t.equal(r.summary.total, 1);
});
