/**
 * The PATHs of `regolith test`: `.rego` files, data files, directories (OPA's `-d`
 * semantics: a data file in `DIR/a/b/` lands at `data.a.b`), bundle directories (a
 * directory holding `.manifest`, loaded as `-b` loads it, wherever it sits under a
 * PATH) and `.tar.gz` bundles.
 *
 * A directory walk skips hidden entries (`.git`, `.github`, `.tap`) and `node_modules`,
 * so `regolith test .` in a repository loads policies, not tooling files.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";
import { emptyLoaded, loadBundlePath, loadDataPath, type Loaded } from "./loader.js";
import { mergeAt } from "./merge.js";

const DATA_FILE = /\.(json|ya?ml)$/i;
const ARCHIVE = /\.(tar\.gz|tgz)$/i;

export function loadTestPaths(paths: readonly string[], cwd: string): Loaded {
  const into = emptyLoaded();
  for (const path of paths) loadTestPath(into, path, cwd);
  const seen = new Set<string>();
  // The same file reached through two PATHs is one module.
  const unique = into.modules.filter((m) => !seen.has(resolve(cwd, m.name)) && seen.add(resolve(cwd, m.name)));
  into.modules.splice(0, into.modules.length, ...unique);
  return into;
}

function loadTestPath(into: Loaded, given: string, cwd: string): void {
  // `dir/` and `dir` name the same files: `dir/x.rego`, never `dir//x.rego`.
  const path = given.length > 1 ? given.replace(/\/+$/, "") : given;
  const full = resolve(cwd, path);
  let isDir: boolean;
  try {
    isDir = statSync(full).isDirectory();
  } catch {
    throw new CliError(`${path}: no such file or directory`);
  }
  if (!isDir) {
    if (ARCHIVE.test(path)) loadBundlePath(into, path, cwd);
    else loadDataPath(into, path, cwd);
    return;
  }
  if (isBundle(full)) loadBundlePath(into, path, cwd);
  else walk(into, cwd, path, full, []);
}

function isBundle(dir: string): boolean {
  return existsSync(join(dir, ".manifest"));
}

/** Walks a plain directory; `at` is the data path of the directory being walked. */
function walk(into: Loaded, cwd: string, shown: string, full: string, at: readonly string[]): void {
  const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const childShown = join(shown, e.name);
    const childFull = join(full, e.name);
    if (e.isDirectory()) {
      if (isBundle(childFull)) loadBundlePath(into, childShown, cwd);
      else walk(into, cwd, childShown, childFull, [...at, e.name]);
    } else if (e.isFile()) {
      if (e.name.endsWith(".rego")) into.modules.push({ name: childShown, source: read(childFull, childShown) });
      else if (DATA_FILE.test(e.name)) mergeAt(into.data, at, parseDataFile(read(childFull, childShown), childShown), childShown);
    }
  }
}

function read(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    throw new CliError(`${shown}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
