/**
 * Verification, the acceptance cases: a bundle built and signed by Regolith
 * verifies; a one-byte change in any file, a removed file, an added file, a
 * signature by another key, and an unsigned bundle each fail with a message that
 * says which. Plus key rotation by kid, algorithm pinning, scope and malformed
 * signatures.
 */
import t from "tap";
import { CompactSign } from "jose";
import { createPrivateKey, createSecretKey, generateKeyPairSync, sign as cryptoSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadVerificationKeys, verifyBundle, type Bundle } from "@regolith/bundle";
import { rsaPair, writePemPair } from "../_lib/bundle-archive.js";
import { signedBundle, utf8, withFiles } from "../_lib/bundle-signed.js";

const setup = await signedBundle({ keyId: "k1" });
const ring = await loadVerificationKeys(setup.keys.pub);

/** A token over `claims` with `key`, put in place of the bundle's signature. */
async function resigned(b: Bundle, claims: unknown, key: Parameters<CompactSign["sign"]>[0], header: Record<string, unknown> = { alg: "RS256", kid: "k1" }): Promise<Bundle> {
  const token = await new CompactSign(utf8(JSON.stringify(claims))).setProtectedHeader(header as { alg: string }).sign(key);
  return { ...b, signatures: { signatures: [token] } };
}

t.test("a bundle built and signed by Regolith verifies", async (t) => {
  const v = await verifyBundle(setup.bundle, ring);
  t.same(v, { keyId: "default", files: [".manifest", "data.json", "lib/util.rego", "policy.rego"] });
});

t.test("a one-byte change in any file fails, naming the file", async (t) => {
  for (const file of setup.bundle.files) {
    const bytes = Uint8Array.from(file.bytes);
    const at = bytes.findIndex((b) => b >= 0x61 && b <= 0x79); // a letter, inside a key, a value or code
    bytes[at] = bytes[at]! + 1;
    const altered = withFiles(setup.bundle, setup.bundle.files.map((f) => (f === file ? { path: f.path, bytes } : f)));
    await t.rejects(verifyBundle(altered, ring), { name: "BundleError", message: `signed.tar.gz: verification failed:\n  ${file.path}: modified: its SHA-256 digest does not match the signature` }, file.path);
  }
});

t.test("whitespace and key order in JSON files do not count (OPA hashes their canonical form)", async (t) => {
  const files = setup.bundle.files.map((f) => (f.path === "data.json" ? { path: f.path, bytes: utf8('{ "acme" : { "limits" : { "max" : 3 } } }\n') } : f));
  t.ok(await verifyBundle(withFiles(setup.bundle, files), ring));
});

t.test("a removed file fails, naming it", async (t) => {
  const files = setup.bundle.files.filter((f) => f.path !== "lib/util.rego");
  await t.rejects(verifyBundle(withFiles(setup.bundle, files), ring), { message: "signed.tar.gz: verification failed:\n  lib/util.rego: missing: in the signature but not in the bundle" });
});

t.test("an added file fails, naming it", async (t) => {
  const files = [...setup.bundle.files, { path: "evil.rego", bytes: utf8("package acme.evil\n") }];
  await t.rejects(verifyBundle(withFiles(setup.bundle, files), ring), { message: "signed.tar.gz: verification failed:\n  evil.rego: extra file: in the bundle but not in the signature" });
});

t.test("all file problems are listed, one per line, in path order", async (t) => {
  const files = [...setup.bundle.files.filter((f) => f.path !== "policy.rego"), { path: "a.rego", bytes: utf8("package a") }].map((f) => (f.path === "data.json" ? { path: f.path, bytes: utf8("{}") } : f));
  await t.rejects(verifyBundle(withFiles(setup.bundle, files), ring), {
    message: [
      "signed.tar.gz: verification failed:",
      "  a.rego: extra file: in the bundle but not in the signature",
      "  data.json: modified: its SHA-256 digest does not match the signature",
      "  policy.rego: missing: in the signature but not in the bundle",
    ].join("\n"),
  });
});

t.test("a signature by another key fails", async (t) => {
  const other = t.testdir({});
  const otherPub = writePemPair(other, rsaPair()).pub;
  const otherRing = await loadVerificationKeys(otherPub);
  await t.rejects(verifyBundle(setup.bundle, otherRing), { message: `signed.tar.gz: the signature does not verify with key "default" from ${otherPub} (signed by another key, or altered)` });
  const claims = JSON.parse(Buffer.from(setup.bundle.signatures!.signatures[0]!.split(".")[1]!, "base64url").toString());
  const forged = await resigned(setup.bundle, claims, rsaPair().privateKey);
  await t.rejects(verifyBundle(forged, ring), { message: /does not verify with key "default"/ }, "the right claims signed by someone else");
});

t.test("an unsigned bundle fails when a key is given", async (t) => {
  await t.rejects(verifyBundle({ ...setup.bundle, signatures: undefined }, ring), { message: "signed.tar.gz: not signed (no .signatures.json), but a verification key was given" });
});

