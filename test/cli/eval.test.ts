/** `regolith eval`: the contract in docs/CLI.md, exercised through `main` in-process. */
import t from "tap";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";
import { tarGz } from "../_lib/tar.js";

const policy = `package authz

default allow := false

allow if input.user == "admin"

teams contains name if some name in data.teams

big := 18446744073709551617

conflict := 1
conflict := 2 if input.user
`;

t.test("json output has OPA's shape, byte for byte", async (t) => {
  const dir = t.testdir({ "authz.rego": policy, "input.json": '{"user": "admin"}' });
  const r = await run(["eval", "-d", "authz.rego", "-i", "input.json", "data.authz.allow = x"], dir);
  t.equal(r.code, 0);
  t.equal(
    r.stdout,
    `{
  "result": [
    {
      "expressions": [
        {
          "value": true,
          "text": "data.authz.allow = x",
          "location": {
            "row": 1,
            "col": 1
          }
        }
      ],
      "bindings": {
        "x": true
      }
    }
  ]
}
`,
  );
});

t.test("undefined prints {} and --fail turns it into exit 1", async (t) => {
  const dir = t.testdir({ "authz.rego": policy });
  const r = await run(["eval", "-d", "authz.rego", "data.authz.nothing"], dir);
  t.same([r.code, r.stdout], [0, "{}\n"]);
  t.equal((await run(["eval", "--fail", "-d", "authz.rego", "data.authz.nothing"], dir)).code, 1);
  t.equal((await run(["eval", "--fail", "-d", "authz.rego", "data.authz.allow"], dir)).code, 0);
  t.equal((await run(["eval", "--fail-defined", "-d", "authz.rego", "data.authz.allow"], dir)).code, 1);
  t.equal((await run(["eval", "--fail-defined", "-d", "authz.rego", "data.authz.nothing"], dir)).code, 0);
});

t.test("-d loads directories with OPA's loader semantics", async (t) => {
  const dir = t.testdir({
    policy: { "authz.rego": policy, "teams.json": '{"teams": ["red", "blue"]}' },
    extra: { a: { b: { "settings.yaml": "level: 3\nbig: 18446744073709551618\n" } } },
  });
  const teams = await run(["eval", "-f", "raw", "-d", "policy", "data.authz.teams"], dir);
  t.same([teams.code, teams.stdout], [0, '["blue","red"]\n'], "a data file at the root of the directory lands at data");
  const nested = await run(["eval", "-f", "raw", "-d", "extra", "data.a.b"], dir);
  t.same([nested.code, nested.stdout], [0, '{"big":18446744073709551618,"level":3}\n'], "DIR/a/b/file lands at data.a.b, big integers exact");
});

t.test("-d: a list, number or null lands at its directory's path; a collision is a merge error", async (t) => {
  const dir = t.testdir({ m: { d: { "x.json": "null" }, e: { "data.json": "[1, 2, 3]" }, f: { "data.yaml": "3\n" } } });
  const r = await run(["eval", "-f", "raw", "-d", "m", "data"], dir);
  t.same([r.code, r.stdout.trim()], [0, '{"d":null,"e":[1,2,3],"f":3}']);
  const clash = t.testdir({ m: { e: { "data.json": "[1]", "other.json": '{"a": 1}' } } });
  const bad = await run(["eval", "-d", "m", "data"], clash);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /merge error: data\.e /);
});

t.test("-b loads a bundle directory: only data.json files are data", async (t) => {
  const dir = t.testdir({ bundle: { ".manifest": "{}", "authz.rego": policy, x: { "data.json": '{"k": 1}', "other.json": '{"ignored": true}' } } });
  const r = await run(["eval", "-f", "raw", "-b", "bundle", "data.x"], dir);
  t.same([r.code, r.stdout], [0, '{"k":1}\n']);
});

t.test("-b loads a .tar.gz bundle", async (t) => {
  const dir = t.testdir({});
  writeFileSync(join(dir, "bundle.tar.gz"), tarGz({ "/.manifest": "{}", "/authz.rego": policy, "/x/y/data.json": '{"k": 2}' }));
  const r = await run(["eval", "-f", "raw", "-b", "bundle.tar.gz", "data.x.y.k + 1"], dir);
  t.same([r.code, r.stdout], [0, "3\n"]);
  const bad = await run(["eval", "-b", "authz.rego", "x := 1"], t.testdir({ "authz.rego": policy }));
  t.equal(bad.code, 2, "a file that is not an archive is refused");
});

t.test("-i reads JSON, YAML, and standard input", async (t) => {
  const dir = t.testdir({ "authz.rego": policy, "in.yaml": "user: admin\n" });
  t.equal((await run(["eval", "-f", "raw", "-d", "authz.rego", "-i", "in.yaml", "data.authz.allow"], dir)).stdout, "true\n");
  t.equal((await run(["eval", "-f", "raw", "-d", "authz.rego", "-i", "-", "data.authz.allow"], dir, '{"user": "admin"}')).stdout, "true\n");
  t.equal((await run(["eval", "-f", "raw", "-d", "authz.rego", "data.authz.allow"], dir)).stdout, "false\n", "no input: input is undefined");
});

