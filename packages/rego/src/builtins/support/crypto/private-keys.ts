/**
 * Private keys from DER (PKCS #1, PKCS #8, SEC 1), read with Node and shown as Go's
 * JSON encoder shows `*rsa.PrivateKey`, `*ecdsa.PrivateKey` and
 * `ed25519.PrivateKey`, or as a JWK.
 */
import { createPrivateKey, type KeyObject, type JsonWebKey } from "node:crypto";
import type { Value } from "../../../ast/value.js";
import { numberFromBigInt } from "../../../ast/number.js";
import { Der, Tag } from "./der.js";
import { X509Error } from "./x509-publickey.js";

export type PrivateKeyFormat = "pkcs1" | "pkcs8" | "sec1";

function structureHint(der: Uint8Array): "pkcs1" | "pkcs8" | "sec1" | undefined {
  // PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE (algorithm), OCTET STRING }
  // PKCS#1: SEQUENCE { INTEGER 0, INTEGER n, ... }; SEC1: SEQUENCE { INTEGER 1, OCTET STRING, ... }
  const seq = new Der(der).read(Tag.SEQUENCE);
  if (!seq) return undefined;
  const v = seq.readInteger();
  if (v === undefined) return undefined;
  if (seq.peekTag(Tag.SEQUENCE)) return "pkcs8";
  if (seq.peekTag(Tag.INTEGER)) return "pkcs1";
  if (seq.peekTag(Tag.OCTET_STRING)) return "sec1";
  return undefined;
}

const USE_INSTEAD: Record<string, string> = { pkcs1: "ParsePKCS1PrivateKey", pkcs8: "ParsePKCS8PrivateKey", sec1: "ParseECPrivateKey" };

/**
 * `x509.ParsePKCS1PrivateKey` / `ParsePKCS8PrivateKey` / `ParseECPrivateKey`:
 * a Node key object, or an `X509Error` with Go's hint when the DER holds another format.
 */
export function parsePrivateKeyDER(der: Uint8Array, format: PrivateKeyFormat): KeyObject {
  const hint = structureHint(der);
  if (hint && hint !== format) throw new X509Error(`x509: failed to parse private key (use ${USE_INSTEAD[hint]} instead for this key format)`);
  try {
    const key = createPrivateKey({ key: Buffer.from(der), format: "der", type: format });
    if (format === "pkcs1" && key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
    if (format === "sec1" && key.asymmetricKeyType !== "ec") throw new Error("not EC");
    return key;
  } catch {
    const what = format === "pkcs8" ? "PKCS#8" : format === "pkcs1" ? "PKCS#1" : "EC";
    throw new X509Error(`x509: failed to parse ${what} private key`);
  }
}

/** crypto/tls's `parsePrivateKey`: PKCS #1, then PKCS #8 (RSA, ECDSA, Ed25519), then SEC 1. */
export function parseAnyPrivateKeyDER(der: Uint8Array): KeyObject {
  for (const format of ["pkcs1", "pkcs8", "sec1"] as const) {
    let key: KeyObject;
    try {
      key = parsePrivateKeyDER(der, format);
    } catch {
      continue;
    }
    if (format === "pkcs8" && !["rsa", "ec", "ed25519"].includes(key.asymmetricKeyType ?? "")) {
      throw new X509Error("tls: found unknown private key type in PKCS#8 wrapping");
    }
    return key;
  }
  throw new X509Error("tls: failed to parse private key");
}

function big(b64url: string | undefined): bigint {
  if (!b64url) return 0n;
  const hex = Buffer.from(b64url, "base64url").toString("hex");
  return hex === "" ? 0n : BigInt("0x" + hex);
}

const num = (b64url: string | undefined): Value => numberFromBigInt(big(b64url));

function jwkOf(key: KeyObject): JsonWebKey | undefined {
  try {
    return key.export({ format: "jwk" });
  } catch {
    return undefined;
  }
}

/** The private key as Go's `json.Marshal` writes it. */
export function privateKeyValue(key: KeyObject): Value {
  const jwk = jwkOf(key);
  switch (key.asymmetricKeyType) {
    case "rsa":
      if (!jwk) return {};
      return {
        N: num(jwk.n),
        E: num(jwk.e),
        D: num(jwk.d),
        Primes: [num(jwk.p), num(jwk.q)],
        Precomputed: { Dp: num(jwk.dp), Dq: num(jwk.dq), Qinv: num(jwk.qi), CRTValues: [] },
      };
    case "ec":
      if (!jwk) return {};
      return { Curve: {}, X: num(jwk.x), Y: num(jwk.y), D: num(jwk.d) };
    case "ed25519":
      if (!jwk) return {};
      return Buffer.concat([Buffer.from(jwk.d ?? "", "base64url"), Buffer.from(jwk.x ?? "", "base64url")]).toString("base64");
    default:
      return {};
  }
}

/** The private key as a JWK object (OPA's `jwk.New` for RSA and EC keys). */
export function privateKeyJWK(key: KeyObject): Value {
  const jwk = jwkOf(key);
  if (!jwk || (key.asymmetricKeyType !== "rsa" && key.asymmetricKeyType !== "ec")) {
    throw new X509Error(`invalid key type '${key.asymmetricKeyType ?? "unknown"}'`);
  }
  const out: Record<string, Value> = {};
  for (const [k, v] of Object.entries(jwk)) if (typeof v === "string") out[k] = v;
  return out;
}

/** The public half's identifying numbers, to check that a key pair matches. */
export function publicNumbers(key: KeyObject): { kind: string; a: bigint; b: bigint } | undefined {
  const jwk = jwkOf(key);
  if (!jwk) return undefined;
  switch (key.asymmetricKeyType) {
    case "rsa":
      return { kind: "rsa", a: big(jwk.n), b: big(jwk.e) };
    case "ec":
      return { kind: "ec", a: big(jwk.x), b: big(jwk.y) };
    case "ed25519":
      return { kind: "ed25519", a: big(jwk.x), b: 0n };
  }
  return undefined;
}
