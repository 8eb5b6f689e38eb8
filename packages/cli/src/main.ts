/**
 * The `regolith` command. `main` takes its arguments and streams and returns the exit
 * code; it never touches `process` (the bin file wires it to the real process).
 */
import { CliError, ExitCode } from "./exit-codes.js";
import type { Streams } from "./io.js";
import { version } from "./version.js";

type Command = (argv: readonly string[], io: Streams) => Promise<number>;

/**
 * Each command's module is imported when the command runs: the snapshot commands pull
 * in the vendor SDKs and the others the Rego parser, and a start-up should pay only
 * for what it runs (`regolith gate` never needs the Cloudflare SDK).
 */
const COMMANDS: ReadonlyMap<string, { readonly load: () => Promise<Command>; readonly summary: string }> = new Map([
  ["eval", { load: async () => (await import("./commands/eval.js")).evalCommand, summary: "evaluate a Rego query (like opa eval)" }],
  ["test", { load: async () => (await import("./commands/test.js")).testCommand, summary: "run Rego unit tests (test_* rules), with coverage (like opa test)" }],
  ["check", { load: async () => (await import("./commands/check.js")).checkCommand, summary: "parse and compile policies without evaluating them (like opa check)" }],
  ["fmt", { load: async () => (await import("./commands/fmt.js")).fmtCommand, summary: "format Rego canonically (like opa fmt): print, list, diff or rewrite" }],
  ["capabilities", { load: async () => (await import("./commands/capabilities.js")).capabilitiesCommand, summary: "print the builtins and features, in OPA's capabilities format" }],
  ["snapshot", { load: async () => (await import("./commands/snapshot.js")).snapshotCommand, summary: "read GitHub or Cloudflare state into a snapshot document" }],
  ["gate", { load: async () => (await import("./commands/gate.js")).gateCommand, summary: "evaluate policy bundles over snapshot documents: findings, waivers, baselines, reports" }],
  ["bundle", { load: async () => (await import("./commands/bundle.js")).bundleCommand, summary: "build, sign, verify and inspect OPA-format policy bundles" }],
]);

/** The summaries line up after the longest command name. */
const NAME_WIDTH = Math.max(...[...COMMANDS.keys()].map((name) => name.length));

const USAGE = `Usage: regolith COMMAND [flags]

Regolith: policy-as-code for credential hygiene in CI/CD, with a Rego engine.

Commands:
${[...COMMANDS].map(([name, c]) => `  ${name.padEnd(NAME_WIDTH)}  ${c.summary}`).join("\n")}

Run 'regolith COMMAND --help' for a command's flags.
Flags: --version, --help
`;

export async function main(argv: readonly string[], io: Streams): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(USAGE);
    return name === undefined ? ExitCode.Error : ExitCode.Ok;
  }
  if (name === "--version" || name === "version") {
    io.stdout.write(`regolith ${version()}\n`);
    return ExitCode.Ok;
  }
  const command = COMMANDS.get(name);
  if (!command) {
    io.stderr.write(`regolith: unknown command ${JSON.stringify(name)}\n\n${USAGE}`);
    return ExitCode.Error;
  }
  try {
    const run = await command.load();
    return await run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`regolith ${name}: ${e.message}\n`);
      return e.exitCode;
    }
    throw e;
  }
}
