/**
 * Running tests as `opa test` does: a test passes only when it is `true`; undefined,
 * `false` or another value fail it; evaluation errors make it an ERROR; every test
 * gets a fresh evaluation, its own print() output and a timeout.
 */
import t from "tap";
import { ErrorCode, outcomeOf, parseModule, runTests, type TestResult, type Value } from "@regolith/rego";

function run(source: string, data: Value = {}, options: Parameters<typeof runTests>[2] = {}): Map<string, TestResult> {
  const results = runTests([parseModule(source, { file: "x_test.rego" })], data, options).results;
  return new Map(results.map((r) => [r.name, r]));
}

t.test("true passes; false, undefined and other values fail", async (t) => {
  const r = run(`package x

test_true if true
test_false := false
test_undefined if input.nothing
test_number := 5
test_string := "yes"
`);
  t.same(
    [...r.values()].map((x) => [x.name, outcomeOf(x)]),
    [
      ["test_true", "PASS"],
      ["test_false", "FAIL"],
      ["test_undefined", "FAIL"],
      ["test_number", "FAIL"],
      ["test_string", "FAIL"],
    ],
  );
});

t.test("a default test rule is a test, and the next rule of that name is #01", async (t) => {
  const r = run("package x\n\ndefault test_d := true\n\ntest_d if false\n");
  t.equal(outcomeOf(r.get("test_d")!), "PASS", "the default rule is a test of its own, as in OPA: data.x.test_d is its value");
  t.equal(outcomeOf(r.get("test_d#01")!), "FAIL", "and the rule after it is test_d#01, with no default: undefined");
});

t.test("tests with case keys: every case true passes; a case that started and failed fails (OPA's test cases)", async (t) => {
  const r = run(`package x

test_all[name] if some name in ["a", "b"]

test_some[name] := ok if {
	some name, ok in {"a": true, "b": false}
}

test_none[name] if {
	some name in ["a"]
	false
}

test_started[x] if {
	some x in [1, 2, 3]
	x < 3
}

test_notes[tc.note] if {
	some tc in [{"note": "one", "in": 1, "exp": 2}, {"note": "two", "in": 2, "exp": 5}]
	tc.in + 1 == tc.exp
}

test_declared[x] if {
	some x
	[1, 2][x]
	x > 0
}

test_empty[x] if some x in []

test_null[x] := null if some x in ["a"]

test_nested[a][b] if {
	some a in ["p", "q"]
	some b in [1, 2]
	not both(a, b)
}

both(a, b) if {
	a == "q"
	b == 2
}
`);
  const cases = (name: string) => r.get(name)!.subResults.map((s) => `${s.name}:${s.fail ? "FAIL" : "PASS"}`);
  t.equal(outcomeOf(r.get("test_all")!), "PASS");
  t.same(cases("test_all"), ["a:PASS", "b:PASS"]);
  t.equal(outcomeOf(r.get("test_some")!), "FAIL", "case b is false");
  t.same(cases("test_some"), ["a:PASS", "b:FAIL"]);
  t.equal(outcomeOf(r.get("test_none")!), "FAIL", "case a started, then its body failed");
  t.same(cases("test_none"), ["a:FAIL"]);
  t.same(cases("test_started"), ["1:PASS", "2:PASS", "3:FAIL"], "a case missing from the value, but started, failed");
  t.equal(outcomeOf(r.get("test_started")!), "FAIL");
  t.same(cases("test_notes"), ["one:PASS", "two:FAIL"], "a key that is a ref is recorded once its variable is bound");
  t.same(cases("test_declared"), ["0:FAIL", "1:PASS"], "`some x` does not bind x: the case starts where x is bound");
  t.equal(outcomeOf(r.get("test_empty")!), "PASS", "no case at all is a pass, as in OPA");
  t.same(cases("test_empty"), []);
  t.equal(outcomeOf(r.get("test_null")!), "PASS", "a null case does not fail, as in OPA");
  t.equal(outcomeOf(r.get("test_nested")!), "FAIL");
  t.same(
    r.get("test_nested")!.subResults.map((s) => [s.name, s.fail, s.subResults.map((c) => `${c.name}:${c.fail ? "FAIL" : "PASS"}`)]),
    [
      ["p", false, ["1:PASS", "2:PASS"]],
      ["q", true, ["1:PASS", "2:FAIL"]],
    ],
  );
});

t.test("a test that calls internal.test_case itself gets no second call", async (t) => {
  const r = run(`package x

test_manual[x] if {
	some x in ["a", "b"]
	internal.test_case(["c"])
}
`);
  t.same(
    r.get("test_manual")!.subResults.map((s) => `${s.name}:${s.fail ? "FAIL" : "PASS"}`),
    ["a:PASS", "b:PASS", "c:FAIL"],
    "only the manual call records: c started, and is not in the value",
  );
});

t.test("cases under constant steps after the test's name are grouped under them", async (t) => {
  const r = run(`package x

test_t.group[x] if {
	some x in [1, 2]
	x == 1
}
`);
  t.same(
    r.get("test_t")!.subResults.map((s) => [s.name, s.fail, s.subResults.map((c) => `${c.name}:${c.fail ? "FAIL" : "PASS"}`)]),
    [["group", true, ["1:PASS", "2:FAIL"]]],
  );
});

