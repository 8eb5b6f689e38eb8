/** The shapes a loaded bundle takes; OPA's field names, unchanged. */

/** `.manifest` (OPA's `bundle.Manifest`). Unknown fields in the file are kept in its bytes, not here. */
export interface Manifest {
  revision?: string;
  roots?: string[];
  rego_version?: number;
  metadata?: Record<string, unknown>;
  file_rego_versions?: Record<string, number>;
  wasm?: unknown[];
}

/** One file of a bundle: a posix path relative to the bundle root (no leading "/" or "./"). */
export interface BundleFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface Limits {
  /** Total uncompressed size of the files; default 1 GiB, OPA's limit. */
  maxBytes?: number;
  /** Number of entries (files and directories); default 100,000. */
  maxFiles?: number;
}

/** `.signatures.json`: OPA's `{"signatures": ["<compact JWS>"]}` (plus OPA's optional `plugin`). */
export interface SignaturesFile {
  signatures: string[];
  plugin?: string;
}

export interface Bundle {
  /** As the user gave it (a path or a URL), for messages. */
  readonly name: string;
  /** Every file except `.signatures.json`, sorted by path (UTF-8 byte order). */
  readonly files: readonly BundleFile[];
  /** `{}` when there is no `.manifest` (OPA's default roots: `[""]`, everything). */
  readonly manifest: Manifest;
  readonly signatures: SignaturesFile | undefined;
}