t.test("malformed signature files fail closed", async (t) => {
  const b = setup.bundle;
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [] } }, ring), { message: "signed.tar.gz: .signatures.json: holds no signature; OPA's format has exactly one" });
  const token = b.signatures!.signatures[0]!;
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [token, token] } }, ring), { message: /holds 2 signatures/ });
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: ["not-a-jws"] } }, ring), { message: /^signed\.tar\.gz: \.signatures\.json: not a JWS/ });
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [token], plugin: "custom" } }, ring), { message: 'signed.tar.gz: .signatures.json: signing plugin "custom" is not supported' });
  const [h, , s] = token.split(".");
  const swapped = `${h}.${Buffer.from('{"files":[]}').toString("base64url")}.${s}`;
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [swapped] } }, ring), { message: /does not verify/ }, "a payload swapped under the old signature");
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const own = await loadVerificationKeys(writePemPair(t.testdir({}), pair).pub);
  for (const [claims, why] of [
    [[], /is not a JSON object/],
    [{}, /has no "files" list/],
    [{ files: [{ name: "x" }] }, /lists a file \(#1\) without string "name", "hash" and "algorithm"/],
    [{ files: [], scope: 3 }, /"scope" that is not a string/],
  ] as const) {
    await t.rejects(verifyBundle(await resigned(b, claims, pair.privateKey), own), { message: why });
  }
  const notJson = await new CompactSign(utf8("not json")).setProtectedHeader({ alg: "RS256" }).sign(pair.privateKey);
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [notJson] } }, own), { message: "signed.tar.gz: the signed payload is not JSON" });
  const noAlg = `${Buffer.from("{}").toString("base64url")}.${token.split(".")[1]}.${token.split(".")[2]}`;
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [noAlg] } }, ring), { message: 'signed.tar.gz: .signatures.json: the token header has no "alg"' });
  // A critical header extension no verifier knows: jose refuses the token before checking the signature.
  const input = `${Buffer.from('{"alg":"RS256","crit":["exp-x"],"exp-x":1}').toString("base64url")}.${Buffer.from('{"files":[]}').toString("base64url")}`;
  const crit = `${input}.${cryptoSign("sha256", Buffer.from(input), pair.privateKey).toString("base64url")}`;
  await t.rejects(verifyBundle({ ...b, signatures: { signatures: [crit] } }, own), { message: 'signed.tar.gz: bad signature token: Extension Header Parameter "exp-x" is not recognized' });
});

t.test("weak or unknown digest algorithms in the signature are refused", async (t) => {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const own = await loadVerificationKeys(writePemPair(t.testdir({}), pair).pub);
  const b = { ...setup.bundle, files: [{ path: "p.rego", bytes: utf8("package p") }] };
  const md5 = await resigned(b, { files: [{ name: "p.rego", hash: "0".repeat(32), algorithm: "MD5" }] }, pair.privateKey);
  await t.rejects(verifyBundle(md5, own), { message: "signed.tar.gz: verification failed:\n  p.rego: MD5 is too weak to trust (use SHA-256)" });
  const dup = await resigned(b, { files: [{ name: "p.rego", hash: "a", algorithm: "SHA-256" }, { name: "p.rego", hash: "a", algorithm: "SHA-256" }] }, pair.privateKey);
  await t.rejects(verifyBundle(dup, own), { message: /p\.rego: listed more than once in the signature/ });
});

t.test("a key verifies only with its own algorithms (no HMAC made from a public key)", async (t) => {
  const pemBytes = readFileSync(setup.keys.pub);
  const b = setup.bundle;
  const claims = JSON.parse(Buffer.from(b.signatures!.signatures[0]!.split(".")[1]!, "base64url").toString());
  const confused = await resigned(b, claims, createSecretKey(pemBytes), { alg: "HS256", kid: "k1" });
  await t.rejects(verifyBundle(confused, ring), { message: /^signed\.tar\.gz: signed with HS256, but key "default" from \S+ is for RS256, RS384, RS512, PS256, PS384, PS512$/ });
  const rs256Only = await loadVerificationKeys(setup.keys.pub, { alg: "RS256" });
  const ps = await resigned(b, claims, createPrivateKey(readFileSync(setup.keys.priv)), { alg: "PS256", kid: "k1" });
  await t.rejects(verifyBundle(ps, rs256Only), { message: /signed with PS256, but key "default" from \S+ is for RS256$/ });
  t.ok(await verifyBundle(ps, ring), "without an alg pinned, PS256 fits an RSA key");
});

t.test("scope: returned, and enforced when the caller gives one", async (t) => {
  const scoped = await signedBundle({ keyId: "k1", scope: "write", iss: "ci" });
  const keys = await loadVerificationKeys(scoped.keys.pub);
  t.equal((await verifyBundle(scoped.bundle, keys)).scope, "write");
  t.ok(await verifyBundle(scoped.bundle, keys, { scope: "write" }));
  await t.rejects(verifyBundle(scoped.bundle, keys, { scope: "read" }), { message: 'signed.tar.gz: signature scope "write" does not match the required scope "read"' });
  await t.rejects(verifyBundle(setup.bundle, ring, { scope: "read" }), { message: /signature scope "" does not match/ });
});

t.test("a keyring must come from loadVerificationKeys", async (t) => {
  await t.rejects(verifyBundle(setup.bundle, { keyIds: [] }), { message: /the keyring was not made by loadVerificationKeys/ });
});
