/**
 * Writes a deterministic .tar.gz: entries sorted by path, regular files only (no
 * directory entries; OPA needs none), mode 0644, uid/gid 0, no user or group
 * names, mtime 0; long names in a PAX header that carries only the path. The gzip
 * header has mtime 0 and no file name (zlib's default) and its OS byte is set to
 * 255, "unknown", as Go's gzip writer (OPA's) does, so it does not vary by platform.
 */
import { Header, Pax } from "tar";
import { gzipSync } from "node:zlib";
import { comparePaths } from "./paths.js";
import type { BundleFile } from "./types.js";

const BLOCK = 512;
const EPOCH = new Date(0);

export function writeTarGz(files: readonly BundleFile[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const file of [...files].sort((a, b) => comparePaths(a.path, b.path))) {
    const header = new Header({ path: file.path, mode: 0o644, uid: 0, gid: 0, size: file.bytes.length, mtime: EPOCH, type: "File", uname: "", gname: "" });
    const block = Buffer.alloc(BLOCK);
    if (header.encode(block, 0)) parts.push(new Pax({ path: file.path }).encode());
    parts.push(block, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.length));
    const pad = (BLOCK - (file.bytes.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK)); // end of archive
  const gz = gzipSync(Buffer.concat(parts), { level: 9 });
  gz[9] = 0xff; // OS: unknown
  return new Uint8Array(gz.buffer, gz.byteOffset, gz.length);
}
