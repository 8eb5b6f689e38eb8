/**
 * @regolith/bundle: OPA-compatible policy bundles. Read a directory or a .tar.gz
 * safely, build one reproducibly, sign it and verify it in OPA's .signatures.json
 * format, check manifest roots, and fetch one over HTTP with ETag caching.
 */
export { MANIFEST, SIGNATURES, DATA_JSON, DATA_YAML, PATCH_JSON, DEFAULT_MAX_BYTES, DEFAULT_MAX_FILES } from "./constants.js";
export { BundleError } from "./errors.js";
export type { Manifest, BundleFile, Limits, Bundle, SignaturesFile } from "./types.js";
export { readBundle } from "./read-bundle.js";
export { readBundleArchive } from "./read-archive.js";
export { buildBundle, type BuildOptions, type Built } from "./build.js";
export { SIGNING_ALGORITHMS, type SigningAlgorithm } from "./algorithms.js";
export { loadSigningKey, type SigningKey } from "./signing-key.js";
export type { SigningOptions } from "./sign.js";
export { loadVerificationKeys, type KeyRing } from "./verification-keys.js";
export { verifyBundle, type Verified, type VerifyOptions } from "./verify.js";
export { rootProblems, overlapProblems } from "./roots.js";
export { displayUrl, fetchBundle, type FetchOptions, type Fetched } from "./fetch.js";
export { fileDigest } from "./digest.js";
