/**
 * Malformed modules give one clear `rego_parse_error` with file, row and column, and
 * the caret block points at the offending text.
 */
import t from "tap";
import { parseModule, RegoErrors } from "@regolith/rego";

function parseFailure(source: string): RegoErrors {
  try {
    parseModule(source, { file: "policy.rego" });
  } catch (e) {
    if (e instanceof RegoErrors) return e;
    throw e;
  }
  throw new Error("expected a parse error");
}

const cases: { name: string; source: string; row: number; col: number; message: string; caretLine: string }[] = [
  {
    name: "unterminated string",
    source: 'package p\n\nmsg := "no closing quote\n',
    row: 3,
    col: 8,
    message: "non-terminated string",
    caretLine: 'msg := "no closing quote',
  },
  {
    name: "missing if before a body",
    source: "package p\n\nallow {\n\tinput.user == \"admin\"\n}\n",
    row: 3,
    col: 7,
    message: "`if` keyword is required before rule body",
    caretLine: "allow {",
  },
  {
    name: "bad token",
    source: "package p\n\nallow if input.x @ 1\n",
    row: 3,
    col: 18,
    message: "illegal @ character",
    caretLine: "allow if input.x @ 1",
  },
  {
    name: "a run of bad characters names the first, as OPA does",
    source: "package p\n\nallow if !!!\n",
    row: 3,
    col: 10,
    message: "illegal ! character",
    caretLine: "allow if !!!",
  },
  {
    name: "a number run into letters is refused, not read as a number and a rule",
    source: "package p\n\nx := 6abc\n",
    row: 3,
    col: 6,
    message: "illegal number format",
    caretLine: "x := 6abc",
  },
  {
    name: "an exponent without digits",
    source: "package p\n\nx := 0e\n",
    row: 3,
    col: 6,
    message: "expected exponent",
    caretLine: "x := 0e",
  },
  {
    name: "a function's body names the function",
    source: "package p\n\nf(x) { x == 1 }\n",
    row: 3,
    col: 6,
    message: "`if` keyword is required before function body",
    caretLine: "f(x) { x == 1 }",
  },
  {
    name: "rego.v1 cannot be aliased",
    source: "package p\n\nimport rego.v1 as xyz\n",
    row: 3,
    col: 8,
    message: "`rego` imports cannot be aliased",
    caretLine: "import rego.v1 as xyz",
  },
  {
    name: "a name alone on a line is not a rule",
    source: "package p\n\nallow\n",
    row: 3,
    col: 1,
    message: "rule must have value assignment and/or body declaration",
    caretLine: "allow",
  },
  {
    name: "stray closing brace",
    source: "package p\n\nallow if {\n\ttrue\n}\n}\n",
    row: 6,
    col: 1,
    message: "unexpected } token: expected rule, import or package",
    caretLine: "}",
  },
  {
    name: "two literals on one line",
    source: "package p\n\nallow if {\n\tx := 1 y := 2\n}\n",
    row: 4,
    col: 9,
    message: "unexpected ident token: expected \\n or ; or }",
    caretLine: "\tx := 1 y := 2",
  },
  {
    name: "comprehension without a body",
    source: "package p\n\nnames := {x | }\n",
    row: 3,
    col: 15,
    message: "unexpected } token",
    caretLine: "names := {x | }",
  },
  {
    name: "object entry without a value",
    source: 'package p\n\nlimits := {"ttl": }\n',
    row: 3,
    col: 19,
    message: "unexpected } token",
    caretLine: 'limits := {"ttl": }',
  },
  {
    name: "missing package",
    source: "allow := true\n",
    row: 1,
    col: 1,
    message: "package expected",
    caretLine: "allow := true",
  },
];

for (const c of cases) {
  t.test(c.name, async (t) => {
    const err = parseFailure(c.source);
    t.equal(err.errors.length, 1, "one error");
    const e = err.errors[0]!;
    t.equal(e.code, "rego_parse_error");
    t.equal(e.message, c.message);
    t.match(e.location, { file: "policy.rego", row: c.row, col: c.col });
    t.equal(e.toString(), `policy.rego:${c.row}: rego_parse_error: ${c.message}`, "OPA's text form");
    const block = e.format(new Map([["policy.rego", c.source]])).split("\n");
    t.equal(block[0], `policy.rego:${c.row}:${c.col}: rego_parse_error: ${c.message}`, "file:row:col: code: message");
    t.equal(block[1], `\t${c.caretLine}`, "the source line");
    t.equal(block[2]!.indexOf("^"), c.col, "the caret under the column");
  });
}

t.test("the JSON form carries OPA's details", async (t) => {
  const e = parseFailure('package p\nx := "abc\n').errors[0]!;
  t.same(e.toJSON(), {
    code: "rego_parse_error",
    message: "non-terminated string",
    location: { file: "policy.rego", row: 2, col: 6 },
    details: { line: 'x := "abc', idx: 5 },
  });
});
