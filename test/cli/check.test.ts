/** `regolith check`: the contract in docs/CLI.md, exercised through `main` in-process. */
import t from "tap";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";

const good = `package authz

import data.lib

default allow := false

allow if input.user in lib.admins
`;

const lib = `package lib

admins := {"ada"}
`;

t.test("modules that parse and compile: exit 0, nothing printed", async (t) => {
  const dir = t.testdir({ p: { "authz.rego": good, "lib.rego": lib } });
  t.same(await run(["check", "p"], dir), { code: 0, stdout: "", stderr: "" });
});

t.test("the shipped bundle checks, strictly too", async (t) => {
  const root = join(import.meta.dirname, "../..");
  t.equal((await run(["check", "--strict", "policies"], root)).code, 0);
});

t.test("parse errors of every file are reported together, as file:row:col: code: message", async (t) => {
  const dir = t.testdir({ p: { "a.rego": "package a\nx := \n", "b.rego": "package b\ny := [\n" } });
  const r = await run(["check", "p"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /^2 errors occurred:\n/);
  t.match(r.stderr, /p\/a\.rego:3:1: rego_parse_error: /);
  t.match(r.stderr, /p\/b\.rego:3:1: rego_parse_error: /);
});

t.test("compile errors: unsafe variables, undefined functions", async (t) => {
  const dir = t.testdir({ "x.rego": "package x\n\nallow if {\n\tnot_a_builtin(1)\n}\n", "y.rego": "package y\n\nallow if {\n\ty > 1\n}\n" });
  const undefinedFunction = await run(["check", "x.rego"], dir);
  t.equal(undefinedFunction.code, 2);
  t.match(undefinedFunction.stderr, /x\.rego:4:2: rego_type_error: undefined function not_a_builtin/);
  const unsafe = await run(["check", "y.rego"], dir);
  t.equal(unsafe.code, 2);
  t.match(unsafe.stderr, /y\.rego:4:2: rego_unsafe_var_error: var y is unsafe/);
});

t.test("-f json prints OPA's error document on stdout", async (t) => {
  const dir = t.testdir({ "x.rego": "package x\nx := \n" });
  const r = await run(["check", "-f", "json", "x.rego"], dir);
  t.equal(r.code, 2);
  const doc = JSON.parse(r.stdout) as { errors: { code: string; location: { file: string; row: number } }[] };
  t.equal(doc.errors[0]?.code, "rego_parse_error");
  t.same(doc.errors[0]?.location.file, "x.rego");
});

t.test("--strict refuses unused imports and variables; without it they pass", async (t) => {
  const dir = t.testdir({ "x.rego": "package x\n\nimport data.unused\n\nallow if {\n\tz := 1\n\tinput.ok\n}\n" });
  t.equal((await run(["check", "x.rego"], dir)).code, 0);
  const r = await run(["check", "--strict", "x.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /x\.rego:3:1: rego_compile_error: import data.unused unused/);
  t.match(r.stderr, /x\.rego:6:2: rego_compile_error: assigned var z unused/);
});

t.test("--schema: a file, or a directory's input.json; refs outside it are type errors", async (t) => {
  const schema = JSON.stringify({ type: "object", properties: { user: { type: "object", properties: { name: { type: "string" } } } } });
  const dir = t.testdir({ "x.rego": 'package x\n\nallow if input.user.nmae == "ada"\n', "ok.rego": 'package ok\n\nallow if input.user.name == "ada"\n', s: { "input.json": schema } });
  t.equal((await run(["check", "--schema", "s/input.json", "ok.rego"], dir)).code, 0);
  for (const schemaPath of ["s/input.json", "s"]) {
    const r = await run(["check", "--schema", schemaPath, "x.rego"], dir);
    t.equal(r.code, 2, schemaPath);
    t.match(r.stderr, /x\.rego:3:21: rego_type_error: undefined ref: input\.user\.nmae/, schemaPath);
  }
  const missing = await run(["check", "--schema", "x.rego", "ok.rego"], t.testdir({ "x.rego": "", "ok.rego": "package ok\n" }));
  t.equal(missing.code, 2);
});

t.test("--max-errors caps the list; --capabilities removes builtins", async (t) => {
  const many = "package x\n\n" + Array.from({ length: 12 }, (_, i) => `r${i} if y${i} > 1\n`).join("");
  const dir = t.testdir({ "x.rego": many, "caps.json": JSON.stringify({ builtins: [{ name: "gt", decl: { type: "function", args: [{ type: "any" }, { type: "any" }], result: { type: "boolean" } }, infix: ">" }] }), "c.rego": "package c\n\nn := count([1])\n" });
  const capped = await run(["check", "-m", "3", "x.rego"], dir);
  t.match(capped.stderr, /^4 errors occurred:/);
  t.match(capped.stderr, /\nrego_compile_error: error limit reached\n/, "the last entry says the list stops there, as OPA's does");
  t.match((await run(["check", "x.rego"], dir)).stderr, /^11 errors occurred:/);
  t.match((await run(["check", "-m", "0", "x.rego"], dir)).stderr, /^12 errors occurred:/);
  t.equal((await run(["check", "c.rego"], dir)).code, 0);
  const restricted = await run(["check", "--capabilities", "caps.json", "c.rego"], dir);
  t.equal(restricted.code, 2);
  t.match(restricted.stderr, /undefined function count/);
});

t.test("--capabilities gates language features as OPA does: template strings, import rego.v1", async (t) => {
  const caps = (features: string[]): string => JSON.stringify({ builtins: [{ name: "eq" }, { name: "internal.template_string" }], features });
  const dir = t.testdir({
    "old.json": caps([]),
    "new.json": caps(["template_strings", "rego_v1_import"]),
    "tpl.rego": 'package t\n\nname := "x"\n\nmsg := $"hello {name}"\n',
    "v1.rego": "package v\n\nimport rego.v1\n\np := 1\n",
  });
  const tpl = await run(["check", "--capabilities", "old.json", "tpl.rego"], dir);
  t.equal(tpl.code, 2);
  t.match(tpl.stderr, /tpl\.rego:5:8: rego_compile_error: template-strings are not supported/);
  const v1 = await run(["check", "--capabilities", "old.json", "v1.rego"], dir);
  t.match(v1.stderr, /v1\.rego:3:1: rego_compile_error: rego.v1 import is not supported/);
  t.equal((await run(["check", "--capabilities", "new.json", "tpl.rego", "v1.rego"], dir)).code, 0, "allowed when the document lists them");
  t.equal((await run(["check", "tpl.rego", "v1.rego"], dir)).code, 0, "and without --capabilities");
});

t.test("bad flags exit 2", async (t) => {
  const dir = t.testdir({ "x.rego": good });
  t.equal((await run(["check", "-f", "xml", "x.rego"], dir)).code, 2);
  t.equal((await run(["check", "--max-errors", "many", "x.rego"], dir)).code, 2);
  t.equal((await run(["check", "nope/"], dir)).code, 2);
});

t.test("--schema types input's values too: a comparison or builtin argument of the wrong type", async (t) => {
  const schema = JSON.stringify({
    type: "object",
    properties: { n: { type: "integer" }, tags: { type: "array", items: { type: "string" } }, user: { type: "object", properties: { id: { type: "number" } }, additionalProperties: false } },
  });
  const policy = 'package x\n\na if input.n == "5"\n\nb if { some t in input.tags; abs(t) > 1 }\n\nc if input.user.nmae == 1\n\nok if { input.n > 3; some t in input.tags; startswith(t, "x") }\n';
  const dir = t.testdir({ "x.rego": policy, "s.json": schema });
  const r = await run(["check", "--schema", "s.json", "x.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /x\.rego:3:6: rego_type_error: match error\n\tleft  : number\n\tright : string/);
  t.match(r.stderr, /x\.rego:5:30: rego_type_error: abs: invalid argument\(s\)\n\thave: \(string, \?\?\?\)/);
  // The misspelt key is reported once, by the ref check, not again by the type checker.
  t.equal(r.stderr.split("undefined ref: input.user.nmae").length - 1, 1);
  t.match(r.stderr, /^3 errors occurred/);
  // Without --schema, input has every type.
  t.equal((await run(["check", "x.rego"], dir)).code, 0);
});

t.test("the shipped policy-input schema: the bundle's refs hold, a misspelt field does not", async (t) => {
  const root = join(import.meta.dirname, "../..");
  const schema = join(root, "schemas/regolith-policy-input.schema.json");
  t.equal((await run(["check", "--schema", schema, "policies"], root)).code, 0);
  const dir = t.testdir({ "custom.rego": 'package custom\n\npublic contains repo.full_name if {\n\tsome doc in input.github\n\tsome repo in doc.repositories\n\trepo.visibilty == "public"\n}\n' });
  const r = await run(["check", "--schema", schema, "custom.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /custom\.rego:6:7: rego_type_error: undefined ref: repo\.visibilty/);
});

t.test("--schema DIR: its files are the schemas METADATA annotations name", async (t) => {
  const user = JSON.stringify({ type: "object", properties: { name: { type: "string" } }, additionalProperties: false });
  const policy = "package x\n\n# METADATA\n# schemas:\n#   - input: schema.people.user\nallow if input.nmae\n\nfree if input.anything\n";
  const dir = t.testdir({ "x.rego": policy, s: { people: { "user.json": user } } });
  const r = await run(["check", "--schema", "s", "x.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /^1 error occurred:\nx\.rego:6:16: rego_type_error: undefined ref: input\.nmae/);
});

t.test("print() operands are checked, as eval and test compile them", async (t) => {
  const dir = t.testdir({ "p.rego": "package p\n\nq if {\n\tprint(x)\n}\n" });
  const r = await run(["check", "p.rego"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, "rego_compile_error: var x is undeclared");
});
