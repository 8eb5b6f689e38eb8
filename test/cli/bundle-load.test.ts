/**
 * Loading bundles safely (`-b` of eval and gate, bundle PATHs of test), through
 * @regolith/bundle: manifest roots hold packages and data, overlapping bundles are
 * refused, and archives that could reach outside the bundle (`..`, links, absolute
 * names) or are damaged stop the run with exit 2 and a message naming the entry.
 * OPA's loader semantics stay: only data.json / data.yaml are data in a bundle.
 */
import t from "tap";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";
import { archive, type Entry } from "../_lib/bundle-kit.js";

const module = (pkg: string, body = "x := 1"): string => `package ${pkg}\n\n${body}\n`;

t.test("roots: a package or data path outside the manifest roots is refused, naming the file", async (t) => {
  const dir = t.testdir({
    ok: { ".manifest": '{"roots": ["acme/authz"]}', "a.rego": module("acme.authz.rules"), acme: { authz: { "data.json": '{"k": 1}' } } },
    pkg: { ".manifest": '{"roots": ["acme/authz"]}', "a.rego": module("acme.authz"), "b.rego": module("acme.other") },
    data: { ".manifest": '{"roots": ["acme/authz"]}', "data.json": '{"acme": {"authz": {"k": 1}, "billing": {"k": 2}}}' },
    // The package statement comes after comments and METADATA; roots still see it.
    annotated: { ".manifest": '{"roots": ["acme"]}', "a.rego": "# a comment\n# METADATA\n# title: T\npackage evil.place\n\nx := 1\n" },
  });
  const ok = await run(["eval", "-f", "raw", "-b", "ok", "[data.acme.authz.rules.x, data.acme.authz.k]"], dir);
  t.same([ok.code, ok.stdout], [0, "[1,1]\n"]);
  const pkg = await run(["eval", "-b", "pkg", "1"], dir);
  t.equal(pkg.code, 2);
  t.equal(pkg.stderr, 'regolith eval: pkg: b.rego: package acme.other is outside the manifest roots ["acme/authz"]\n');
  const data = await run(["eval", "-b", "data", "1"], dir);
  t.equal(data.code, 2);
  t.match(data.stderr, 'data: data.json: data at /acme/billing is outside the manifest roots ["acme/authz"]');
  const annotated = await run(["eval", "-b", "annotated", "1"], dir);
  t.equal(annotated.code, 2);
  t.match(annotated.stderr, "annotated: a.rego: package evil.place is outside the manifest roots");
  t.equal((await run(["test", "pkg"], dir)).code, 2, "test holds bundle PATHs to their roots too");
});

t.test("overlapping roots: two bundles that claim the same part of data are refused", async (t) => {
  const dir = t.testdir({
    a: { ".manifest": '{"roots": ["acme"]}', "a.rego": module("acme.a") },
    b: { ".manifest": '{"roots": ["acme/b"]}', "b.rego": module("acme.b") },
    c: { ".manifest": '{"roots": ["other"]}', "c.rego": module("other.c") },
    bare1: { "x.rego": module("one") },
    bare2: { "y.rego": module("two") },
  });
  const overlap = await run(["eval", "-b", "a", "-b", "b", "1"], dir);
  t.equal(overlap.code, 2);
  t.match(overlap.stderr, 'bundles a and b overlap: root "acme" of a and root "acme/b" of b');
  const disjoint = await run(["eval", "-f", "raw", "-b", "a", "-b", "c", "[data.acme.a.x, data.other.c.x]"], dir);
  t.same([disjoint.code, disjoint.stdout], [0, "[1,1]\n"], "disjoint roots load together");
  const bare = await run(["eval", "-b", "bare1", "-b", "bare2", "1"], dir);
  t.equal(bare.code, 2, "without a manifest a bundle owns all of data (OPA's default), so two of them overlap");
  t.match(bare.stderr, 'root "" (all of data) of bare1');
  const gate = await run(["gate", "-b", "a", "-b", "b", "-i", join(import.meta.dirname, "../../schemas/examples/github-snapshot.minimal.json")], dir);
  t.equal(gate.code, 2);
  t.match(gate.stderr, "bundles a and b overlap");
  const test = await run(["test", "a", "b"], dir);
  t.equal(test.code, 2);
  t.match(test.stderr, "bundles a and b overlap");
  const twice = await run(["test", "a", "a/"], dir);
  t.equal(twice.code, 0, "one bundle reached through two PATHs loads once, and does not overlap itself");
});

