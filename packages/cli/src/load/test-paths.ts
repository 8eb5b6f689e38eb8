/**
 * The PATHs of `regolith test`: `.rego` files, data files, directories (OPA's `-d`
 * semantics: a data file in `DIR/a/b/` lands at `data.a.b`), bundle directories (a
 * directory holding `.manifest`, loaded as `-b` loads it, wherever it sits under a
 * PATH), `.tar.gz` bundles and bundle URLs. Bundles are opened and checked by
 * bundles.ts: verified when a key is given, held to their manifest roots, and
 * refused together when their roots overlap.
 *
 * A directory walk skips hidden entries (`.git`, `.github`, `.tap`) and `node_modules`,
 * so `regolith test .` in a repository loads policies, not tooling files.
 */
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";
import type { BundleOptions } from "./bundle-options.js";
import { BundleChecker, isRemote, openBundle, unsignedModuleMessage } from "./bundles.js";
import { addBundle, emptyLoaded, isDirectory, loadDataPath, readSource, type Loaded } from "./loader.js";
import { mergeAt } from "./merge.js";

const DATA_FILE = /\.(json|ya?ml)$/i;
const ARCHIVE = /\.(tar\.gz|tgz)$/i;

interface Walk {
  readonly into: Loaded;
  readonly cwd: string;
  readonly options: BundleOptions;
  readonly checker: BundleChecker;
  /** Bundles already loaded (absolute path or URL): a bundle reached through two PATHs loads once. */
  readonly opened: Set<string>;
  /** Modules that came from bundles; with --require-signature, no other module may load. */
  readonly fromBundles: Set<string>;
}

export async function loadTestPaths(paths: readonly string[], options: BundleOptions): Promise<Loaded> {
  const cwd = options.cwd;
  const into = emptyLoaded();
  const w: Walk = { into, cwd, options, checker: new BundleChecker(options), opened: new Set(), fromBundles: new Set() };
  for (const path of paths) await loadTestPath(w, path);
  w.checker.checkTogether();
  const unsigned = into.modules.find((m) => !w.fromBundles.has(m.name));
  if (options.requireSignature && unsigned) throw new CliError(unsignedModuleMessage(unsigned.name, "not in a bundle"));
  const seen = new Set<string>();
  // The same file reached through two PATHs is one module.
  const unique = into.modules.filter((m) => !seen.has(resolve(cwd, m.name)) && seen.add(resolve(cwd, m.name)));
  into.modules.splice(0, into.modules.length, ...unique);
  return into;
}

async function loadBundle(w: Walk, path: string): Promise<void> {
  const key = isRemote(path) ? path : resolve(w.cwd, path);
  if (w.opened.has(key)) return;
  w.opened.add(key);
  const bundle = await openBundle(path, w.options);
  await w.checker.check(bundle);
  const before = w.into.modules.length;
  addBundle(w.into, bundle);
  for (const m of w.into.modules.slice(before)) w.fromBundles.add(m.name);
}

async function loadTestPath(w: Walk, given: string): Promise<void> {
  if (isRemote(given)) return loadBundle(w, given);
  // `dir/` and `dir` name the same files: `dir/x.rego`, never `dir//x.rego`.
  const path = given.length > 1 ? given.replace(/\/+$/, "") : given;
  const full = resolve(w.cwd, path);
  if (!isDirectory(full, path)) {
    if (ARCHIVE.test(path)) await loadBundle(w, path);
    else loadDataPath(w.into, path, w.cwd);
    return;
  }
  if (isBundle(full)) await loadBundle(w, path);
  else await walk(w, path, full, []);
}

function isBundle(dir: string): boolean {
  return existsSync(join(dir, ".manifest"));
}

/** Walks a plain directory; `at` is the data path of the directory being walked. */
async function walk(w: Walk, shown: string, full: string, at: readonly string[]): Promise<void> {
  const into = w.into;
  const entries = readdirSync(full, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const childShown = join(shown, e.name);
    const childFull = join(full, e.name);
    if (e.isDirectory()) {
      if (isBundle(childFull)) await loadBundle(w, childShown);
      else await walk(w, childShown, childFull, [...at, e.name]);
    } else if (e.isFile()) {
      if (e.name.endsWith(".rego")) into.modules.push({ name: childShown, source: readSource(childFull, childShown) });
      else if (DATA_FILE.test(e.name)) mergeAt(into.data, at, parseDataFile(readSource(childFull, childShown), childShown), childShown);
    }
  }
}
