/**
 * `regolith gate [-i FILE]… [-b BUNDLE]… [-d DATA]… [--waivers FILE] [--baseline FILE]
 * [--write-baseline FILE] [--fail-on SEVERITY|never] [-f FORMAT[=FILE]]…`, and
 * `regolith gate --results FILE [-f FORMAT[=FILE]]…` to render a saved JSON result.
 *
 * The CLI side of the gate: reads every file (documents, bundles, data, waivers,
 * baseline), hands the values to @regolith/gate, which computes, then writes the
 * reports and the baseline. Exit 0 passed, 1 blocking findings, 2 bad input.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { FAIL_ON_VALUES, FORMATS, GateInputError, REPORTERS, baselineDocument, githubStepSummary, readSavedResult, runGate, type FailOn, type Format, type GateResult, type NamedValue } from "@regolith/gate";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import { readAll, type Streams } from "../io.js";
import { parseAnyDocument, parseDataFile } from "../load/documents.js";
import { addBundle, emptyLoaded, loadDataPath } from "../load/loader.js";
import { FETCH_FLAGS, VERIFY_FLAGS, VERIFY_HELP, bundleOptions, type BundleOptions } from "../load/bundle-options.js";
import { openCheckedBundles, unsignedModuleMessage } from "../load/bundles.js";
import { writeFileAtomic } from "../output/atomic-write.js";
import { version } from "../version.js";

/** The shipped bundle, found from this file's place in the repository (packages/cli/dist/commands/). */
export const SHIPPED_BUNDLE = fileURLToPath(new URL("../../../../policies/credential-hygiene", import.meta.url));

