/**
 * Reads a bundle directory the way OPA's directory loader sees it: every file below
 * the directory, at its relative path, hidden files included (".manifest" is one).
 * Links are refused rather than followed or skipped, so what is signed and loaded
 * is exactly what lies inside the directory.
 */
import fg from "fast-glob";
import { join } from "node:path";
import { assembleBundle } from "./assemble.js";
import { BundleError } from "./errors.js";
import { Budget } from "./limits.js";
import { comparePaths } from "./paths.js";
import { readRegularFile } from "./safe-file.js";
import type { Bundle, BundleFile, Limits } from "./types.js";

export async function readBundleDirectory(dir: string, name: string, limits?: Limits): Promise<Bundle> {
  const budget = new Budget(name, limits);
  const paths: string[] = [];
  const stream = fg.stream("**", { cwd: dir, dot: true, onlyFiles: false, followSymbolicLinks: false, objectMode: true, suppressErrors: false });
  for await (const item of stream) {
    const entry = item as unknown as fg.Entry;
    budget.entry(entry.path);
    if (entry.dirent.isSymbolicLink()) throw new BundleError(`${name}: ${entry.path}: is a symbolic link; bundles may not contain links`);
    if (entry.dirent.isDirectory()) continue;
    if (!entry.dirent.isFile()) throw new BundleError(`${name}: ${entry.path}: not a regular file`);
    paths.push(entry.path);
  }
  paths.sort(comparePaths);
  const files: BundleFile[] = [];
  for (const path of paths) files.push({ path, bytes: await readRegularFile(join(dir, path), name, path, budget) });
  return assembleBundle(name, files);
}
