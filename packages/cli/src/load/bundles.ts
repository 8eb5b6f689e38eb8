/**
 * Opening the bundles a command loads (`-b`, and bundle PATHs of `regolith test`)
 * through @regolith/bundle: a directory, a .tar.gz (read in memory, never extracted;
 * links, `..` and absolute names refused) or an http(s) URL (fetched, cached by
 * ETag). Each bundle is verified when a key is given, and checked against its
 * manifest roots; together, no two may claim overlapping roots.
 *
 * Every BundleError becomes a CliError: exit 2, with the message that names the
 * bundle and the file.
 */
import { resolve } from "node:path";
import { BundleError, displayUrl, fetchBundle, loadVerificationKeys, overlapProblems, readBundle, readBundleArchive, rootProblems, verifyBundle, type Bundle, type KeyRing } from "@regolith/bundle";
import { CliError } from "../exit-codes.js";
import type { BundleOptions } from "./bundle-options.js";
import { manifestRoots, modulePackages } from "./module-packages.js";

const REMOTE = /^https?:\/\//i;

export function isRemote(spec: string): boolean {
  return REMOTE.test(spec);
}

/** A URL as shown in messages and module names: no user info, no query string (either may hold a secret). */
export function shownUrl(spec: string): string {
  try {
    return displayUrl(new URL(spec));
  } catch {
    return "(an invalid URL)";
  }
}

/** Runs `work`, turning a BundleError into a CliError (exit 2) with its message. */
export async function bundleErrors<T>(work: () => Promise<T> | T, rename?: (message: string) => string): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof BundleError) throw new CliError(rename ? rename(e.message) : e.message);
    throw e;
  }
}

/** The same bundle under another name (readBundle names a directory by the path it was given). */
function renamed(bundle: Bundle, name: string): Bundle {
  return Object.freeze({ name, files: bundle.files, manifest: bundle.manifest, signatures: bundle.signatures });
}

/** Reads one bundle, unverified: `spec` is a path (relative to `options.cwd`) or an http(s) URL. */
export async function openBundle(spec: string, options: BundleOptions): Promise<Bundle> {
  if (isRemote(spec)) return fetchRemote(spec, options);
  const shown = spec.length > 1 ? spec.replace(/\/+$/, "") : spec;
  const full = resolve(options.cwd, shown);
  // Messages and module names use the path as the user gave it.
  const bundle = await bundleErrors(
    () => readBundle(full),
    (m) => (m.startsWith(full) ? shown + m.slice(full.length) : m),
  );
  return renamed(bundle, shown);
}

async function fetchRemote(spec: string, options: BundleOptions): Promise<Bundle> {
  const name = shownUrl(spec);
  let token: string | undefined;
  if (options.tokenEnv !== undefined) {
    token = options.env[options.tokenEnv];
    if (!token) throw new CliError(`${name}: --bundle-token-env names the variable ${options.tokenEnv}, which is not set or empty`);
  }
  const fetched = await bundleErrors(
    () => fetchBundle(spec, { cacheDir: options.cacheDir, ...(token !== undefined ? { token } : {}) }),
    (m) => (/ HTTP (401|403)\b/.test(m) && token === undefined ? `${m} (the server wants credentials: name the variable holding a bearer token with --bundle-token-env NAME)` : m),
  );
  return bundleErrors(() => readBundleArchive(fetched.bytes, name));
}

/**
 * Verifies and checks bundles one by one, then together. The key file is read once,
 * on first use.
 */
export class BundleChecker {
  readonly #options: BundleOptions;
  #keys: Promise<KeyRing> | undefined;
  readonly #seen: Bundle[] = [];

  constructor(options: BundleOptions) {
    this.#options = options;
  }

  /** Throws CliError (exit 2) when `bundle` may not be loaded. */
  async check(bundle: Bundle): Promise<void> {
    await this.#verify(bundle);
    const problems = bundleRootProblems(bundle);
    if (problems.length > 0) throw new CliError(problems.join("\n"));
    this.#seen.push(bundle);
  }

  /** Throws CliError when bundles checked so far overlap. */
  checkTogether(): void {
    const problems = overlapProblems(this.#seen);
    if (problems.length > 0) throw new CliError(`${problems.join("\n")}\n(each bundle owns the parts of data under its manifest roots; give bundles disjoint roots)`);
  }

  async #verify(bundle: Bundle): Promise<void> {
    if (this.#options.verificationKey === undefined) return;
    this.#keys ??= loadKeyRing(this.#options);
    const keys = await this.#keys;
    if (bundle.signatures === undefined) {
      throw new CliError(`${bundle.name}: not signed (no .signatures.json), and --verification-key accepts only signed bundles; sign it with 'regolith bundle build PATH... -o OUT.tar.gz --signing-key FILE'`);
    }
    await bundleErrors(() => verifyBundle(bundle, keys));
  }
}

/** The keyring of --verification-key (and --key-id); messages name the file as the user did. */
export async function loadKeyRing(options: BundleOptions): Promise<KeyRing> {
  const file = options.verificationKey;
  if (file === undefined) throw new CliError("--verification-key FILE is required");
  const shown = options.verificationKeyShown ?? file;
  return bundleErrors(
    () => loadVerificationKeys(file, options.keyId !== undefined ? { keyId: options.keyId } : undefined),
    (m) => (m.startsWith(file) ? shown + m.slice(file.length) : m),
  );
}

/** Manifest-roots problems of one bundle; packages are parsed only when the roots restrict them. */
export function bundleRootProblems(bundle: Bundle): string[] {
  const everything = manifestRoots(bundle).includes("");
  return rootProblems(bundle, everything ? new Map() : modulePackages(bundle));
}

/** Opens, verifies and checks every bundle of `specs`, in order; then checks them together. */
export async function openCheckedBundles(specs: readonly string[], options: BundleOptions): Promise<Bundle[]> {
  const checker = new BundleChecker(options);
  const bundles: Bundle[] = [];
  for (const spec of specs) {
    const bundle = await openBundle(spec, options);
    await checker.check(bundle);
    bundles.push(bundle);
  }
  checker.checkTogether();
  return bundles;
}

/** Why --require-signature refuses a module that no verified bundle carries. */
export function unsignedModuleMessage(module: string, where: string): string {
  return `--require-signature: ${module} is ${where}, so no signature covers it; every policy module must come from a verified bundle (data files are allowed)`;
}
