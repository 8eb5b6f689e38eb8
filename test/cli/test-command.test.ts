/** `regolith test`: the contract in docs/CLI.md, exercised through `main` in-process. */
import t from "tap";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { run } from "../_lib/cli-run.js";
import { tarGz } from "../_lib/tar.js";

const policy = `package authz

default allow := false

allow if {
	input.user in data.admins
}

level := data.settings.level
`;

const passing = `package authz_test

import data.authz

test_admin_allowed if authz.allow with input as {"user": "ada"}

test_others_denied if not authz.allow with input as {"user": "bob"}
`;

const failing = `package authz_test

import data.authz

test_admin_allowed if authz.allow with input as {"user": "ada"}

test_wrong if {
	print("user is", input.user)
	authz.allow with input as {"user": "eve"}
}

todo_test_later if false
`;

const admins = '{"admins": ["ada"]}';

/** Durations vary from run to run; everything else must not. */
function clean(s: string): string {
  return s.replace(/\(\d+(\.\d+)?(ns|µs|ms|s)\)/g, "(DUR)");
}

t.test("all tests pass: exit 0 and OPA's summary", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const r = await run(["test", "p"], dir);
  t.same([r.code, r.stdout, r.stderr], [0, "PASS: 2/2\n", ""]);
});

t.test("-v lists every test under its file", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const r = await run(["test", "-v", "p"], dir);
  t.equal(
    clean(r.stdout),
    `p/authz_test.rego:
data.authz_test.test_admin_allowed: PASS (DUR)
data.authz_test.test_others_denied: PASS (DUR)
--------------------------------------------------------------------------------
PASS: 2/2
`,
  );
});

t.test("a failing test: exit 1, the failure with its print output, skipped tests counted", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": failing, "data.json": admins } });
  const r = await run(["test", "p"], dir);
  t.equal(r.code, 1);
  t.equal(
    clean(r.stdout),
    `p/authz_test.rego:
data.authz_test.test_wrong: FAIL (DUR)

  user is <undefined>

data.authz_test.todo_test_later: SKIPPED
--------------------------------------------------------------------------------
PASS: 1/3
FAIL: 1/3
SKIPPED: 1/3
`,
  );
});

t.test("an evaluation error is an ERROR with its location and source line: exit 1", async (t) => {
  const dir = t.testdir({ "x_test.rego": "package x\n\nv := 1 if true\nv := 2 if true\n\ntest_v if v == 1\n" });
  const r = await run(["test", "x_test.rego"], dir);
  t.equal(r.code, 1);
  t.match(r.stdout, "data.x.test_v: ERROR (");
  t.match(r.stdout, "  x_test.rego:4:1: eval_conflict_error: complete rules must not produce multiple outputs\n  \tv := 2 if true\n  \t^\n");
  t.match(r.stdout, "ERROR: 1/1\n");
});

t.test("parse errors: exit 2, every file's errors as file:row:col with a caret", async (t) => {
  const dir = t.testdir({ p: { "a.rego": "package a\n\nallow if {\n", "b.rego": "package b\n\nx := [1,\n", "ok_test.rego": "package ok\n\ntest_ok if true\n" } });
  const r = await run(["test", "p"], dir);
  t.equal(r.code, 2);
  t.equal(r.stdout, "");
  t.match(r.stderr, /^p\/a\.rego:\d+:\d+: rego_parse_error: .+\n\t.*\n\t *\^/m);
  t.match(r.stderr, /^p\/b\.rego:\d+:\d+: rego_parse_error: /m);
  const json = await run(["test", "-f", "json", "p"], dir);
  t.equal(json.code, 2);
  t.equal(JSON.parse(json.stdout).errors[0].code, "rego_parse_error");
});

