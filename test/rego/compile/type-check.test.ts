/**
 * The type checker: what OPA's checker refuses (wrongly typed builtin arguments,
 * unifications that cannot hold, refs into values without such an element), with
 * OPA's messages, and what it must accept: it may know less than OPA, never refuse more.
 */
import t from "tap";
import { compile, Engine, parseModule, RegoErrors, type AST, type CompileOptions, type RegoError } from "@regolith/rego";

/** The errors compiling the modules gives; none when they compile. */
function compileErrors(modules: AST.Module[], options: CompileOptions = {}): readonly RegoError[] {
  try {
    compile(modules, options);
  } catch (e) {
    if (e instanceof RegoErrors) return e.errors;
    throw e;
  }
  return [];
}

const rowColCode = (x: RegoError): string => `${x.location?.row}:${x.location?.col}: ${x.code}: ${x.message}`;

function typeErrors(body: string): string[] {
  return compileErrors([parseModule(`package p\n\n${body}\n`, { file: "x.rego" })]).map(rowColCode);
}

t.test("a builtin argument that cannot have the declared type", async (t) => {
  t.same(typeErrors("a := count(5)"), [
    "3:6: rego_type_error: count: invalid argument(s)\n\thave: (number, ???)\n\twant: (collection: any<string, array[any], object[any: any], set[any]>, n: number)",
  ]);
  t.same(typeErrors('b if startswith(1, "a")'), ["3:6: rego_type_error: startswith: invalid argument(s)\n\thave: (number, string)\n\twant: (search: string, base: string, result: boolean)"]);
  t.same(typeErrors('c if {\n\tx := 1\n\tendswith(x, "a")\n}'), ["5:2: rego_type_error: endswith: invalid argument(s)\n\thave: (number, string)\n\twant: (search: string, base: string, result: boolean)"]);
  // Elements of literals count: an array of numbers is no array of strings.
  t.same(typeErrors('d := concat(",", [1, 2])'), [
    "3:6: rego_type_error: concat: invalid argument(s)\n\thave: (string, array<number, number>, ???)\n\twant: (delimiter: string, collection: any<array[string], set[string]>, output: string)",
  ]);
  t.same(typeErrors('e := 1 + "a"'), ["3:6: rego_type_error: plus: invalid argument(s)\n\thave: (number, string, ???)\n\twant: (x: number, y: number, z: number)"]);
});

t.test("types flow from builtin results, literals, refs into them and comprehensions", async (t) => {
  t.same(typeErrors('a if {\n\tn := count(input.xs)\n\tupper(n) == "1"\n}').length, 1, "count gives a number");
  t.same(typeErrors('b if {\n\tparts := split(input.s, ".")\n\tabs(parts[0]) > 1\n}').length, 1, "split gives strings");
  t.same(typeErrors('c if {\n\to := {"n": 1}\n\tupper(o.n)\n}').length, 1, "an object literal's static key");
  t.same(typeErrors("d if {\n\tnames := {n | some n in input.names}\n\tabs(names) > 0\n}").length, 1, "a set comprehension is a set");
  t.same(typeErrors('e if {\n\txs := [1, 2]\n\tsome x in xs\n\tupper(x) == "A"\n}').length, 1, "iteration gives the elements' type");
});

t.test("inside every, as in OPA: refs and comprehensions are checked with the types from before it; calls are not", async (t) => {
  const body = (lines: string): string[] => typeErrors(`q := {"foo": 1}\n\np if {\n\tevery x in [1, 2] {\n${lines}\n\t}\n}`).map((e) => e.split("\n")[0]!);
  t.same(body("\t\ty := x + 1\n\t\tupper(y)\n\t\tupper(x)"), [], "the body's own variables and calls are not typed");
  t.same(body("\t\tq.bar\n\t\tx > 0"), ["7:3: rego_type_error: undefined ref: data.p.q.bar"]);
  t.same(body("\t\tys := [z | z := upper(1)]\n\t\tcount(ys) > x"), ["7:19: rego_type_error: upper: invalid argument(s)"], "a comprehension in full");
  t.same(body("\t\tzs := [w | w := upper(x)]\n\t\tcount(zs) > 0"), [], "where the every's variables have no type");
  t.same(body("\t\tnot q.baz\n\t\tx > 0"), ["7:7: rego_type_error: undefined ref: data.p.q.baz"], "in nested bodies too");
});

