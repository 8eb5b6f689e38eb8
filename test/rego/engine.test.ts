/** The embedding API: load once, prepare once, evaluate many times; errors as values. */
import t from "tap";
import { Engine, RegoError, RegoErrors, RSet, defineBuiltin, types, type Value } from "@regolith/rego";

const authz = `package authz

default allow := false

allow if input.role == "admin"

allow if {
	input.role == "reader"
	input.action == "read"
}

reasons contains "not an admin" if input.role != "admin"
`;

t.test("prepare once, evaluate with many inputs", async (t) => {
  const engine = new Engine().addModule("authz.rego", authz);
  const allow = engine.prepare("data.authz.allow");
  const decide = (input: unknown): unknown => allow.eval({ input: input as never })[0]?.expressions[0]?.value;
  t.equal(decide({ role: "admin" }), true);
  t.equal(decide({ role: "reader", action: "read" }), true);
  t.equal(decide({ role: "reader", action: "write" }), false);
  t.equal(decide({}), false);
});

t.test("results are OPA-shaped", async (t) => {
  const engine = new Engine().addModule("authz.rego", authz).setData({ roles: ["admin", "reader"] });
  const rs = engine.prepare("some r in data.roles; x := r").eval();
  t.same(
    rs.map((r) => r.bindings),
    [
      { r: "admin", x: "admin" },
      { r: "reader", x: "reader" },
    ],
  );
  t.same(rs[0]!.expressions[1], { value: true, text: "x := r", location: { row: 1, col: 23 } });
  const sets = engine.prepare("data.authz.reasons").eval({ input: { role: "x" } });
  t.same(sets[0]!.expressions[0]!.value, ["not an admin"], "sets come out as sorted arrays");
  const raw = engine.prepare("data.authz.reasons").eval({ input: { role: "x" }, rawValues: true });
  t.ok(raw[0]!.expressions[0]!.value instanceof RSet, "or as Rego values on request");
});

t.test("errors are values with code, message and location", async (t) => {
  const parse = t.throws(() => new Engine().addModule("bad.rego", "package bad\np {"));
  t.ok(parse instanceof RegoErrors);
  t.match((parse as RegoErrors).errors[0], { code: "rego_parse_error", location: { file: "bad.rego", row: 2 } });

  const engine = new Engine().addModule("c.rego", "package c\np := 1\np := 2 if input.x");
  const { results, error } = engine.prepare("data.c.p").evaluate({ input: { x: true } });
  t.same(results, []);
  t.ok(error instanceof RegoError);
  t.same(error!.toJSON(), { code: "eval_conflict_error", message: "complete rules must not produce multiple outputs", location: { file: "c.rego", row: 3, col: 1 } });

  const compile = t.throws(() => new Engine().addModule("u.rego", "package u\np if x == 1").prepare("data.u.p"));
  t.match((compile as RegoErrors).errors[0], { code: "rego_unsafe_var_error", message: "var x is unsafe" });
});

t.test("strict builtin errors: reported with the results found so far", async (t) => {
  const engine = new Engine().addModule("s.rego", "package s\np contains x if { some x in [1, 0]; 1 / x > 0 }");
  t.same(engine.prepare("data.s.p").eval()[0]!.expressions[0]!.value, [1], "lax: the failing call is undefined");
  const strict = engine.prepare("data.s.p").evaluate({ strictBuiltinErrors: true });
  t.match(strict.error, { code: "eval_builtin_error", message: "div: divide by zero" });
});

t.test("host-defined builtins", async (t) => {
  const double = defineBuiltin({
    name: "host.double",
    args: [{ name: "x", type: types.number }],
    result: { name: "y", type: types.number },
    categories: ["host"],
    description: "doubles",
    impl: (args) => (args[0] as number) * 2,
  });
  const engine = new Engine({ builtins: [double] }).addModule("h.rego", "package h\np := host.double(21)");
  t.equal(engine.prepare("data.h.p").eval()[0]!.expressions[0]!.value, 42);
});

t.test("print goes to the engine's sink", async (t) => {
  const lines: string[] = [];
  const engine = new Engine({ print: (m) => lines.push(m) }).addModule("p.rego", 'package p\nq if { print("hello", input.missing, [1]) }');
  engine.prepare("data.p.q").eval();
  t.same(lines, ["hello <undefined> [1]"]);
  const query = engine.prepare('x := 1; print("x is", x)').evaluate({});
  t.same(
    query.results[0]!.expressions.map((e) => e.value),
    [true, true],
    "a print in a query reports true, as OPA reports calls made for their effect",
  );
  t.same(lines.slice(1), ["x is 1"]);
});

t.test("print of operands with several values prints a line per combination, as OPA does", async (t) => {
  const lines: string[] = [];
  const engine = new Engine({ print: (m) => lines.push(m) }).addModule("p.rego", 'package p\nq if { print("pair", walk({1}), [x | some x in ["a", "b"]][_]) }');
  engine.prepare("data.p.q").evaluate({});
  t.same(lines, ['pair [[], {1}] a', 'pair [[], {1}] b', "pair [[1], 1] a", "pair [[1], 1] b"]);
});

t.test("a timeout stops a runaway evaluation", async (t) => {
  const big = `[${Array.from({ length: 300 }, (_, i) => i).join(",")}]`;
  const engine = new Engine().addModule("r.rego", `package r\nn := count([1 | a := ${big}[_]; b := ${big}[_]; c := ${big}[_]])`);
  const { error } = engine.prepare("data.r.n").evaluate({ timeoutMs: 50 });
  t.match(error, { code: "eval_cancel_error" });
});

t.test("a rule and the base data claiming one path: a compile error, as OPA's rego API gives", async (t) => {
  const conflict = (data: Value) => {
    try {
      new Engine().addModule("x.rego", "package x\n\np := 1\n").setData(data).prepare("data");
      return undefined;
    } catch (e) {
      return (e as RegoErrors).errors.map((x) => [x.code, x.message, x.location?.row]);
    }
  };
  t.same(conflict({ x: { p: 2 } }), [["rego_compile_error", "conflicting rule for data path x/p found", 3]]);
  t.same(conflict({ x: { p: null } }), [["rego_compile_error", "conflicting rule for data path x/p found", 3]], "null is a value");
  t.same(conflict({ x: 5 }), [["rego_compile_error", "conflicting rule for data path x/p found", 3]], "data that is not an object where the rule's path passes");
  t.equal(conflict({ x: { q: 1 } }), undefined, "a sibling is no conflict");
  t.equal(conflict({ y: { p: 1 } }), undefined);
  const topdown = new Engine({ checkDataConflicts: false }).addModule("x.rego", "package x\n\np := 1\n").setData({ x: { p: 2 } });
  t.same(topdown.prepare("data.x.p").evaluate({}).results[0]!.expressions[0]!.value, 2, "unchecked, the data is read there (OPA's evaluator)");
});
