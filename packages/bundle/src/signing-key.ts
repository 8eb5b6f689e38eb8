/**
 * Signing keys: PEM private keys (PKCS#8 "PRIVATE KEY", PKCS#1 "RSA PRIVATE KEY",
 * SEC1 "EC PRIVATE KEY"), a private JWK, or for HS* a shared secret (raw file
 * bytes, or an "oct" JWK). The key is checked against the algorithm when loaded.
 */
import { createPrivateKey, createSecretKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { checkAlgorithm, checkKeyFits, type SigningAlgorithm } from "./algorithms.js";
import { BundleError } from "./errors.js";
import { isEncryptedPem, isJsonObject, readKeyFile } from "./key-file.js";

/** A loaded signing key; pass it to `buildBundle` through `SigningOptions`. */
export interface SigningKey {
  readonly alg: SigningAlgorithm;
  readonly key: KeyObject;
  /** The file it came from, for messages. */
  readonly source: string;
}

export async function loadSigningKey(file: string, alg: string): Promise<SigningKey> {
  const algorithm = checkAlgorithm(alg);
  const content = await readKeyFile(file);
  const key = algorithm.startsWith("HS") ? secretKey(content, file, algorithm) : privateKey(content, file, algorithm);
  checkKeyFits(key, algorithm, file);
  return Object.freeze({ alg: algorithm, key, source: file });
}

function secretKey(content: Awaited<ReturnType<typeof readKeyFile>>, file: string, alg: SigningAlgorithm): KeyObject {
  switch (content.kind) {
    case "raw":
      return createSecretKey(content.bytes);
    case "pem":
      throw new BundleError(`${file}: ${alg} signs with a shared secret, not a PEM key`);
    case "json": {
      const jwk = content.value;
      if (!isJsonObject(jwk) || jwk.kty !== "oct" || typeof jwk.k !== "string" || jwk.k === "") {
        throw new BundleError(`${file}: ${alg} needs a shared secret: raw bytes or a JWK with "kty": "oct" and "k"`);
      }
      return createSecretKey(Buffer.from(jwk.k, "base64url"));
    }
  }
}

function privateKey(content: Awaited<ReturnType<typeof readKeyFile>>, file: string, alg: SigningAlgorithm): KeyObject {
  if (content.kind === "pem") {
    if (isEncryptedPem(content.text)) throw new BundleError(`${file}: encrypted private keys are not supported; decrypt it first (e.g. openssl pkey -in KEY -out PLAIN)`);
    try {
      return createPrivateKey(content.text);
    } catch {
      throw new BundleError(`${file}: not a PEM private key (${alg} signs with a private key: PKCS#8, PKCS#1 or SEC1)`);
    }
  }
  if (content.kind === "json" && isJsonObject(content.value) && typeof content.value.d === "string") {
    try {
      return createPrivateKey({ key: content.value as JsonWebKey, format: "jwk" });
    } catch {
      throw new BundleError(`${file}: not a usable private JWK`);
    }
  }
  throw new BundleError(`${file}: ${alg} needs a private key as PEM or as a JWK with its private part ("d")`);
}