t.test("a unification that can never hold is a match error", async (t) => {
  t.same(typeErrors('a if {\n\t[x, y] := "xy"\n\tx == y\n}'), ["4:2: rego_type_error: match error\n\tleft  : array<???, ???>\n\tright : string"]);
  t.same(typeErrors('b if {\n\tx := 1\n\tx = "a"\n}'), ["5:2: rego_type_error: match error\n\tleft  : number\n\tright : string"]);
});

t.test("a ref into a value that has no such element", async (t) => {
  t.same(typeErrors("a if {\n\tx := 1\n\tx.y\n}"), ["5:2: rego_type_error: undefined ref: x.y\n\tx.y\n\t^\n\thave: number"]);
  t.same(typeErrors('b if {\n\tx := {"a": 1}\n\tx.b == 1\n}'), ['5:2: rego_type_error: undefined ref: x.b\n\tx.b\n\t  ^\n\t  have: "b"\n\t  want (one of): ["a"]']);
  t.same(typeErrors('c if {\n\tx := [1]\n\tx.b == 1\n}'), ['5:2: rego_type_error: undefined ref: x.b\n\tx.b\n\t  ^\n\t  have: "b"\n\t  want (type): number']);
  // The error that follows from the unknown type of the bad ref is not reported again.
  t.same(typeErrors("d if {\n\tx := 1\n\tupper(x.y)\n}").length, 1);
});

t.test("a function's parameter takes the type of the first builtin argument it is passed as", async (t) => {
  t.same(typeErrors("f(x) if {\n\tupper(x)\n\tabs(x)\n}"), ["5:2: rego_type_error: abs: invalid argument(s)\n\thave: (string)\n\twant: (x: number, y: number)"]);
  t.same(typeErrors("g(x) if {\n\tupper(x)\n\tcount(x) > 1\n}"), [], "a string is a collection count takes");
});

t.test("unknown types are accepted: input, base data, untyped function results, every", async (t) => {
  t.same(typeErrors("a if {\n\tupper(input.x)\n\tabs(input.x)\n}\nb if count(data.base.q)\nf(x) := x\nc if upper(f(1))"), []);
  t.same(typeErrors('d if {\n\tx := json.unmarshal(input.s)\n\tupper(x.a)\n\tabs(x.b)\n}'), []);
  t.same(typeErrors("e if {\n\tevery v in [1, 2] {\n\t\tv > 0\n\t}\n}"), []);
  t.same(typeErrors('g if {\n\tsome k, v in {"a": 1}\n\tupper(k)\n\tabs(v)\n}'), [], "an object's keys are strings, its values numbers");
  t.same(typeErrors("h := [[x, y] | data.s[[x, y]]]"), [], "variables inside a composite key");
  t.same(typeErrors('i if {\n\tx := {"a": 1}\n\tsome k\n\tx[k]\n\tupper(k)\n}'), []);
});

t.test("queries are type-checked too", async (t) => {
  const engine = new Engine();
  const error = t.throws(() => engine.prepare("count(5)")) as RegoErrors;
  t.match(error.errors[0]?.message, /^count: invalid argument\(s\)/);
  t.doesNotThrow(() => engine.prepare("count(input.x)"));
});

