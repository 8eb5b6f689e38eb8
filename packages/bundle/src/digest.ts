/**
 * File digests as OPA computes them for signatures (v1/bundle/verify.go
 * VerifyBundleFile, hash.go): structured files — those named data.json, data.yaml,
 * .manifest or signatures.json (OPA's IsStructuredDoc) — are hashed in their
 * canonical JSON form (canonical-json.ts), so whitespace and key order do not
 * matter; every other file is hashed byte for byte.
 */
import { createHash } from "node:crypto";
import { canonicalJson, CanonicalJsonError } from "./canonical-json.js";
import { DATA_JSON, DATA_YAML, MANIFEST } from "./constants.js";
import { BundleError } from "./errors.js";
import { baseName } from "./paths.js";

/** The algorithm Regolith signs with, and OPA's default. */
export const DEFAULT_HASH = "SHA-256";

/** OPA's names for the digests it accepts, mapped to Node's. */
const NODE_HASH: Record<string, string> = {
  "SHA-224": "sha224",
  "SHA-256": "sha256",
  "SHA-384": "sha384",
  "SHA-512": "sha512",
  "SHA-512-224": "sha512-224",
  "SHA-512-256": "sha512-256",
};

/**
 * OPA also accepts MD5 and SHA-1. Regolith refuses them when verifying: a signer's
 * file could be swapped for a colliding one without breaking the signature.
 */
const WEAK_HASHES: readonly string[] = ["MD5", "SHA-1"];

export function isStructuredFile(path: string): boolean {
  const base = baseName(path);
  return base === DATA_JSON || base === DATA_YAML || base === MANIFEST || base === "signatures.json";
}

/** The hex digest of a bundle file, OPA's way. Throws BundleError naming the file when it cannot be hashed. */
export function fileDigest(path: string, bytes: Uint8Array, algorithm: string = DEFAULT_HASH): string {
  const nodeName = NODE_HASH[algorithm];
  if (nodeName === undefined) {
    const why = WEAK_HASHES.includes(algorithm) ? "is too weak to trust" : "is not a supported digest algorithm";
    throw new BundleError(`${path}: ${algorithm} ${why} (use SHA-256)`);
  }
  const hash = createHash(nodeName);
  hash.update(isStructuredFile(path) ? canonicalForm(path, bytes) : bytes);
  return hash.digest("hex");
}

function canonicalForm(path: string, bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new BundleError(`${path}: not valid UTF-8`);
  }
  try {
    return canonicalJson(text);
  } catch (e) {
    if (!(e instanceof CanonicalJsonError)) throw e;
    const yaml = baseName(path) === DATA_YAML ? " (YAML data files are supported only when they are plain JSON)" : "";
    throw new BundleError(`${path}: not valid JSON: ${e.message}${yaml}`);
  }
}
