/**
 * JUnit XML: suites per file, cases per test, failure/error/skipped elements, print
 * output in system-out, and everything escaped so the document stays well formed.
 */
import t from "tap";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { junitTestReport, parseModule, runTests } from "@regolith/rego";

const a = `package a_test

test_ok if true

test_bad if {
	print("<b> & \\"q\\"")
	false
}

todo_test_later if true
`;
const b = `package b_test

c := 1 if true
c := 2 if true

test_err if c
`;

const results = runTests([parseModule(a, { file: "a_test.rego" }), parseModule(b, { file: "b_test.rego" })], {}).results;
const xml = junitTestReport(results).replace(/time="[\d.]+"/g, 'time="T"');

t.test("one suite per file with counts, one case per test", async (t) => {
  t.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="regolith test" tests="4" failures="1" errors="1" skipped="1" time="T">\n/);
  t.match(xml, /<testsuite name="a_test\.rego" tests="3" failures="1" errors="0" skipped="1" time="T">/);
  t.match(xml, /<testsuite name="b_test\.rego" tests="1" failures="0" errors="1" skipped="0" time="T">/);
  t.match(xml, /<testcase name="test_ok" classname="data\.a_test" file="a_test\.rego" line="3" time="T"\/>/);
});

t.test("failures, errors and skips have their elements; output is escaped", async (t) => {
  t.match(xml, /<failure message="data\.a_test\.test_bad is undefined or not true" type="fail"><\/failure>\n\s+<system-out>&lt;b&gt; &amp; "q"\n<\/system-out>/);
  t.match(xml, /<error message="complete rules must not produce multiple outputs" type="eval_conflict_error">b_test\.rego:4: eval_conflict_error: /);
  t.match(xml, /<testcase name="todo_test_later"[^>]*>\n\s+<skipped message="todo test"><\/skipped>/);
});

t.test("the document is well-formed XML and parses back to the results", async (t) => {
  t.equal(XMLValidator.validate(xml), true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(xml);
  const suites = doc.testsuites.testsuite as { name: string; testcase: unknown }[];
  t.same(
    suites.map((s) => s.name),
    ["a_test.rego", "b_test.rego"],
  );
  const bad = (suites[0]!.testcase as { name: string; "system-out"?: string }[]).find((c) => c.name === "test_bad")!;
  t.equal(bad["system-out"], '<b> & "q"', "print output survives escaping (the parser trims the newline)");
});

t.test("a test with cases names the cases that failed", async (t) => {
  const withCases = `package c

test_groups[a][b] if {
	some a in ["p", "q"]
	some b in [1, 2]
	a != "q"
}
`;
  const out = junitTestReport(runTests([parseModule(withCases, { file: "c_test.rego" })], {}).results);
  t.match(out, /<failure message="data\.c\.test_groups: failed cases: q \/ 1, q \/ 2" type="fail">/);
});
