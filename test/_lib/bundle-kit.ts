/**
 * Test kit for the bundle commands: throwaway key pairs (generated per test, written
 * into the test's directory, never committed), archives with hand-made entries
 * (links, `..` names) that no honest builder writes, and re-packing an archive with
 * one file changed while keeping its signature.
 */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readBundleArchive } from "@regolith/bundle";

/** Writes `NAME.pem` (private, PKCS#8) and `NAME.pub.pem` (public, SPKI) into `dir`. */
export function writeKeyPair(dir: string, name: string, kind: "rsa" | "ec" = "rsa"): { privateKey: string; publicKey: string } {
  const pair = kind === "rsa" ? generateKeyPairSync("rsa", { modulusLength: 2048 }) : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const privateKey = join(dir, `${name}.pem`);
  const publicKey = join(dir, `${name}.pub.pem`);
  writeFileSync(privateKey, pair.privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(publicKey, pair.publicKey.export({ type: "spki", format: "pem" }));
  return { privateKey, publicKey };
}

export interface Entry {
  readonly name: string;
  readonly body?: string | Uint8Array;
  /** ustar type flag: "0" file (default), "2" symbolic link, "5" directory. */
  readonly type?: "0" | "2" | "5";
  readonly linkname?: string;
}

function header(e: Entry, size: number): Buffer {
  const h = Buffer.alloc(512);
  h.write(e.name, 0, 100, "utf8");
  h.write(e.type === "5" ? "0000755\0" : "0000644\0", 100);
  h.write("0000000\0", 108);
  h.write("0000000\0", 116);
  h.write(size.toString(8).padStart(11, "0") + "\0", 124);
  h.write("00000000000\0", 136);
  h.write("        ", 148);
  h.write(e.type ?? "0", 156);
  if (e.linkname) h.write(e.linkname, 157, 100, "utf8");
  h.write("ustar\0", 257);
  h.write("00", 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, "0") + "\0 ", 148);
  return h;
}

/** A .tar.gz of exactly these entries, in this order. */
export function archive(entries: readonly Entry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = e.type === "2" || e.type === "5" ? Buffer.alloc(0) : Buffer.from(e.body ?? "");
    parts.push(header(e, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
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
