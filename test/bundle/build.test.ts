/**
 * Building bundles: reproducible bytes (also across mtimes, permissions and source
 * locations), what goes in (policies, data, manifest; tests on request; ignore
 * files), what is refused (links, YAML data, bad JSON, clashing sources), and the
 * manifest written.
 */
import t from "tap";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildBundle, loadSigningKey, readBundleArchive } from "@regolith/bundle";
import { rsaPair, writePemPair } from "../_lib/bundle-archive.js";
import { SOURCES, writeSources } from "../_lib/bundle-signed.js";

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");
const paths = async (options: Parameters<typeof buildBundle>[0]): Promise<string[]> => (await buildBundle(options)).files as string[];

t.test("building the same sources twice gives identical bytes, whatever their mtimes, permissions or location", async (t) => {
  const dir = t.testdir({ a: {}, keys: {} });
  writeSources(join(dir, "a"), { ...SOURCES, "checks/x_test.rego": "package acme.x_test\n" });
  const key = await loadSigningKey(writePemPair(join(dir, "keys"), rsaPair()).priv, "RS256");
  const options = { paths: [join(dir, "a")], revision: "r9", signing: { key, alg: "RS256", keyId: "k" } };
  const first = sha((await buildBundle(options)).bytes);
  t.equal(sha((await buildBundle(options)).bytes), first, "twice in a row");
  for (const f of ["policy.rego", "data.json", "lib/util.rego", ".manifest"]) {
    utimesSync(join(dir, "a", f), new Date("2001-02-03T04:05:06Z"), new Date("2011-12-13T14:15:16Z"));
    chmodSync(join(dir, "a", f), 0o600);
  }
  chmodSync(join(dir, "a", "lib"), 0o700);
  t.equal(sha((await buildBundle(options)).bytes), first, "after changing mtimes and modes");
  cpSync(join(dir, "a"), join(dir, "elsewhere", "deeper"), { recursive: true });
  t.equal(sha((await buildBundle({ ...options, paths: [join(dir, "elsewhere", "deeper")] })).bytes), first, "from another directory");
  writeFileSync(join(dir, "a", "policy.rego"), `${SOURCES["policy.rego"]} `);
  t.not(sha((await buildBundle(options)).bytes), first, "a changed source changes the bytes");
  const hs = await buildBundle({ paths: [join(dir, "a")], signing: { key: await loadSigningKey(writeSecret(dir), "HS256"), alg: "HS256" } });
  const hs2 = await buildBundle({ paths: [join(dir, "a")], signing: { key: await loadSigningKey(writeSecret(dir), "HS256"), alg: "HS256" } });
  t.equal(sha(hs.bytes), sha(hs2.bytes), "HS256-signed builds are reproducible too");
});

function writeSecret(dir: string): string {
  writeFileSync(join(dir, "keys", "hmac"), "test-only-secret");
  return join(dir, "keys", "hmac");
}

t.test("the archive: sorted regular files only, mode 0644, owner 0, mtime 0; gzip header without time, OS 255", async (t) => {
  const dir = t.testdir({});
  writeSources(dir);
  const { bytes } = await buildBundle({ paths: [dir] });
  t.same([...bytes.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 0xff], "magic, deflate, no flags, mtime 0, max compression, OS unknown");
  const { Parser } = await import("tar");
  const seen: unknown[] = [];
  const p = new Parser();
  p.on("entry", (e) => {
    seen.push({ path: e.path, type: e.type, mode: e.mode, uid: e.uid, gid: e.gid, mtime: e.mtime?.getTime(), uname: e.uname ?? "", gname: e.gname ?? "" });
    e.resume();
  });
  p.end(Buffer.from(bytes));
  const fixed = { type: "File", mode: 0o644, uid: 0, gid: 0, mtime: 0, uname: "", gname: "" };
  t.same(seen, [".manifest", "data.json", "lib/util.rego", "policy.rego"].map((path) => ({ path, ...fixed })));
});

