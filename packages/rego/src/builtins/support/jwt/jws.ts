/**
 * JWS signatures with Node's crypto: signing and verifying as jwx's `jwsbb.Sign` /
 * `jwsbb.Verify` do (used by `io.jwt.encode_sign*` and `io.jwt.decode_verify`),
 * and the slightly different checks OPA's own `io.jwt.verify_*` builtins make.
 */
import { constants, createHmac, sign as nodeSign, timingSafeEqual, verify as nodeVerify, type KeyObject } from "node:crypto";
import { BuiltinError } from "../../operands.js";
import type { JwsKey } from "./keys.js";

type Family = "HS" | "RS" | "PS" | "ES" | "EdDSA";

interface AlgInfo {
  readonly family: Family;
  readonly hash: string | null;
}

const ALGS: ReadonlyMap<string, AlgInfo> = new Map([
  ["HS256", { family: "HS", hash: "sha256" }],
  ["HS384", { family: "HS", hash: "sha384" }],
  ["HS512", { family: "HS", hash: "sha512" }],
  ["RS256", { family: "RS", hash: "sha256" }],
  ["RS384", { family: "RS", hash: "sha384" }],
  ["RS512", { family: "RS", hash: "sha512" }],
  ["PS256", { family: "PS", hash: "sha256" }],
  ["PS384", { family: "PS", hash: "sha384" }],
  ["PS512", { family: "PS", hash: "sha512" }],
  ["ES256", { family: "ES", hash: "sha256" }],
  ["ES384", { family: "ES", hash: "sha384" }],
  ["ES512", { family: "ES", hash: "sha512" }],
  ["EdDSA", { family: "EdDSA", hash: null }],
]);

const HASH_LEN: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

function modulusBytes(k: KeyObject): number {
  return Math.ceil((k.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
}

/** A DER INTEGER for an unsigned big-endian value. */
function derInteger(b: Uint8Array): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  let v = Buffer.from(b.subarray(i));
  if (v.length === 0) v = Buffer.from([0]);
  if (v[0]! & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
}

function derLength(n: number): Buffer {
  if (n < 128) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** `r || s` halves as a DER ECDSA signature. */
function ecdsaDER(r: Uint8Array, s: Uint8Array): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
}

function safe(f: () => boolean): boolean {
  try {
    return f();
  } catch {
    return false;
  }
}

function hmacEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `jwsbb.Verify`: private keys verify through their public half; ES signatures must be `r||s` of the curve's size. */
export function jwsVerify(key: JwsKey, alg: string, input: Buffer, signature: Buffer): boolean {
  const info = ALGS.get(alg);
  if (!info) return false;
  if (info.family === "HS") {
    if (key.kind !== "secret") return false;
    return hmacEqual(createHmac(info.hash!, key.secret).update(input).digest(), signature);
  }
  if (key.kind === "secret") return false;
  const pub = key.publicKey;
  switch (info.family) {
    case "RS":
      if (key.kind !== "rsa" || signature.length !== modulusBytes(pub)) return false;
      return safe(() => nodeVerify(info.hash, input, pub, signature));
    case "PS":
      if (key.kind !== "rsa" || signature.length !== modulusBytes(pub)) return false;
      return safe(() => nodeVerify(info.hash, input, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_LEN[info.hash!]! }, signature));
    case "ES": {
      if (key.kind !== "ec" || signature.length !== 2 * key.curveSize) return false;
      const n = key.curveSize;
      return safe(() => nodeVerify(info.hash, input, pub, ecdsaDER(signature.subarray(0, n), signature.subarray(n))));
    }
    case "EdDSA":
      if (key.kind !== "ed25519") return false;
      return safe(() => nodeVerify(null, input, pub, signature));
  }
}

/**
 * OPA's `io.jwt.verify_<alg>` checks: only public keys (a JWK with private parts is
 * the wrong type), RSA-PSS with any salt length, ECDSA with the signature split in
 * half whatever its length.
 */
export function opaVerify(alg: string, key: JwsKey, input: Buffer, signature: Buffer): boolean {
  const info = ALGS.get(alg)!;
  if (key.kind === "secret" || !key.isPublic) return false;
  const pub = key.publicKey;
  switch (info.family) {
    case "RS":
      if (key.kind !== "rsa" || signature.length !== modulusBytes(pub)) return false;
      return safe(() => nodeVerify(info.hash, input, pub, signature));
    case "PS":
      if (key.kind !== "rsa" || signature.length !== modulusBytes(pub)) return false;
      return safe(() => nodeVerify(info.hash, input, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, signature));
    case "ES": {
      if (key.kind !== "ec") return false;
      const n = Math.floor(signature.length / 2);
      return safe(() => nodeVerify(info.hash, input, pub, ecdsaDER(signature.subarray(0, n), signature.subarray(n))));
    }
    case "EdDSA":
      if (key.kind !== "ed25519") return false;
      return safe(() => nodeVerify(null, input, pub, signature));
    default:
      return false;
  }
}

/** `jwsbb.Sign`: the signature over `input` with `key` for `alg`. */
export function jwsSign(key: JwsKey, alg: string, input: Buffer): Buffer {
  const info = ALGS.get(alg);
  if (!info) throw new BuiltinError(`unsupported signature algorithm "${alg}"`);
  if (info.family === "HS") {
    if (key.kind !== "secret") throw new BuiltinError(`failed to sign payload: invalid key type for ${alg}: []byte is required`);
    return createHmac(info.hash!, key.secret).update(input).digest();
  }
  if (key.kind === "secret" || !key.privateKey) throw new BuiltinError(`failed to sign payload: invalid key type for ${alg}: a private key is required`);
  const priv = key.privateKey;
  try {
    switch (info.family) {
      case "RS":
        if (key.kind !== "rsa") break;
        return nodeSign(info.hash, input, priv);
      case "PS":
        if (key.kind !== "rsa") break;
        return nodeSign(info.hash, input, { key: priv, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_LEN[info.hash!]! });
      case "ES":
        if (key.kind !== "ec") break;
        return nodeSign(info.hash, input, { key: priv, dsaEncoding: "ieee-p1363" });
      case "EdDSA":
        if (key.kind !== "ed25519") break;
        return nodeSign(null, input, priv);
    }
  } catch (e) {
    throw new BuiltinError(`failed to sign payload: ${(e as Error).message}`);
  }
  throw new BuiltinError(`failed to sign payload: invalid key type for ${alg}`);
}
