/**
 * The flags every command that loads bundles shares (`eval`, `test`, `gate`, and the
 * `bundle` commands that read one): signature verification and fetching over HTTP.
 * Keys and tokens are never flag values: a key is a file, a token is the value of an
 * environment variable that a flag names.
 */
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { CliError } from "../exit-codes.js";
import { booleanFlag, stringFlag, type FlagSpec, type ParsedFlags } from "../flags.js";
import type { Streams } from "../io.js";

export interface BundleOptions {
  /** A key file (absolute path) every bundle must verify with. */
  readonly verificationKey: string | undefined;
  /** As the user gave it, for messages. */
  readonly verificationKeyShown: string | undefined;
  readonly keyId: string | undefined;
  readonly requireSignature: boolean;
  /** The name of the environment variable holding the bearer token for fetches. */
  readonly tokenEnv: string | undefined;
  readonly cacheDir: string;
  /** Where the token is looked up (the command's environment). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export const VERIFY_FLAGS: readonly FlagSpec[] = [
  {
    name: "verification-key",
    kind: "string",
    value: "FILE",
    description: "every bundle must carry a signature that verifies with this key (PEM public key, HMAC secret file, JWK or JWK Set); unsigned or tampered bundles are refused (exit 2)",
  },
  { name: "key-id", kind: "string", value: "KID", description: "verify with the key of this id in --verification-key (default: the key the signature names)" },
  { name: "require-signature", kind: "boolean", description: "fail closed: an error without --verification-key; unsigned bundles and .rego modules outside bundles are refused" },
];

export const FETCH_FLAGS: readonly FlagSpec[] = [
  {
    name: "bundle-token-env",
    kind: "string",
    value: "NAME",
    description: "for bundles given as http(s) URLs: send the bearer token held in environment variable NAME (the variable's name, never the token)",
  },
  { name: "bundle-cache", kind: "string", value: "DIR", description: "cache of fetched bundles, revalidated by ETag (default $XDG_CACHE_HOME/regolith/bundles, or ~/.cache/regolith/bundles)" },
];

/** Help text shared by the commands that take these flags. */
export const VERIFY_HELP = `Signed bundles: with --verification-key, every bundle (-b) must carry a
signature (.signatures.json) that verifies with the key, listing exactly the
bundle's files with matching digests; an unsigned, altered, incomplete or
padded bundle stops the run with exit 2 and names what failed. Add
--require-signature in CI so that a missing key is an error, not a silent skip.
Bundles are also checked against their manifest roots: every package and data
path must lie inside them, and two bundles may not claim overlapping roots.`;

/** `$XDG_CACHE_HOME/regolith/bundles` (when absolute, as the XDG spec asks), else `~/.cache/regolith/bundles`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env["XDG_CACHE_HOME"];
  if (xdg && isAbsolute(xdg)) return join(xdg, "regolith", "bundles");
  const home = env["HOME"] || homedir();
  return join(home, ".cache", "regolith", "bundles");
}

/** The options from parsed flags; usage errors (exit 2) say what to do instead. */
export function bundleOptions(flags: ParsedFlags, io: Streams): BundleOptions {
  const key = stringFlag(flags, "verification-key");
  const keyId = stringFlag(flags, "key-id");
  const requireSignature = booleanFlag(flags, "require-signature");
  if (requireSignature && key === undefined) {
    throw new CliError("--require-signature needs --verification-key FILE: without a key no signature can be checked, and a required check that cannot run must not pass");
  }
  if (keyId !== undefined && key === undefined) throw new CliError("--key-id selects a key of --verification-key FILE; give the key file too");
  if (key === "") throw new CliError("--verification-key: empty file name");
  const tokenEnv = stringFlag(flags, "bundle-token-env");
  if (tokenEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) {
    // Not echoed: a value that is not a variable name may be the token itself.
    throw new CliError("--bundle-token-env takes the NAME of an environment variable (letters, digits, _), not the token itself");
  }
  const cache = stringFlag(flags, "bundle-cache");
  return {
    verificationKey: key === undefined ? undefined : resolve(io.cwd, key),
    verificationKeyShown: key,
    keyId,
    requireSignature,
    tokenEnv,
    cacheDir: cache === undefined ? defaultCacheDir(io.env) : resolve(io.cwd, cache),
    env: io.env,
    cwd: io.cwd,
  };
}