t.test("contents are copied byte for byte; long paths survive", async (t) => {
  const dir = t.testdir({});
  const long = `${"deep/".repeat(30)}policy.rego`;
  writeSources(dir, { ...SOURCES, [long]: "package acme.deep\n" });
  const b = readBundleArchive((await buildBundle({ paths: [dir] })).bytes, "b");
  t.ok(long.length > 100);
  t.same(b.files.map((f) => f.path), [".manifest", "data.json", long, "lib/util.rego", "policy.rego"]);
  t.equal(new TextDecoder().decode(b.files.find((f) => f.path === "policy.rego")!.bytes), SOURCES["policy.rego"]);
  t.equal(new TextDecoder().decode(b.files.find((f) => f.path === "data.json")!.bytes), SOURCES["data.json"], "data.json not reformatted");
});

t.test("what goes in: .rego and data.json; tests only when asked; hidden directories and other files left out", async (t) => {
  const dir = t.testdir({});
  writeSources(dir, { "p.rego": "package p", "p_test.rego": "package p_test", "a/data.json": "{}", "a/other.json": "{}", "README.md": "#", ".git/x.rego": "package git", "notes.txt": "" });
  t.same(await paths({ paths: [dir] }), [".manifest", "a/data.json", "p.rego"]);
  t.same(await paths({ paths: [dir], includeTests: true }), [".manifest", "a/data.json", "p.rego", "p_test.rego"]);
});

t.test("ignore patterns: .regolithignore and the ignore option", async (t) => {
  const dir = t.testdir({});
  writeSources(dir, {
    "keep.rego": "package k",
    "drafts/a.rego": "package d",
    "x/drafts/b.rego": "package d2",
    "vendor/v.rego": "package v",
    "x/vendor/v.rego": "package xv",
    "tmp.rego": "package t",
    "x/tmp.rego": "package xt",
    ".regolithignore": "# comments and blank lines are skipped\n\ndrafts/\n/vendor\n\\#literal.rego\n",
    "#literal.rego": "package lit",
  });
  t.same(await paths({ paths: [dir] }), [".manifest", "keep.rego", "tmp.rego", "x/tmp.rego", "x/vendor/v.rego"], "drafts/ at any depth, /vendor anchored, \\# escapes");
  t.same(await paths({ paths: [dir], ignore: ["tmp.rego"] }), [".manifest", "keep.rego", "x/vendor/v.rego"], "a bare name matches at any depth, like opa build --ignore");
  writeFileSync(join(dir, ".regolithignore"), "*.rego\n!keep.rego\n");
  await t.rejects(buildBundle({ paths: [dir] }), { name: "BundleError", message: `${join(dir, ".regolithignore")}:2: negated patterns ("!") are not supported` });
});

t.test("links are not followed: a linked policy file or directory is an error", async (t) => {
  const dir = t.testdir({ outside: { "x.rego": "package x" }, src: { "p.rego": "package p" }, src2: { "p.rego": "package p" }, src3: { "p.rego": "package p" } });
  symlinkSync(join(dir, "outside", "x.rego"), join(dir, "src", "x.rego"));
  await t.rejects(buildBundle({ paths: [join(dir, "src")] }), { message: `${join(dir, "src", "x.rego")}: is a symbolic link; links are not followed (replace it with the real file or directory, or ignore it in .regolithignore)` });
  symlinkSync(join(dir, "outside"), join(dir, "src2", "lib"));
  await t.rejects(buildBundle({ paths: [join(dir, "src2")] }), { message: /src2\/lib: is a symbolic link/ });
  symlinkSync(join(dir, "outside", "x.rego"), join(dir, "src3", "notes.txt"));
  t.same(await paths({ paths: [join(dir, "src3")] }), [".manifest", "p.rego"], "a link that would not go in anyway is skipped");
  writeFileSync(join(dir, "src", ".regolithignore"), "x.rego\n");
  t.same(await paths({ paths: [join(dir, "src")] }), [".manifest", "p.rego"], "an ignored link is fine");
});

