/** `check --strict`: what strictErrors refuses, and what it must leave alone. */
import t from "tap";
import { parseModule, strictErrors } from "@regolith/rego";

function strict(source: string): string[] {
  return strictErrors([parseModule(source, { file: "x.rego" })]).map((e) => `${e.location?.row}:${e.location?.col}: ${e.code}: ${e.message}`);
}

t.test("an import no rule uses", async (t) => {
  t.same(strict("package p\nimport data.lib.a\nimport data.lib.b as c\nx := a.y\n"), ["3:1: rego_compile_error: import data.lib.b as c unused"]);
});

t.test("keyword imports are never unused", async (t) => {
  t.same(strict("package p\nimport rego.v1\nimport future.keywords.in\nx := 1\n"), []);
});

t.test("a variable assigned and never read", async (t) => {
  t.same(strict("package p\nallow if {\n\tx := 1\n\tinput.a\n}\n"), ["3:2: rego_compile_error: assigned var x unused"]);
});

t.test("a variable read anywhere in its rule is used: the head, a later expression, a closure, an else", async (t) => {
  t.same(strict("package p\nf(a) := b if b := a\n"), []);
  t.same(strict("package p\nallow if {\n\tx := 1\n\ty := [z | some z in input.zs; z > x]\n\tcount(y) > 0\n}\n"), []);
  t.same(strict("package p\nv := x if {\n\tx := 1\n} else := 2 if {\n\ty := 3\n}\n"), ["5:2: rego_compile_error: assigned var y unused"]);
});

t.test("wildcards and destructuring: only named, unread variables are reported", async (t) => {
  t.same(strict("package p\nallow if {\n\t[_, b] := input.pair\n\tb > 1\n}\n"), []);
  t.same(strict("package p\nallow if {\n\t[a, b] := input.pair\n\tb > 1\n}\n"), ["3:3: rego_compile_error: assigned var a unused"]);
});

t.test("a function argument nothing reads; _ says so on purpose", async (t) => {
  t.same(strict("package p\nf(x, y) := x\ng(_) := 1\nh(x) := 1 if x > 0\n"), ["2:6: rego_compile_error: unused argument y. (hint: use _ (wildcard variable) instead)"]);
  // An else shares its function's arguments.
  t.same(strict("package p\nk(x, y) := 1 if x > 0\n\nelse := y\n"), []);
});

t.test("an import shadowed by a function's argument is not used by it", async (t) => {
  t.same(strict("package p\nimport data.foo\nf(foo) := foo\n"), ["2:1: rego_compile_error: import data.foo unused"]);
  t.same(strict("package p\nimport data.foo\nf(foo) := foo\ng(x) := foo.y if x\n"), [], "another rule's use counts");
});

t.test("a comprehension in a rule's head assigns too", async (t) => {
  t.same(strict("package p\np := [1 | x := 2]\nq := [x | x := 2]\n"), ["2:11: rego_compile_error: assigned var x unused"]);
});
