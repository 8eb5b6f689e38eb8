/**
 * `regolith check [PATH…]`: parses and compiles policies without evaluating them, like
 * `opa check`. Every parse error of every file is reported, then the compile errors
 * of the whole set; `--strict` adds the strict-mode errors (strict.ts in the engine).
 */
import { BUILTINS, RegoErrors, compile, schemaRefErrors, restrictBuiltins, strictErrors, type RegoError, type SchemaSet } from "@regolith/rego";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { loadTestPaths } from "../load/test-paths.js";
import { parseModules } from "../load/parse-modules.js";
import type { SourceFile } from "../load/loader.js";
import { FETCH_FLAGS, VERIFY_FLAGS, bundleOptions } from "../load/bundle-options.js";
import { loadCapabilities } from "../load/capabilities-file.js";
import { errorsJSON } from "../output/eval-output.js";
import { loadSchemas } from "../load/input-schema.js";

const FORMATS = ["pretty", "json"] as const;

const FLAGS: readonly FlagSpec[] = [
  { name: "strict", short: "S", kind: "boolean", description: "also refuse unused imports, unused function arguments, and variables declared with := or some that nothing reads" },
  { name: "schema", short: "s", kind: "string", value: "PATH", description: "JSON Schemas to type-check refs against: a file (the schema of input), or a directory (input.json for input; every file a schema METADATA annotations name, schema.NAME)" },
  { name: "format", short: "f", kind: "string", value: "FORMAT", description: "how errors are written: pretty (default, to standard error) or json (to standard output)" },
  { name: "max-errors", short: "m", kind: "string", value: "N", description: "stop after N errors (default 10); 0 or less for no limit" },
  { name: "capabilities", kind: "string", value: "FILE", description: "a capabilities.json: calls to builtins it does not list are errors" },
  ...VERIFY_FLAGS,
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

const USAGE = `Usage: regolith check [flags] [PATH...]

Parses and compiles the Rego modules in PATH (default: the current directory)
without evaluating anything, like \`opa check\`: syntax errors, unsafe variables,
undefined functions and refs, arity and recursion errors. Every module is parsed
before anything is compiled, so one run reports the parse errors of every file.

PATH is a .rego file, a directory (walked for .rego files; hidden directories and
node_modules are skipped), a bundle directory or a .tar.gz bundle. Data files are
loaded as \`regolith test\` loads them.

Exit codes: 0 no errors; 2 parse, compile, strict-mode or schema errors, bad
flags or unreadable files.

Flags:
${flagHelp(FLAGS)}

Examples:
  regolith check policies/
  regolith check --strict policies/
  regolith check --schema schemas/regolith-policy-input.schema.json policies/
`;

export async function checkCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(USAGE);
    return ExitCode.Ok;
  }
  const format = stringFlag(flags, "format") ?? "pretty";
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${JSON.stringify(format)} (want ${FORMATS.join(" or ")})`);
  const maxText = stringFlag(flags, "max-errors");
  const limit = maxText === undefined ? 10 : Number(maxText);
  if (maxText !== undefined && (maxText.trim() === "" || !Number.isInteger(limit))) throw new CliError(`--max-errors takes a whole number, not ${JSON.stringify(maxText)}`);
  const capsPath = stringFlag(flags, "capabilities");
  const capabilities = capsPath === undefined ? undefined : loadCapabilities(capsPath, io.cwd);
  const builtins = capabilities === undefined ? BUILTINS : restrictBuiltins(BUILTINS, capabilities);
  const schemaPath = stringFlag(flags, "schema");
  const schema = schemaPath === undefined ? undefined : loadSchemas(schemaPath, io.cwd);
  const paths = flags.positional.length > 0 ? flags.positional : ["."];

  const loaded = await loadTestPaths(paths, bundleOptions(flags, io));
  const sources = new Map(loaded.modules.map((m) => [m.name, m.source]));
  if (loaded.modules.length === 0) io.stderr.write(`regolith check: no .rego files in ${paths.join(", ")}\n`);
  const errors = checkModules(loaded.modules, { limit: limit > 0 ? limit : 0, builtins, features: capabilities?.features, strict: booleanFlag(flags, "strict"), schema });
  if (errors.length === 0) return ExitCode.Ok;
  if (format === "json") io.stdout.write(errorsJSON(errors));
  else io.stderr.write(`${errors.length} error${errors.length === 1 ? "" : "s"} occurred:\n${errors.map((e) => e.format(sources)).join("\n")}\n`);
  return ExitCode.Error;
}

interface CheckOptions {
  readonly limit: number;
  readonly builtins: typeof BUILTINS;
  /** The language features `--capabilities` allows; all without it. */
  readonly features: ReadonlySet<string> | undefined;
  readonly strict: boolean;
  readonly schema: SchemaSet | undefined;
}

/** Parse errors of every module; if none, compile, strict-mode and schema errors. */
function checkModules(sources: readonly SourceFile[], options: CheckOptions): readonly RegoError[] {
  const { modules, errors } = parseModules(sources);
  if (errors.length > 0) return new RegoErrors(errors, options.limit).errors;
  try {
    // print() calls are compiled (and their operands checked) as eval and test compile them.
    // With --schema, the type checker also types input from the schema (values; schemaRefErrors checks the refs).
    compile(modules, {
      builtins: options.builtins,
      errorLimit: options.limit,
      enablePrint: true,
      ...(options.schema ? { schemas: options.schema } : {}),
      ...(options.features ? { features: options.features } : {}),
    });
  } catch (e) {
    if (!(e instanceof RegoErrors)) throw e;
    errors.push(...e.errors);
  }
  if (options.strict) errors.push(...strictErrors(modules));
  if (options.schema !== undefined) errors.push(...schemaRefErrors(modules, options.schema));
  return errors.length === 0 ? [] : new RegoErrors(errors, options.limit).errors;
}