t.test("compile errors: exit 2 with the caret block", async (t) => {
  const dir = t.testdir({ "x_test.rego": "package x\n\ntest_a if {\n\tundefined_thing\n}\n" });
  const r = await run(["test", "x_test.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, "x_test.rego:4:2: rego_unsafe_var_error: var undefined_thing is unsafe\n\t\tundefined_thing\n\t\t^\n");
});

t.test("--run filters by regex on the full name", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": failing, "data.json": admins } });
  const r = await run(["test", "-v", "--run", "authz_test\\.test_admin", "p"], dir);
  t.equal(r.code, 0, "the failing test did not run");
  t.match(clean(r.stdout), /^p\/authz_test\.rego:\ndata\.authz_test\.test_admin_allowed: PASS \(DUR\)\n-+\nPASS: 1\/1\n$/);
  const none = await run(["test", "--run", "^nothing$", "p"], dir);
  t.same([none.code, none.stdout], [0, ""]);
  t.match(none.stderr, "no tests found in p matching --run");
  const bad = await run(["test", "--run", "(?=x)", "p"], dir);
  t.equal(bad.code, 2);
  t.match(bad.stderr, "regolith test: --run: invalid test name pattern");
});

t.test("-f json: OPA's result objects", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": failing, "data.json": admins } });
  const r = await run(["test", "-f", "json", "p"], dir);
  t.equal(r.code, 1);
  const results = JSON.parse(r.stdout) as { name: string; fail?: boolean; skip?: boolean; output?: string; location: { file: string } }[];
  t.same(
    results.map((x) => [x.name, x.fail ?? false, x.skip ?? false]),
    [
      ["test_admin_allowed", false, false],
      ["test_wrong", true, false],
      ["todo_test_later", false, true],
    ],
  );
  t.equal(Buffer.from(results[1]!.output!, "base64").toString(), "user is <undefined>\n");
  t.equal(results[0]!.location.file, "p/authz_test.rego");
});

t.test("-f junit: XML with the failure", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": failing, "data.json": admins } });
  const r = await run(["test", "-f", "junit", "p"], dir);
  t.equal(r.code, 1);
  t.match(r.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="regolith test" tests="3" failures="1" errors="0" skipped="1"/);
  t.match(r.stdout, '<testsuite name="p/authz_test.rego"');
  t.equal(XMLValidator.validate(r.stdout), true, "well-formed XML");
});

t.test("--coverage: a table per file and the total of policy lines", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const r = await run(["test", "--coverage", "p"], dir);
  t.equal(r.code, 0);
  t.equal(
    r.stdout,
    `PASS: 2/2
--------------------------------------------------------------------------------
COVERAGE (coverage of policy lines, test files excluded)
covered  not covered  coverage  file
      3            1    75.00%  p/authz.rego
      2            0   100.00%  p/authz_test.rego  (test file, not in total)
--------------------------------------------------------------------------------
TOTAL: 75.00% (3/4 policy lines covered; test files excluded)

Not covered:
  p/authz.rego: 9
`,
  );
});

t.test("--threshold: exit 1 below it with a message, 0 at or above it", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const below = await run(["test", "--threshold", "80", "p"], dir);
  t.equal(below.code, 1);
  t.match(below.stdout, "TOTAL: 75.00%", "--threshold implies --coverage");
  t.equal(below.stderr, "regolith test: coverage 75.00% is below the threshold 80.00% (coverage of policy lines, test files excluded)\n");
  const met = await run(["test", "--coverage", "--threshold", "75", "p"], dir);
  t.same([met.code, met.stderr], [0, ""]);
  for (const bad of ["abc", "101", "-1", ""]) {
    const r = await run(["test", "--threshold", bad, "p"], dir);
    t.equal(r.code, 2, `--threshold ${JSON.stringify(bad)}`);
  }
});

t.test("--coverage-report writes lcov and cobertura files, implies --coverage, and refuses bad specs", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const r = await run(["test", "--coverage-report", "lcov=out/cov.lcov", "--coverage-report", "cobertura=cov.xml", "p"], dir);
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, "TOTAL: 75.00%", "the table too: --coverage-report implies --coverage");
  t.equal(readFileSync(join(dir, "out/cov.lcov"), "utf8"), "TN:\nSF:p/authz.rego\nDA:3,1\nDA:5,1\nDA:6,1\nDA:9,0\nLF:4\nLH:3\nend_of_record\n");
  const xml = readFileSync(join(dir, "cov.xml"), "utf8");
  t.equal(XMLValidator.validate(xml), true);
  t.match(xml, '<class name="authz.rego" filename="p/authz.rego" line-rate="0.75"');
  for (const [spec, message] of [
    ["html=x", '--coverage-report: unknown format "html" (want lcov or cobertura, then =FILE)'],
    ["toString=x", '--coverage-report: unknown format "toString" (want lcov or cobertura, then =FILE)'],
    ["lcov", "--coverage-report lcov: name the file, as lcov=FILE"],
    ["lcov=", "--coverage-report lcov=: name the file, as lcov=FILE"],
  ] as const) {
    const bad = await run(["test", "--coverage-report", spec, "p"], dir);
    t.equal(bad.code, 2, spec);
    t.equal(bad.stderr, `regolith test: ${message}\n`);
  }
  const twice = await run(["test", "--coverage-report", "lcov=a", "--coverage-report", "cobertura=a", "p"], dir);
  t.equal(twice.stderr, "regolith test: --coverage-report: a is named more than once\n");
});

