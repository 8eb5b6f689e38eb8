/** The formatter's layout rules, each on a small module: what `regolith fmt` writes. */
import t from "tap";
import { formatSource } from "@regolith/rego";

/** Formats `source` (tabs written as `→` in expectations, for readability). */
function fmt(source: string): string {
  return formatSource(source, { file: "x.rego" }).replace(/\t/g, "→");
}

t.test("a one-row rule with one expression is a one-liner; braces go", async (t) => {
  t.equal(fmt("package p\nallow if { input.admin }\n"), "package p\n\nallow if input.admin\n");
  t.equal(fmt("package p\nallow if input.admin\n"), "package p\n\nallow if input.admin\n");
});

t.test("a body written over several rows stays a block, one expression per line, tab-indented", async (t) => {
  t.equal(fmt("package p\nallow if {\n    input.admin\n}\n"), "package p\n\nallow if {\n→input.admin\n}\n");
  t.equal(fmt("package p\nallow if { input.a; input.b }\n"), "package p\n\nallow if {\n→input.a\n→input.b\n}\n");
});

t.test("rule heads use := and keep contains, default and functions", async (t) => {
  t.equal(
    fmt("package p\ndefault x = 1\nx = 2 if input.y\ns contains v if v := 1\nf(a, b) = a + b\n"),
    "package p\n\ndefault x := 1\n\nx := 2 if input.y\ns contains v if v := 1\nf(a, b) := a + b\n",
  );
});

t.test("adjacent one-expression rules stay grouped; a blank line separates multi-line rules", async (t) => {
  t.equal(
    fmt("package p\nx := 1\ny := 2\nlong if {\n  a\n  b\n}\nz := 3\n"),
    "package p\n\nx := 1\ny := 2\n\nlong if {\n→a\n→b\n}\n\nz := 3\n",
  );
});

t.test("blank lines collapse to one and none open a block", async (t) => {
  t.equal(fmt("package p\n\n\n\nx := 1\n\n\n\ny if {\n\n  a\n\n\n  b\n}\n\n\n"), "package p\n\nx := 1\n\ny if {\n→a\n\n→b\n}\n");
});

t.test("comments stay: before the package, after code, on their own lines, before a closing brace", async (t) => {
  const source = `# head
package p

# about x
x := 1 # one

y if {
  a # after a
  # before b
  b
  # before the brace
} # after the brace
`;
  t.equal(
    fmt(source),
    `# head
package p

# about x
x := 1 # one

y if {
→a # after a
→# before b
→b
→# before the brace
} # after the brace
`,
  );
});

t.test("else follows a closing brace, and goes on its own line after a one-liner", async (t) => {
  t.equal(fmt("package p\nf(x) := 1 if {\n  x > 0\n} else := 2\n"), "package p\n\nf(x) := 1 if {\n→x > 0\n} else := 2\n");
  t.equal(fmt("package p\nf(x) := 1 if x > 0 else := 2\n"), "package p\n\nf(x) := 1 if x > 0\n\nelse := 2\n");
});

t.test("nested operators get parentheses; an expression's own operands do not", async (t) => {
  t.equal(fmt("package p\nx := a + b * c if { a - b >= c }\n"), "package p\n\nx := a + (b * c) if a - b >= c\n");
  t.equal(fmt("package p\ns := a | b | c\n"), "package p\n\ns := (a | b) | c\n");
});

t.test("set union inside a literal and `k, v in` inside a call are parenthesized", async (t) => {
  t.equal(fmt("package p\nx := [(a | b)]\n"), "package p\n\nx := [(a | b)]\n");
  t.equal(fmt("package p\ny if f((1, 1 in [2]))\n"), "package p\n\ny if f((1, 1 in [2]))\n");
});

t.test("literals and calls: one line when their items start on one row, else a row of items per line", async (t) => {
  t.equal(fmt('package p\nx := {"a":1,"b":[1,2]}\n'), 'package p\n\nx := {"a": 1, "b": [1, 2]}\n');
  t.equal(fmt('package p\nx := {\n"a": 1, "b": 2,\n"c": 3}\n'), 'package p\n\nx := {\n→"a": 1, "b": 2,\n→"c": 3,\n}\n');
  t.equal(fmt("package p\nx := f(1, {\n\"a\": 1,\n\"b\": 2,\n})\n"), 'package p\n\nx := f(1, {\n→"a": 1,\n→"b": 2,\n})\n');
  // Items that all start on one row make one line, wherever the brackets were.
  t.equal(fmt("package p\nx := count(\n  [1, 2, 3] # three\n)\n"), "package p\n\nx := count([1, 2, 3]) # three\n");
  t.equal(fmt("package p\nx := set()\ny := {}\nz := []\n"), "package p\n\nx := set()\ny := {}\nz := []\n");
});

t.test("comprehensions stay on one line or keep their body on lines of its own", async (t) => {
  t.equal(fmt("package p\nx := [v | some v in y; v > 1]\n"), "package p\n\nx := [v | some v in y; v > 1]\n");
  t.equal(fmt("package p\nx := {k: v |\n some k, v in y\n}\n"), "package p\n\nx := {k: v |\n→some k, v in y\n}\n");
});

t.test("scalars keep their spelling; refs use dots where they can", async (t) => {
  t.equal(fmt('package p\nx := [1e3, -1.50, `a\\d`, "\\u0041"]\n'), 'package p\n\nx := [1e3, -1.50, `a\\d`, "\\u0041"]\n');
  t.equal(fmt('package p\ny if input["a"]["b-c"][_].d\n'), 'package p\n\ny if input.a["b-c"][_].d\n');
  // A keyword written in brackets keeps them; written after a dot, it stays there.
  t.equal(fmt('package p\ny if { input["with"]; input.with.x }\n'), 'package p\n\ny if {\n→input["with"]\n→input.with.x\n}\n');
});

