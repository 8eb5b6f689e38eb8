/**
 * `regolith eval [flags] QUERY`: evaluates a Rego query, like `opa eval`.
 * Params with defaults → `evaluate` (pure: loads, compiles, runs) → output formatter.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Engine, RegoError, RegoErrors, type ResultSet, type Value } from "@regolith/rego";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseDuration, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import { readAll, type Streams } from "../io.js";
import { addBundle, emptyLoaded, loadDataPath, type Loaded } from "../load/loader.js";
import { FETCH_FLAGS, VERIFY_FLAGS, VERIFY_HELP, bundleOptions, type BundleOptions } from "../load/bundle-options.js";
import { openCheckedBundles, unsignedModuleMessage } from "../load/bundles.js";
import { loadCapabilities } from "../load/capabilities-file.js";
import { parseAnyDocument, parseDataFile } from "../load/documents.js";
import { version } from "../version.js";
import { EVAL_FORMATS, errorsJSON, resultBindings, resultJSON, resultPretty, resultRaw, type EvalFormat } from "../output/eval-output.js";

export const EVAL_FLAGS: readonly FlagSpec[] = [
  { name: "data", short: "d", kind: "repeated", value: "PATH", description: "a .rego module, a .json/.yaml/.yml data file, or a directory of them (repeatable)" },
  { name: "bundle", short: "b", kind: "repeated", value: "PATH", description: "a bundle: directory, .tar.gz, or http(s) URL of a .tar.gz (repeatable)" },
  { name: "input", short: "i", kind: "string", value: "FILE", description: "the input document (.json or .yaml); - for standard input" },
  { name: "format", short: "f", kind: "string", value: "FORMAT", description: "output format: json (default), pretty, raw, bindings" },
  { name: "strict-builtin-errors", kind: "boolean", description: "builtin errors stop evaluation instead of making the call undefined" },
  { name: "fail", kind: "boolean", description: "exit 1 when the query is undefined (no results)" },
  { name: "fail-defined", kind: "boolean", description: "exit 1 when the query is defined (has results)" },
  { name: "timeout", kind: "string", value: "DURATION", description: "stop evaluation after this long (e.g. 500ms, 10s); 0 for none (default)" },
  { name: "capabilities", kind: "string", value: "FILE", description: "a capabilities.json: policies may only call the builtins it lists, and reach the hosts in its allow_net" },
  { name: "allow-net", kind: "repeated", value: "HOST", description: "let http.send and net.lookup_ip_addr reach HOST (repeatable); the network is off otherwise" },
  ...VERIFY_FLAGS,
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const EVAL_USAGE = `Usage: regolith eval [flags] QUERY

Evaluates a Rego query against the modules and data given with -d and -b, and
the input given with -i, like \`opa eval\`. Prints results (json: OPA's result
shape) to standard output.

Network access is off: http.send and net.lookup_ip_addr stop evaluation with an
"unallowed host" error unless --allow-net (or allow_net in --capabilities)
lists the host.

${VERIFY_HELP}
With --require-signature, -d may still give data files but no .rego modules.

Exit codes: 0 done; 1 with --fail (undefined) or --fail-defined (defined);
2 bad flags, unreadable input, a bundle that fails verification or its roots,
or parse, compile or evaluation errors.

Flags:
${flagHelp(EVAL_FLAGS)}

Examples:
  regolith eval -d policy/ -i input.json 'data.authz.allow'
  regolith eval -b bundle.tar.gz --verification-key key.pem --require-signature \\
      -i input.json 'data.authz.allow'
`;

export interface EvalParams {
  readonly query: string;
  readonly data: readonly string[];
  readonly bundles: readonly string[];
  readonly input: string | undefined;
  readonly format: EvalFormat;
  readonly strictBuiltinErrors: boolean;
  readonly fail: boolean;
  readonly failDefined: boolean;
  readonly timeoutMs: number | undefined;
  readonly capabilities: string | undefined;
  readonly allowNet: readonly string[];
  /** Verification, fetching and roots for `bundles`. */
  readonly bundleOptions: BundleOptions;
}

export type EvalOutcome =
  | { readonly kind: "results"; readonly results: ResultSet }
  | { readonly kind: "errors"; readonly errors: readonly RegoError[]; readonly sources: ReadonlyMap<string, string> };

/**
 * Loads everything (bundles opened, verified and checked against their roots first),
 * compiles, evaluates. Rego errors come back as values; misuse, unreadable input and
 * bundles that fail their checks throw `CliError`.
 */
