/**
 * Paths inside a bundle: posix, relative to the bundle root, no "." or ".." segments.
 * Archive entry names are untrusted; `archiveEntryPath` says why a name is refused.
 */
import { posix } from "node:path";

export type PathResult = { readonly path: string } | { readonly problem: string };

/**
 * Normalizes a tar entry name to a bundle path. OPA's own `opa build` writes names
 * with one leading "/" ("/data.json", "/.manifest"), meaning the bundle root, and
 * `tar -C dir .` writes "./x"; both are accepted. Bundles are read into memory and
 * never extracted, so "/x" cannot reach the file system; anything that could mean
 * another place (a ".." segment, "//host", a drive letter, a backslash) is refused.
 */
export function archiveEntryPath(raw: string, isDirectory: boolean): PathResult {
  if (raw === "") return { problem: "empty entry name" };
  if (raw.includes("\0")) return { problem: "entry name contains a NUL byte" };
  if (raw.includes("\\")) return { problem: "entry name contains a backslash (Windows-style paths are not allowed)" };
  if (/^[A-Za-z]:/.test(raw)) return { problem: "absolute Windows path" };
  let p = raw;
  if (p.startsWith("/")) {
    p = p.slice(1);
    if (p.startsWith("/")) return { problem: "absolute path outside the bundle" };
  }
  while (p.startsWith("./")) p = p.slice(2);
  if (isDirectory) {
    if (p.endsWith("/")) p = p.slice(0, -1);
    if (p === "" || p === ".") return { path: "" };
  }
  if (p === "") return { problem: "entry name has no file name" };
  for (const segment of p.split("/")) {
    if (segment === "..") return { problem: "path escapes the bundle (a '..' segment)" };
    if (segment === "." || segment === "") return { problem: "path has an empty or '.' segment" };
  }
  return { path: p };
}

/** Sort order for bundle paths: UTF-8 bytes, as Go's `sort.Strings` orders OPA's. */
export function comparePaths(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

export function baseName(path: string): string {
  return posix.basename(path);
}

/** Directory segments of a bundle file path ("a/b/data.json" → ["a", "b"]). */
export function dirSegments(path: string): string[] {
  const dir = posix.dirname(path);
  return dir === "." ? [] : dir.split("/");
}

export const isRegoFile = (path: string): boolean => path.endsWith(".rego");
export const isTestFile = (path: string): boolean => path.endsWith("_test.rego");
