/**
 * `regolith bundle inspect BUNDLE [-f text|json] [--verification-key FILE [--key-id KID]]`:
 * what a bundle holds and claims, without evaluating it.
 */
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { FETCH_FLAGS, VERIFY_FLAGS, bundleOptions } from "../load/bundle-options.js";
import { inspectBundle } from "../load/bundle-inspection.js";
import { loadKeyRing, openBundle } from "../load/bundles.js";
import { inspectionJSON, inspectionText } from "../output/bundle-inspect-output.js";

const INSPECT_FORMATS = ["text", "json"] as const;

export const BUNDLE_INSPECT_FLAGS: readonly FlagSpec[] = [
  { name: "format", short: "f", kind: "string", value: "FORMAT", description: "text (default) or json" },
  ...VERIFY_FLAGS.filter((f) => f.name !== "require-signature").map((f) =>
    f.name === "verification-key" ? { ...f, description: "also verify the signature with this key and say whether it is valid" } : f,
  ),
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const BUNDLE_INSPECT_USAGE = `Usage: regolith bundle inspect BUNDLE [-f text|json] [--verification-key FILE [--key-id KID]]

Shows what a bundle holds, without evaluating it: the manifest (revision,
roots, rego_version, metadata), the signature (algorithm, key id, scope and the
number of files it lists; whether it verifies when --verification-key is given),
the files, where data files land, the packages, and every rule with METADATA
(custom.id, custom.severity, title). Problems found on the way (packages or
data outside the roots, modules that do not parse, a signature that does not
verify) are listed last.

BUNDLE is a directory, a .tar.gz, or the http(s) URL of one.

Exit codes: 0 inspected (even when problems are listed: use 'regolith bundle
verify' to gate on a signature); 2 unreadable bundle or key, bad flags.

Flags:
${flagHelp(BUNDLE_INSPECT_FLAGS)}

Examples:
  regolith bundle inspect credential-hygiene.tar.gz
  regolith bundle inspect -f json --verification-key key.pub.pem credential-hygiene.tar.gz
`;

export async function bundleInspectCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, BUNDLE_INSPECT_FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(BUNDLE_INSPECT_USAGE);
    return ExitCode.Ok;
  }
  if (flags.positional.length !== 1) throw new CliError(flags.positional.length === 0 ? "no BUNDLE to inspect (see regolith bundle inspect --help)" : "inspect takes exactly one BUNDLE");
  const format = stringFlag(flags, "format") ?? "text";
  if (!(INSPECT_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${JSON.stringify(format)} (want ${INSPECT_FORMATS.join(", ")})`);
  const options = bundleOptions(flags, io);
  const keys = options.verificationKey === undefined ? undefined : { file: options.verificationKeyShown!, ring: await loadKeyRing(options) };
  const bundle = await openBundle(flags.positional[0]!, options);
  const inspection = await inspectBundle(bundle, keys);
  io.stdout.write(format === "json" ? inspectionJSON(inspection) : inspectionText(inspection, keys !== undefined));
  return ExitCode.Ok;
}
