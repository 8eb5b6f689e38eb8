/**
 * Regolith's signatures in OPA's format: the JWT decodes to exactly OPA's documented
 * claim set (https://www.openpolicyagent.org/docs/management-bundles, "Signature
 * Format": files[{name, hash, algorithm}] plus optional keyid, scope, iat, iss), and
 * every supported algorithm signs and verifies.
 */
import t from "tap";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildBundle, fileDigest, loadSigningKey, loadVerificationKeys, readBundleArchive, SIGNING_ALGORITHMS, verifyBundle } from "@regolith/bundle";
import { ecPair, rsaPair, writePemPair } from "../_lib/bundle-archive.js";
import { claimsOf, headerOf, signedBundle, writeSources } from "../_lib/bundle-signed.js";

// OPA's documented fields: the payload table and the JWT header sentence ("The JWT has
// the standard headers alg, typ (always JWT), and kid").
const DOCUMENTED_CLAIMS = ["files", "keyid", "scope", "iat", "iss"];
const DOCUMENTED_FILE_FIELDS = ["algorithm", "hash", "name"];
const DOCUMENTED_HEADER = ["alg", "kid", "typ"];

t.test("the payload has exactly OPA's documented shape", async (t) => {
  const { bundle } = await signedBundle({ keyId: "k1", scope: "write", iss: "regolith-ci" });
  const claims = claimsOf(bundle);
  t.same(Object.keys(claims).sort(), ["files", "iss", "keyid", "scope"]);
  t.ok(Object.keys(claims).every((k) => DOCUMENTED_CLAIMS.includes(k)), "only documented claims");
  t.notOk("iat" in claims, "no issue time, so the bytes are reproducible");
  t.same({ keyid: claims.keyid, scope: claims.scope, iss: claims.iss }, { keyid: "k1", scope: "write", iss: "regolith-ci" });
  const files = claims.files as Record<string, unknown>[];
  t.same(files.map((f) => f.name), bundle.files.map((f) => f.path), "every file but .signatures.json, in path order");
  for (const f of files) {
    t.same(Object.keys(f).sort(), DOCUMENTED_FILE_FIELDS, `${String(f.name)}: exactly name, hash, algorithm`);
    t.equal(f.algorithm, "SHA-256");
    t.match(f.hash, /^[0-9a-f]{64}$/);
  }
  const rego = bundle.files.find((f) => f.path === "policy.rego")!;
  t.equal(files.find((f) => f.name === "policy.rego")!.hash, createHash("sha256").update(rego.bytes).digest("hex"), "a .rego file: SHA-256 of its bytes");
  const data = bundle.files.find((f) => f.path === "data.json")!;
  t.equal(files.find((f) => f.name === "data.json")!.hash, createHash("sha256").update('{"acme":{"limits":{"max":3}}}').digest("hex"), "data.json: SHA-256 of its canonical form");
  const header = headerOf(bundle);
  t.same(header, { alg: "RS256", typ: "JWT", kid: "k1" });
  t.ok(Object.keys(header).every((k) => DOCUMENTED_HEADER.includes(k)));
  t.equal(fileDigest("data.json", data.bytes), files.find((f) => f.name === "data.json")!.hash);
});

t.test("without a key id, neither kid nor keyid is written", async (t) => {
  const { bundle } = await signedBundle({});
  t.same(Object.keys(claimsOf(bundle)), ["files"]);
  t.same(headerOf(bundle), { alg: "RS256", typ: "JWT" });
});

t.test("the .signatures.json file is {\"signatures\": [token]}", async (t) => {
  const { bytes } = await signedBundle({ keyId: "k1" });
  const { Parser } = await import("tar");
  const entries: Record<string, string> = {};
  const p = new Parser();
  p.on("entry", (e) => {
    let s = "";
    e.on("data", (c: Buffer) => (s += c.toString()));
    e.on("end", () => (entries[e.path] = s));
  });
  p.end(Buffer.from(bytes)); // parses synchronously
  const parsed = JSON.parse(entries[".signatures.json"]!) as { signatures: string[] };
  t.same(Object.keys(parsed), ["signatures"]);
  t.equal(parsed.signatures.length, 1);
  t.match(parsed.signatures[0], /^[\w-]+\.[\w-]+\.[\w-]+$/, "a compact JWS");
});

t.test("every supported algorithm signs and verifies", async (t) => {
  t.same([...SIGNING_ALGORITHMS], ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512"]);
  const dir = t.testdir({ src: {} });
  writeSources(join(dir, "src"));
  const rsa = writePemPair(dir, rsaPair(), "rsa-");
  const ec: Record<string, { priv: string; pub: string }> = {
    ES256: writePemPair(dir, ecPair("P-256"), "p256-"),
    ES384: writePemPair(dir, ecPair("P-384"), "p384-"),
    ES512: writePemPair(dir, ecPair("P-521"), "p521-"),
  };
  writeFileSync(join(dir, "hmac.key"), "a-test-only-shared-secret-of-some-length\n");
  for (const alg of SIGNING_ALGORITHMS) {
    const files = alg.startsWith("HS") ? { priv: join(dir, "hmac.key"), pub: join(dir, "hmac.key") } : alg.startsWith("ES") ? ec[alg]! : rsa;
    const key = await loadSigningKey(files.priv, alg);
    const built = await buildBundle({ paths: [join(dir, "src")], signing: { key, alg, keyId: alg } });
    const bundle = readBundleArchive(built.bytes, alg);
    t.equal(headerOf(bundle).alg, alg);
    const v = await verifyBundle(bundle, await loadVerificationKeys(files.pub, { alg }));
    t.equal(v.files.length, 4, `${alg} verifies`);
  }
});

t.test("the signing options must fit the key", async (t) => {
  const dir = t.testdir({ src: {} });
  writeSources(join(dir, "src"));
  const key = await loadSigningKey(writePemPair(dir, rsaPair()).priv, "RS256");
  await t.rejects(buildBundle({ paths: [join(dir, "src")], signing: { key, alg: "ES256" } }), { name: "BundleError", message: /an RSA key cannot be used with ES256 \(it fits RS256, RS384, RS512, PS256, PS384, PS512\)/ });
  await t.rejects(buildBundle({ paths: [join(dir, "src")], signing: { key, alg: "none" } }), { message: /unsupported signing algorithm "none"/ });
  t.ok(await buildBundle({ paths: [join(dir, "src")], signing: { key, alg: "PS384" } }), "another algorithm of the same key type is fine");
});