t.test("arity errors name the operands' types and the builtin's arguments, as OPA does", async (t) => {
  t.same(typeErrors('a if startswith("x")'), ["3:6: rego_type_error: startswith: arity mismatch\n\thave: (string)\n\twant: (search: string, base: string)"]);
  // A call used as a value has an output operand, still unknown.
  t.same(typeErrors('b if {\n\tx := opa.runtime("foo")\n}'), ["4:7: rego_type_error: opa.runtime: arity mismatch\n\thave: (string, ???)\n\twant: ()"]);
  t.same(typeErrors("c := count(1, input.a)"), [
    "3:6: rego_type_error: count: arity mismatch\n\thave: (number, any, ???)\n\twant: (collection: any<string, array[any], object[any: any], set[any]>)",
  ]);
});

t.test("with: a replacement must take the target's arguments; some targets cannot be replaced", async (t) => {
  t.same(typeErrors('mock(_, _) := {"body": "x"}\na if { true with http.send as mock }'), [
    "4:13: rego_type_error: http.send: arity mismatch\n\thave: (any, any)\n\twant: (request: object[string: any])",
  ]);
  t.same(typeErrors("original(_)\nb if { original([1]) with original as concat }"), [
    "4:22: rego_type_error: data.p.original: arity mismatch\n\thave: (string, any<array[string], set[string]>)\n\twant: (any)",
  ]);
  t.same(typeErrors("c if { true with http.send as net.lookup_ip_addr }").length, 1, "one argument each, of types that cannot meet");
  t.same(typeErrors("d if { true with count as object.union_n }"), [], "an array of objects is a collection");
  t.same(typeErrors("my_walk(_, _)\ne if { true with walk as my_walk }"), ["4:18: rego_compile_error: with keyword replacing built-in function: target must not be a relation"]);
  t.same(typeErrors("f if { true with rego.metadata.rule as {} }"), ['3:18: rego_compile_error: with keyword replacing built-in function: replacement of "rego.metadata.rule" invalid']);
  t.same(typeErrors("g if { true with foo.q as 1 }"), ["3:18: rego_type_error: with keyword target must reference existing input, data, or a function"]);
});

t.test("a call that returns nothing cannot be used as a value", async (t) => {
  t.same(typeErrors("a if {\n\tx = print(1)\n}"), ["4:6: rego_type_error: print(1) used as value"]);
});

t.test("== is a unification when the type checker sees it (OPA rewrites it first)", async (t) => {
  t.same(typeErrors('a if 1 == "a"'), ["3:6: rego_type_error: match error\n\tleft  : number\n\tright : string"]);
  t.same(typeErrors('b if count(input.xs) == "3"').length, 1);
  t.same(typeErrors('c if input.x == "3"'), []);
});

t.test("rules have the types of their values; refs into them are checked", async (t) => {
  t.same(typeErrors("q := 5\nb if count(q)"), [
    "4:6: rego_type_error: count: invalid argument(s)\n\thave: (number)\n\twant: (collection: any<string, array[any], object[any: any], set[any]>, n: number)",
  ]);
  // A misspelt key of a constant object: the most common mistake OPA's checker catches.
  t.same(typeErrors('config := {"max_ttl": 90}\nb if config.max_tll > 1'), [
    '4:6: rego_type_error: undefined ref: data.p.config.max_tll\n\tdata.p.config.max_tll\n\t              ^\n\t              have: "max_tll"\n\t              want (one of): ["max_ttl"]',
  ]);
  t.same(typeErrors("allow if input.x\nb if count(allow) > 0").length, 1, "a rule without a value is boolean");
  t.same(typeErrors('deny contains msg if msg := sprintf("%v", [input.x])\nb if { some m in deny; abs(m) > 1 }').length, 1, "a set of strings");
  t.same(typeErrors('v := 1 if input.x\nelse := "a"\nb if upper(v)'), [], "else branches join in a union");
  t.same(typeErrors("default d := false\nd := 1 if input.x\nb if abs(d)"), [], "a default joins too");
  t.same(typeErrors("o[k].q := 1 if some k in input.ks\nb if upper(o.x.q)"), [], "a head two keys past its ground prefix: every type");
  t.same(typeErrors("s[k] contains 1 if some k in input.ks\nb if upper(s.x)"), [], "a set under a key: every type");
});

