/** Loading verification keys (PEM public or private, JWK, JWK Set, HMAC secret) and choosing a token's key from them. */
import t from "tap";
import { CompactSign } from "jose";
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileDigest, loadVerificationKeys, verifyBundle, type Bundle } from "@regolith/bundle";
import { ecPair, rsaPair } from "../_lib/bundle-archive.js";
import { utf8 } from "../_lib/bundle-signed.js";

/** A one-file bundle whose signature is a token over `claims` made with `key` and `header`. */
async function resigned(b: Bundle, claims: unknown, key: KeyObject, header: { alg: string; kid?: string }): Promise<Bundle> {
  const token = await new CompactSign(utf8(JSON.stringify(claims))).setProtectedHeader(header).sign(key);
  return { ...b, signatures: { signatures: [token] } };
}

t.test("one key per file: named by keyId, by the JWK's kid, or \"default\"", async (t) => {
  const rsa = rsaPair();
  const dir = t.testdir({
    "spki.pem": rsa.publicKey.export({ type: "spki", format: "pem" }) as string,
    "pkcs1.pem": rsa.publicKey.export({ type: "pkcs1", format: "pem" }) as string,
    "priv.pem": rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    "key.jwk": JSON.stringify({ ...rsa.publicKey.export({ format: "jwk" }), kid: "jwk-1" }),
    "secret.txt": "shared-secret-for-tests",
  });
  t.same((await loadVerificationKeys(join(dir, "spki.pem"))).keyIds, ["default"]);
  t.same((await loadVerificationKeys(join(dir, "pkcs1.pem"), { keyId: "ops" })).keyIds, ["ops"]);
  t.same((await loadVerificationKeys(join(dir, "priv.pem"))).keyIds, ["default"], "a private key's public half");
  t.same((await loadVerificationKeys(join(dir, "key.jwk"))).keyIds, ["jwk-1"]);
  t.same((await loadVerificationKeys(join(dir, "secret.txt"), { alg: "HS384" })).keyIds, ["default"]);
});

t.test("a JWK Set: each key under its kid", async (t) => {
  const a = rsaPair();
  const b = ecPair("P-256");
  const dir = t.testdir({
    "set.json": JSON.stringify({ keys: [{ ...a.publicKey.export({ format: "jwk" }), kid: "a" }, { ...b.publicKey.export({ format: "jwk" }), kid: "b", alg: "ES256" }] }),
    "one.json": JSON.stringify({ keys: [a.publicKey.export({ format: "jwk" })] }),
  });
  t.same((await loadVerificationKeys(join(dir, "set.json"))).keyIds, ["a", "b"]);
  t.same((await loadVerificationKeys(join(dir, "one.json"))).keyIds, ["default"], "a lone key needs no kid");
});

