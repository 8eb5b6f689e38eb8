/**
 * Reading bundle directories (through readBundle): every file at its relative path,
 * hidden ones included; links refused (symbolic and hard, to files and to
 * directories); limits applied.
 */
import t from "tap";
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readBundle } from "@regolith/bundle";

t.test("every file, at its relative path, sorted; .signatures.json set apart", async (t) => {
  const dir = t.testdir({
    ".manifest": '{"roots": ["a"]}',
    ".signatures.json": '{"signatures": []}',
    a: { "p.rego": "package a", "data.json": "{}", ".hidden": "x" },
    "README.md": "# notes",
  });
  const b = await readBundle(dir);
  t.equal(b.name, dir);
  t.same(b.files.map((f) => f.path), [".manifest", "README.md", "a/.hidden", "a/data.json", "a/p.rego"]);
  t.same(b.manifest, { roots: ["a"] });
  t.same(b.signatures, { signatures: [] });
});

t.test("a symbolic link to a file or to a directory is refused", async (t) => {
  const root = t.testdir({ outside: { "secret.rego": "package stolen" }, b1: { "p.rego": "package p" }, b2: { sub: {} } });
  const outside = join(root, "outside");
  const dir = join(root, "b1");
  symlinkSync(join(outside, "secret.rego"), join(dir, "link.rego"));
  await t.rejects(readBundle(dir), { name: "BundleError", message: `${dir}: link.rego: is a symbolic link; bundles may not contain links` });
  const dir2 = join(root, "b2");
  symlinkSync(outside, join(dir2, "sub", "linked"));
  await t.rejects(readBundle(dir2), { message: `${dir2}: sub/linked: is a symbolic link; bundles may not contain links` });
});

t.test("a hard link is refused", async (t) => {
  const root = t.testdir({ outside: { "other.rego": "package other" }, b: {} });
  const dir = join(root, "b");
  linkSync(join(root, "outside", "other.rego"), join(dir, "p.rego"));
  await t.rejects(readBundle(dir), { message: `${dir}: p.rego: is a hard link (2 names for one file); bundles may not contain links` });
});

t.test("limits apply to directories too", async (t) => {
  const dir = t.testdir({ "a.json": "x".repeat(100), "b.json": "y".repeat(100), c: {} });
  t.equal((await readBundle(dir, { maxBytes: 200 })).files.length, 2);
  await t.rejects(readBundle(dir, { maxBytes: 199 }), { message: `${dir}: b.json: the bundle's files exceed 199 bytes uncompressed (the limit); refusing to read further` });
  await t.rejects(readBundle(dir, { maxFiles: 2 }), { message: /more than 2 entries \(the limit\)/ }, "directories count as entries");
});

t.test("a path that does not exist, or is neither a file nor a directory", async (t) => {
  const dir = t.testdir({});
  await t.rejects(readBundle(join(dir, "nope")), { message: `${join(dir, "nope")}: no such file or directory` });
  await t.rejects(readBundle("/dev/null"), { message: "/dev/null: not a file or directory" });
});

t.test("a file is read as an archive, by content and within the size limit", async (t) => {
  const dir = t.testdir({ "bundle.zip": "not gzip" });
  await t.rejects(readBundle(join(dir, "bundle.zip")), { message: `${join(dir, "bundle.zip")}: not a gzip-compressed tar archive (.tar.gz), the format of OPA bundles` });
  mkdirSync(join(dir, "x"));
  writeFileSync(join(dir, "big.tar.gz"), Buffer.alloc(2048));
  await t.rejects(readBundle(join(dir, "big.tar.gz"), { maxBytes: 1024 }), { message: `${join(dir, "big.tar.gz")}: 2048 bytes is more than the 1024 bytes limit` });
});
