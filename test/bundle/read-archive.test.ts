/**
 * Reading .tar.gz bundles: contents, manifest and signatures set apart; links and
 * special entries refused; limits on size and count; damaged archives refused with
 * a clear message. (The 1 GiB bomb is in read-archive-bomb.test.ts.)
 */
import t from "tap";
import { gzipSync } from "node:zlib";
import { readBundleArchive, type Bundle } from "@regolith/bundle";
import { archiveOf, tar, tarGz } from "../_lib/bundle-archive.js";

const text = (b: Bundle, path: string): string | undefined => {
  const f = b.files.find((x) => x.path === path);
  return f && new TextDecoder().decode(f.bytes);
};

t.test("files, manifest and signatures", async (t) => {
  const b = readBundleArchive(
    archiveOf({ "/.manifest": '{"revision": "r7", "roots": ["a"], "rego_version": 1, "metadata": {"k": 1}, "extra": true}', "/a/p.rego": "package a\n", "/.signatures.json": '{"signatures": ["x.y.z"]}' }),
    "https://example.test/b.tar.gz",
  );
  t.equal(b.name, "https://example.test/b.tar.gz");
  t.same(b.files.map((f) => f.path), [".manifest", "a/p.rego"], ".signatures.json is not among the files");
  t.equal(text(b, "a/p.rego"), "package a\n");
  t.same(b.manifest, { revision: "r7", roots: ["a"], rego_version: 1, metadata: { k: 1 } });
  t.same(b.signatures, { signatures: ["x.y.z"] });
  t.ok(Object.isFrozen(b) && Object.isFrozen(b.files));
  t.same(readBundleArchive(archiveOf({ "p.rego": "package p" }), "n").manifest, {}, "no manifest: {}");
});

t.test("symbolic links, hard links and device entries are refused", async (t) => {
  t.throws(() => readBundleArchive(tarGz([{ name: "p.rego", type: "SymbolicLink", linkpath: "/etc/passwd" }]), "s.tar.gz"), {
    name: "BundleError",
    message: 's.tar.gz: "p.rego": is a symbolic link; bundles may not contain links',
  });
  t.throws(() => readBundleArchive(tarGz([{ name: "a.rego", body: "package a" }, { name: "b.rego", type: "Link", linkpath: "a.rego" }]), "h.tar.gz"), {
    message: 'h.tar.gz: "b.rego": is a hard link; bundles may not contain links',
  });
  t.throws(() => readBundleArchive(tarGz([{ name: "dev", type: "CharacterDevice" }]), "c"), { message: /entry of type CharacterDevice; bundles hold only regular files/ });
  t.throws(() => readBundleArchive(tarGz([{ name: "fifo", type: "FIFO" }]), "f"), { message: /entry of type FIFO/ });
  const hugePax = tarGz([{ name: "PaxHeader/p.rego", type: "ExtendedHeader", body: `${"x".repeat(2 * 1024 * 1024)}\n` }, { name: "p.rego", body: "package p" }]);
  t.throws(() => readBundleArchive(hugePax, "pax.tar.gz"), { message: 'pax.tar.gz: "PaxHeader/p.rego": oversized ExtendedHeader entry' });
});

t.test("damaged or foreign archives are refused with a clear message", async (t) => {
  const good = archiveOf({ "p.rego": "package p\n".repeat(50) });
  t.throws(() => readBundleArchive(tar([{ name: "p.rego", body: "package p" }]), "plain.tar"), { message: "plain.tar: not a gzip-compressed tar archive (.tar.gz), the format of OPA bundles" });
  t.throws(() => readBundleArchive(new TextEncoder().encode("PK\u0003\u0004"), "x.zip"), { message: /not a gzip-compressed tar archive/ });
  const flipped = Buffer.from(good);
  flipped[30] = flipped[30]! ^ 0xff;
  t.throws(() => readBundleArchive(flipped, "flipped.tar.gz"), { message: /^flipped\.tar\.gz: corrupt archive/ });
  t.throws(() => readBundleArchive(good.subarray(0, good.length - 20), "cut.tar.gz"), { message: /^cut\.tar\.gz: corrupt archive/ });
  t.throws(() => readBundleArchive(gzipSync(Buffer.from("this is not a tar file at all ".repeat(40))), "text.gz"), { message: /^text\.gz: corrupt archive/ });
  const badSum = tar([{ name: "p.rego", body: "package p" }]);
  badSum[0] = "q".charCodeAt(0); // the name changes, the checksum does not
  t.throws(() => readBundleArchive(gzipSync(badSum), "sum.tar.gz"), { message: /^sum\.tar\.gz: corrupt archive: TAR_ENTRY_INVALID/ });
  const truncated = tar([{ name: "p.rego", body: "x".repeat(2000) }], false).subarray(0, 1024);
  t.throws(() => readBundleArchive(gzipSync(truncated), "short.tar.gz"), { message: /^short\.tar\.gz: corrupt archive.*Truncated input/ });
  t.throws(() => readBundleArchive(gzipSync(good), "twice.tar.gz.gz"), { message: "twice.tar.gz.gz: the archive is compressed twice; expected one gzip layer around a tar file" });
});

