/**
 * Ignore patterns for `buildBundle`: `.regolithignore` files (one per source
 * directory) and `ignore` options, in a gitignore-like syntax turned into
 * fast-glob `ignore` globs:
 *   name        a file or directory of that name at any depth (like OPA's --ignore)
 *   a/b, /a     anchored to the source directory
 *   dir/        a directory and everything below it
 *   # comment, blank lines; "\#" and "\!" for literal leading characters
 * Negation ("!pattern") is refused rather than silently ignored.
 */
import { BundleError } from "./errors.js";

export const IGNORE_FILE = ".regolithignore";

export function toIgnoreGlobs(pattern: string): string[] {
  let p = pattern;
  const dirOnly = p.endsWith("/");
  if (dirOnly) p = p.replace(/\/+$/, "");
  const anchored = p.includes("/");
  p = p.replace(/^\/+/, "");
  if (p === "") return [];
  const base = anchored ? p : `**/${p}`;
  return dirOnly ? [`${base}/**`] : [base, `${base}/**`];
}

/** The globs of a `.regolithignore` file's text; `source` names it in messages. */
export function parseIgnoreFile(text: string, source: string): string[] {
  const globs: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    let p = line.replace(/\s+$/, "");
    if (p === "" || p.startsWith("#")) return;
    if (p.startsWith("!")) throw new BundleError(`${source}:${i + 1}: negated patterns ("!") are not supported`);
    if (p.startsWith("\\#") || p.startsWith("\\!")) p = p.slice(1);
    globs.push(...toIgnoreGlobs(p));
  });
  return globs;
}
