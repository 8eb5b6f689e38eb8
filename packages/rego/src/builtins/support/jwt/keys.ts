/**
 * Keys for JWS: JSON Web Keys and key sets (as jwx's `jwk.Parse` reads them and
 * `jwk.Export` hands them out), and the PEM certificates or public keys OPA's
 * verification builtins also accept (`getKeysFromCertOrJWK`).
 */
import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { BuiltinError } from "../../operands.js";
import { pemDecode } from "../crypto/pem.js";
import { parseOneCertificate, parseSPKI } from "../crypto/x509-certificate.js";
import { keyObjectFromSPKI } from "../crypto/x509-publickey.js";
import { Der, Tag } from "../crypto/der.js";
import { BoundedCache } from "../crypto/bounded-cache.js";

/** Raw key material, by what Go's `jwk.Export` would produce. */
export type JwsKey =
  | { readonly kind: "secret"; readonly secret: Buffer }
  | {
      readonly kind: "rsa" | "ec" | "ed25519" | "other";
      /** False when the JWK carried private parts (Go exports a private key). */
      readonly isPublic: boolean;
      /** The public half, for verifying. */
      readonly publicKey: KeyObject;
      /** The key itself when private, for signing. */
      readonly privateKey: KeyObject | undefined;
      /** EC coordinate size in bytes. */
      readonly curveSize: number;
    };

export interface VerificationKey {
  readonly key: JwsKey;
  readonly alg: string;
  readonly kid: string;
}

/** The 13 algorithms OPA recognises. */
export const TOKEN_ALGORITHMS: ReadonlySet<string> = new Set(["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512", "EdDSA"]);

const CURVE_SIZES: Record<string, number> = { "P-256": 32, "P-384": 48, "P-521": 66, prime256v1: 32, secp384r1: 48, secp521r1: 66, secp256k1: 32 };

function curveSize(k: KeyObject): number {
  const curve = k.asymmetricKeyDetails?.namedCurve ?? "";
  return CURVE_SIZES[curve] ?? 0;
}

function kindOf(k: KeyObject): "rsa" | "ec" | "ed25519" | "other" {
  switch (k.asymmetricKeyType) {
    case "rsa":
    case "rsa-pss":
      return "rsa";
    case "ec":
      return "ec";
    case "ed25519":
      return "ed25519";
    default:
      return "other";
  }
}

/** A public key object as a `JwsKey`. */
export function publicJwsKey(publicKey: KeyObject): JwsKey {
  return { kind: kindOf(publicKey), isPublic: true, publicKey, privateKey: undefined, curveSize: curveSize(publicKey) };
}

class JWKError extends Error {}

function jwkKey(raw: unknown): JwsKey {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new JWKError("invalid key: expected a JSON object");
  const jwk = raw as Record<string, unknown>;
  const kty = jwk["kty"];
  if (typeof kty !== "string" || kty === "") throw new JWKError(`invalid key type from JSON (${JSON.stringify(kty ?? "")})`);
  if (kty === "oct") {
    const k = jwk["k"];
    if (typeof k !== "string") throw new JWKError(`failed to parse symmetric key: required field "k" is missing`);
    return { kind: "secret", secret: Buffer.from(k, "base64url") };
  }
  if (kty !== "RSA" && kty !== "EC" && kty !== "OKP") throw new JWKError(`invalid key type from JSON (${JSON.stringify(kty)})`);
  const isPrivate = typeof jwk["d"] === "string";
  try {
    if (isPrivate) {
      const privateKey = createPrivateKey({ key: jwk as JsonWebKey, format: "jwk" });
      const publicKey = createPublicKey(privateKey);
      return { kind: kindOf(privateKey), isPublic: false, publicKey, privateKey, curveSize: curveSize(privateKey) };
    }
    return publicJwsKey(createPublicKey({ key: jwk as JsonWebKey, format: "jwk" }));
  } catch (e) {
    throw new JWKError(`failed to parse ${kty} key: ${(e as Error).message}`);
  }
}

function entry(raw: unknown): VerificationKey {
  const o = raw as Record<string, unknown>;
  const key = jwkKey(raw);
  const alg = typeof o["alg"] === "string" ? o["alg"] : "";
  const kid = typeof o["kid"] === "string" ? o["kid"] : "";
  return { key, alg, kid };
}

/** `jwk.Parse`: one key or a `{"keys": [...]}` set. Throws `JWKError`. */
export function parseJWKSet(text: string): VerificationKey[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new JWKError(`failed to unmarshal JWK set: ${(e as Error).message}`);
  }
  if (typeof doc === "object" && doc !== null && !Array.isArray(doc) && "keys" in doc) {
    const keys = (doc as Record<string, unknown>)["keys"];
    if (!Array.isArray(keys)) throw new JWKError(`failed to parse JWK set: "keys" must be an array`);
    return keys.map(entry);
  }
  return [entry(doc)];
}

const signingKeys = new BoundedCache<readonly VerificationKey[]>(64);
const verificationKeys = new BoundedCache<readonly VerificationKey[]>(128);

/** Parses a JWK (set) for signing; OPA wraps failures in its own messages. */
export function parseSigningJWKs(text: string): readonly VerificationKey[] {
  return signingKeys.get(text, () => {
    try {
      return parseJWKSet(text);
    } catch (e) {
      if (e instanceof JWKError) throw new BuiltinError(e.message);
      throw e;
    }
  });
}

function parsePKIXPublicKey(der: Uint8Array): KeyObject {
  const seq = new Der(der).read(Tag.SEQUENCE);
  if (!seq) throw new Error("x509: failed to parse public key");
  parseSPKI(der);
  const k = keyObjectFromSPKI(der);
  if (!k) throw new Error("x509: unknown public key algorithm");
  return k;
}

/**
 * OPA's `getKeysFromCertOrJWK`: a PEM certificate, a PEM public key, or a JWK
 * (set). Keys with an algorithm OPA does not know are dropped.
 */
export function keysFromCertOrJWK(text: string): readonly VerificationKey[] {
  return verificationKeys.get(text, () => loadKeys(text));
}

function loadKeys(text: string): VerificationKey[] {
  const { block, rest } = pemDecode(Buffer.from(text, "utf8"));
  if (block) {
    if (rest.length > 0) throw new BuiltinError("extra data after a PEM certificate block");
    if (block.type === "CERTIFICATE") {
      let spki: Uint8Array;
      try {
        spki = parseOneCertificate(block.bytes).rawSubjectPublicKeyInfo;
      } catch (e) {
        throw new BuiltinError(`failed to parse a PEM certificate: ${(e as Error).message}`);
      }
      const k = keyObjectFromSPKI(spki);
      if (!k) throw new BuiltinError("failed to parse a PEM certificate: x509: unknown public key algorithm");
      return [{ key: publicJwsKey(k), alg: "", kid: "" }];
    }
    if (block.type === "PUBLIC KEY") {
      try {
        return [{ key: publicJwsKey(parsePKIXPublicKey(block.bytes)), alg: "", kid: "" }];
      } catch (e) {
        throw new BuiltinError(`failed to parse a PEM public key: ${(e as Error).message}`);
      }
    }
    throw new BuiltinError("failed to extract a Key from the PEM certificate");
  }
  let keys: VerificationKey[];
  try {
    keys = parseJWKSet(text);
  } catch (e) {
    throw new BuiltinError(`failed to parse a JWK key (set): ${(e as Error).message}`);
  }
  return keys.filter((k) => k.alg === "" || TOKEN_ALGORITHMS.has(k.alg));
}
