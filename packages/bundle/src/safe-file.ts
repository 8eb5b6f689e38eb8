/**
 * Reads one file of a bundle directory without following links: the final path
 * component is opened with O_NOFOLLOW (a symbolic link fails to open), and the open
 * descriptor must be a regular file with a single link. A hard link could make a
 * file from elsewhere on the disk part of the bundle, so it is refused too.
 */
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { BundleError } from "./errors.js";
import type { Budget } from "./limits.js";

const NOFOLLOW = constants.O_NOFOLLOW ?? 0; // absent on Windows, where links are rare and need privileges

export async function readRegularFile(absolute: string, where: string, path: string, budget: Budget): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(absolute, constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ELOOP" || code === "EMLINK") throw new BundleError(`${where}: ${path}: is a symbolic link; bundles may not contain links`);
    throw new BundleError(`${where}: ${path}: cannot read (${code ?? (e as Error).message})`);
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new BundleError(`${where}: ${path}: not a regular file`);
    if (st.nlink > 1) throw new BundleError(`${where}: ${path}: is a hard link (${st.nlink} names for one file); bundles may not contain links`);
    budget.bytes(path, st.size);
    // One byte more than the size seen, to notice a file that grows while it is read.
    const buffer = Buffer.alloc(st.size + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled > st.size) throw new BundleError(`${where}: ${path}: changed while being read`);
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, filled);
  } finally {
    await handle.close();
  }
}
