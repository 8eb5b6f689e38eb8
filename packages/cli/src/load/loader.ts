/**
 * OPA's loader semantics for `-d` and `-b`.
 *
 * `-d PATH`: a `.rego` file is a module; a `.json`/`.yaml`/`.yml` file is data merged
 * at the root; a directory is walked, and each data file in `DIR/a/b/` is merged at
 * `data.a.b` (a file at the directory's root lands at `data`).
 *
 * `-b PATH`: a bundle directory, `.tar.gz` or URL, opened and checked by
 * bundles.ts, then added here: modules, and only files named `data.json` /
 * `data.yaml` as data, at the path of their directory.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { Value } from "@regolith/rego";
import { DATA_JSON, DATA_YAML, type Bundle } from "@regolith/bundle";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";
import { mergeAt, type MutableTree } from "./merge.js";
import { decodeText } from "./module-packages.js";

export interface SourceFile {
  /** The name errors and locations use: the path as the user gave it. */
  readonly name: string;
  readonly source: string;
}

export interface Loaded {
  readonly modules: SourceFile[];
  readonly data: MutableTree;
}

const DATA_FILE = /\.(json|ya?ml)$/i;

/** A file's text; an unreadable file is a usage error naming it (as `shown`) and why. */
export function readSource(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${shown}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : []));
}

function segments(relDir: string): string[] {
  return relDir === "" ? [] : relDir.split(sep);
}

export function emptyLoaded(): Loaded {
  return { modules: [], data: {} };
}

/** Whether `full` (shown as `path`) is a directory; a missing path is a usage error. */
export function isDirectory(full: string, path: string): boolean {
  try {
    return statSync(full).isDirectory();
  } catch {
    throw new CliError(`${path}: no such file or directory`);
  }
}

/** Adds one `-d` path to `into`. */
export function loadDataPath(into: Loaded, path: string, cwd: string): void {
  const full = resolve(cwd, path);
  if (!isDirectory(full, path)) {
    if (path.endsWith(".rego")) into.modules.push({ name: path, source: readSource(full, path) });
    else if (DATA_FILE.test(path)) mergeAt(into.data, [], parseDataFile(readSource(full, path), path), path);
    else throw new CliError(`${path}: unsupported file type (want .rego, .json, .yaml or .yml)`);
    return;
  }
  for (const file of walk(full)) {
    const shown = join(path, relative(full, file));
    if (file.endsWith(".rego")) into.modules.push({ name: shown, source: readSource(file, shown) });
    else if (DATA_FILE.test(file)) {
      const dir = relative(full, join(file, ".."));
      mergeAt(into.data, segments(dir), parseDataFile(readSource(file, shown), shown), shown);
    }
  }
}

/**
 * Adds an opened bundle to `into`, as OPA's bundle loader does: every `.rego` file is
 * a module (named `BUNDLE/path`), and only files named `data.json` / `data.yaml` are
 * data, merged at the path of their directory. Other files (`.manifest`, JSON files
 * with other names) are not loaded.
 */
export function addBundle(into: Loaded, bundle: Bundle): void {
  for (const file of bundle.files) {
    const shown = `${bundle.name}/${file.path}`;
    const slash = file.path.lastIndexOf("/");
    const base = file.path.slice(slash + 1);
    if (file.path.endsWith(".rego")) into.modules.push({ name: shown, source: decodeText(file.bytes) });
    else if (base === DATA_JSON || base === DATA_YAML) {
      const dir = slash < 0 ? [] : file.path.slice(0, slash).split("/");
      const value: Value = parseDataFile(decodeText(file.bytes), shown);
      mergeAt(into.data, dir, value, shown);
    }
  }
}
