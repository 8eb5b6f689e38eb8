/**
 * Interoperability with OPA's documented format. test/fixtures/bundles/opa-signed/
 * holds a bundle and .signatures.json laid out by hand from OPA's documentation (see
 * its README and generate.mjs, which uses node:crypto only). Regolith must verify it,
 * as a directory and as an archive written the way `opa build` writes them ("/"-
 * prefixed names, directory entries), and Regolith's own signatures must carry the
 * same documented claim set.
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileDigest, loadVerificationKeys, readBundle, readBundleArchive, rootProblems, verifyBundle, type Bundle } from "@regolith/bundle";
import { tarGz } from "../_lib/bundle-archive.js";
import { claimsOf, headerOf, signedBundle } from "../_lib/bundle-signed.js";

const FIXTURE = join(import.meta.dirname, "../fixtures/bundles/opa-signed");
const DIR = join(FIXTURE, "bundle");
const handMade = JSON.parse(readFileSync(join(FIXTURE, "claims.json"), "utf8")) as { header: Record<string, unknown>; payload: { files: { name: string; hash: string; algorithm: string }[] } & Record<string, unknown> };
const keys = await loadVerificationKeys(join(FIXTURE, "public-key.pem"), { keyId: "fixture-key", alg: "RS256" });

t.test("the hand-made OPA bundle directory verifies", async (t) => {
  const b = await readBundle(DIR);
  t.same(b.manifest, { revision: "7864d60dd78d748dbce54b569e939f5b0dc07486", roots: ["roles", "http/example/authz"], rego_version: 1 });
  t.same(await verifyBundle(b, keys, { scope: "write" }), { keyId: "fixture-key", scope: "write", files: [".manifest", "http/example/authz/authz.rego", "roles/bindings/data.json"] });
  t.same(rootProblems(b, new Map([["http/example/authz/authz.rego", ["http", "example", "authz"]]])), []);
});

t.test("Regolith's digests equal the ones computed by hand from OPA's rules", async (t) => {
  const b = await readBundle(DIR);
  for (const f of handMade.payload.files) t.equal(fileDigest(f.name, b.files.find((x) => x.path === f.name)!.bytes), f.hash, f.name);
});

t.test("the same bundle as `opa build` writes archives ('/'-prefixed names, directory entries) verifies", async (t) => {
  const b = await readBundle(DIR);
  const sig = readFileSync(join(DIR, ".signatures.json"));
  const body = (path: string): Buffer => Buffer.from(b.files.find((f) => f.path === path)!.bytes);
  const archive = tarGz([
    { name: "/.manifest", body: body(".manifest") },
    { name: "/.signatures.json", body: sig },
    { name: "/roles/", type: "Directory" },
    { name: "/roles/bindings/", type: "Directory" },
    { name: "/roles/bindings/data.json", body: body("roles/bindings/data.json") },
    { name: "/http/example/authz/authz.rego", body: body("http/example/authz/authz.rego") },
  ]);
  const fromArchive = readBundleArchive(archive, "opa-style.tar.gz");
  t.same(fromArchive.files.map((f) => f.path), b.files.map((f) => f.path));
  t.ok(await verifyBundle(fromArchive, keys, { scope: "write" }));
});

t.test("tampering with the hand-made bundle is caught", async (t) => {
  const b = await readBundle(DIR);
  const edit = (path: string, change: (s: string) => string): Bundle => ({
    ...b,
    files: b.files.map((f) => (f.path === path ? { path, bytes: new TextEncoder().encode(change(new TextDecoder().decode(f.bytes))) } : f)),
  });
  await t.rejects(verifyBundle(edit("roles/bindings/data.json", (s) => s.replace("admin", "root")), keys), { message: /roles\/bindings\/data\.json: modified/ });
  await t.rejects(verifyBundle(edit(".manifest", (s) => s.replace('"roles", ', "")), keys), { message: /\.manifest: modified/ });
  t.ok(await verifyBundle(edit("roles/bindings/data.json", (s) => s.replace(/\s+/g, "")), keys), "whitespace is not content in JSON (OPA's rule)");
});

t.test("Regolith's .signatures.json carries the documented claim set, like the hand-made one", async (t) => {
  const { bundle } = await signedBundle({ keyId: "k1", scope: "write", iss: "JWTService" });
  const ours = claimsOf(bundle);
  t.ok(Object.keys(ours).every((k) => k in handMade.payload), `claims ${Object.keys(ours).join(", ")} are among the documented ${Object.keys(handMade.payload).join(", ")}`);
  t.same(Object.keys(handMade.payload).filter((k) => !(k in ours)), ["iat"], "all but iat, left out for reproducibility");
  for (const f of ours.files as Record<string, unknown>[]) t.same(Object.keys(f).sort(), Object.keys(handMade.payload.files[0]!).sort());
  t.same(Object.keys(headerOf(bundle)).sort(), Object.keys(handMade.header).sort());
});
