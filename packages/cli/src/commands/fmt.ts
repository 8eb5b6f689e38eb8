/**
 * `regolith fmt [PATH…]`: Rego in canonical form, like `opa fmt`. Without flags the
 * formatted text is printed; `-l` lists the files that would change, `-d` shows the
 * change as a unified diff, `-w` rewrites them, `--fail` exits 1 when any would
 * change (for CI). Without PATH it formats standard input.
 */
import { writeFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";
import { RegoErrors, formatSource, type RegoError } from "@regolith/rego";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, type FlagSpec } from "../flags.js";
import { readAll, type Streams } from "../io.js";
import { isDirectory, readSource } from "../load/loader.js";

const FLAGS: readonly FlagSpec[] = [
  { name: "write", short: "w", kind: "boolean", description: "rewrite the files that are not formatted, in place" },
  { name: "list", short: "l", kind: "boolean", description: "list the files that are not formatted (instead of printing them)" },
  { name: "diff", short: "d", kind: "boolean", description: "show what formatting would change, as a unified diff" },
  { name: "fail", kind: "boolean", description: "exit 1 when any file is not formatted" },
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

const USAGE = `Usage: regolith fmt [flags] [PATH...]

Formats Rego modules canonically, as \`opa fmt\` formats Rego v1: tabs, one
expression per line, \`:=\` in rule heads, one-liners kept where a rule was
written on one line, comments kept where they were. Formatting twice changes
nothing, and the formatted module means exactly what the original meant.

PATH is a .rego file or a directory, walked for .rego files (hidden directories
and node_modules are skipped). Without PATH, standard input is formatted to
standard output.

Without -w, -l or -d the formatted text is printed. With --fail, nothing is
written and the exit code says whether every file is formatted (for CI:
\`regolith fmt --fail -l policies/\`).

Exit codes: 0 done (or, with --fail, every file formatted); 1 with --fail, some
file is not formatted; 2 bad flags, unreadable files or Rego that does not parse
(other files are still formatted).

Flags:
${flagHelp(FLAGS)}

Examples:
  regolith fmt -w policies/
  regolith fmt -l --fail policies/
  regolith fmt -d policies/checks/github_secrets.rego
  cat policy.rego | regolith fmt
`;

interface FmtMode {
  readonly write: boolean;
  readonly list: boolean;
  readonly diff: boolean;
  readonly fail: boolean;
}

export async function fmtCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(USAGE);
    return ExitCode.Ok;
  }
  const mode: FmtMode = { write: booleanFlag(flags, "write"), list: booleanFlag(flags, "list"), diff: booleanFlag(flags, "diff"), fail: booleanFlag(flags, "fail") };
  if (flags.positional.length === 0) return formatStdin(mode, io);
  if (mode.write && mode.fail) throw new CliError("--write and --fail do not go together: --fail checks without changing anything");

  const files = flags.positional.flatMap((p) => regoFiles(p, io.cwd));
  if (files.length === 0) io.stderr.write(`regolith fmt: no .rego files in ${flags.positional.join(", ")}\n`);
  const errors: RegoError[] = [];
  const sources = new Map<string, string>();
  let unformatted = 0;
  for (const file of files) {
    const full = resolve(io.cwd, file);
    const source = readSource(full, file);
    sources.set(file, source);
    const formatted = formatOrCollect(source, file, errors);
    if (formatted === undefined) continue;
    const changed = formatted !== source;
    if (changed) unformatted++;
    report(mode, file, source, formatted, io);
    if (changed && mode.write) {
      try {
        writeFileSync(full, formatted);
      } catch (e) {
        throw new CliError(`${file}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
  }
  if (errors.length > 0) {
    io.stderr.write(errors.map((e) => e.format(sources)).join("\n") + "\n");
    return ExitCode.Error;
  }
  return mode.fail && unformatted > 0 ? ExitCode.No : ExitCode.Ok;
}

async function formatStdin(mode: FmtMode, io: Streams): Promise<number> {
  if (mode.write) throw new CliError("--write needs PATH: standard input cannot be rewritten");
  if (!io.stdin) throw new CliError("give PATH, or Rego on standard input");
  const source = await readAll(io.stdin);
  const errors: RegoError[] = [];
  const formatted = formatOrCollect(source, "stdin", errors);
  if (formatted === undefined) {
    io.stderr.write(errors.map((e) => e.format(new Map([["stdin", source]]))).join("\n") + "\n");
    return ExitCode.Error;
  }
  report(mode, "stdin", source, formatted, io);
  return mode.fail && formatted !== source ? ExitCode.No : ExitCode.Ok;
}

function formatOrCollect(source: string, file: string, errors: RegoError[]): string | undefined {
  try {
    return formatSource(source, { file });
  } catch (e) {
    if (!(e instanceof RegoErrors)) throw e;
    errors.push(...e.errors);
    return undefined;
  }
}

/** What a file's result prints: its name (-l), a diff (-d), or the text (neither, nor -w/--fail). */
function report(mode: FmtMode, file: string, source: string, formatted: string, io: Streams): void {
  const changed = formatted !== source;
  if (mode.list && changed) io.stdout.write(`${file}\n`);
  if (mode.diff && changed) io.stdout.write(createTwoFilesPatch(file, file, source, formatted, undefined, undefined, { context: 3 }).replace(/^Index: .*\n=+\n/, ""));
  if (!mode.list && !mode.diff && !mode.write && !mode.fail) io.stdout.write(formatted);
}

/** The .rego files a PATH names: itself, or those under it in name order. */
function regoFiles(path: string, cwd: string): string[] {
  const full = resolve(cwd, path);
  if (!isDirectory(full, path)) return [path];
  const out: string[] = [];
  const walk = (dir: string, shown: string): void => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const child = shown === "." ? e.name : join(shown, e.name);
      if (e.isDirectory()) walk(join(dir, e.name), child);
      else if (e.name.endsWith(".rego")) out.push(child);
    }
  };
  walk(full, path.replace(/\/+$/, "") || "/");
  return out;
}