t.test("refused inputs: YAML data, invalid JSON, non-object root data, clashing or missing sources", async (t) => {
  const dir = t.testdir({ y: { "data.yaml": "a: 1" }, bad: { "data.json": "{" }, arr: { "data.json": "[]" }, one: { "p.rego": "package a" }, two: { "p.rego": "package b" }, "f.txt": "" });
  await t.rejects(buildBundle({ paths: [join(dir, "y")] }), { message: `${join(dir, "y", "data.yaml")}: data.yaml is not supported by regolith bundle build; convert it to data.json (or ignore it in .regolithignore)` });
  await t.rejects(buildBundle({ paths: [join(dir, "bad")] }), { message: new RegExp(`^${join(dir, "bad", "data.json")}: not valid JSON`) });
  await t.rejects(buildBundle({ paths: [join(dir, "arr")] }), { message: `${join(dir, "arr", "data.json")}: data at the bundle root must be a JSON object` });
  await t.rejects(buildBundle({ paths: [join(dir, "one"), join(dir, "two")] }), { message: `${join(dir, "two", "p.rego")} and ${join(dir, "one", "p.rego")} would both be p.rego in the bundle` });
  await t.rejects(buildBundle({ paths: [join(dir, "nope")] }), { message: `${join(dir, "nope")}: no such file or directory` });
  await t.rejects(buildBundle({ paths: [join(dir, "f.txt")] }), { message: `${join(dir, "f.txt")}: not a .rego, data.json or .manifest file` });
  await t.rejects(buildBundle({ paths: [] }), { message: "no source paths given" });
});

t.test("the manifest: the source's fields kept, revision set, rego_version 1 by default, several sources merged", async (t) => {
  const dir = t.testdir({
    a: { ".manifest": '{"roots": ["a"], "revision": "old", "metadata": {"team": "sec"}, "unknown": 1}', "a.rego": "package a" },
    b: { ".manifest": '{"roots": ["b"], "rego_version": 1, "metadata": {"team": "sec", "x": 2}}', "b.rego": "package b" },
    c: { ".manifest": '{"rego_version": 0}', "c.rego": "package c" },
    d: { ".manifest": '{"metadata": {"team": "ops"}}', "d.rego": "package d" },
    w: { ".manifest": '{"wasm": []}' },
    plain: { "p.rego": "package p" },
  });
  t.same((await buildBundle({ paths: [join(dir, "a")] })).manifest, { revision: "old", roots: ["a"], rego_version: 1, metadata: { team: "sec" } });
  t.same((await buildBundle({ paths: [join(dir, "a")], revision: "new" })).manifest.revision, "new");
  t.same((await buildBundle({ paths: [join(dir, "plain")] })).manifest, { rego_version: 1 });
  t.same((await buildBundle({ paths: [join(dir, "a"), join(dir, "b")] })).manifest, { revision: "old", roots: ["a", "b"], rego_version: 1, metadata: { team: "sec", x: 2 } });
  await t.rejects(buildBundle({ paths: [join(dir, "b"), join(dir, "c")] }), { message: "the sources' manifests disagree on rego_version (1 and 0)" });
  await t.rejects(buildBundle({ paths: [join(dir, "a"), join(dir, "d")] }), { message: `${join(dir, "d", ".manifest")}: "metadata.team" differs from another source's manifest` });
  await t.rejects(buildBundle({ paths: [join(dir, "w")] }), { message: /"wasm" modules are not supported/ });
  const built = await buildBundle({ paths: [join(dir, "a")] });
  const m = readBundleArchive(built.bytes, "b").files.find((f) => f.path === ".manifest")!;
  t.equal(new TextDecoder().decode(m.bytes), '{\n  "revision": "old",\n  "roots": [\n    "a"\n  ],\n  "rego_version": 1,\n  "metadata": {\n    "team": "sec"\n  }\n}\n', "fixed field order");
});

t.test("single files as sources go in under their own names", async (t) => {
  const dir = t.testdir({ x: { "p.rego": "package p", ".manifest": '{"roots": ["p"]}' } });
  const built = await buildBundle({ paths: [join(dir, "x", "p.rego"), join(dir, "x", ".manifest")] });
  t.same(built.files, [".manifest", "p.rego"]);
  t.same(built.manifest.roots, ["p"]);
  mkdirSync(join(dir, "empty"));
  t.same((await buildBundle({ paths: [join(dir, "empty")] })).files, [".manifest"], "an empty directory gives a bundle with only a manifest");
});
