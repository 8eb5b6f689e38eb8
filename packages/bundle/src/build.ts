/**
 * `buildBundle`: sources → an OPA-format .tar.gz, the same bytes for the same
 * inputs (and an RS* or HS* key): sorted entries, fixed modes and times
 * (tar-write.ts), a manifest in fixed field order, signature claims without time.
 * File contents are copied byte for byte; nothing is reformatted.
 */
import { collectSources, type SourceFile } from "./collect-sources.js";
import { DATA_JSON, MANIFEST, SIGNATURES } from "./constants.js";
import { BundleError } from "./errors.js";
import { isJsonObject, parseJsonBytes } from "./json-file.js";
import { Budget } from "./limits.js";
import { parseManifest, serializeManifest } from "./manifest.js";
import { baseName, comparePaths } from "./paths.js";
import { readRegularFile } from "./safe-file.js";
import { signaturesFileBytes, signFiles, type SigningOptions } from "./sign.js";
import { writeTarGz } from "./tar-write.js";
import type { BundleFile, Manifest } from "./types.js";

export interface BuildOptions {
  /** Directories (or single files) whose policy and data files go in. */
  readonly paths: readonly string[];
  readonly revision?: string;
  /** Extra ignore patterns, added to each directory's `.regolithignore`. */
  readonly ignore?: readonly string[];
  /** `*_test.rego` files are left out unless true. */
  readonly includeTests?: boolean;
  readonly signing?: SigningOptions;
}

export interface Built {
  readonly bytes: Uint8Array;
  /** Every entry of the archive, in archive order (`.manifest`, `.signatures.json` included). */
  readonly files: readonly string[];
  readonly manifest: Manifest;
}

export async function buildBundle(options: BuildOptions): Promise<Built> {
  const sources = await collectSources(options);
  const budget = new Budget("bundle build", undefined);
  const origin = new Map<string, string>();
  const files: BundleFile[] = [];
  for (const source of sources.files) {
    const first = origin.get(source.path);
    if (first !== undefined) throw new BundleError(`${source.shown} and ${first} would both be ${source.path} in the bundle`);
    origin.set(source.path, source.shown);
    const bytes = await readRegularFile(source.absolute, source.shown, source.path, budget);
    if (baseName(source.path) === DATA_JSON) checkData(source, bytes);
    files.push({ path: source.path, bytes });
  }
  const manifest = await mergeManifests(sources.manifests, options.revision, budget);
  files.push({ path: MANIFEST, bytes: serializeManifest(manifest) });
  if (options.signing) files.push({ path: SIGNATURES, bytes: signaturesFileBytes(await signFiles(files, options.signing)) });
  files.sort((a, b) => comparePaths(a.path, b.path));
  return { bytes: writeTarGz(files), files: files.map((f) => f.path), manifest };
}

function checkData(source: SourceFile, bytes: Uint8Array): void {
  const value = parseJsonBytes(bytes, source.shown);
  if (source.path === DATA_JSON && !isJsonObject(value)) {
    throw new BundleError(`${source.shown}: data at the bundle root must be a JSON object`);
  }
}

/**
 * One manifest from the sources' manifests: roots joined, metadata merged (a key
 * given twice with different values is an error), one rego_version (default 1, the
 * Rego Regolith speaks; OPA 1.x writes it too), revision from the option or the
 * sources when they agree.
 */
async function mergeManifests(sources: readonly SourceFile[], revision: string | undefined, budget: Budget): Promise<Manifest> {
  const out: Manifest = {};
  const revisions = new Set<string>();
  const versions = new Set<number>();
  for (const source of sources) {
    const m = parseManifest(await readRegularFile(source.absolute, source.shown, MANIFEST, budget), source.shown);
    if (m.wasm !== undefined) throw new BundleError(`${source.shown}: "wasm" modules are not supported by regolith bundle build`);
    if (m.revision !== undefined) revisions.add(m.revision);
    if (m.rego_version !== undefined) versions.add(m.rego_version);
    if (m.roots !== undefined) out.roots = [...new Set([...(out.roots ?? []), ...m.roots])];
    if (m.file_rego_versions !== undefined) out.file_rego_versions = merge(out.file_rego_versions, m.file_rego_versions, source.shown, "file_rego_versions");
    if (m.metadata !== undefined) out.metadata = merge(out.metadata, m.metadata, source.shown, "metadata");
  }
  if (versions.size > 1) throw new BundleError(`the sources' manifests disagree on rego_version (${[...versions].join(" and ")})`);
  const rev = revision ?? (revisions.size === 1 ? [...revisions][0] : undefined);
  const ordered: Manifest = {};
  if (rev !== undefined) ordered.revision = rev;
  if (out.roots !== undefined) ordered.roots = out.roots;
  ordered.rego_version = [...versions][0] ?? 1;
  if (out.file_rego_versions !== undefined) ordered.file_rego_versions = out.file_rego_versions;
  if (out.metadata !== undefined) ordered.metadata = out.metadata;
  return ordered;
}

function merge<T>(into: Record<string, T> | undefined, from: Record<string, T>, where: string, field: string): Record<string, T> {
  const out = { ...into };
  for (const [k, v] of Object.entries(from)) {
    if (Object.hasOwn(out, k) && JSON.stringify(out[k]) !== JSON.stringify(v)) throw new BundleError(`${where}: "${field}.${k}" differs from another source's manifest`);
    out[k] = v;
  }
  return out;
}