t.test("with modifiers stay on their row, or move to indented lines of their own", async (t) => {
  t.equal(
    fmt("package p\ntest_x if {\n  x with input as 1\n    with data.y as 2\n}\n"),
    "package p\n\ntest_x if {\n→x with input as 1\n→→with data.y as 2\n}\n",
  );
});

t.test("every: inline when written on one row, else a block", async (t) => {
  t.equal(fmt("package p\nok if {\n  every x in xs { x > 0 }\n}\n"), "package p\n\nok if {\n→every x in xs { x > 0 }\n}\n");
  t.equal(fmt("package p\nok if {\n  every k, v in xs {\n    k != v\n  }\n}\n"), "package p\n\nok if {\n→every k, v in xs {\n→→k != v\n→}\n}\n");
});

t.test("imports: one group per run without blank lines, a blank line before the rules", async (t) => {
  t.equal(
    fmt("package p\nimport data.a\nimport data.b as c\n\n\nimport rego.v1\nx := a\n"),
    "package p\n\nimport data.a\nimport data.b as c\n\nimport rego.v1\n\nx := a\n",
  );
});

t.test("source that does not parse is refused with its parse error", async (t) => {
  t.throws(() => formatSource("package p\nx := \n", { file: "x.rego" }), { name: "RegoErrors" });
});

t.test("a union leading a rule's block keeps parentheses, or the braces would read as a comprehension", async (t) => {
  t.equal(fmt("package p\nq if {\n\t(input.a | input.b)\n\tinput.c\n}\n"), "package p\n\nq if {\n→(input.a | input.b)\n→input.c\n}\n");
  t.equal(fmt("package p\nq if {\n\t(input.a | input.b) == input.c\n}\n"), "package p\n\nq if {\n→(input.a | input.b) == input.c\n}\n");
  // Elsewhere it reads as what it is.
  t.equal(fmt("package p\nq if {\n\tinput.c\n\t(input.a | input.b)\n}\n"), "package p\n\nq if {\n→input.c\n→input.a | input.b\n}\n");
  t.equal(fmt("package p\nq if {\n\tinput.c == (input.a | input.b)\n}\n"), "package p\n\nq if {\n→input.c == input.a | input.b\n}\n");
});

t.test("a braced term under `not` is parenthesized where `not {` opens a body", async (t) => {
  t.equal(fmt("package p\nq if not {1}\n"), "package p\n\nq if not {1}\n");
  t.equal(fmt("package p\nimport future.keywords.not\nq if {\n\tnot ({1})\n\tnot set()\n}\n"), "package p\n\nimport future.keywords.not\n\nq if {\n→not ({1})\n→not set()\n}\n");
});

t.test("`if true` goes, as a rule without a body holds", async (t) => {
  t.equal(fmt('package p\ns contains "a" if { true }\na.b.c if true\nv := 1 if true\n'), 'package p\n\ns contains "a"\na.b.c := true\nv := 1\n');
  t.equal(fmt("package p\nf(x) := 1 if {\n\tx > 0\n} else := 2 if true\n"), "package p\n\nf(x) := 1 if {\n→x > 0\n} else := 2\n");
});

t.test("a rule written on one row with an else puts the else on its own line", async (t) => {
  t.equal(fmt("package p\nx := 1 if { {1, 2} } else := 2\n"), "package p\n\nx := 1 if {\n→{1, 2}\n}\n\nelse := 2\n");
});

t.test("comprehension heads keep parentheses around operators; object comprehension keys need none", async (t) => {
  t.equal(fmt("package p\nx := {k: (1 + 2) | some k in ks}\ny := {x in [2]: 2 | some x in xs}\nz := [(a + 1) | some a in zs]\n"), "package p\n\nx := {k: (1 + 2) | some k in ks}\ny := {x in [2]: 2 | some x in xs}\nz := [(a + 1) | some a in zs]\n");
  t.equal(fmt("package p\nx := {\n\tk: v | some k, v in o\n}\n"), "package p\n\nx := {k: v |\n→some k, v in o\n}\n");
});

t.test("package paths: keywords written in brackets keep them", async (t) => {
  t.equal(fmt('package test["if"]\nx := 1\n'), 'package test["if"]\n\nx := 1\n');
  t.equal(fmt('package test["a"].b\nx := 1\n'), "package test.a.b\n\nx := 1\n");
});

t.test("imports are sorted within a run on consecutive rows, unless a comment sits there", async (t) => {
  t.equal(fmt("package p\nimport data.z\nimport data.a\n\nimport data.y # why\nimport data.b\nx := [z, a, y, b]\n"), "package p\n\nimport data.a\nimport data.z\n\nimport data.y # why\nimport data.b\n\nx := [z, a, y, b]\n");
});

t.test("comments inside a term: one trails the line; several keep the term as written", async (t) => {
  t.equal(fmt('package p\nv := {"a": # one\n"b"}\n'), 'package p\n\nv := {"a": "b"} # one\n');
  t.equal(fmt('package p\nv := {"a": # one\n{"b": # two\n"c"}}\n'), 'package p\n\nv := {"a": # one\n{"b": # two\n"c"}}\n');
});

t.test("comments right below a rule stay with it, above the blank line", async (t) => {
  t.equal(fmt("package p\nx := 1\n# about x\n\n\ny if {\n\ta\n}\n"), "package p\n\nx := 1\n# about x\n\ny if {\n→a\n}\n");
});
