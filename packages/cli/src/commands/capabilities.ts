/** `regolith capabilities`: the builtin table in OPA's capabilities.json format. */
import { BUILTINS, capabilitiesDocument, stringifyValue } from "@regolith/rego";
import { ExitCode, CliError } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";

const FLAGS: readonly FlagSpec[] = [{ name: "help", short: "h", kind: "boolean", description: "show this help" }];

const USAGE = `Usage: regolith capabilities

Prints what this engine offers policies, in OPA's capabilities.json format: every
builtin with its declaration, the future keywords and the language features.
Save it, trim it, and pass it to --capabilities to restrict what a policy may call.

Flags:
${flagHelp(FLAGS)}
`;

export async function capabilitiesCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(USAGE);
    return ExitCode.Ok;
  }
  if (flags.positional.length > 0) throw new CliError("capabilities takes no arguments");
  io.stdout.write(stringifyValue(capabilitiesDocument(BUILTINS), "  ") + "\n");
  return ExitCode.Ok;
}
