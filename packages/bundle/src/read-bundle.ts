/** `readBundle(path)`: a directory, or a file read as a .tar.gz archive (by its content, not its name). */
import { stat, readFile } from "node:fs/promises";
import { BundleError } from "./errors.js";
import { formatBytes, resolveLimits } from "./limits.js";
import { readBundleArchive } from "./read-archive.js";
import { readBundleDirectory } from "./read-directory.js";
import type { Bundle, Limits } from "./types.js";

export async function readBundle(path: string, limits?: Limits): Promise<Bundle> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError(`${path}: ${code === "ENOENT" ? "no such file or directory" : `cannot read (${code ?? (e as Error).message})`}`);
  }
  if (st.isDirectory()) return readBundleDirectory(path, path, limits);
  if (!st.isFile()) throw new BundleError(`${path}: not a file or directory`);
  // The compressed archive can be no larger than what it may inflate to.
  const { maxBytes } = resolveLimits(limits);
  if (st.size > maxBytes) throw new BundleError(`${path}: ${formatBytes(st.size)} is more than the ${formatBytes(maxBytes)} limit`);
  return readBundleArchive(new Uint8Array(await readFile(path)), path, limits);
}
