/** Loading signing keys: PEM (PKCS#8, PKCS#1, SEC1), JWK, HMAC secrets; and every way it can go wrong. */
import t from "tap";
import { compactVerify } from "jose";
import { createSecretKey } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildBundle, loadSigningKey, readBundleArchive } from "@regolith/bundle";
import { ecPair, rsaPair } from "../_lib/bundle-archive.js";
import { writeSources } from "../_lib/bundle-signed.js";

t.test("PEM private keys in PKCS#8, PKCS#1 and SEC1, and private JWKs", async (t) => {
  const rsa = rsaPair();
  const ec = ecPair("P-384");
  const dir = t.testdir({
    "pkcs8.pem": rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    "pkcs1.pem": rsa.privateKey.export({ type: "pkcs1", format: "pem" }) as string,
    "sec1.pem": ec.privateKey.export({ type: "sec1", format: "pem" }) as string,
    "rsa.jwk": JSON.stringify(rsa.privateKey.export({ format: "jwk" })),
  });
  t.match(await loadSigningKey(join(dir, "pkcs8.pem"), "RS256"), { alg: "RS256", source: join(dir, "pkcs8.pem") });
  t.equal((await loadSigningKey(join(dir, "pkcs1.pem"), "PS512")).key.asymmetricKeyType, "rsa");
  t.equal((await loadSigningKey(join(dir, "sec1.pem"), "ES384")).key.asymmetricKeyType, "ec");
  t.equal((await loadSigningKey(join(dir, "rsa.jwk"), "RS384")).alg, "RS384");
});

t.test("an HMAC secret is the file's exact bytes, as OPA reads it (trailing newline included)", async (t) => {
  const dir = t.testdir({ "secret.txt": "s3cret-for-tests\n", "oct.jwk": JSON.stringify({ kty: "oct", k: Buffer.from("jwk-secret").toString("base64url") }), src: {} });
  writeSources(join(dir, "src"));
  const key = await loadSigningKey(join(dir, "secret.txt"), "HS256");
  const built = await buildBundle({ paths: [join(dir, "src")], signing: { key, alg: "HS256" } });
  const token = readBundleArchive(built.bytes, "b").signatures!.signatures[0]!;
  t.ok(await compactVerify(token, createSecretKey(Buffer.from("s3cret-for-tests\n"))));
  await t.rejects(compactVerify(token, createSecretKey(Buffer.from("s3cret-for-tests"))), "not the trimmed text");
  t.equal((await loadSigningKey(join(dir, "oct.jwk"), "HS512")).key.type, "secret");
});

t.test("wrong or unusable keys are refused with the file named and the key never shown", async (t) => {
  const rsa = rsaPair();
  const small = rsaPair(1024);
  const dir = t.testdir({
    "rsa.pem": rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    "pub.pem": rsa.publicKey.export({ type: "spki", format: "pem" }) as string,
    "p256.pem": ecPair("P-256").privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    "small.pem": small.privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    "ed.pem": "",
    "enc.pem": rsa.privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "test-only" }) as string,
    "pubonly.jwk": JSON.stringify(rsa.publicKey.export({ format: "jwk" })),
    "junk.jwk": "{not json",
    "empty.key": "",
    "bad-oct.jwk": JSON.stringify({ kty: "oct" }),
    "garbled.pem": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
  });
  writeFileSync(join(dir, "ed.pem"), (await import("node:crypto")).generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }));
  const f = (n: string): string => join(dir, n);
  const cases: [string, string, RegExp][] = [
    ["rsa.pem", "XS256", /unsupported signing algorithm "XS256" \(use one of RS256, .*HS512\)/],
    ["rsa.pem", "ES256", /rsa\.pem: an RSA key cannot be used with ES256/],
    ["p256.pem", "ES384", /p256\.pem: an EC prime256v1 key cannot be used with ES384 \(it fits ES256\)/],
    ["pub.pem", "RS256", /pub\.pem: not a PEM private key/],
    ["small.pem", "RS256", /small\.pem: RSA key of 1024 bits; RS256 needs at least 2048/],
    ["ed.pem", "RS256", /ed\.pem: ed25519 key is not supported/],
    ["enc.pem", "RS256", /enc\.pem: encrypted private keys are not supported/],
    ["pubonly.jwk", "RS256", /pubonly\.jwk: RS256 needs a private key as PEM or as a JWK with its private part/],
    ["junk.jwk", "RS256", /junk\.jwk: looks like JSON but does not parse/],
    ["empty.key", "HS256", /empty\.key: the key file is empty/],
    ["bad-oct.jwk", "HS256", /bad-oct\.jwk: HS256 needs a shared secret/],
    ["rsa.pem", "HS256", /rsa\.pem: HS256 signs with a shared secret, not a PEM key/],
    ["garbled.pem", "RS256", /garbled\.pem: not a PEM private key/],
    ["missing.pem", "RS256", /missing\.pem: cannot read key file \(no such file\)/],
  ];
  for (const [file, alg, why] of cases) {
    const err = await loadSigningKey(f(file), alg).then(() => undefined, (e: Error) => e);
    t.match(err, { name: "BundleError", message: why }, `${file} ${alg}`);
    t.notMatch(err?.message ?? "", /BEGIN|MII/, "no key material in the message");
  }
});