t.test("a partial object has its keys' and values' types, as OPA's checkRule gives them", async (t) => {
  t.same(typeErrors("o[k] := 1 if some k in input.ks\nb if upper(o.x)"), ["4:6: rego_type_error: upper: invalid argument(s)\n\thave: (number)\n\twant: (x: string, y: string)"]);
  // Entity maps: a misspelt field of an entry is caught through the map.
  t.same(typeErrors('repos[uri] := {"name": r.name, "id": r.id} if {\n\tsome r in input.repos\n\turi := r.url\n}\nb if {\n\tsome e in repos\n\te.nmae == "x"\n}'), [
    '9:2: rego_type_error: undefined ref: e.nmae\n\te.nmae\n\t  ^\n\t  have: "nmae"\n\t  want (one of): ["id" "name"]',
  ]);
  t.same(typeErrors('o[k] := 1 if some k in ["a"]\no[k] := "x" if some k in ["b"]\nb if upper(o.a)'), [], "definitions join their values' types");
  // Constant keys are nodes of their own: any other string key may still come from base data.
  t.same(typeErrors('n[3] := "three"\nn[4] := 4\nb if upper(n[3])\nc if n.foo'), []);
  t.same(typeErrors("n[3] := 1\nb if {\n\tx := true\n\tn[x]\n}"), [
    "6:2: rego_type_error: undefined ref: data.p.n[x]\n\tdata.p.n[x]\n\t         ^\n\t         have (type): boolean\n\t         want (one of): [3]",
  ]);
});

t.test("a data ref above the rules: packages are named by strings", async (t) => {
  const errors = (query: string): string[] =>
    compileErrors([parseModule('package test\n\np := 1\n\nq := {"foo": 1}\n', { file: "t.rego" }), parseModule(`package query\n\n${query}\n`, { file: "q.rego" })]).map(rowColCode);
  t.same(errors("r if {\n\txs := [1]\n\tdata.test[xs[0]]\n}").length, 1, "a key read from a number array");
  t.same(errors("r if {\n\tx := true\n\tdata.test[x]\n}"), [
    '5:2: rego_type_error: undefined ref: data.test[x]\n\tdata.test[x]\n\t          ^\n\t          have (type): boolean\n\t          want (one of): ["p" "q"]',
  ]);
  // OPA types a node's rules before a rule only when they are its dependencies; a constant key
  // (`data[2]`, `data.test[1]`) depends on none of them, so OPA may not see them yet.
  t.same(errors("r if data.test[1]"), []);
  t.same(errors("r := data[2]"), []);
  t.same(errors("r if {\n\tx := 1\n\tdata.test[x]\n}").length, 1, "a variable of another type than string");
  t.same(errors("r if {\n\tsome k\n\tdata.test[k]\n}"), [], "an unbound variable is a string key");
  t.same(errors("r if data.test.base_doc[1]"), [], "below a node without rules is base data: every type");
  t.same(errors("r if data.test.q[[1, 2]]"), [
    "3:6: rego_type_error: undefined ref: data.test.q[[1, 2]]\n\tdata.test.q[[1, 2]]\n\t            ^\n\t            have (type): array<number, number>\n\t            want (type): string",
  ], "OPA lists no keys for a composite key");
});

