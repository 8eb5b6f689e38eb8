/** YAML reading: the core schema, exact integers, odd tags, errors with positions. */
import t from "tap";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

t.test("YAML 1.2 core schema: on, yes and off are strings", async (t) => {
  const wf = parse("on: push\njobs:\n  j:\n    runs-on: x\n    env:\n      A: yes\n      B: off\n      C: y\n");
  t.same(wf.triggers, { push: null });
  t.same(wf.jobs[0]!.env, { A: "yes", B: "off", C: "y" });
  const directive = parse("%YAML 1.1\n---\non: push\njobs:\n  j:\n    runs-on: x\n    env:\n      A: yes\n");
  t.same(directive.triggers, { push: null }, "even under a %YAML 1.1 directive");
  t.same(directive.jobs[0]!.env, { A: "yes" });
});

t.test("numbers", async (t) => {
  const env = parse(oneJob("runs-on: x\nenv:\n  BIG: 18446744073709551617\n  HEX: 0x1F\n  OCT: 0o17\n  NEG: -12\n  INF: .inf")).jobs[0]!.env;
  t.same(env, { BIG: "18446744073709551617", HEX: "31", INF: "Infinity", NEG: "-12", OCT: "15" });
  t.same(parse("on:\n  schedule:\n    - cron: '0 0 * * *'\n      n: 12345678901234567890\njobs: {}\n").triggers, { schedule: [{ cron: "0 0 * * *", n: "12345678901234567890" }] }, "integers beyond 2^53 stay exact, as text");
});

t.test("anchors, aliases and explicit tags", async (t) => {
  const wf = parse("on: push\nx-env: &env\n  A: '1'\njobs:\n  a:\n    runs-on: x\n    env: *env\n  b:\n    runs-on: x\n    env:\n      <<: *env\n      B: '2'\n");
  t.same(wf.jobs.find((j) => j.id === "a")!.env, { A: "1" }, "an alias is its anchor's value");
  t.same(wf.jobs.find((j) => j.id === "b")!.env, { "<<": '{"A":"1"}', B: "2" }, "merge keys are not YAML 1.2: kept as a key");
  const tagged = parse(oneJob("runs-on: x\nenv:\n  BIN: !!binary aGVsbG8=\n  DATE: !!timestamp 2024-01-02\n  SET: !!set {a, b}\n  CUSTOM: !custom value")).jobs[0]!.env;
  t.same(tagged, { BIN: "aGVsbG8=", CUSTOM: "value", DATE: "2024-01-02T00:00:00.000Z", SET: '["a","b"]' });
  const cyclic = parse(oneJob("runs-on: x\nwith:\n  a: &x [1, *x]"));
  t.equal(cyclic.parse_error, null);
  t.same(cyclic.jobs[0]!.with, { a: "[1,null]" }, "a value that contains itself is cut");
});

t.test("complex keys", async (t) => {
  const j = parse(oneJob("runs-on: x\nenv:\n  ? [a, b]\n  : v\n  1: one\n  null: n")).jobs[0]!;
  t.same(j.env, { '["a","b"]': "v", "1": "one", null: "n" });
});

t.test("alias expansion is bounded", async (t) => {
  const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  const names = "abcdefghi";
  for (let i = 1; i < names.length; i++) lines.push(`${names[i]}: &${names[i]} [${Array(10).fill(`*${names[i - 1]}`).join(", ")}]`);
  t.match(parse(`${lines.join("\n")}\njobs: {}\n`).parse_error, { message: /alias/i, line: null, column: null });
});

t.test("errors carry a position", async (t) => {
  t.match(parse("on: push\njobs:\n  j:\n    runs-on: 'unclosed\n").parse_error, { message: /quote|scalar/i, line: 5, column: 1 }, "reported where the text ends");
  t.match(parse("on: [push\n").parse_error, { line: 2, column: 1 });
  t.match(parse("on: push\n\tjobs: {}\n").parse_error, { message: /tab|indent/i });
  t.same(parse("on: push\njobs: [a]\n").parse_error, { message: "`jobs` must be a mapping of job ids to jobs", line: 2, column: 7 }, "structure errors point at the node");
  t.same(parse("on: push\njobs:\n").parse_error, { message: "`jobs` must be a mapping of job ids to jobs", line: 2, column: 6 }, "an empty value is a node too");
  t.same(parse("on: push\n").parse_error, { message: "the workflow has no `jobs`", line: null, column: null }, "a missing key has no position");
  t.same(parse("# only a comment\n").parse_error, { message: "a workflow must be a mapping", line: null, column: null }, "nor does an empty document");
});
