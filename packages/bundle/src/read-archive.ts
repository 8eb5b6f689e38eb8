/**
 * Reads a bundle archive (.tar.gz) from memory, synchronously and safely:
 *
 * - gunzip is streamed (minizlib, fed a few KiB at a time) and every inflated byte
 *   is counted, so a gzip bomb is stopped at the limit instead of being inflated
 *   into memory first; bytes after the end of the tar archive are counted and dropped;
 * - each entry's declared size is checked against the remaining budget before any of
 *   its bytes are kept;
 * - only regular files and directories are accepted: symbolic links, hard links and
 *   device entries are refused, as are names that could leave the bundle (paths.ts);
 * - a damaged archive (bad gzip data, bad tar checksum, truncated input) is refused
 *   with a clear message rather than read partially.
 */
import { Gunzip } from "minizlib";
import { Parser, type ReadEntry } from "tar";
import { assembleBundle } from "./assemble.js";
import { BundleError } from "./errors.js";
import { Budget, formatBytes } from "./limits.js";
import { archiveEntryPath } from "./paths.js";
import type { Bundle, BundleFile, Limits } from "./types.js";

const SLICE = 8 * 1024; // compressed bytes per step: at most ~8 MiB inflated per step (deflate's ratio is ~1:1032)
// Inflated bytes allowed beyond the file bytes: a header and up to a block of padding
// per entry, plus room for PAX records and the end-of-archive blocks.
const overhead = (maxFiles: number): number => maxFiles * 1024 + 1024 * 1024;
const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

export function readBundleArchive(bytes: Uint8Array, name: string, limits?: Limits): Bundle {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new BundleError(`${name}: not a gzip-compressed tar archive (.tar.gz), the format of OPA bundles`);
  }
  const budget = new Budget(name, limits);
  const maxInflated = budget.maxBytes + overhead(budget.maxFiles);
  const files: BundleFile[] = [];
  let failure: BundleError | undefined;
  const stop = (message: string): void => {
    failure ??= new BundleError(`${name}: ${message}`);
  };

  const parser = new Parser({ strict: false });
  // After the end-of-archive blocks, tar's parser would buffer whatever follows; it is
  // only inflated (and counted, up to the limit) to reach gzip's checksum.
  let sawEnd = false;
  parser.on("eof", () => {
    sawEnd = true;
  });
  parser.on("warn", (code: string, message: string | Error) => stop(`corrupt archive: ${code}: ${message instanceof Error ? message.message : message}`));
  parser.on("error", (e: Error) => stop(`corrupt archive: ${e.message}`));
  // tar skips extended headers over 1 MiB; a bundle never needs one, so it is refused.
  parser.on("ignoredEntry", (entry: ReadEntry) => stop(`${JSON.stringify(entry.path)}: oversized ${entry.type} entry`));
  parser.on("entry", (entry: ReadEntry) => {
    if (failure) return entry.resume();
    try {
      onEntry(entry);
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      failure ??= e;
      entry.resume();
    }
  });

  const onEntry = (entry: ReadEntry): void => {
    const shown = JSON.stringify(entry.path);
    budget.entry(shown);
    if (entry.type === "SymbolicLink" || entry.type === "Link") {
      throw new BundleError(`${name}: ${shown}: is a ${entry.type === "Link" ? "hard" : "symbolic"} link; bundles may not contain links`);
    }
    const isDirectory = entry.type === "Directory";
    if (!isDirectory && !FILE_TYPES.has(entry.type)) {
      throw new BundleError(`${name}: ${shown}: entry of type ${entry.type}; bundles hold only regular files`);
    }
    const where = archiveEntryPath(entry.path, isDirectory);
    if ("problem" in where) throw new BundleError(`${name}: ${shown}: ${where.problem}`);
    if (isDirectory) return entry.resume();
    budget.bytes(where.path, entry.size);
    const chunks: Buffer[] = [];
    entry.on("data", (c: Buffer) => chunks.push(c));
    entry.on("end", () => files.push({ path: where.path, bytes: new Uint8Array(Buffer.concat(chunks)) }));
  };

  const gunzip = new Gunzip({});
  let inflated = 0;
  let head: Buffer | undefined = Buffer.alloc(0); // the first bytes, held back until the format is checked
  gunzip.on("error", (e: unknown) => stop(`corrupt archive: gzip: ${(e as Error).message}`));
  gunzip.on("data", (chunk: Buffer) => {
    if (failure) return;
    inflated += chunk.length;
    if (inflated > maxInflated) return stop(`inflates to more than ${formatBytes(maxInflated)}, past the ${formatBytes(budget.maxBytes)} limit; refusing to read further`);
    if (sawEnd) return;
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length < 512) return;
      chunk = head;
      head = undefined;
      if (nestedCompression(chunk)) return stop("the archive is compressed twice; expected one gzip layer around a tar file");
    }
    parser.write(chunk);
  });

  for (let off = 0; off < bytes.length && !failure; off += SLICE) gunzip.write(Buffer.from(bytes.buffer, bytes.byteOffset + off, Math.min(SLICE, bytes.length - off)));
  if (!failure) gunzip.end();
  if (!failure && head) {
    if (nestedCompression(head)) stop("the archive is compressed twice; expected one gzip layer around a tar file");
    else parser.write(head);
  }
  if (!failure) parser.end();
  if (failure) throw failure;
  return assembleBundle(name, files);
}

/** gzip or zstd inside the gzip layer: tar's parser would inflate it without our counter. */
function nestedCompression(b: Buffer): boolean {
  return (b[0] === 0x1f && b[1] === 0x8b) || (b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd);
}
