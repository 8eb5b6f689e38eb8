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

t.test("literals: one line when their items start on the bracket's row, else a row of items per line", async (t) => {
  t.equal(fmt('package p\nx := {"a":1,"b":[1,2]}\n'), 'package p\n\nx := {"a": 1, "b": [1, 2]}\n');
  t.equal(fmt('package p\nx := {\n"a": 1, "b": 2,\n"c": 3}\n'), 'package p\n\nx := {\n→"a": 1, "b": 2,\n→"c": 3,\n}\n');
  t.equal(fmt("package p\nx := f(1, {\n\"a\": 1,\n})\n"), 'package p\n\nx := f(1, {\n→"a": 1,\n})\n');
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