t.test("unsafe or damaged archives: exit 2 naming the entry, nothing evaluated", async (t) => {
  const dir = t.testdir({});
  const cases: [string, Entry[] | Buffer, RegExp][] = [
    ["dotdot", [{ name: "../escape.rego", body: module("x") }], /dotdot\.tar\.gz: "\.\.\/escape\.rego": path escapes the bundle/],
    ["nested-dotdot", [{ name: "a/../../escape.rego", body: module("x") }], /path escapes the bundle/],
    ["absolute", [{ name: "//etc/passwd", body: "root" }], /"\/\/etc\/passwd": absolute path outside the bundle/],
    ["windows", [{ name: "C:/x.rego", body: module("x") }], /"C:\/x\.rego": absolute Windows path/],
    ["symlink", [{ name: "link.rego", type: "2", linkname: "/etc/passwd" }], /"link\.rego": is a symbolic link; bundles may not contain links/],
    ["duplicate", [{ name: "a.rego", body: module("a") }, { name: "./a.rego", body: module("b") }], /a\.rego: appears more than once/],
    ["not-gzip", Buffer.from("package x\n"), /not-gzip\.tar\.gz: not a gzip-compressed tar archive/],
    ["truncated", archive([{ name: "a.rego", body: module("a", "x := 1\n".repeat(500)) }]).subarray(0, 60), /truncated\.tar\.gz: corrupt archive/],
  ];
  for (const [name, content, message] of cases) {
    writeFileSync(join(dir, `${name}.tar.gz`), Array.isArray(content) ? archive(content) : content);
    for (const command of [["eval", "-b", `${name}.tar.gz`, "1"], ["test", `${name}.tar.gz`]]) {
      const r = await run(command, dir);
      t.equal(r.code, 2, `${command[0]} ${name}`);
      t.match(r.stderr, message, `${command[0]} ${name}`);
      t.equal(r.stdout, "", `${command[0]} ${name}: no output`);
    }
  }
});

t.test("a symbolic link inside a bundle directory is refused, not followed", async (t) => {
  const dir = t.testdir({
    outside: { "secret.rego": module("acme.secret") },
    b: { ".manifest": '{"roots": ["acme"]}', "a.rego": module("acme.a"), "linked.rego": t.fixture("symlink", "../outside/secret.rego") },
  });
  const r = await run(["eval", "-b", "b", "data.acme"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, "b: linked.rego: is a symbolic link; bundles may not contain links");
});

t.test("OPA loader semantics: modules at their paths; only data.json and data.yaml are data; opa build's / names", async (t) => {
  const dir = t.testdir({});
  writeFileSync(
    join(dir, "b.tar.gz"),
    archive([
      { name: "/.manifest", body: "{}" },
      { name: "/p/policy.rego", body: module("p", "y := data.a.b.k + data.c.n") },
      { name: "/a/b/data.json", body: '{"k": 1}' },
      { name: "/c/data.yaml", body: "n: 2\n" },
      { name: "/d/data.yml", body: "ignored: true\n" },
      { name: "/e/other.json", body: '{"ignored": true}' },
    ]),
  );
  const r = await run(["eval", "-f", "raw", "-b", "b.tar.gz", "[data.p.y, object.keys(data)]"], dir);
  t.same([r.code, r.stdout, r.stderr], [0, '[3,["a","c","p"]]\n', ""]);
});
