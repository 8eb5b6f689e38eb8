/**
 * Hand-made tar.gz archives for reader tests, including ones no honest tool writes:
 * links, names that escape, headers that lie about sizes, data after the end.
 * Built with tar's Header class (a tar format encoder, not the code under test).
 */
import { generateKeyPairSync, type KeyObject } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Header, type HeaderData } from "tar";

export interface RawEntry {
  readonly name: string;
  readonly body?: string | Buffer;
  readonly type?: HeaderData["type"];
  readonly linkpath?: string;
  /** Claimed size, when it should differ from the body's. */
  readonly size?: number;
}

export function tarBlock(e: RawEntry): Buffer {
  const body = typeof e.body === "string" ? Buffer.from(e.body) : (e.body ?? Buffer.alloc(0));
  const header = new Header({ path: e.name, mode: 0o644, uid: 0, gid: 0, size: e.size ?? body.length, mtime: new Date(0), type: e.type ?? "File", linkpath: e.linkpath ?? "" });
  const block = Buffer.alloc(512);
  header.encode(block, 0);
  return Buffer.concat([block, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** A tar (not compressed) of `entries`, with the end-of-archive blocks unless `end` is false. */
export function tar(entries: readonly RawEntry[], end = true): Buffer {
  return Buffer.concat([...entries.map(tarBlock), Buffer.alloc(end ? 1024 : 0)]);
}

export const tarGz = (entries: readonly RawEntry[]): Buffer => gzipSync(tar(entries));

/** `{path: text}` as an archive, names as given (OPA's `opa build` writes "/"-prefixed ones). */
export const archiveOf = (files: Record<string, string | Buffer>): Buffer => tarGz(Object.entries(files).map(([name, body]) => ({ name, body })));

/** Test-only key pairs, made at run time; never real credentials. */
export function rsaPair(bits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("rsa", { modulusLength: bits });
}

export function ecPair(curve: "P-256" | "P-384" | "P-521"): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync("ec", { namedCurve: curve });
}

/** Writes a key pair as PEM files priv.pem / pub.pem in `dir`; returns their paths. */
export function writePemPair(dir: string, pair: { privateKey: KeyObject; publicKey: KeyObject }, prefix = ""): { priv: string; pub: string } {
  const priv = join(dir, `${prefix}priv.pem`);
  const pub = join(dir, `${prefix}pub.pem`);
  writeFileSync(priv, pair.privateKey.export({ type: "pkcs8", format: "pem" }));
  writeFileSync(pub, pair.publicKey.export({ type: "spki", format: "pem" }));
  return { priv, pub };
}
