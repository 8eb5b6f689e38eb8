/**
 * The pretty report reads like `opa test`'s: failures (or, verbose, everything)
 * under their file, print output indented under the test, errors with the source
 * line, then the PASS/FAIL/SKIPPED/ERROR counts.
 */
import t from "tap";
import { parseModule, prettyTestReport, runTests, testLine } from "@regolith/rego";

const source = `package x

test_pass if {
	print("fine")
}

test_fail if {
	print("value is", 1)
	false
}

todo_test_later if false

test_undefined if {
	input.missing
}

conflict := 1 if true
conflict := 2 if true

test_conflict if conflict
`;

const modules = [parseModule(source, { file: "x_test.rego" })];
const results = runTests(modules, {}).results;
const sources = new Map([["x_test.rego", source]]);
const durations = (s: string) => s.replace(/\(\d+(\.\d+)?(ns|µs|ms|s)\)/g, "(DUR)");

t.test("by default only tests that did not pass are listed, with their output and errors", async (t) => {
  t.equal(
    durations(prettyTestReport(results, { sources })),
    `x_test.rego:
data.x.test_fail: FAIL (DUR)

  value is 1

data.x.todo_test_later: SKIPPED
data.x.test_undefined: FAIL (DUR)
data.x.test_conflict: ERROR (DUR)
  x_test.rego:19:1: eval_conflict_error: complete rules must not produce multiple outputs
  \tconflict := 2 if true
  \t^
--------------------------------------------------------------------------------
PASS: 1/5
FAIL: 2/5
SKIPPED: 1/5
ERROR: 1/5
`,
  );
});

t.test("verbose lists every test and every test's output", async (t) => {
  const out = durations(prettyTestReport(results, { verbose: true, sources }));
  t.match(out, /^x_test\.rego:\ndata\.x\.test_pass: PASS \(DUR\)\n\n  fine\n\ndata\.x\.test_fail: FAIL/);
});

t.test("all passing: just the count", async (t) => {
  const passing = results.filter((r) => r.name === "test_pass");
  t.equal(prettyTestReport(passing), "PASS: 1/1\n");
  t.equal(prettyTestReport([]), "", "no tests: nothing, as opa test prints nothing");
});

t.test("a test line is OPA's: package.name: OUTCOME (duration)", async (t) => {
  const pass = results.find((r) => r.name === "test_pass")!;
  t.match(testLine(pass), /^data\.x\.test_pass: PASS \(\d+(\.\d+)?(ns|µs|ms|s)\)$/);
  t.equal(testLine(results.find((r) => r.skip)!), "data.x.todo_test_later: SKIPPED");
});

const cases = `package c

test_cases[x] if {
	some x in [1, 2, 3]
	x < 3
}

test_groups[a][b] if {
	some a in ["p", "q"]
	some b in [1, 2]
	a != "q"
}

test_plain if true
`;

t.test("a test's cases: failed ones under it (all, verbose), indented by depth; counts count cases", async (t) => {
  const withCases = runTests([parseModule(cases, { file: "c_test.rego" })], {}).results;
  t.equal(
    durations(prettyTestReport(withCases)),
    `c_test.rego:
data.c.test_cases: FAIL (DUR)
  3: FAIL
data.c.test_groups: FAIL (DUR)
  q: FAIL
    1: FAIL
    2: FAIL
--------------------------------------------------------------------------------
PASS: 5/8
FAIL: 3/8
`,
  );
  t.match(durations(prettyTestReport(withCases, { verbose: true })), /^c_test\.rego:\ndata\.c\.test_cases: FAIL \(DUR\)\n  1: PASS\n  2: PASS\n  3: FAIL\ndata\.c\.test_groups: FAIL \(DUR\)\n  p: PASS\n    1: PASS\n    2: PASS\n  q: FAIL\n/);
});
