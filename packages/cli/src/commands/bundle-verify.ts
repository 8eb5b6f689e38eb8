/**
 * `regolith bundle verify BUNDLE --verification-key FILE [--key-id KID] [--scope S]`:
 * exit 0 only when the bundle's signature verifies with the key and lists exactly the
 * bundle's files, each with a matching digest; exit 2 naming what failed otherwise.
 */
import { verifyBundle, type Verified } from "@regolith/bundle";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { FETCH_FLAGS, VERIFY_FLAGS, bundleOptions } from "../load/bundle-options.js";
import { bundleErrors, loadKeyRing, openBundle } from "../load/bundles.js";
import { decodeToken } from "../load/bundle-inspection.js";

export const BUNDLE_VERIFY_FLAGS: readonly FlagSpec[] = [
  ...VERIFY_FLAGS.filter((f) => f.name !== "require-signature").map((f) =>
    f.name === "verification-key" ? { ...f, description: "the key to verify with (required): PEM public key or certificate, HMAC secret file, JWK or JWK Set" } : f,
  ),
  { name: "scope", kind: "string", value: "SCOPE", description: "also require the signature's scope claim to equal SCOPE" },
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const BUNDLE_VERIFY_USAGE = `Usage: regolith bundle verify BUNDLE --verification-key FILE [--key-id KID] [--scope SCOPE]

Checks a bundle's signature (.signatures.json, OPA's format) against a key:
the JWT must verify with the key (picked by --key-id, else by the token's kid)
under an algorithm that fits it, and must list exactly the bundle's files, each
with a matching SHA-256 digest. A file that was altered, added or removed, an
unsigned bundle, a wrong key or an unknown key id all fail, with the file or
the reason named.

BUNDLE is a directory, a .tar.gz, or the http(s) URL of one (see
--bundle-token-env and --bundle-cache).

Exit codes: 0 verified; 2 not verified, unreadable bundle or key, bad flags.

Flags:
${flagHelp(BUNDLE_VERIFY_FLAGS)}

Example:
  regolith bundle verify credential-hygiene.tar.gz --verification-key signing-key.pub.pem
`;

export async function bundleVerifyCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, BUNDLE_VERIFY_FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(BUNDLE_VERIFY_USAGE);
    return ExitCode.Ok;
  }
  if (flags.positional.length !== 1) throw new CliError(flags.positional.length === 0 ? "no BUNDLE to verify (see regolith bundle verify --help)" : "verify takes exactly one BUNDLE");
  const options = bundleOptions(flags, io);
  if (options.verificationKey === undefined) throw new CliError("--verification-key FILE is required: the key the signature must verify with");
  const scope = stringFlag(flags, "scope");
  const bundle = await openBundle(flags.positional[0]!, options);
  const keys = await loadKeyRing(options);
  const verified: Verified = await bundleErrors(() => verifyBundle(bundle, keys, scope !== undefined ? { scope } : undefined));
  const n = verified.files.length;
  // The token's own kid and alg, for the report: the keyring names a lone PEM key "default".
  const header = decodeToken(bundle.signatures?.signatures[0] ?? "")?.header ?? {};
  const signedBy = [typeof header["alg"] === "string" ? header["alg"] : undefined, typeof header["kid"] === "string" ? `key id ${JSON.stringify(header["kid"])}` : undefined].filter(Boolean);
  io.stdout.write(
    `${bundle.name}: verified with ${options.verificationKeyShown}${signedBy.length > 0 ? ` (${signedBy.join(", ")})` : ""}` +
      `${verified.scope !== undefined ? `, scope ${JSON.stringify(verified.scope)}` : ""}: ` +
      `all ${n} file${n === 1 ? "" : "s"} listed, every digest matches, nothing missing or extra\n`,
  );
  return ExitCode.Ok;
}
