/** Compile-time diagnostics: codes, messages and locations users see. */
import t from "tap";
import { Compiler, compile, parseModule, RegoErrors, type RegoError } from "@regolith/rego";

function errorsOf(...sources: string[]): RegoError[] {
  try {
    compile(sources.map((s, i) => parseModule(s, { file: `m${i}.rego` })));
  } catch (e) {
    if (e instanceof RegoErrors) return [...e.errors];
    throw e;
  }
  return [];
}

t.test("unsafe variables are reported once, at their first expression", async (t) => {
  const errs = errorsOf("package a\n\np if {\n\tx > 1\n\tx < 3\n}\n");
  t.same(
    errs.map((e) => [e.code, e.message, e.location?.row, e.location?.col]),
    [["rego_unsafe_var_error", "var x is unsafe", 4, 2]],
  );
});

t.test("bodies are reordered so that bindings come first", async (t) => {
  t.same(errorsOf("package a\n\np if {\n\tx > 1\n\tx := input.n\n}\n").map((e) => e.message), ["var x referenced above"]);
  t.same(errorsOf("package a\n\np if {\n\ty > 1\n\ty = input.n\n}\n"), [], "unification binds wherever it stands");
});

t.test("recursion is rejected with the cycle", async (t) => {
  const errs = errorsOf("package a\n\np if q\n\nq if p\n");
  t.ok(errs.length >= 1);
  t.match(errs[0], { code: "rego_recursion_error", message: /rule data\.a\.[pq] is recursive: data\.a\.[pq] -> data\.a\.[pq] -> data\.a\.[pq]/ });
});

t.test("conflicting rule kinds, arities and defaults", async (t) => {
  t.match(errorsOf("package a\n\np := 1\n\np contains 2\n")[0], { code: "rego_type_error", message: "conflicting rules data.a.p found" });
  t.match(errorsOf("package a\n\nf(x) := x\n\nf(x, y) := y\n")[0], { code: "rego_type_error", message: "conflicting rules data.a.f found" });
  t.match(errorsOf("package a\n\ndefault p := 1\n\ndefault p := 2\n")[0], { code: "rego_type_error", message: "multiple default rules data.a.p found at m0.rego:3, m0.rego:5", location: { row: 1 } });
});

t.test("rules and variables must not be named input or data", async (t) => {
  t.same(
    errorsOf("package a\n\ninput := 1\n\ndata.x if true\n\np := 2\n").map((e) => [e.message, e.location?.row, e.location?.col]),
    [
      ["rules must not shadow input (use a different rule name)", 3, 1],
      ["rules must not shadow data (use a different rule name)", 5, 1],
    ],
  );
  t.same(errorsOf("package a\n\np if {\n\tinput := 2\n\tinput > 1\n}\n").map((e) => e.message), ["variables must not shadow input (use a different variable name)"]);
  t.same(
    errorsOf("package a\n\nimport data.foo\nimport data.bar as foo\n\nx := foo\n").map((e) => [e.message, e.location?.row]),
    [["import must not shadow import data.foo", 4]],
    "an import shadowing another names the one shadowed, as OPA does",
  );
  t.same(errorsOf("package a\n\nx.input := 1\n"), [], "only the first name of a rule's ref is reserved");
});

t.test("unknown functions and wrong arity", async (t) => {
  t.match(errorsOf("package a\n\np := nope(1)\n")[0], { code: "rego_type_error", message: "undefined function nope" });
  t.match(errorsOf("package a\n\np := count(1, 2, 3)\n")[0], { code: "rego_type_error", message: /^count: arity mismatch/ });
  t.match(errorsOf("package a\n\nf(x) := x\n\np := f(1, 2, 3)\n")[0], { code: "rego_type_error", message: "function data.a.f has arity 1, got 3 arguments" });
  t.match(errorsOf("package a\n\nf(x, y) := x\n\np := f(1)\n")[0], { message: "function data.a.f has arity 2, got 1 argument" }, "one argument, singular, as OPA writes it");
});