export async function evaluate(params: EvalParams, cwd: string, input: Value | undefined, print: (m: string) => void): Promise<EvalOutcome> {
  const bundles = await openCheckedBundles(params.bundles, params.bundleOptions);
  const loaded: Loaded = emptyLoaded();
  for (const p of params.data) loadDataPath(loaded, p, cwd);
  if (params.bundleOptions.requireSignature && loaded.modules.length > 0) throw new CliError(unsignedModuleMessage(loaded.modules[0]!.name, "given with -d"));
  for (const b of bundles) addBundle(loaded, b);
  const sources = new Map<string, string>(loaded.modules.map((m) => [m.name, m.source]));
  sources.set("", params.query);
  const capabilities = params.capabilities === undefined ? undefined : loadCapabilities(params.capabilities, cwd);
  const engine = new Engine({
    strictBuiltinErrors: params.strictBuiltinErrors,
    print,
    allowNet: params.allowNet,
    ...(capabilities ? { capabilities } : {}),
  });
  const parseErrors: RegoError[] = [];
  for (const m of loaded.modules) {
    try {
      engine.addModule(m.name, m.source);
    } catch (e) {
      if (!(e instanceof RegoErrors)) throw e;
      parseErrors.push(...e.errors);
    }
  }
  if (parseErrors.length > 0) return { kind: "errors", errors: parseErrors, sources };
  engine.setData(loaded.data);
  try {
    const prepared = engine.prepare(params.query);
    const { results, error } = prepared.evaluate({
      runtime: { version: version() },
      ...(input !== undefined ? { input } : {}),
      ...(params.timeoutMs ? { timeoutMs: params.timeoutMs } : {}),
    });
    if (error) return { kind: "errors", errors: [error], sources };
    return { kind: "results", results };
  } catch (e) {
    if (e instanceof RegoErrors) return { kind: "errors", errors: e.errors, sources };
    if (e instanceof RegoError) return { kind: "errors", errors: [e], sources };
    throw e;
  }
}


function evalParams(argv: readonly string[], io: Streams): EvalParams | "help" {
  const flags = parseFlags(argv, EVAL_FLAGS);
  if (booleanFlag(flags, "help")) return "help";
  if (flags.positional.length !== 1) throw new CliError(flags.positional.length === 0 ? "eval needs a QUERY (see regolith eval --help)" : "eval takes exactly one QUERY; quote it");
  const format = stringFlag(flags, "format") ?? "json";
  if (!(EVAL_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${JSON.stringify(format)} (want ${EVAL_FORMATS.join(", ")})`);
  const timeout = stringFlag(flags, "timeout");
  return {
    query: flags.positional[0]!,
    data: repeatedFlag(flags, "data"),
    bundles: repeatedFlag(flags, "bundle"),
    input: stringFlag(flags, "input"),
    format: format as EvalFormat,
    strictBuiltinErrors: booleanFlag(flags, "strict-builtin-errors"),
    fail: booleanFlag(flags, "fail"),
    failDefined: booleanFlag(flags, "fail-defined"),
    timeoutMs: timeout === undefined ? undefined : parseDuration(timeout),
    capabilities: stringFlag(flags, "capabilities"),
    allowNet: repeatedFlag(flags, "allow-net"),
    bundleOptions: bundleOptions(flags, io),
  };
}

async function readInput(path: string | undefined, io: Streams): Promise<Value | undefined> {
  if (path === undefined) return undefined;
  if (path === "-") {
    if (!io.stdin) throw new CliError("-i -: no standard input available");
    return parseAnyDocument(await readAll(io.stdin), "standard input");
  }
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseDataFile(text, path);
}

function render(format: EvalFormat, results: ResultSet): string {
  switch (format) {
    case "json":
      return resultJSON(results);
    case "pretty":
      return resultPretty(results);
    case "raw":
      return resultRaw(results);
    case "bindings":
      return resultBindings(results);
  }
}

export async function evalCommand(argv: readonly string[], io: Streams): Promise<number> {
  const params = evalParams(argv, io);
  if (params === "help") {
    io.stdout.write(EVAL_USAGE);
    return ExitCode.Ok;
  }
  const input = await readInput(params.input, io);
  const outcome = await evaluate(params, io.cwd, input, (m) => io.stderr.write(m + "\n"));
  if (outcome.kind === "errors") {
    if (params.format === "json") io.stdout.write(errorsJSON(outcome.errors));
    else io.stderr.write(outcome.errors.map((e) => e.format(outcome.sources)).join("\n") + "\n");
    return ExitCode.Error;
  }
  io.stdout.write(render(params.format, outcome.results));
  const defined = outcome.results.length > 0;
  if ((params.fail && !defined) || (params.failDefined && defined)) return ExitCode.No;
  return ExitCode.Ok;
}