export const GATE_FLAGS: readonly FlagSpec[] = [
  { name: "input", short: "i", kind: "repeated", value: "FILE", description: "a snapshot document (.json or .yaml; - for standard input), validated against the schema its kind names (repeatable)" },
  { name: "bundle", short: "b", kind: "repeated", value: "BUNDLE", description: "a policy bundle: directory, .tar.gz, or http(s) URL of a .tar.gz (repeatable; default: the shipped credential-hygiene bundle)" },
  { name: "data", short: "d", kind: "repeated", value: "DATA", description: "a data file or directory merged over the bundles' data (parameters under regolith.params), or extra .rego modules (repeatable)" },
  { name: "waivers", kind: "string", value: "FILE", description: "waivers (YAML or JSON, schemas/regolith-waivers.schema.json)" },
  { name: "baseline", kind: "string", value: "FILE", description: "fail only on findings whose fingerprint this baseline does not list" },
  { name: "write-baseline", kind: "string", value: "FILE", description: "write this run's findings (except waived ones) as a baseline" },
  { name: "fail-on", kind: "string", value: "SEVERITY", description: `exit 1 when an unwaived, unbaselined finding at or above this severity remains: ${FAIL_ON_VALUES.join(", ")} (default high)` },
  { name: "format", short: "f", kind: "repeated", value: "FORMAT[=FILE]", description: `${FORMATS.join(", ")} (default text); =FILE writes that format to FILE (repeatable)` },
  { name: "results", kind: "string", value: "FILE", description: "render a result saved with -f json in the formats -f names, without evaluating again (instead of -i, -b, -d, --waivers, --baseline)" },
  ...VERIFY_FLAGS,
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const GATE_USAGE = `Usage: regolith gate -i FILE... [-b BUNDLE]... [-d DATA]... [--waivers FILE]
                     [--baseline FILE] [--write-baseline FILE] [--fail-on SEVERITY]
                     [-f FORMAT[=FILE]]... [--verification-key FILE [--key-id KID]
                     [--require-signature]] [--bundle-token-env NAME] [--bundle-cache DIR]
       regolith gate --results FILE [--fail-on SEVERITY] [-f FORMAT[=FILE]]...
                     [--write-baseline FILE]

Evaluates policy bundles over snapshot documents (github-snapshot,
cloudflare-snapshot, openai-federation) and reports findings. Each document is
validated against its schema first. Coverage gaps in a snapshot (reads that
were refused) are COVERAGE findings: a gate that could not see never passes
silently.

Parameters: -d files are data (OPA loader semantics), deep-merged over the
bundle's data.json: put parameters under regolith.params, e.g.
  regolith:
    params:
      severity_overrides: {CF-TOK-004: low}
      locked_checks: [GH-WF-001]
Objects merge key by key; your scalars and lists replace the bundle's.

Saved results: --results reads what -f json wrote in an earlier run and writes
it in the formats -f names (a job with upload rights can turn an artifact into
SARIF or a job summary). The verdict is computed again from the saved findings,
at --fail-on when given, else at the threshold the result was saved with.

Time: the gate's clock is the newest generated_at (declared_at) of the input
documents, never the wall clock; waivers expire against it.

${VERIFY_HELP}
With --require-signature, -d may still give data (parameters) but no .rego
modules, and the shipped bundle (a source directory, unsigned) is refused: name
a signed bundle with -b.

Exit codes: 0 no blocking finding; 1 an unwaived, unbaselined finding with
status fail at or above --fail-on remains; 2 bad flags or invalid input
(documents, bundles, parameters, waivers, baseline), or a bundle that fails
verification or its roots.

Flags:
${flagHelp(GATE_FLAGS)}

Examples:
  regolith gate -i github.json -i cloudflare.json
  regolith gate -i github.json -d params.yaml --waivers waivers.yaml \\
      -f sarif=regolith.sarif -f text
  regolith gate -i github.json --write-baseline baseline.json --fail-on never
  regolith gate -i github.json --baseline baseline.json
  regolith gate --results results.json -f sarif=regolith.sarif -f markdown=comment.md
  regolith gate -b https://policies.example.com/credential-hygiene.tar.gz \\
      --bundle-token-env POLICY_TOKEN --verification-key policy-key.pem \\
      --require-signature -i github.json
`;

interface Output {
  readonly format: Format;
  /** Undefined: standard output. */
  readonly file: string | undefined;
}

interface GateParams {
  /** `--results`: a saved JSON result to render instead of evaluating. */
  readonly results: string | undefined;
  /** `--fail-on` as given; undefined when absent (a saved result keeps its own threshold). */
  readonly failOnGiven: FailOn | undefined;
  readonly inputs: readonly string[];
  readonly bundles: readonly string[];
  readonly data: readonly string[];
  readonly waivers: string | undefined;
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly failOn: FailOn;
  readonly outputs: readonly Output[];
  readonly bundleOptions: BundleOptions;
}

function parseOutput(spec: string): Output {
  const eq = spec.indexOf("=");
  const format = eq < 0 ? spec : spec.slice(0, eq);
  const file = eq < 0 ? undefined : spec.slice(eq + 1);
  if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${JSON.stringify(format)} (want ${FORMATS.join(", ")}, optionally =FILE)`);
  if (file === "") throw new CliError(`-f ${spec}: no file after =`);
  return { format: format as Format, file };
}

function gateParams(argv: readonly string[], io: Streams): GateParams | "help" {
  const flags = parseFlags(argv, GATE_FLAGS);
  if (booleanFlag(flags, "help")) return "help";
  if (flags.positional.length > 0) throw new CliError(`unexpected argument ${JSON.stringify(flags.positional[0])}: documents go after -i (see regolith gate --help)`);
  const inputs = repeatedFlag(flags, "input");
  const results = stringFlag(flags, "results");
  if (results !== undefined) {
    const evaluating = ["input", "bundle", "data", "waivers", "baseline", ...[...VERIFY_FLAGS, ...FETCH_FLAGS].map((f) => f.name)].find((name) => flags.values.has(name));
    if (evaluating !== undefined) throw new CliError(`--results renders a saved result, so --${evaluating} has nothing to do; evaluate with -i, or reformat with --results`);
  } else if (inputs.length === 0) throw new CliError("no snapshot documents: give at least one with -i FILE (see regolith gate --help)");
  if (inputs.filter((i) => i === "-").length > 1) throw new CliError("-i -: standard input can be read only once");
  const failOnGiven = stringFlag(flags, "fail-on");
  const failOn = failOnGiven ?? "high";
  if (!(FAIL_ON_VALUES as readonly string[]).includes(failOn)) throw new CliError(`--fail-on ${JSON.stringify(failOn)}: want one of ${FAIL_ON_VALUES.join(", ")}`);
  const specs = repeatedFlag(flags, "format");
  const outputs = (specs.length > 0 ? specs : ["text"]).map(parseOutput);
  // `github` workflow commands are lines the runner takes out of the log, so they can
  // share standard output with one report for people; two reports there would interleave.
  const onStdout = outputs.filter((o) => o.file === undefined);
  if (onStdout.filter((o) => o.format !== "github").length > 1 || onStdout.filter((o) => o.format === "github").length > 1) {
    throw new CliError("only one -f (besides github) may write to standard output; give the others a file (-f FORMAT=FILE)");
  }
  const files = outputs.flatMap((o) => (o.file === undefined ? [] : [o.file]));
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new CliError(`-f: ${twice} is named by more than one format`);
  return {
    results,
    failOnGiven: failOnGiven as FailOn | undefined,
    inputs,
    bundles: repeatedFlag(flags, "bundle"),
    data: repeatedFlag(flags, "data"),
    waivers: stringFlag(flags, "waivers"),
    baseline: stringFlag(flags, "baseline"),
    writeBaseline: stringFlag(flags, "write-baseline"),
    failOn: failOn as FailOn,
    outputs,
    bundleOptions: bundleOptions(flags, io),
  };
}

/** A JSON or YAML file (by extension; JSON else YAML for standard input and other names). */
async function readDocument(path: string, io: Streams, what: string): Promise<NamedValue> {
  if (path === "-") {
    if (!io.stdin) throw new CliError("-i -: no standard input available");
    return { name: "-", value: parseAnyDocument(await readAll(io.stdin), "standard input") };
  }
  let text: string;
  try {
    text = readFileSync(resolve(io.cwd, path), "utf8");
  } catch (e) {
    throw new CliError(`${path}: cannot read ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { name: path, value: /\.(json|ya?ml)$/i.test(path) ? parseDataFile(text, path) : parseAnyDocument(text, path) };
}

async function evaluate(params: GateParams, documents: NamedValue[], waivers: NamedValue | undefined, baseline: NamedValue | undefined, cwd: string): Promise<GateResult> {
  const bundle = emptyLoaded();
  const bundles = params.bundles.length > 0 ? params.bundles : [SHIPPED_BUNDLE];
  if (params.bundles.length === 0 && !existsSync(SHIPPED_BUNDLE)) throw new CliError(`the shipped bundle is not at ${SHIPPED_BUNDLE}; name a bundle with -b BUNDLE`);
  for (const b of await openCheckedBundles(bundles, params.bundleOptions)) addBundle(bundle, b);
  const modules = bundle.modules.map((m) => ({ file: m.name, source: m.source }));
  const overlays: NamedValue[] = [];
  for (const d of params.data) {
    const loaded = emptyLoaded();
    loadDataPath(loaded, d, cwd);
    if (params.bundleOptions.requireSignature && loaded.modules.length > 0) throw new CliError(unsignedModuleMessage(loaded.modules[0]!.name, "given with -d"));
    modules.push(...loaded.modules.map((m) => ({ file: m.name, source: m.source })));
    if (Object.keys(loaded.data).length > 0) overlays.push({ name: d, value: loaded.data });
  }
  try {
    return runGate({
      documents,
      modules,
      data: bundle.data,
      overlays,
      ...(waivers ? { waivers } : {}),
      ...(baseline ? { baseline } : {}),
      failOn: params.failOn,
      toolVersion: version(),
    });
  } catch (e) {
    if (e instanceof GateInputError) throw new CliError(e.message);
    throw e;
  }
}

async function evaluateInputs(params: GateParams, io: Streams): Promise<GateResult> {
  const documents: NamedValue[] = [];
  for (const i of params.inputs) documents.push(await readDocument(i, io, "snapshot document"));
  const waivers = params.waivers === undefined ? undefined : await readDocument(params.waivers, io, "waivers");
  const baseline = params.baseline === undefined ? undefined : await readDocument(params.baseline, io, "baseline");
  return evaluate(params, documents, waivers, baseline, io.cwd);
}

async function savedResult(path: string, failOn: FailOn | undefined, io: Streams): Promise<GateResult> {
  const saved = await readDocument(path, io, "saved result");
  try {
    return readSavedResult(saved, failOn);
  } catch (e) {
    if (e instanceof GateInputError) throw new CliError(e.message);
    throw e;
  }
}

/** Colour only for a person at a terminal: stdout is a TTY and NO_COLOR is unset (no-color.org). */
function useColor(io: Streams): boolean {
  const tty = io.stdout.isTTY === true;
  return tty && !io.env["NO_COLOR"];
}

function write(path: string, content: string, cwd: string, what: string): void {
  try {
    writeFileAtomic(resolve(cwd, path), content);
  } catch (e) {
    throw new CliError(`${path}: cannot write ${what}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function oneLine(result: GateResult, written: readonly string[]): string {
  const s = result.summary;
  const verdict = s.fail_on === "never" ? "never blocks (--fail-on never)" : `${s.blocking} blocking at or above ${s.fail_on}`;
  return `${s.total} findings, ${verdict} (${s.waived} waived, ${s.baselined} baselined, ${s.unknown} unknown)${written.length > 0 ? `; wrote ${written.join(", ")}` : ""}`;
}

export async function gateCommand(argv: readonly string[], io: Streams): Promise<number> {
  const params = gateParams(argv, io);
  if (params === "help") {
    io.stdout.write(GATE_USAGE);
    return ExitCode.Ok;
  }
  const result = params.results !== undefined ? await savedResult(params.results, params.failOnGiven, io) : await evaluateInputs(params, io);

  // Render every format before writing anything, so a failing reporter leaves no partial output.
  const color = useColor(io);
  const rendered = params.outputs.map((o) => {
    try {
      return { ...o, text: REPORTERS[o.format](result, { color: color && o.file === undefined }) };
    } catch (e) {
      throw new CliError(`the ${o.format} report failed: ${(e as Error).message}`);
    }
  });
  const stepSummaryFile = io.env["GITHUB_STEP_SUMMARY"];
  const stepSummary = stepSummaryFile && params.outputs.some((o) => o.format === "github") ? githubStepSummary(result) : undefined;

  if (params.writeBaseline !== undefined) write(params.writeBaseline, JSON.stringify(baselineDocument(result), null, 2) + "\n", io.cwd, "the baseline");
  const written: string[] = [];
  for (const r of rendered) {
    if (r.file === undefined) io.stdout.write(r.text);
    else {
      write(r.file, r.text, io.cwd, `the ${r.format} report`);
      written.push(r.file);
    }
  }
  if (stepSummary !== undefined && stepSummaryFile) {
    try {
      appendFileSync(stepSummaryFile, stepSummary);
    } catch (e) {
      throw new CliError(`GITHUB_STEP_SUMMARY (${stepSummaryFile}): cannot append the job summary: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  }
  for (const w of result.warnings) io.stderr.write(`regolith gate: warning: ${w}\n`);
  if (params.writeBaseline !== undefined) written.push(params.writeBaseline);
  if (!params.outputs.some((o) => o.file === undefined)) io.stderr.write(`regolith gate: ${oneLine(result, written)}\n`);
  return result.summary.passed ? ExitCode.Ok : ExitCode.No;
}
