/** The coverage report, as JSON (OPA's shape) and as a table people read. */
import t from "tap";
import { COVERAGE_SCOPE, jsonCoverageReport, parseModule, prettyCoverageReport, runTests } from "@regolith/rego";

const policy = "package p\n\nallow if {\n\tinput.a\n\tinput.b\n}\n\nother if input.c\n";
const tests = "package p_test\n\nimport data.p\n\ntest_allow if p.allow with input as {\"a\": true, \"b\": true}\n";
const report = runTests([parseModule(policy, { file: "p.rego" }), parseModule(tests, { file: "p_test.rego" })], {}, { coverage: true }).coverage!;

t.test("json has OPA's fields, every one present", async (t) => {
  const parsed = JSON.parse(jsonCoverageReport(report));
  t.same(Object.keys(parsed), ["files", "covered_lines", "not_covered_lines", "coverage"]);
  t.same(parsed.files["p.rego"], {
    covered: [{ start: { row: 3 }, end: { row: 5 } }],
    not_covered: [{ start: { row: 8 }, end: { row: 8 } }],
    covered_lines: 3,
    not_covered_lines: 1,
    coverage: 75,
  });
  t.same([parsed.covered_lines, parsed.not_covered_lines, parsed.coverage], [3, 1, 75]);
});

t.test("pretty: a row per file, test files marked, the total with its scope, lines not covered", async (t) => {
  t.equal(
    prettyCoverageReport(report),
    `--------------------------------------------------------------------------------
COVERAGE (${COVERAGE_SCOPE})
covered  not covered  coverage  file
      3            1    75.00%  p.rego
      1            0   100.00%  p_test.rego  (test file, not in total)
--------------------------------------------------------------------------------
TOTAL: 75.00% (3/4 policy lines covered; test files excluded)

Not covered:
  p.rego: 8
`,
  );
});

t.test("pretty: says so when only test files were loaded", async (t) => {
  const only = runTests([parseModule(tests.replace("import data.p\n", "").replace("p.allow with input as {\"a\": true, \"b\": true}", "true"), { file: "p_test.rego" })], {}, { coverage: true }).coverage!;
  t.match(prettyCoverageReport(only), /TOTAL: no policy lines to cover \(only test files were loaded\)/);
});
