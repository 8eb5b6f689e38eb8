/** Signed bundles for the verification suites: a small source tree, test-only keys, and helpers to alter archives. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildBundle, loadSigningKey, readBundleArchive, type Bundle, type BundleFile } from "@regolith/bundle";
import { rsaPair, writePemPair } from "./bundle-archive.js";

export const SOURCES = {
  ".manifest": '{"roots": ["acme"], "revision": "r1"}',
  "data.json": '{"acme": {"limits": {"max": 3}}}',
  "policy.rego": "package acme.policy\n\nallow if input.user == \"alice\"\n",
  "lib/util.rego": "package acme.lib\n\nok := true\n",
};

/** Writes SOURCES into `dir` (nested paths allowed). */
export function writeSources(dir: string, files: Record<string, string> = SOURCES): void {
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, text);
  }
}

export interface SignedSetup {
  readonly dir: string;
  readonly keys: { priv: string; pub: string };
  readonly bytes: Uint8Array;
  readonly bundle: Bundle;
}

/** A bundle built from SOURCES and signed RS256 with a fresh test key, key id "k1". */
export async function signedBundle(options: { keyId?: string; scope?: string; iss?: string } = { keyId: "k1" }): Promise<SignedSetup> {
  const dir = mkdtempSync(join(tmpdir(), "regolith-bundle-"));
  writeSources(join(dir, "src"));
  const keys = writePemPair(dir, rsaPair());
  const key = await loadSigningKey(keys.priv, "RS256");
  const built = await buildBundle({ paths: [join(dir, "src")], signing: { key, alg: "RS256", ...options } });
  return { dir, keys, bytes: built.bytes, bundle: readBundleArchive(built.bytes, "signed.tar.gz") };
}

/** The same bundle with its files replaced (the signature kept). */
export function withFiles(b: Bundle, files: readonly BundleFile[]): Bundle {
  return { ...b, files };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The JWT payload of a bundle's signature, decoded without verifying. */
export function claimsOf(b: Bundle): Record<string, unknown> {
  const token = b.signatures!.signatures[0]!;
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}

export function headerOf(b: Bundle): Record<string, unknown> {
  const token = b.signatures!.signatures[0]!;
  return JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