t.test("formats: raw, bindings, pretty", async (t) => {
  const dir = t.testdir({ "authz.rego": policy });
  t.equal((await run(["eval", "-f", "raw", "-d", "authz.rego", "data.authz.big"], dir)).stdout, "18446744073709551617\n");
  t.equal((await run(["eval", "-f", "bindings", "x := 1"], dir)).stdout, '{\n  "x": 1\n}\n');
  t.equal((await run(["eval", "-f", "pretty", "x := [1, 2][_]"], dir)).stdout, "+---+\n| x |\n+---+\n| 1 |\n| 2 |\n+---+\n");
  t.equal((await run(["eval", "-f", "pretty", "1 + 1"], dir)).stdout, "2\n");
  t.equal((await run(["eval", "-f", "pretty", "false"], dir)).stdout, "false\n", "a lone expression reports false, as opa eval does");
  t.equal((await run(["eval", "-f", "pretty", "x := 1; false"], dir)).stdout, "undefined\n", "with several expressions false fails");
});

t.test("parse errors exit 2: JSON errors, or file:row:col with a caret", async (t) => {
  const dir = t.testdir({ "bad.rego": "package bad\n\np {\n\ttrue\n}\n" });
  const json = await run(["eval", "-d", "bad.rego", "data.bad.p"], dir);
  t.equal(json.code, 2);
  t.same(JSON.parse(json.stdout), {
    errors: [
      {
        details: { line: "p {", idx: 2 },
        location: { file: "bad.rego", row: 3, col: 3 },
        message: "`if` keyword is required before rule body",
        code: "rego_parse_error",
      },
    ],
  });
  const text = await run(["eval", "-f", "pretty", "-d", "bad.rego", "data.bad.p"], dir);
  t.equal(text.code, 2);
  t.equal(text.stderr, "bad.rego:3:3: rego_parse_error: `if` keyword is required before rule body\n\tp {\n\t  ^\n");
});

t.test("compile and evaluation errors exit 2 with their codes", async (t) => {
  const dir = t.testdir({ "authz.rego": policy, "unsafe.rego": "package u\n\np if x == 1\n", "in.json": '{"user": "x"}' });
  const unsafe = await run(["eval", "-d", "unsafe.rego", "data.u.p"], dir);
  t.equal(unsafe.code, 2);
  t.match(JSON.parse(unsafe.stdout), { errors: [{ code: "rego_unsafe_var_error", message: "var x is unsafe", location: { file: "unsafe.rego", row: 3 } }] });
  const conflict = await run(["eval", "-d", "authz.rego", "-i", "in.json", "data.authz.conflict"], dir);
  t.equal(conflict.code, 2);
  t.match(JSON.parse(conflict.stdout), { errors: [{ code: "eval_conflict_error", message: "complete rules must not produce multiple outputs" }] });
});

t.test("--strict-builtin-errors turns builtin errors into errors", async (t) => {
  const dir = t.testdir({});
  const lax = await run(["eval", "x := 1 / 0"], dir);
  t.same([lax.code, lax.stdout], [0, "{}\n"], "without: the call is undefined");
  const strict = await run(["eval", "--strict-builtin-errors", "x := 1 / 0"], dir);
  t.equal(strict.code, 2);
  t.match(JSON.parse(strict.stdout), { errors: [{ code: "eval_builtin_error", message: "div: divide by zero" }] });
});

t.test("--timeout stops a runaway query with a clear error", async (t) => {
  const dir = t.testdir({});
  const range = `[${Array.from({ length: 200 }, (_, i) => i).join(",")}]`;
  const query = `n := count([1 | a := ${range}[_]; b := ${range}[_]; c := ${range}[_]; d := ${range}[_]])`;
  const started = Date.now();
  const r = await run(["eval", "--timeout", "200ms", query], dir);
  t.equal(r.code, 2);
  t.match(JSON.parse(r.stdout), { errors: [{ code: "eval_cancel_error" }] });
  t.ok(Date.now() - started < 10_000, "stopped promptly");
});

t.test("misuse exits 2 with a message", async (t) => {
  const dir = t.testdir({});
  const noQuery = await run(["eval"], dir);
  t.equal(noQuery.code, 2);
  t.match(noQuery.stderr, /needs a QUERY/);
  const badFlag = await run(["eval", "--nope", "x := 1"], dir);
  t.equal(badFlag.code, 2);
  t.match(badFlag.stderr, /unknown flag: --nope/);
  const missing = await run(["eval", "-d", "missing.rego", "x := 1"], dir);
  t.equal(missing.code, 2);
  t.match(missing.stderr, /missing.rego: no such file or directory/);
  const badFormat = await run(["eval", "-f", "xml", "x := 1"], dir);
  t.equal(badFormat.code, 2);
  t.equal((await run(["nope"], dir)).code, 2);
  const help = await run(["eval", "--help"], dir);
  t.equal(help.code, 0);
  t.match(help.stdout, /Usage: regolith eval/);
  t.match((await run(["--version"], dir)).stdout, /^regolith \d+\.\d+\.\d+/);
  // Every command's summary starts in the same column, the longest name included.
  const commands = (await run(["--help"], dir)).stdout.split("\n").filter((line) => /^ {2}[a-z]/.test(line));
  t.ok(commands.length >= 6, "the commands are listed");
  t.equal(new Set(commands.map((line) => /^ {2}\S+ +/.exec(line)![0].length)).size, 1, "summaries line up");
});
