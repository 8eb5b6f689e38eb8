/**
 * Finds the files `buildBundle` puts in a bundle, with fast-glob: in each source
 * directory, `*.rego` (tests, `*_test.rego`, only when asked) and `data.json` files
 * at their relative paths, plus the directory's `.manifest`. Hidden directories are
 * not searched. Links are not followed; a linked policy file or directory is an
 * error rather than a silent omission. A source given as a file goes in under its
 * own name.
 */
import fg from "fast-glob";
import { readFile, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { DATA_JSON, DATA_YAML, MANIFEST } from "./constants.js";
import { BundleError } from "./errors.js";
import { IGNORE_FILE, parseIgnoreFile, toIgnoreGlobs } from "./ignore-patterns.js";
import { baseName, isRegoFile, isTestFile } from "./paths.js";

export interface SourceFile {
  /** Path inside the bundle. */
  readonly path: string;
  readonly absolute: string;
  /** How the user would name it: the source argument joined with the relative path. */
  readonly shown: string;
}

export interface Sources {
  readonly files: readonly SourceFile[];
  readonly manifests: readonly SourceFile[];
}

export interface CollectOptions {
  readonly paths: readonly string[];
  readonly ignore?: readonly string[];
  readonly includeTests?: boolean;
}

const wanted = (path: string): boolean => isRegoFile(path) || baseName(path) === DATA_JSON;

export async function collectSources(options: CollectOptions): Promise<Sources> {
  if (options.paths.length === 0) throw new BundleError("no source paths given");
  const files: SourceFile[] = [];
  const manifests: SourceFile[] = [];
  const extra = (options.ignore ?? []).flatMap(toIgnoreGlobs);
  for (const source of options.paths) {
    let st;
    try {
      st = await stat(source);
    } catch {
      throw new BundleError(`${source}: no such file or directory`);
    }
    if (st.isFile()) {
      const name = basename(source);
      if (name === MANIFEST) manifests.push({ path: MANIFEST, absolute: source, shown: source });
      else if (wanted(name)) files.push({ path: name, absolute: source, shown: source });
      else throw new BundleError(`${source}: not a .rego, data.json or .manifest file`);
      continue;
    }
    if (!st.isDirectory()) throw new BundleError(`${source}: not a file or directory`);
    const ignore = [...extra, ...(await ignoreFileGlobs(source))];
    const entries = await fg("**", { cwd: source, dot: false, onlyFiles: false, followSymbolicLinks: false, objectMode: true, ignore, suppressErrors: false });
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const entry of entries) {
      const shown = join(source, entry.path);
      if (entry.dirent.isSymbolicLink()) {
        const target = await stat(join(source, entry.path)).catch(() => undefined);
        if (target?.isDirectory() || wanted(entry.path)) {
          throw new BundleError(`${shown}: is a symbolic link; links are not followed (replace it with the real file or directory, or ignore it in ${IGNORE_FILE})`);
        }
        continue;
      }
      if (!entry.dirent.isFile()) continue;
      if (baseName(entry.path) === DATA_YAML) throw new BundleError(`${shown}: data.yaml is not supported by regolith bundle build; convert it to data.json (or ignore it in ${IGNORE_FILE})`);
      if (!wanted(entry.path) || (isTestFile(entry.path) && !options.includeTests)) continue;
      files.push({ path: entry.path, absolute: join(source, entry.path), shown });
    }
    const manifest = await stat(join(source, MANIFEST)).catch(() => undefined);
    if (manifest) manifests.push({ path: MANIFEST, absolute: join(source, MANIFEST), shown: join(source, MANIFEST) });
  }
  return { files, manifests };
}

async function ignoreFileGlobs(dir: string): Promise<string[]> {
  const file = join(dir, IGNORE_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new BundleError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseIgnoreFile(text, file);
}
