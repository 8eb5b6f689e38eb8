/**
 * Subject public keys: parsed with Go's checks (`x509.parsePublicKey`), shown as Go's
 * JSON encoder shows `*rsa.PublicKey`, `*ecdsa.PublicKey`, `ed25519.PublicKey` and
 * `*dsa.PublicKey`, and turned into Node key objects to check signatures.
 */
import { createPublicKey, verify as nodeVerify, constants, type KeyObject } from "node:crypto";
import type { Value } from "../../../ast/value.js";
import { BuiltinError } from "../../operands.js";
import { numberFromBigInt } from "../../../ast/number.js";
import { Der, Tag, oidString, unsignedValue } from "./der.js";
import { encodeBase64 } from "../goencoding/base64.js";
import { CURVES, OID_ED25519, OID_PUBLIC_KEY_DSA, OID_PUBLIC_KEY_ECDSA, OID_PUBLIC_KEY_RSA, SIG_ALG_DETAILS, PubAlg } from "./x509-oids.js";

export type GoPublicKey =
  | { readonly kind: "rsa"; readonly n: bigint; readonly e: bigint }
  | { readonly kind: "ecdsa"; readonly curve: string; readonly x: bigint; readonly y: bigint }
  | { readonly kind: "ed25519"; readonly raw: Uint8Array }
  | { readonly kind: "dsa"; readonly p: bigint; readonly q: bigint; readonly g: bigint; readonly y: bigint };

/** An error with Go's x509 wording, raised as the builtin's error message. */
export class X509Error extends BuiltinError {
  constructor(message: string) {
    super(message);
    this.name = "X509Error";
  }
}

const NULL_BYTES = Buffer.from([0x05, 0x00]);

/** `parsePublicKey` for a known algorithm OID, its parameters and the key bits. */
export function parsePublicKey(oid: string, params: Uint8Array, data: Uint8Array): GoPublicKey {
  switch (oid) {
    case OID_PUBLIC_KEY_RSA: {
      if (!Buffer.from(params).equals(NULL_BYTES)) throw new X509Error("x509: RSA key missing NULL parameters");
      const seq = new Der(data).read(Tag.SEQUENCE);
      if (!seq) throw new X509Error("x509: invalid RSA public key");
      const n = seq.readInteger();
      if (n === undefined) throw new X509Error("x509: invalid RSA modulus");
      const e = seq.readInteger();
      if (e === undefined || e > 0x7fffffffffffffffn || e < -0x8000000000000000n) throw new X509Error("x509: invalid RSA public exponent");
      if (n <= 0n) throw new X509Error("x509: RSA modulus is not a positive number");
      if (e <= 0n) throw new X509Error("x509: RSA public exponent is not a positive number");
      return { kind: "rsa", n, e };
    }
    case OID_PUBLIC_KEY_ECDSA: {
      const curveOID = new Der(params).readOID();
      if (!curveOID) throw new X509Error("x509: invalid ECDSA parameters");
      const curve = CURVES.get(oidString(curveOID));
      if (!curve) throw new X509Error("x509: unsupported elliptic curve");
      if (data.length !== 1 + 2 * curve.size || data[0] !== 4) throw new X509Error("x509: failed to unmarshal elliptic curve point");
      const xb = data.subarray(1, 1 + curve.size);
      const yb = data.subarray(1 + curve.size);
      try {
        createPublicKey({ key: { kty: "EC", crv: curve.name, x: Buffer.from(xb).toString("base64url"), y: Buffer.from(yb).toString("base64url") }, format: "jwk" });
      } catch {
        throw new X509Error("x509: failed to unmarshal elliptic curve point");
      }
      return { kind: "ecdsa", curve: curve.name, x: unsignedValue(xb), y: unsignedValue(yb) };
    }
    case OID_ED25519:
      if (params.length !== 0) throw new X509Error("x509: Ed25519 key encoded with illegal parameters");
      if (data.length !== 32) throw new X509Error("x509: wrong Ed25519 public key size");
      return { kind: "ed25519", raw: data };
    case OID_PUBLIC_KEY_DSA: {
      const y = new Der(data).readInteger();
      if (y === undefined) throw new X509Error("x509: invalid DSA public key");
      const seq = new Der(params).read(Tag.SEQUENCE);
      const p = seq?.readInteger();
      const q = seq?.readInteger();
      const g = seq?.readInteger();
      if (p === undefined || q === undefined || g === undefined) throw new X509Error("x509: invalid DSA parameters");
      if (y <= 0n || p <= 0n || q <= 0n || g <= 0n) throw new X509Error("x509: zero or negative DSA parameter");
      return { kind: "dsa", p, q, g, y };
    }
  }
  throw new X509Error("x509: unknown public key algorithm");
}

/** The public key as Go's `json.Marshal` writes it (curves marshal as `{}`). */
export function publicKeyValue(k: GoPublicKey | undefined): Value {
  if (!k) return null;
  switch (k.kind) {
    case "rsa":
      return { N: numberFromBigInt(k.n), E: numberFromBigInt(k.e) };
    case "ecdsa":
      return { Curve: {}, X: numberFromBigInt(k.x), Y: numberFromBigInt(k.y) };
    case "ed25519":
      return encodeBase64(k.raw);
    case "dsa":
      return { P: numberFromBigInt(k.p), Q: numberFromBigInt(k.q), G: numberFromBigInt(k.g), Y: numberFromBigInt(k.y) };
  }
}

const keyObjects = new WeakMap<Uint8Array, KeyObject | null>();

/** A Node key object for a DER SubjectPublicKeyInfo, or null when Node rejects it. */
export function keyObjectFromSPKI(spki: Uint8Array): KeyObject | null {
  let k = keyObjects.get(spki);
  if (k === undefined) {
    try {
      k = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" });
    } catch {
      k = null;
    }
    keyObjects.set(spki, k);
  }
  return k;
}

/** Byte length of an RSA modulus. */
export function rsaModulusBytes(n: bigint): number {
  return Math.ceil(n.toString(16).length / 2);
}

/**
 * Go's `checkSignature` with SHA-1 refused (as for certificates): true when
 * `signature` over `signed` verifies under the key for algorithm `sigAlg`.
 */
export function checkSignature(sigAlg: number, signed: Uint8Array, signature: Uint8Array, pub: GoPublicKey | undefined, spki: Uint8Array): boolean {
  const details = SIG_ALG_DETAILS.get(sigAlg);
  if (!details || details.insecure || !pub) return false;
  const key = keyObjectFromSPKI(spki);
  if (!key) return false;
  try {
    switch (pub.kind) {
      case "rsa":
        if (details.pubAlg !== PubAlg.RSA) return false;
        if (signature.length !== rsaModulusBytes(pub.n)) return false;
        if (details.pss) {
          const saltLength = { sha256: 32, sha384: 48, sha512: 64 }[details.hash as "sha256"];
          return nodeVerify(details.hash, signed, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
        }
        return nodeVerify(details.hash, signed, key, signature);
      case "ecdsa":
        if (details.pubAlg !== PubAlg.ECDSA) return false;
        return nodeVerify(details.hash, signed, key, signature);
      case "ed25519":
        if (details.pubAlg !== PubAlg.Ed25519) return false;
        return nodeVerify(null, signed, key, signature);
      case "dsa":
        return false; // Go does not verify DSA signatures
    }
  } catch {
    return false;
  }
}
