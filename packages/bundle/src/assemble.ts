/**
 * Turns the files read from an archive or a directory into a Bundle: the root
 * `.signatures.json` set apart, `.manifest` parsed, paths unique and sorted.
 */
import { MANIFEST, SIGNATURES } from "./constants.js";
import { BundleError } from "./errors.js";
import { isJsonObject, parseJsonBytes } from "./json-file.js";
import { parseManifest } from "./manifest.js";
import { comparePaths } from "./paths.js";
import type { Bundle, BundleFile, SignaturesFile } from "./types.js";

export function assembleBundle(name: string, read: readonly BundleFile[]): Bundle {
  const seen = new Set<string>();
  const files: BundleFile[] = [];
  let signatures: SignaturesFile | undefined;
  for (const file of read) {
    if (seen.has(file.path)) {
      // Two entries for one path: a verifier could check one copy and a loader use the other.
      throw new BundleError(`${name}: ${file.path}: appears more than once in the bundle`);
    }
    seen.add(file.path);
    if (file.path === SIGNATURES) {
      signatures = parseSignatures(file.bytes, name);
      continue;
    }
    if (file.path.endsWith("signatures.json")) {
      // OPA takes any file whose name ends in "signatures.json" for the signatures file.
      throw new BundleError(`${name}: ${file.path}: OPA would read this file as the bundle's signatures; only ${SIGNATURES} at the root may have such a name`);
    }
    files.push(file);
  }
  files.sort((a, b) => comparePaths(a.path, b.path));
  const manifestFile = files.find((f) => f.path === MANIFEST);
  return Object.freeze({
    name,
    files: Object.freeze(files),
    manifest: manifestFile ? parseManifest(manifestFile.bytes, name) : {},
    signatures,
  });
}

function parseSignatures(bytes: Uint8Array, name: string): SignaturesFile {
  const at = `${name}: ${SIGNATURES}`;
  const raw = parseJsonBytes(bytes, at);
  if (!isJsonObject(raw)) throw new BundleError(`${at}: must be a JSON object`);
  const { signatures, plugin } = raw as { signatures?: unknown; plugin?: unknown };
  if (signatures !== undefined && !(Array.isArray(signatures) && signatures.every((s) => typeof s === "string"))) {
    throw new BundleError(`${at}: "signatures" must be a list of strings`);
  }
  if (plugin !== undefined && typeof plugin !== "string") throw new BundleError(`${at}: "plugin" must be a string`);
  const out: SignaturesFile = { signatures: [...((signatures as string[] | undefined) ?? [])] };
  if (plugin !== undefined && plugin !== "") out.plugin = plugin;
  return out;
}
