/** `regolith capabilities` and `eval --capabilities`. */
import t from "tap";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";

t.test("capabilities prints OPA's format with every builtin", async (t) => {
  const r = await run(["capabilities"], t.testdir({}));
  t.equal(r.code, 0);
  const doc = JSON.parse(r.stdout) as { builtins: { name: string; decl: { type: string; args: unknown[] }; infix?: string }[]; features: string[] };
  const count = doc.builtins.find((b) => b.name === "count");
  t.match(count, { decl: { type: "function", args: [{ name: "collection" }], result: { name: "n", type: "number" } } });
  t.equal(doc.builtins.find((b) => b.name === "plus")?.infix, "+");
  t.ok(doc.features.includes("rego_v1"));
  const names = doc.builtins.map((b) => b.name);
  t.same(names, [...names].sort(), "sorted by name");
});

t.test("--capabilities restricts what a policy may call", async (t) => {
  const dir = t.testdir({ "p.rego": "package p\n\nn := count([1, 2])\n\nm := max([1, 2])\n" });
  const all = JSON.parse((await run(["capabilities"], dir)).stdout) as { builtins: { name: string }[] };
  const withoutCount = { ...all, builtins: all.builtins.filter((b) => b.name !== "count") };
  writeFileSync(join(dir, "caps.json"), JSON.stringify(withoutCount));
  const refused = await run(["eval", "--capabilities", "caps.json", "-d", "p.rego", "data.p.m"], dir);
  t.equal(refused.code, 2);
  t.match(JSON.parse(refused.stdout), { errors: [{ code: "rego_type_error", message: "undefined function count", location: { file: "p.rego", row: 3 } }] });
  writeFileSync(join(dir, "all.json"), JSON.stringify(all));
  const allowed = await run(["eval", "-f", "raw", "--capabilities", "all.json", "-d", "p.rego", "data.p.n"], dir);
  t.same([allowed.code, allowed.stdout], [0, "2\n"]);
  writeFileSync(join(dir, "bad.json"), "{}");
  const bad = await run(["eval", "--capabilities", "bad.json", "x := 1"], dir);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /needs a "builtins" array/);
});
