/** `-f json`: OPA's test result objects, field for field. */
import t from "tap";
import { jsonTestReport, parseModule, runTests } from "@regolith/rego";

const source = `package x

test_pass if true

test_fail if {
	print("seen")
	false
}

todo_test_skip if true

c := 1 if true
c := 2 if true

test_error if c
`;

t.test("location, package, name, fail/error/skip only when set, duration in ns, output in base64", async (t) => {
  const results = runTests([parseModule(source, { file: "x_test.rego" })], {}).results;
  const parsed = JSON.parse(jsonTestReport(results)) as Record<string, unknown>[];
  t.same(Object.keys(parsed[0]!), ["location", "package", "name", "duration"]);
  t.same(parsed[0]!.location, { file: "x_test.rego", row: 3, col: 1 });
  t.equal(parsed[0]!.package, "data.x");
  t.equal(parsed[0]!.name, "test_pass");
  t.ok(Number.isInteger(parsed[0]!.duration) && (parsed[0]!.duration as number) > 0);
  t.same(Object.keys(parsed[1]!), ["location", "package", "name", "fail", "duration", "output"]);
  t.equal(Buffer.from(parsed[1]!.output as string, "base64").toString("utf8"), "seen\n");
  t.same(parsed[2], { location: { file: "x_test.rego", row: 10, col: 1 }, package: "data.x", name: "todo_test_skip", skip: true, duration: 0 });
  t.same(parsed[3]!.error, {
    code: "eval_conflict_error",
    message: "complete rules must not produce multiple outputs",
    location: { file: "x_test.rego", row: 13, col: 1 },
  });
  t.notOk("fail" in parsed[3]!, "an error is not also a failure");
});

t.test("no tests: an empty array", async (t) => {
  t.equal(jsonTestReport([]), "[]\n");
});

t.test("a test's cases are its sub_results, by name, nested as the keys are", async (t) => {
  const withCases = `package c

test_groups[a][b] if {
	some a in ["p", "q"]
	some b in [1, 2]
	a != "q"
}
`;
  const parsed = JSON.parse(jsonTestReport(runTests([parseModule(withCases, { file: "c_test.rego" })], {}).results)) as Record<string, unknown>[];
  t.same(Object.keys(parsed[0]!), ["location", "package", "name", "fail", "duration", "sub_results"]);
  t.same(parsed[0]!.sub_results, {
    p: { name: "p", sub_results: { "1": { name: "1" }, "2": { name: "2" } } },
    q: { name: "q", fail: true, sub_results: { "1": { name: "1", fail: true }, "2": { name: "2", fail: true } } },
  });
});
