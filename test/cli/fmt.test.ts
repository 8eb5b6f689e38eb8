/** `regolith fmt`: the contract in docs/CLI.md, exercised through `main` in-process. */
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";

const messy = "package p\nallow   if {  input.admin }\nx = 1\n";
const tidy = "package p\n\nallow if input.admin\nx := 1\n";

t.test("prints the formatted text and changes nothing on disk", async (t) => {
  const dir = t.testdir({ "a.rego": messy });
  t.same(await run(["fmt", "a.rego"], dir), { code: 0, stdout: tidy, stderr: "" });
  t.equal(readFileSync(join(dir, "a.rego"), "utf8"), messy);
});

t.test("-l lists the files that would change; --fail makes that exit 1", async (t) => {
  const dir = t.testdir({ p: { "a.rego": messy, "b.rego": tidy, sub: { "c.rego": messy }, ".hidden": { "d.rego": messy }, "notes.txt": "x" } });
  t.same(await run(["fmt", "-l", "p"], dir), { code: 0, stdout: "p/a.rego\np/sub/c.rego\n", stderr: "" });
  t.same(await run(["fmt", "-l", "--fail", "p"], dir), { code: 1, stdout: "p/a.rego\np/sub/c.rego\n", stderr: "" });
  t.same(await run(["fmt", "--fail", "p/b.rego"], dir), { code: 0, stdout: "", stderr: "" });
});

t.test("-d shows a unified diff", async (t) => {
  const dir = t.testdir({ "a.rego": messy });
  const r = await run(["fmt", "-d", "a.rego"], dir);
  t.equal(r.code, 0);
  t.match(r.stdout, /^--- a\.rego\n\+\+\+ a\.rego\n@@ /);
  t.match(r.stdout, /\n-allow   if \{  input\.admin \}\n/);
  t.match(r.stdout, /\n\+allow if input\.admin\n/);
});

t.test("-w rewrites what is not formatted, and a second run finds nothing to do", async (t) => {
  const dir = t.testdir({ "a.rego": messy, "b.rego": tidy });
  t.same(await run(["fmt", "-w", "-l", "."], dir), { code: 0, stdout: "a.rego\n", stderr: "" });
  t.equal(readFileSync(join(dir, "a.rego"), "utf8"), tidy);
  t.same(await run(["fmt", "-l", "--fail", "."], dir), { code: 0, stdout: "", stderr: "" });
});

t.test("without PATH, standard input to standard output", async (t) => {
  t.same(await run(["fmt"], t.testdir({}), messy), { code: 0, stdout: tidy, stderr: "" });
  t.same(await run(["fmt", "--fail"], t.testdir({}), messy), { code: 1, stdout: "", stderr: "" });
  t.equal((await run(["fmt", "-w"], t.testdir({}), messy)).code, 2);
});

t.test("a file that does not parse: its error, exit 2, and the other files still done", async (t) => {
  const dir = t.testdir({ "a.rego": messy, "bad.rego": "package p\nx := \n" });
  const r = await run(["fmt", "-w", "."], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /bad\.rego:3:1: rego_parse_error: /);
  t.equal(readFileSync(join(dir, "a.rego"), "utf8"), tidy);
  t.equal(readFileSync(join(dir, "bad.rego"), "utf8"), "package p\nx := \n");
});

t.test("the shipped bundle is formatted", async (t) => {
  t.same(await run(["fmt", "-l", "--fail", "policies"], join(import.meta.dirname, "../..")), { code: 0, stdout: "", stderr: "" });
});

t.test("bad flags and paths exit 2", async (t) => {
  const dir = t.testdir({ "a.rego": messy });
  t.equal((await run(["fmt", "--nope", "a.rego"], dir)).code, 2);
  t.equal((await run(["fmt", "missing.rego"], dir)).code, 2);
  t.equal((await run(["fmt", "-w", "--fail", "a.rego"], dir)).code, 2);
});

t.test("a file that cannot be read: its name and why, exit 2", async (t) => {
  const dir = t.testdir({ "a.rego": messy, "gone.rego": t.fixture("symlink", "missing-target.rego") });
  const r = await run(["fmt", "-l", "."], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, /gone\.rego: cannot read: ENOENT/);
});
