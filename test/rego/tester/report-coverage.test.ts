/** The coverage report, as JSON (OPA's shape), as a table people read, and as LCOV and Cobertura for coverage tools. */
import t from "tap";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { COVERAGE_SCOPE, coberturaCoverageReport, jsonCoverageReport, lcovCoverageReport, parseModule, prettyCoverageReport, runTests } from "@regolith/rego";

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

t.test("lcov: a record per policy file with a DA line per counted line; test files left out", async (t) => {
  t.equal(lcovCoverageReport(report), "TN:\nSF:p.rego\nDA:3,1\nDA:4,1\nDA:5,1\nDA:8,0\nLF:4\nLH:3\nend_of_record\n");
});

t.test("cobertura: well-formed XML, a class per policy file in a package per directory, rates and lines", async (t) => {
  const nested = runTests(
    [parseModule(policy, { file: "policies/p.rego" }), parseModule("package q\n\nq if input.z\n", { file: "policies/lib/q.rego" }), parseModule(tests, { file: "policies/p_test.rego" })],
    {},
    { coverage: true },
  ).coverage!;
  const xml = coberturaCoverageReport(nested, "1.2.3");
  t.equal(XMLValidator.validate(xml), true);
  t.equal(coberturaCoverageReport(nested, "1.2.3"), xml, "no timestamp: the same run, the same bytes");
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["package", "class", "line"].includes(name) }).parse(xml);
  t.match(doc.coverage, { "line-rate": "0.6", "lines-covered": "3", "lines-valid": "5", "branch-rate": "0", version: "regolith 1.2.3", timestamp: "0" });
  const packages = doc.coverage.packages.package;
  t.same(
    packages.map((p: { name: string; "line-rate": string }) => [p.name, p["line-rate"]]),
    [
      ["policies", "0.75"],
      ["policies/lib", "0"],
    ],
  );
  const cls = packages[0].classes.class;
  t.same(cls.map((c: { name: string; filename: string }) => [c.name, c.filename]), [["p.rego", "policies/p.rego"]], "the test file is left out");
  t.same(
    cls[0].lines.line.map((l: { number: string; hits: string }) => [l.number, l.hits]),
    [
      ["3", "1"],
      ["4", "1"],
      ["5", "1"],
      ["8", "0"],
    ],
  );
});
