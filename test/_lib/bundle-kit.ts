/**
 * Test kit for the bundle commands: throwaway key pairs (generated per test, written
 * into the test's directory, never committed), archives with hand-made entries
 * (links, `..` names) that no honest builder writes, and re-packing an archive with
 * one file changed while keeping its signature.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readBundleArchive } from "@regolith/bundle";
import { archive, type Entry } from "./tar.js";

export { archive, type Entry };

/** Writes `NAME.pem` (private, PKCS#8) and `NAME.pub.pem` (public, SPKI) into `dir`. */
export function writeKeyPair(dir: string, name: string, kind: "rsa" | "ec" = "rsa"): { privateKey: string; publicKey: string } {
  const pair = kind === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const privateKey = join(dir, `${name}.pem`);
  const publicKey = join(dir, `${name}.pub.pem`);
  writeFileSync(privateKey, pair.privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(publicKey, pair.publicKey.export({ type: "spki", format: "pem" }));
  return { privateKey, publicKey };
}


/**
 * Re-packs the archive at `from` into `to` with `change` applied to its files (path →
 * bytes; return undefined to drop a file), keeping `.signatures.json` as it was: what
 * an attacker who can rewrite the archive but not re-sign it would produce.
 */
export function repack(from: string, to: string, change: (files: Map<string, Uint8Array>) => void): void {
  const bundle = readBundleArchive(new Uint8Array(readFileSync(from)), from);
  const files = new Map(bundle.files.map((f) => [f.path, f.bytes]));
  change(files);
  const entries: Entry[] = [...files].map(([name, body]) => ({ name, body }));
  if (bundle.signatures) entries.push({ name: ".signatures.json", body: JSON.stringify(bundle.signatures) });
  writeFileSync(to, archive(entries));
}

/** `bytes` with one byte changed at `index` (default: the middle). */
export function flipByte(bytes: Uint8Array, index = Math.floor(bytes.length / 2)): Uint8Array {
  const copy = new Uint8Array(bytes);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}
