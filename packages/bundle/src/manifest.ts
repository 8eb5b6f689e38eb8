/**
 * `.manifest`: parsed and checked field by field (OPA's `bundle.Manifest`), and
 * written in one fixed field order so that builds are reproducible.
 */
import { MANIFEST } from "./constants.js";
import { BundleError } from "./errors.js";
import { isJsonObject, parseJsonBytes } from "./json-file.js";
import type { Manifest } from "./types.js";

const isRegoVersion = (v: unknown): v is number => v === 0 || v === 1;

/** Parses `.manifest` bytes; `where` names the bundle for messages. Unknown fields are ignored, as OPA does. */
export function parseManifest(bytes: Uint8Array, where: string): Manifest {
  const at = `${where}: ${MANIFEST}`;
  const raw = parseJsonBytes(bytes, at);
  if (!isJsonObject(raw)) throw new BundleError(`${at}: must be a JSON object`);
  const m: Manifest = {};
  if (raw.revision !== undefined) {
    if (typeof raw.revision !== "string") throw new BundleError(`${at}: "revision" must be a string`);
    m.revision = raw.revision;
  }
  if (raw.roots !== undefined) {
    if (!Array.isArray(raw.roots) || !raw.roots.every((r) => typeof r === "string")) {
      throw new BundleError(`${at}: "roots" must be a list of strings`);
    }
    m.roots = [...(raw.roots as string[])];
  }
  if (raw.rego_version !== undefined) {
    if (!isRegoVersion(raw.rego_version)) throw new BundleError(`${at}: "rego_version" must be 0 or 1`);
    m.rego_version = raw.rego_version;
  }
  if (raw.file_rego_versions !== undefined) {
    const frv = raw.file_rego_versions;
    if (!isJsonObject(frv) || !Object.values(frv).every(isRegoVersion)) {
      throw new BundleError(`${at}: "file_rego_versions" must map file patterns to 0 or 1`);
    }
    m.file_rego_versions = { ...(frv as Record<string, number>) };
  }
  if (raw.metadata !== undefined) {
    if (!isJsonObject(raw.metadata)) throw new BundleError(`${at}: "metadata" must be an object`);
    m.metadata = raw.metadata;
  }
  if (raw.wasm !== undefined) {
    if (!Array.isArray(raw.wasm)) throw new BundleError(`${at}: "wasm" must be a list`);
    m.wasm = raw.wasm;
  }
  return m;
}

/** The manifest as written by `buildBundle`: fixed field order, two-space indent, final newline. */
export function serializeManifest(m: Manifest): Uint8Array {
  const ordered: Record<string, unknown> = {};
  if (m.revision !== undefined) ordered.revision = m.revision;
  if (m.roots !== undefined) ordered.roots = m.roots;
  if (m.rego_version !== undefined) ordered.rego_version = m.rego_version;
  if (m.file_rego_versions !== undefined) ordered.file_rego_versions = m.file_rego_versions;
  if (m.wasm !== undefined) ordered.wasm = m.wasm;
  if (m.metadata !== undefined) ordered.metadata = m.metadata;
  return new TextEncoder().encode(`${JSON.stringify(ordered, null, 2)}\n`);
}

/** The manifest's roots as OPA reads them: slashes trimmed; no roots means [""], all of `data`. */
export function manifestRoots(m: Manifest): string[] {
  return (m.roots ?? [""]).map((r) => r.replace(/^\/+|\/+$/g, ""));
}
