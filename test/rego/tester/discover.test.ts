/**
 * Test discovery follows OPA's tester: `test_*` rules (ref heads included) are tests,
 * `todo_test_*` are skipped, duplicates get `#01`-style names, functions and other
 * rules are not tests, and files come in name order.
 */
import t from "tap";
import { compile, discoverTests, parseModule } from "@regolith/rego";

function names(files: Record<string, string>): string[] {
  const modules = Object.entries(files).map(([file, source]) => parseModule(source, { file }));
  return discoverTests(compile(modules)).map((c) => `${c.fullName}${c.skip ? " (skip)" : ""} @${c.location.file}:${c.location.row}`);
}

t.test("test_ rules are tests, todo_test_ rules are skipped, other rules are not", async (t) => {
  const found = names({
    "a_test.rego": `package a_test

helper := true

test_one if helper

todo_test_two if false

test_fn(x) if x

not_a_test_three if true
`,
  });
  t.same(found, ["data.a_test.test_one @a_test.rego:5", "data.a_test.todo_test_two (skip) @a_test.rego:7"]);
});

t.test("a second definition of the same test is reported as test_x#01, a third as #02", async (t) => {
  const found = names({ "d.rego": "package d\n\ntest_x if true\n\ntest_x if false\n\ntest_x if 1 == 1\n" });
  t.same(found, ["data.d.test_x @d.rego:3", "data.d.test_x#01 @d.rego:5", "data.d.test_x#02 @d.rego:7"]);
});

t.test("a renamed step below the package prints in brackets, as OPA prints it", async (t) => {
  const found = names({ "d.rego": "package d\n\na.b.test_x if true\n\na.b.test_x if false\n" });
  t.same(found, ["data.d.a.b.test_x @d.rego:3", 'data.d.a.b["test_x#01"] @d.rego:5']);
});

t.test("ref heads: the first test_ step names the test; partial-object tests are one test", async (t) => {
  const found = names({ "r.rego": 'package r\n\ngroup.test_nested if true\n\ntest_cases[name] if some name in ["a", "b"]\n' });
  t.same(found, ["data.r.group.test_nested @r.rego:3", "data.r.test_cases @r.rego:5"]);
});

t.test("packages that are not identifiers print with brackets; files come in name order", async (t) => {
  const found = names({ "z.rego": 'package z\n\ntest_z if true\n', "a.rego": 'package a["b-c"]\n\ntest_a if true\n' });
  t.same(found, ['data.a["b-c"].test_a @a.rego:3', "data.z.test_z @z.rego:3"]);
});
