/**
 * Coverage, line by line, on a policy whose every line's fate is known: a line is
 * covered when an expression on it was evaluated or a head on it produced a value,
 * not covered when it holds one that never was, and not counted otherwise. Test files
 * are reported but kept out of the total.
 */
import t from "tap";
import { parseModule, runTests, type CoverageReport } from "@regolith/rego";

// Row numbers matter: each line's expected fate is in its comment.
const policy = `package cov

import rego.v1

default allow := false

allow if {
	input.user == "admin"
	input.active
}

grade := "a" if {
	input.score > 90
} else := "b" if {
	input.score > 80
} else := "c"

double(x) := y if {
	y := x * 2
}

names := [n |
	some u in input.users
	n := u.name
]

never if {
	input.nothing == 1
}

decl if {
	some x
	x = 1
	x == 1
}
`;
// What the tests below reach: allow's default holds (row 5 covered) after its body ran
// to row 9 (admin, not active), so the allow head (7) never produced a value and is not
// covered. grade gives "b": rows 13-15 covered, 12 and 16 not. double is called (18-19);
// names is computed (22-24). never (27-28) and decl (31, 33-34) are not reached; `some x`
// (32) is a declaration and does not count, nor do blank lines, `package` and `import`.
const tests = `package cov_test

import data.cov

test_default if not cov.allow with input as {"user": "admin", "active": false}

test_grade if cov.grade == "b" with input as {"score": 85}

test_double if cov.double(2) == 4

test_names if cov.names == ["a"] with input as {"users": [{"name": "a"}]}

test_broken if {
	false
	true
}
`;

function report(): CoverageReport {
  const modules = [parseModule(policy, { file: "cov.rego" }), parseModule(tests, { file: "cov_test.rego" })];
  return runTests(modules, {}, { coverage: true }).coverage!;
}

function rows(ranges: readonly { start: { row: number }; end: { row: number } }[]): number[] {
  return ranges.flatMap((r) => Array.from({ length: r.end.row - r.start.row + 1 }, (_, i) => r.start.row + i));
}

t.test("each line of the policy is covered, not covered, or not counted, as reached", async (t) => {
  const file = report().files["cov.rego"]!;
  t.same(rows(file.covered), [5, 8, 9, 13, 14, 15, 18, 19, 22, 23, 24]);
  t.same(rows(file.not_covered), [7, 12, 16, 27, 28, 31, 33, 34]);
  t.equal(file.covered_lines, 11);
  t.equal(file.not_covered_lines, 8);
  t.equal(file.coverage, (100 * 11) / 19);
});

t.test("consecutive rows make one range", async (t) => {
  const file = report().files["cov.rego"]!;
  t.same(file.covered.slice(0, 3), [
    { start: { row: 5 }, end: { row: 5 } },
    { start: { row: 8 }, end: { row: 9 } },
    { start: { row: 13 }, end: { row: 15 } },
  ]);
});

t.test("test files are reported per file and left out of the total", async (t) => {
  const r = report();
  const testFile = r.files["cov_test.rego"]!;
  t.same(rows(testFile.covered), [5, 7, 9, 11, 14], "passing tests' lines, and the broken test's first expression");
  t.same(rows(testFile.not_covered), [13, 15], "the failed test's head and the expression never reached");
  t.equal(r.covered_lines, 11);
  t.equal(r.not_covered_lines, 8);
  t.equal(r.coverage, (100 * 11) / 19);
});

t.test("only the tests that ran count: a filter lowers coverage", async (t) => {
  const modules = [parseModule(policy, { file: "cov.rego" }), parseModule(tests, { file: "cov_test.rego" })];
  const r = runTests(modules, {}, { coverage: true, filter: (n) => n.endsWith("test_double") }).coverage!;
  t.same(rows(r.files["cov.rego"]!.covered), [18, 19]);
});

t.test("a module without rules counts no lines and reports 0%", async (t) => {
  const modules = [parseModule("package empty\n\nimport rego.v1\n", { file: "empty.rego" })];
  const r = runTests(modules, {}, { coverage: true }).coverage!;
  t.same(r, {
    files: { "empty.rego": { covered: [], not_covered: [], covered_lines: 0, not_covered_lines: 0, coverage: 0 } },
    covered_lines: 0,
    not_covered_lines: 0,
    coverage: 0,
  });
});

t.test("expressions nested in every, comprehensions and template strings count too", async (t) => {
  const nested = `package nest

reached if {
	input.go
	every v in input.vs {
		v > 0
	}
}

unreached_every if {
	input.never
	every v in input.vs {
		v > 0
	}
}

unreached_compr if {
	input.never
	xs := [x |
		some x in input.vs
		x > 1
	]
	count(xs) > 0
}

unreached_template if {
	input.never
	msg := $"hello {input.name}"
	msg != ""
}
`;
  const test = 'package nest_test\n\ntest_all if {\n\tx := data.nest with input as {"go": true, "vs": [1, 2]}\n\tx.reached\n}\n';
  const r = runTests([parseModule(nested, { file: "nest.rego" }), parseModule(test, { file: "nest_test.rego" })], {}, { coverage: true }).coverage!;
  const file = r.files["nest.rego"]!;
  t.same(rows(file.covered), [3, 4, 5, 6, 11, 18, 27]);
  t.same(rows(file.not_covered), [10, 12, 13, 17, 19, 20, 21, 23, 26, 28, 29]);
});
