/**
 * OPA's bundle file names (v1/bundle/bundle.go) and Regolith's read limits.
 * Names match OPA exactly so that bundles move between `opa` and `regolith`.
 */
export const MANIFEST = ".manifest";
export const SIGNATURES = ".signatures.json";
export const DATA_JSON = "data.json";
export const DATA_YAML = "data.yaml";
export const PATCH_JSON = "patch.json";

/** OPA's `DefaultSizeLimitBytes`: 1 GiB, "to protect against gzip bombs". */
export const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;
/** Enough for any real bundle; stops an archive of millions of empty entries. */
export const DEFAULT_MAX_FILES = 100_000;