t.test("problems are reported with the file (and key) named", async (t) => {
  const a = rsaPair();
  const jwk = a.publicKey.export({ format: "jwk" });
  const dir = t.testdir({ "pub.pem": a.publicKey.export({ type: "spki", format: "pem" }) as string });
  const write = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cases: [string, { keyId?: string; alg?: string } | undefined, RegExp][] = [
    [write("nokid.json", JSON.stringify({ keys: [jwk, jwk] })), undefined, /nokid\.json: key #1: has no "kid"; every key of a JWK Set with several keys needs one/],
    [write("dup.json", JSON.stringify({ keys: [{ ...jwk, kid: "x" }, { ...jwk, kid: "x" }] })), undefined, /dup\.json: key id "x" appears twice/],
    [write("set.json", JSON.stringify({ keys: [{ ...jwk, kid: "x" }, { ...jwk, kid: "y" }] })), { keyId: "z" }, /set\.json: no key with id "z" \(the file has "x", "y"\)/],
    [write("empty.json", JSON.stringify({ keys: [] })), undefined, /empty\.json: the JWK Set has no keys/],
    [write("enc.json", JSON.stringify({ ...jwk, use: "enc" })), undefined, /enc\.json: the key's "use" is "enc", not "sig"/],
    [write("alg.json", JSON.stringify({ ...jwk, alg: "RS512" })), { alg: "RS256" }, /alg\.json: the key is for RS512, not RS256/],
    [write("badalg.json", JSON.stringify({ ...jwk, alg: "none" })), undefined, /badalg\.json: unsupported signing algorithm "none"/],
    [write("nokty.json", JSON.stringify({ n: "x" })), undefined, /nokty\.json: not a JWK \(no "kty"\)/],
    [write("broken.json", JSON.stringify({ kty: "RSA", n: "x" })), undefined, /broken\.json: not a usable RSA JWK/],
    [write("garbled.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"), undefined, /garbled\.pem: not a PEM public key, certificate or private key/],
    [write("secret.txt", "s"), { alg: "RS256" }, /secret\.txt: not a PEM or JWK key, which RS256 needs/],
    [join(dir, "pub.pem"), { alg: "ES256" }, /pub\.pem: an RSA key cannot be used with ES256/],
  ];
  for (const [file, options, why] of cases) await t.rejects(loadVerificationKeys(file, options), { name: "BundleError", message: why }, file);
});

t.test("keys rotate: a JWK Set selects the key by kid", async (t) => {
  const oldPair = rsaPair();
  const newPair = rsaPair();
  const jwk = (p: ReturnType<typeof rsaPair>, kid: string) => ({ ...p.publicKey.export({ format: "jwk" }), kid, alg: "RS256", use: "sig" });
  const dir = t.testdir({ "jwks.json": JSON.stringify({ keys: [jwk(oldPair, "2025"), jwk(newPair, "2026")] }) });
  const keys = await loadVerificationKeys(join(dir, "jwks.json"));
  t.same(keys.keyIds, ["2025", "2026"]);
  const claims = { files: [{ name: "p.rego", hash: fileDigest("p.rego", utf8("package p")), algorithm: "SHA-256" }] };
  const b: Bundle = { name: "r.tar.gz", files: [{ path: "p.rego", bytes: utf8("package p") }], manifest: {}, signatures: undefined };
  t.equal((await verifyBundle(await resigned(b, claims, oldPair.privateKey, { alg: "RS256", kid: "2025" }), keys)).keyId, "2025");
  t.equal((await verifyBundle(await resigned(b, claims, newPair.privateKey, { alg: "RS256", kid: "2026" }), keys)).keyId, "2026");
  t.equal((await verifyBundle(await resigned(b, { ...claims, keyid: "2026" }, newPair.privateKey, { alg: "RS256" }), keys)).keyId, "2026", "the deprecated keyid claim when the header has no kid");
  await t.rejects(verifyBundle(await resigned(b, claims, newPair.privateKey, { alg: "RS256", kid: "2025" }), keys), { message: /does not verify with key "2025"/ }, "a kid naming the wrong key");
  await t.rejects(verifyBundle(await resigned(b, claims, newPair.privateKey, { alg: "RS256", kid: "2027" }), keys), { message: 'r.tar.gz: signed with key id "2027", which is not among the verification keys ("2025", "2026")' });
  await t.rejects(verifyBundle(await resigned(b, claims, newPair.privateKey, { alg: "RS256" }), keys), { message: /names no key id and .*jwks\.json holds several keys \("2025", "2026"\); pass a key id/ });
  const pinned = await loadVerificationKeys(join(dir, "jwks.json"), { keyId: "2026" });
  t.equal((await verifyBundle(await resigned(b, claims, newPair.privateKey, { alg: "RS256", kid: "2025" }), pinned)).keyId, "2026", "a pinned key id wins over the token's kid");
});

t.test("HMAC keys as oct JWKs; unsupported key types are refused", async (t) => {
  const dir = t.testdir({
    "oct.jwk": JSON.stringify({ kty: "oct", k: Buffer.from("jwk-secret-for-tests").toString("base64url"), kid: "h" }),
    "ed.pem": generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }) as string,
    "k1.pem": generateKeyPairSync("ec", { namedCurve: "secp256k1" }).publicKey.export({ type: "spki", format: "pem" }) as string,
  });
  t.same((await loadVerificationKeys(join(dir, "oct.jwk"))).keyIds, ["h"]);
  await t.rejects(loadVerificationKeys(join(dir, "ed.pem")), { message: /ed\.pem: ed25519 key is not supported \(use RSA, EC P-256\/P-384\/P-521, or an HMAC secret\)/ });
  await t.rejects(loadVerificationKeys(join(dir, "k1.pem")), { message: /k1\.pem: EC key on curve secp256k1 is not supported/ });
});
