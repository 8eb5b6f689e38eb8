/**
 * The download cache of `fetchBundle`: per URL, the last bundle bytes and their
 * ETag, under a name derived from the URL's SHA-256 (the URL itself may hold a
 * signed query string, so it is not written anywhere). Writes are atomic (temporary
 * file, then rename), so an interrupted run leaves the old entry or the new one.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface CacheEntry {
  readonly etag: string;
  readonly bytes: Uint8Array;
}

const keyOf = (url: string): string => createHash("sha256").update(url).digest("hex");

export async function readCache(dir: string, url: string): Promise<CacheEntry | undefined> {
  const key = keyOf(url);
  try {
    const meta = JSON.parse(await readFile(join(dir, `${key}.json`), "utf8")) as { etag?: unknown };
    if (typeof meta.etag !== "string" || meta.etag === "") return undefined;
    return { etag: meta.etag, bytes: new Uint8Array(await readFile(join(dir, `${key}.tar.gz`))) };
  } catch {
    return undefined; // a missing or damaged entry is a cache miss
  }
}

export async function writeCache(dir: string, url: string, entry: CacheEntry | undefined): Promise<void> {
  const key = keyOf(url);
  await mkdir(dir, { recursive: true });
  if (!entry) {
    await rm(join(dir, `${key}.json`), { force: true });
    await rm(join(dir, `${key}.tar.gz`), { force: true });
    return;
  }
  // Bytes first, then the ETag that refers to them.
  await atomicWrite(join(dir, `${key}.tar.gz`), entry.bytes);
  await atomicWrite(join(dir, `${key}.json`), `${JSON.stringify({ etag: entry.etag })}\n`);
}

async function atomicWrite(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
