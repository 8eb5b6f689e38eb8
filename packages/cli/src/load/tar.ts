/** Reading the files of a `.tar.gz` (ustar) bundle archive. */
import { gunzipSync } from "node:zlib";
import { CliError } from "../exit-codes.js";

/** Archives larger than this (uncompressed) are refused, as OPA refuses gzip bombs. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString("utf8");
}

export function readTarGz(archive: Buffer, name: string): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = gunzipSync(archive, { maxOutputLength: MAX_ARCHIVE_BYTES });
  } catch (e) {
    throw new CliError(`${name}: not a gzip archive: ${(e as Error).message}`);
  }
  const files = new Map<string, Buffer>();
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const path = [field(header, 345, 155), field(header, 0, 100)].filter(Boolean).join("/");
    const size = parseInt(field(header, 124, 12).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 48);
    offset += 512;
    if (type === "0" || type === "\0") files.set(path.replace(/^\.?\//, ""), Buffer.from(tar.subarray(offset, offset + size)));
    offset += Math.ceil(size / 512) * 512;
  }
  return files;
}