t.test("functions have their parameters' and result's types", async (t) => {
  t.same(typeErrors('f(x) := y if y := upper(x)\nb if f(1)'), ["4:6: rego_type_error: data.p.f: invalid argument(s)\n\thave: (number)\n\twant: (string, string)"]);
  t.same(typeErrors('f(x) := upper(x)\nb if {\n\ty := f("a")\n\tabs(y)\n}').length, 1, "the result is a string");
  t.same(typeErrors("g(x) := x\nb if { g(1); g(\"a\") }"), [], "a parameter nothing types takes any argument");
  t.same(typeErrors('h(1) := "one"\nh(x) := "many" if x > 1\nb if h("a")'), [], "a parameter's type joins every definition's");
});

t.test("rego.metadata.rule() is worked out when compiling, but typed as the call's result (any), as in OPA", async (t) => {
  t.same(typeErrors("# METADATA\n# title: x\nr := rego.metadata.rule().custom.nope\ns if {\n\tm := rego.metadata.rule()\n\tm.nothing == 1\n}"), []);
});

t.test("a default function is one of the function's definitions", async (t) => {
  t.same(typeErrors('default is_prefixed(_) := false\nis_prefixed(s) if startswith(s, "admin-")\nb if is_prefixed(42)'), [], "its parameter has every type");
  t.same(typeErrors('default level(_) := false\nlevel(x) := "high" if x > 10\nb if level(3) == false'), [], "its result joins the others'");
  t.same(
    typeErrors('default is_admin(_) := false\nis_admin(u) if startswith(u, "admin-")\nmock(uid) if abs(uid) < 100\nb if is_admin(input.u) with is_admin as mock'),
    [],
    "a mock of other parameter types fits its any",
  );
});

t.test("schemas (check --schema) type input, never more narrowly than OPA", async (t) => {
  const errors = (body: string, input: unknown): string[] =>
    compileErrors([parseModule(`package p\n\n${body}\n`, { file: "x.rego" })], { schemas: { input } }).map((x) => x.message.split("\n")[0]!);
  const schema = { type: "object", properties: { n: { type: "integer" }, s: { type: ["string", "null"] } } };
  t.same(errors('a if input.n == "5"', schema), ["match error"]);
  t.same(errors("a if input.s == null\nb if upper(input.s)", schema), [], "a union takes each of its members");
  t.same(errors("a if input.other.deep == 1\nb if input.n.x", schema), [], "refs the schema does not allow are the ref check's to report");
  t.same(errors('a if input.n == "5"', { type: "object", properties: { n: { oneOf: [{ type: "integer" }] } } }), [], "oneOf, allOf, not, if: every type");
  t.same(errors('a if input.n == "5"', { type: "object", properties: { n: { $ref: "#/$defs/n" } }, $defs: { n: { type: "integer" } } }), ["match error"], "$ref is followed");
  // An annotation on another rule leaves this one with the schema given for all rules.
  t.same(errors('# METADATA\n# schemas:\n#   - input: {"type": "string"}\nr if true\n\na if input.n == "5"', schema), ["match error"]);
});