t.test("modules across files compile as one unit, in file order", async (t) => {
  t.same(errorsOf("package a\n\np := data.b.q + 1\n", "package b\n\nq := 1\n"), []);
  const errs = errorsOf("package a\n\np if x\n", "package b\n\nq if y\n");
  t.same(
    errs.map((e) => e.location?.file),
    ["m0.rego", "m1.rego"],
    "errors sorted by file",
  );
});

t.test("a package declared where a rule is conflicts with it, as in OPA", async (t) => {
  const errors = errorsOf("package a.b\n\nr := 1\n", "package a.b.r\n");
  t.same(
    errors.map((e) => `${e.location?.file}:${e.location?.row}: ${e.message}`),
    ["m0.rego:1: package a.b.r conflicts with rule r defined at m0.rego:3"],
  );
  t.same(errorsOf("package a.b\n\nr[k] := 1 if some k in input.ks\n", "package a.b.r\n"), [], "a head with a variable key is left to evaluation");
});

t.test("the error limit stops compilation", async (t) => {
  const body = Array.from({ length: 20 }, (_, i) => `\tv${i} > 0`).join("\n");
  try {
    new Compiler({ errorLimit: 5 }).compile([parseModule(`package a\n\np if {\n${body}\n}\n`, { file: "m.rego" })]);
    t.fail("expected errors");
  } catch (e) {
    t.ok(e instanceof RegoErrors);
    // As OPA: the first five, then `error limit reached` for the rest.
    const errors = (e as RegoErrors).errors;
    t.equal(errors.length, 6);
    t.same(errors.at(-1)?.toJSON(), { message: "error limit reached", code: "rego_compile_error" });
    t.match(String(e), /^6 errors occurred:\n/);
  }
});

t.test("withStageAfter runs a stage in order", async (t) => {
  const seen: string[] = [];
  const compiler = new Compiler().withStageAfter("SetRuleTree", { name: "Spy", run: (ctx) => void seen.push(`rules:${ctx.modules.length}`) });
  compiler.compile([parseModule("package a\np := 1", { file: "m.rego" })]);
  t.same(seen, ["rules:1"]);
  t.throws(() => new Compiler().withStageAfter("Nope", { name: "x", run: () => {} }), /no compiler stage named Nope/);
});

t.test("a variable declared with some, or by every, that nothing names is an error in any mode, as in OPA", async (t) => {
  const src = "package a\n\np if {\n\tsome x\n}\n\nq if {\n\tevery k, v in [1] { v >= 1 }\n}\n\nr if {\n\tevery _, v in [1] { v >= 1 }\n}\n\ns if {\n\tsome y\n\ty = 10\n\tevery y in [1] { y == 1 }\n}\n";
  t.same(
    errorsOf(src).map((e) => [e.code, e.message, e.location?.row, e.location?.col]),
    [
      ["rego_compile_error", "declared var x unused", 4, 2],
      ["rego_compile_error", "declared var k unused", 8, 2],
    ],
  );
});

t.test(":= declares variables, or arrays and objects of them; anything else is an error, as in OPA", async (t) => {
  const messages = (body: string) => errorsOf(`package a\n\np if {\n\t${body}\n}\n`).map((e) => e.message);
  t.same(messages("[a, 1] := [1, 2]"), ["cannot assign to number"]);
  t.same(messages('"foo" := input.x'), ["cannot assign to string"]);
  t.same(messages("data.foo := 1"), ["cannot assign to ref"]);
  t.same(messages('[a, {"k": b}] := [1, {"k": 2}]\n\ta < b'), []);
});

t.test("the right side of := reads the scope before the declaration: [x | x := 2 * x] reads the outer x", async (t) => {
  t.same(errorsOf("package a\n\np if {\n\tx := 2\n\ty := [x | x := 2 * x]\n\tcount(y) > 0\n}\n").map((e) => e.message), []);
});

t.test("some … in declares the pattern's own variables, not those of refs inside it", async (t) => {
  // From open-policy-agent/regal: `negated.resolved_path` is read, only `file` is declared.
  t.same(errorsOf('package a\n\npairs := {["a", "f1"]}\n\nhits contains file if {\n\tsome negated in [{"resolved_path": "a"}]\n\tsome [negated.resolved_path, file] in pairs\n}\n'), []);
});