t.test("manifest and signatures files that do not parse are refused", async (t) => {
  t.throws(() => readBundleArchive(archiveOf({ ".manifest": "{roots: []}" }), "m"), { message: /^m: \.manifest: not valid JSON/ });
  t.throws(() => readBundleArchive(archiveOf({ ".manifest": '{"roots": "a"}' }), "m"), { message: 'm: .manifest: "roots" must be a list of strings' });
  t.throws(() => readBundleArchive(archiveOf({ ".manifest": '{"rego_version": 2}' }), "m"), { message: 'm: .manifest: "rego_version" must be 0 or 1' });
  t.throws(() => readBundleArchive(archiveOf({ ".manifest": "[]" }), "m"), { message: "m: .manifest: must be a JSON object" });
  t.throws(() => readBundleArchive(archiveOf({ ".signatures.json": '{"signatures": "x"}' }), "s"), { message: 's: .signatures.json: "signatures" must be a list of strings' });
  t.throws(() => readBundleArchive(archiveOf({ "x/signatures.json": "{}" }), "s"), { message: /x\/signatures\.json: OPA would read this file as the bundle's signatures/ });
});

t.test("limits: entries and bytes, checked before the bytes are kept", async (t) => {
  const three = archiveOf({ "a.rego": "package a", "b.rego": "package b", "c.rego": "package c" });
  t.equal(readBundleArchive(three, "n", { maxFiles: 3 }).files.length, 3);
  t.throws(() => readBundleArchive(three, "n.tar.gz", { maxFiles: 2 }), { message: 'n.tar.gz: "c.rego": more than 2 entries (the limit); refusing to read further' });
  const big = archiveOf({ "a.json": "x".repeat(600), "b.json": "y".repeat(600) });
  t.equal(readBundleArchive(big, "n", { maxBytes: 1200 }).files.length, 2);
  t.throws(() => readBundleArchive(big, "big.tar.gz", { maxBytes: 1199 }), { message: "big.tar.gz: b.json: the bundle's files exceed 1199 bytes uncompressed (the limit); refusing to read further" });
  // A header that claims more than the limit is refused before its body is read.
  const liar = tarGz([{ name: "huge.rego", size: 5 * 1024 * 1024 }]);
  t.throws(() => readBundleArchive(liar, "liar.tar.gz", { maxBytes: 1024 * 1024 }), { message: "liar.tar.gz: huge.rego: the bundle's files exceed 1 MiB uncompressed (the limit); refusing to read further" });
  t.throws(() => readBundleArchive(three, "x", { maxBytes: -1 }), { message: "invalid limit maxBytes: -1" });
});

t.test("data after the end of the archive is inflated only up to the limit", async (t) => {
  const small = Buffer.concat([tar([{ name: "p.rego", body: "package p" }]), Buffer.alloc(64 * 1024 * 1024)]);
  const gz = gzipSync(small, { level: 1 });
  t.equal(readBundleArchive(gz, "pad").files.length, 1, "padding after the end is dropped (GNU tar pads records with zeros)");
  t.throws(() => readBundleArchive(gz, "pad.tar.gz", { maxBytes: 1024 * 1024, maxFiles: 10 }), { message: "pad.tar.gz: inflates to more than 2.0 MiB, past the 1 MiB limit; refusing to read further" });
});