t.test("a test's key that nothing binds is one compile error, at the head", async (t) => {
  const module = parseModule("package x\n\ntest_k[k] if true\n", { file: "x_test.rego" });
  t.throws(() => runTests([module], {}), { errors: [{ code: "rego_unsafe_var_error", location: { file: "x_test.rego", row: 3 } }] });
  try {
    runTests([module], {});
  } catch (e) {
    t.equal((e as { errors: unknown[] }).errors.length, 1);
  }
});

t.test("tests of one name but different kinds are renamed before compiling, so they do not conflict", async (t) => {
  const r = run(`package x

test_d if true

test_d.foo[y] if y := "bar"

test_e[a][b] if {
	a := 1
	b := 2
}

test_e if true
`);
  t.same(
    [...r.values()].map((x) => [x.name, outcomeOf(x)]),
    [
      ["test_d", "PASS"],
      ["test_d#01", "PASS"],
      ["test_e", "PASS"],
      ["test_e#01", "PASS"],
    ],
  );
  t.same(r.get("test_d#01")!.subResults.map((s) => s.name), ["foo"]);
});

t.test("a value below the test's name is not true: test_x.y fails, as OPA asks for data.pkg.test_x", async (t) => {
  const r = run("package x\n\ntest_x.y := true\n");
  t.equal(outcomeOf(r.get("test_x")!), "FAIL");
});

t.test("evaluation errors are ERRORs carrying the error; builtin errors fail unless strict", async (t) => {
  const source = `package x

conflict := 1 if input.x == null
conflict := 2 if input.x == null

test_conflict if conflict with input.x as null

test_div if 1 / 0
`;
  const r = run(source);
  const c = r.get("test_conflict")!;
  t.equal(outcomeOf(c), "ERROR");
  t.equal(c.error?.code, ErrorCode.EvalConflictError);
  t.equal(c.error?.location?.row, 4);
  t.equal(outcomeOf(r.get("test_div")!), "FAIL", "1 / 0 is undefined, as in opa test");
  const strict = run(source, {}, { strictBuiltinErrors: true });
  t.equal(strict.get("test_div")!.error?.code, ErrorCode.EvalBuiltinError);
});

t.test("each test has its own print output, and its own evaluation", async (t) => {
  const r = run(`package x

counted contains n if {
	some n in [1, 2]
	print("computing", n)
}

test_a if {
	print("in a", input)
	count(counted) == 2
}

test_b if {
	count(counted) == 2
	print("in b")
}
`);
  t.equal(r.get("test_a")!.output, "in a <undefined>\ncomputing 1\ncomputing 2\n");
  t.equal(r.get("test_b")!.output, "computing 1\ncomputing 2\nin b\n", "nothing cached from test_a");
});

t.test("data is visible to tests", async (t) => {
  const r = run("package x\n\ntest_d if data.params.limit == 3\n", { params: { limit: 3 } });
  t.equal(outcomeOf(r.get("test_d")!), "PASS");
});

t.test("a test that runs past its timeout is an ERROR that says so; others still run", async (t) => {
  const r = run(
    `package x

test_slow if {
	every i in numbers.range(1, 5000) {
		every j in numbers.range(1, 5000) {
			i + j > 0
		}
	}
}

test_fast if true
`,
    {},
    { timeoutMs: 30 },
  );
  const slow = r.get("test_slow")!;
  t.equal(slow.error?.code, ErrorCode.EvalCancelError);
  t.equal(slow.error?.message, "test timed out after 30ms");
  t.ok(slow.durationNs < 2_000_000_000, "stopped well before finishing 25M steps");
  t.equal(outcomeOf(r.get("test_fast")!), "PASS");
});

t.test("the filter selects tests by full name; skipped tests are filtered too", async (t) => {
  const source = "package x\n\ntest_a if true\n\ntest_b if true\n\ntodo_test_c if true\n";
  const results = runTests([parseModule(source, { file: "x.rego" })], {}, { filter: (n) => n.endsWith("_b") || n.includes("todo") }).results;
  t.same(
    results.map((r) => [r.fullName, outcomeOf(r), r.durationNs]),
    [
      ["data.x.test_b", "PASS", results[0]!.durationNs],
      ["data.x.todo_test_c", "SKIPPED", 0],
    ],
  );
});

t.test("modules that do not compile throw the compile errors", async (t) => {
  t.throws(() => runTests([parseModule("package x\n\ntest_a if y\n", { file: "x.rego" })], {}), { name: "RegoErrors" });
});

t.test("without coverage, no report is built", async (t) => {
  const run = runTests([parseModule("package x\n\ntest_a if true\n", { file: "x.rego" })], {});
  t.equal(run.coverage, undefined);
});

t.test("rego.parse_module works inside tests; its parse errors are the builtin's error", async (t) => {
  const source = `package x

test_parse if {
	m := rego.parse_module("p.rego", "package p")
	m["package"].path[1].value == "p"
}

test_parse_bad if rego.parse_module("p.rego", "packag p")
`;
  t.equal(outcomeOf(run(source).get("test_parse")!), "PASS");
  const bad = run(source, {}, { strictBuiltinErrors: true }).get("test_parse_bad")!;
  t.equal(bad.error?.code, ErrorCode.EvalBuiltinError);
  t.match(bad.error?.message, /^rego\.parse_module: .*rego_parse_error/);
});
