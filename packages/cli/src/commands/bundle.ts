/** `regolith bundle build|verify|inspect …`: OPA-format policy bundles. */
import { CliError, ExitCode } from "../exit-codes.js";
import type { Streams } from "../io.js";
import { bundleBuildCommand } from "./bundle-build.js";
import { bundleInspectCommand } from "./bundle-inspect.js";
import { bundleVerifyCommand } from "./bundle-verify.js";

const SUBCOMMANDS: ReadonlyMap<string, (argv: readonly string[], io: Streams) => Promise<number>> = new Map([
  ["build", bundleBuildCommand],
  ["verify", bundleVerifyCommand],
  ["inspect", bundleInspectCommand],
]);

export const BUNDLE_USAGE = `Usage: regolith bundle SUBCOMMAND [flags]

Builds, signs, verifies and inspects policy bundles in OPA's format (a .tar.gz
with .manifest, Rego modules, data.json and .signatures.json), so that \`opa\`
and \`regolith\` load the same files.

Subcommands:
  build     PATH... -o OUT.tar.gz: a reproducible bundle, optionally signed
  verify    BUNDLE --verification-key FILE: check the signature and every file
  inspect   BUNDLE: manifest, roots, signature, packages, rules and their METADATA

Run 'regolith bundle SUBCOMMAND --help' for its flags. gate, eval and test
verify bundles as they load them with --verification-key.
`;

export async function bundleCommand(argv: readonly string[], io: Streams): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    io.stdout.write(BUNDLE_USAGE);
    return sub === undefined ? ExitCode.Error : ExitCode.Ok;
  }
  const run = SUBCOMMANDS.get(sub);
  if (!run) throw new CliError(`unknown subcommand ${JSON.stringify(sub)} (want ${[...SUBCOMMANDS.keys()].join(", ")}; see regolith bundle --help)`);
  try {
    return await run(rest, io);
  } catch (e) {
    // Name the subcommand in the message: "regolith bundle verify: …".
    if (e instanceof CliError) {
      io.stderr.write(`regolith bundle ${sub}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