t.test("METADATA schemas annotations type input in their scopes, in OPA's order", async (t) => {
  const errors = (modules: Record<string, string>, input?: unknown): string[] => {
    const named = new Map<string, unknown>([
      ["schema.string", { type: "string" }],
      ["schema.number", { type: "number" }],
      ["schema.user", { type: "object", properties: { age: { type: "number" } } }],
    ]);
    const modulesOf = Object.entries(modules).map(([file, source]) => parseModule(source, { file }));
    return compileErrors(modulesOf, { schemas: { ...(input === undefined ? {} : { input }), named } }).map((x) => `${x.location?.file}:${x.location?.row}: ${x.message.split("\n")[0]!}`);
  };
  t.same(errors({ "a.rego": "# METADATA\n# scope: package\n# schemas:\n#   - input: schema.string\npackage a\n\np if input == 7\n" }), ["a.rego:7: match error"], "package scope");
  t.same(errors({ "a.rego": "# METADATA\n# scope: package\n# schemas:\n#   - input: schema.string\npackage a\n\np if input == 7\n", "b.rego": "package a\n\nq if input == 8\n" }), [
    "a.rego:7: match error",
    "b.rego:3: match error",
  ], "a package's annotation reaches its other modules");
  t.same(errors({ "a.rego": "# METADATA\n# scope: subpackages\n# schemas:\n#   - input: schema.string\npackage a\n", "b.rego": "package a.b.c\n\nq if input == 8\n" }), ["b.rego:3: match error"], "subpackages scope");
  t.same(errors({ "a.rego": "package a\n\n# METADATA\n# scope: document\n# schemas:\n#   - input: schema.string\np if input == 1\n\np if input == 2\n" }), ["a.rego:7: match error", "a.rego:9: match error"], "document scope: every definition");
  t.same(errors({ "a.rego": "# METADATA\n# scope: package\n# schemas:\n#   - input: schema.string\npackage a\n\n# METADATA\n# schemas:\n#   - input: schema.number\np if input == 7\n" }), [], "the rule's own annotation wins");
  t.same(errors({ "a.rego": 'package a\n\n# METADATA\n# schemas:\n#   - input.user: schema.user\np if input.user.age == "x"\n\nelse := false if input.user.age == "y"\n\nq if input.user.age == "z"\n' }, { type: "object" }), [
    "a.rego:6: match error",
    "a.rego:8: match error",
  ], "a key below input; an else is typed as its rule; another rule is not");
});

t.test("eq(a, b) is OPA's spelling of a = b; other arities are its arity error", async (t) => {
  const engine = new Engine();
  engine.addModule("x.rego", "package x\n\np if {\n\teq(x, 1)\n\tx == 1\n}\n\nq if not eq(input.a, 2)\n");
  t.same(engine.prepare("data.x").evaluate({ input: { a: 3 } }).results[0]?.expressions[0]?.value, { p: true, q: true });
  t.same(typeErrors("q if eq(1)"), ["3:6: rego_type_error: eq: arity mismatch\n\thave: (number)\n\twant: (any, any)"]);
  // A function of the package named eq is called as written.
  const own = new Engine();
  own.addModule("y.rego", 'package y\n\neq(a, b) if lower(a) == lower(b)\n\np if eq("A", "a")\n');
  t.same(own.prepare("data.y.p").evaluate({}).results[0]?.expressions[0]?.value, true);
});

t.test("a call through a key that is not a string names no function; the message shows the key as OPA does", async (t) => {
  t.same(typeErrors('a if {\n\tx := "f"\n\tdata.q[x](1)\n}\nb if {\n\ty := "f"\n\tdata[[y]](1)\n}').map((e) => e.split("\n")[0]), [
    "5:2: rego_type_error: undefined function data.q[x]",
    "9:2: rego_type_error: undefined function data[[y]]",
  ]);
});

t.test("a function is only called: a ref to it as a value is refused, with its type", async (t) => {
  t.same(typeErrors("f(a) := upper(a)\np if f"), ["4:6: rego_type_error: undefined ref: data.p.f\n\tdata.p.f\n\t^^^^^^^^\n\thave: (string) => string"]);
  t.same(typeErrors("g(a) := a\nq if data.p.g.y").length, 1);
  t.same(typeErrors("h(a) := a\nr if h(1)\ns if { true with h as count }"), [], "calls and with replacements are not values");
});

t.test("large constants stay cheap to type: long arrays and wide unions are typed more widely", async (t) => {
  // 3,000 records of different shapes once took minutes to type (a union grown member
  // by member); the suite's own timeout is what a regression would hit.
  const records = Array.from({ length: 3000 }, (_, i) => `{"k${i}": ${i}, "a": ${i}}`).join(", ");
  t.same(typeErrors(`arr := [${records}]\np if { some x in arr; x.a == 1 }\nq if { some x in arr; x.zz == 1 }`), []);
  t.same(typeErrors('short := [1, "a"]\nr if upper(short[0])').length, 1, "short arrays keep their elements' types");
});