t.test("--coverage -f json: the coverage report in OPA's shape", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": passing, "data.json": admins } });
  const r = await run(["test", "--coverage", "-f", "json", "p"], dir);
  t.equal(r.code, 0);
  const report = JSON.parse(r.stdout);
  t.same(report.files["p/authz.rego"], {
    covered: [
      { start: { row: 3 }, end: { row: 3 } },
      { start: { row: 5 }, end: { row: 6 } },
    ],
    not_covered: [{ start: { row: 9 }, end: { row: 9 } }],
    covered_lines: 3,
    not_covered_lines: 1,
    coverage: 75,
  });
  t.same([report.covered_lines, report.not_covered_lines, report.coverage], [3, 1, 75]);
});

t.test("--coverage -f json with a failing test: the report on stdout, the failure on stderr, exit 1", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": policy, "authz_test.rego": failing, "data.json": admins } });
  const r = await run(["test", "--coverage", "-f", "json", "p"], dir);
  t.equal(r.code, 1);
  t.ok(JSON.parse(r.stdout).files["p/authz.rego"]);
  t.match(r.stderr, "data.authz_test.test_wrong: FAIL");
});

t.test("bundle directories under a PATH keep their data at the bundle root; .tar.gz bundles load", async (t) => {
  const bundleTest = "package authz_test\n\nimport data.authz\n\ntest_level if authz.level == 3\n";
  const dir = t.testdir({
    policies: {
      main: { ".manifest": "{}", "authz.rego": policy, "authz_test.rego": bundleTest, "data.json": '{"settings": {"level": 3}}' },
    },
  });
  const r = await run(["test", "policies/"], dir);
  t.same([r.code, r.stdout], [0, "PASS: 1/1\n"], "data.json at the bundle root is data.settings, not data.main.settings");
  const v = await run(["test", "-v", "policies/main/"], dir);
  t.match(v.stdout, /^policies\/main\/authz_test\.rego:\n/, "no doubled slash in file names");
  writeFileSync(join(dir, "b.tar.gz"), tarGz({ "/.manifest": "{}", "/authz.rego": policy, "/authz_test.rego": bundleTest, "/data.json": '{"settings": {"level": 3}}' }));
  const tar = await run(["test", "b.tar.gz"], dir);
  t.same([tar.code, tar.stdout], [0, "PASS: 1/1\n"]);
});

t.test("plain directories: data files land at their directory's path; hidden dirs and node_modules are skipped", async (t) => {
  const dir = t.testdir({
    "x_test.rego": "package x\n\ntest_settings if data.settings.level == 3\n\ntest_no_hidden if not data.hidden\n",
    settings: { "s.yaml": "level: 3\n" },
    ".hidden": { "h.json": '{"hidden": true}', "broken.rego": "package" },
    node_modules: { "broken.rego": "package" },
  });
  const r = await run(["test"], dir);
  t.same([r.code, r.stdout, r.stderr], [0, "PASS: 2/2\n", ""], "the default PATH is the current directory");
});

t.test("--timeout stops a runaway test", async (t) => {
  const dir = t.testdir({
    "slow_test.rego": "package slow\n\ntest_slow if {\n\tevery i in numbers.range(1, 5000) {\n\t\tevery j in numbers.range(1, 5000) {\n\t\t\ti + j > 0\n\t\t}\n\t}\n}\n",
  });
  const r = await run(["test", "--timeout", "50ms", "slow_test.rego"], dir);
  t.equal(r.code, 1);
  t.match(r.stdout, "eval_cancel_error: test timed out after 50ms");
});

t.test("misuse exits 2 with a message", async (t) => {
  const dir = t.testdir({ "x_test.rego": "package x\n\ntest_a if true\n" });
  const cases: [string[], string][] = [
    [["test", "-f", "xml", "x_test.rego"], 'unknown format "xml"'],
    [["test", "missing/"], "missing: no such file or directory"],
    [["test", "--bogus"], "unknown flag: --bogus"],
    [["test", "--timeout", "soon", "x_test.rego"], "invalid duration"],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv, dir);
    t.equal(r.code, 2, argv.join(" "));
    t.match(r.stderr, message);
  }
});

t.test("--help describes the command", async (t) => {
  const r = await run(["test", "--help"], t.testdir({}));
  t.equal(r.code, 0);
  t.match(r.stdout, "Usage: regolith test [flags] [PATH...]");
  t.match(r.stdout, "--threshold PCT");
});
