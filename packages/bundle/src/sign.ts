/**
 * Signing, in OPA's `.signatures.json` format (docs: Bundles → Signing → Signature
 * Format): a compact JWS with header `{"alg", "kid"?, "typ": "JWT"}` over the
 * claims `{"files": [{"name", "hash", "algorithm"}], "keyid"?, "scope"?, "iss"?}`.
 * Every file of the bundle is listed with its SHA-256 (digest.ts). No `iat`:
 * Regolith's signatures carry no time, so the same inputs and an RS* or HS* key give
 * the same bytes (PS* and ES* signatures are randomized by their algorithms).
 */
import { CompactSign } from "jose";
import { checkAlgorithm, checkKeyFits } from "./algorithms.js";
import { SIGNATURES } from "./constants.js";
import { DEFAULT_HASH, fileDigest } from "./digest.js";
import { comparePaths } from "./paths.js";
import type { SigningKey } from "./signing-key.js";
import type { BundleFile } from "./types.js";

export interface SigningOptions {
  readonly key: SigningKey;
  readonly alg: string;
  /** The `kid` header (and OPA's deprecated `keyid` claim). */
  readonly keyId?: string;
  readonly scope?: string;
  readonly iss?: string;
}

export interface SignedFile {
  readonly name: string;
  readonly hash: string;
  readonly algorithm: string;
}

/** The JWT claims for `files`, in a fixed order. */
export function signatureClaims(files: readonly BundleFile[], options: Omit<SigningOptions, "key" | "alg">): Record<string, unknown> {
  const listed: SignedFile[] = [...files]
    .filter((f) => f.path !== SIGNATURES)
    .sort((a, b) => comparePaths(a.path, b.path))
    .map((f) => ({ name: f.path, hash: fileDigest(f.path, f.bytes, DEFAULT_HASH), algorithm: DEFAULT_HASH }));
  const claims: Record<string, unknown> = { files: listed };
  if (options.keyId !== undefined) claims.keyid = options.keyId;
  if (options.scope !== undefined) claims.scope = options.scope;
  if (options.iss !== undefined) claims.iss = options.iss;
  return claims;
}

/** The compact JWS for `files`. */
export async function signFiles(files: readonly BundleFile[], options: SigningOptions): Promise<string> {
  const alg = checkAlgorithm(options.alg);
  checkKeyFits(options.key.key, alg, options.key.source);
  const header: { alg: string; kid?: string; typ: string } = { alg, typ: "JWT" };
  if (options.keyId !== undefined) header.kid = options.keyId;
  const payload = new TextEncoder().encode(JSON.stringify(signatureClaims(files, options)));
  return new CompactSign(payload).setProtectedHeader(header).sign(options.key.key);
}

/** `.signatures.json` holding one token. */
export function signaturesFileBytes(token: string): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify({ signatures: [token] }, null, 2)}\n`);
}
