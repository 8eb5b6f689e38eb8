/**
 * `regolith test [PATH…]`: runs Rego unit tests (`test_*` rules), like `opa test`,
 * optionally with coverage and a coverage threshold.
 * Params → load (files, directories, bundles) → parse → run (the rego tester) → report.
 */
import { resolve } from "node:path";
import {
  COVERAGE_SCOPE,
  coberturaCoverageReport,
  DEFAULT_TEST_TIMEOUT_MS,
  RegoErrors,
  TestFilterError,
  formatPercent,
  goDuration,
  jsonCoverageReport,
  jsonTestReport,
  junitTestReport,
  lcovCoverageReport,
  prettyCoverageReport,
  prettyTestReport,
  runTests,
  testNameFilter,
  type CoverageReport,
  type RegoError,
  type TestRun,
  type Value,
} from "@regolith/rego";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseDuration, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import type { SourceFile } from "../load/loader.js";
import { loadTestPaths } from "../load/test-paths.js";
import { parseModules } from "../load/parse-modules.js";
import { FETCH_FLAGS, VERIFY_FLAGS, VERIFY_HELP, bundleOptions, type BundleOptions } from "../load/bundle-options.js";
import { writeFileAtomic } from "../output/atomic-write.js";
import { errorsJSON } from "../output/eval-output.js";
import { version } from "../version.js";

const TEST_FORMATS = ["pretty", "json", "junit"] as const;
type TestFormat = (typeof TEST_FORMATS)[number];

/** Coverage files for other tools (`--coverage-report FORMAT=FILE`). */
const COVERAGE_WRITERS: Readonly<Record<string, (report: CoverageReport) => string>> = {
  lcov: lcovCoverageReport,
  cobertura: (report) => coberturaCoverageReport(report, version()),
};

interface CoverageFile {
  readonly format: string;
  readonly file: string;
}

function parseCoverageFile(spec: string): CoverageFile {
  const eq = spec.indexOf("=");
  const format = eq < 0 ? spec : spec.slice(0, eq);
  if (!Object.hasOwn(COVERAGE_WRITERS, format)) throw new CliError(`--coverage-report: unknown format ${JSON.stringify(format)} (want ${Object.keys(COVERAGE_WRITERS).join(" or ")}, then =FILE)`);
  if (eq < 0 || eq === spec.length - 1) throw new CliError(`--coverage-report ${spec}: name the file, as ${format}=FILE`);
  return { format, file: spec.slice(eq + 1) };
}

export const TEST_FLAGS: readonly FlagSpec[] = [
  { name: "run", short: "r", kind: "string", value: "REGEX", description: "run only tests whose full name (data.pkg.test_x) matches REGEX (RE2 syntax, unanchored)" },
  { name: "coverage", short: "c", kind: "boolean", description: "report which policy lines the tests reach" },
  { name: "threshold", kind: "string", value: "PCT", description: "exit 1 when coverage of policy lines is below PCT (0-100); implies --coverage" },
  { name: "coverage-report", kind: "repeated", value: "FORMAT=FILE", description: "also write coverage to FILE as lcov or cobertura (XML), for CI coverage tools (repeatable); implies --coverage" },
  { name: "format", short: "f", kind: "string", value: "FORMAT", description: "output format: pretty (default), json, junit" },
  { name: "verbose", short: "v", kind: "boolean", description: "list every test and its print() output, not only failures" },
  { name: "timeout", kind: "string", value: "DURATION", description: `stop a test after this long (e.g. 500ms, 10s; default ${goDuration(DEFAULT_TEST_TIMEOUT_MS * 1e6)}); 0 for none` },
  { name: "strict-builtin-errors", kind: "boolean", description: "a builtin error makes the test an ERROR instead of making the call undefined" },
  ...VERIFY_FLAGS,
  ...FETCH_FLAGS,
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const TEST_USAGE = `Usage: regolith test [flags] [PATH...]

Runs the Rego unit tests in PATH (default: the current directory), like
\`opa test\`: every rule named test_* is a test; it passes when it is true, fails
when it is undefined or anything else, and is an ERROR when evaluation fails.
Rules named todo_test_* are reported as SKIPPED. Tests that do not pass show
their print() output.

PATH is a .rego file, a .json/.yaml data file, a directory (data files in
DIR/a/b/ land at data.a.b; hidden directories and node_modules are skipped), a
bundle directory (one holding .manifest, wherever it sits), a .tar.gz bundle
or the http(s) URL of one.

${VERIFY_HELP}
Here every bundle among the PATHs is verified; plain files and directories
are not bundles and carry no signature, so --require-signature refuses their
.rego modules.

Coverage (--coverage): a line is covered when an expression or rule head on it
was reached (a head: when its rule produced a value), not covered when it holds
one that never was. The total is the ${COVERAGE_SCOPE}
(*_test.rego files are listed per file but not counted). With -f json the
coverage report (the shape of \`opa test --coverage\`) replaces the test list;
with -f junit the coverage table goes to standard error. --coverage-report
lcov=FILE or cobertura=FILE also writes it for coverage tools (Codecov, GitLab,
SonarQube, Jenkins), policy files only; a reached line counts one hit.

Exit codes: 0 all tests pass (and coverage meets --threshold); 1 a test failed
or errored, or coverage is below the threshold; 2 bad flags, unreadable files,
Rego parse and compile errors, or a bundle that fails verification or its
roots.

Flags:
${flagHelp(TEST_FLAGS)}

Examples:
  regolith test policies/
  regolith test -v --run 'cloudflare' policies/
  regolith test --coverage --threshold 90 policies/
  regolith test --coverage-report lcov=coverage.lcov --coverage-report cobertura=coverage.xml policies/
  regolith test --verification-key key.pem --require-signature bundle.tar.gz
`;

interface TestParams {
  readonly paths: readonly string[];
  readonly filter: ((fullName: string) => boolean) | undefined;
  readonly coverage: boolean;
  readonly threshold: number | undefined;
  readonly coverageFiles: readonly CoverageFile[];
  readonly format: TestFormat;
  readonly verbose: boolean;
  readonly timeoutMs: number;
  readonly strictBuiltinErrors: boolean;
  readonly bundleOptions: BundleOptions;
}

function testParams(argv: readonly string[], io: Streams): TestParams | "help" {
  const flags = parseFlags(argv, TEST_FLAGS);
  if (booleanFlag(flags, "help")) return "help";
  const format = stringFlag(flags, "format") ?? "pretty";
  if (!(TEST_FORMATS as readonly string[]).includes(format)) throw new CliError(`unknown format ${JSON.stringify(format)} (want ${TEST_FORMATS.join(", ")})`);
  const thresholdText = stringFlag(flags, "threshold");
  const threshold = thresholdText === undefined ? undefined : Number(thresholdText);
  if (threshold !== undefined && (thresholdText!.trim() === "" || !Number.isFinite(threshold) || threshold < 0 || threshold > 100)) {
    throw new CliError(`--threshold takes a percentage from 0 to 100, not ${JSON.stringify(thresholdText)}`);
  }
  const run = stringFlag(flags, "run");
  let filter: ((name: string) => boolean) | undefined;
  try {
    filter = run === undefined ? undefined : testNameFilter(run);
  } catch (e) {
    if (e instanceof TestFilterError) throw new CliError(`--run: ${e.message}`);
    throw e;
  }
  const timeout = stringFlag(flags, "timeout");
  const coverageFiles = repeatedFlag(flags, "coverage-report").map(parseCoverageFile);
  const files = coverageFiles.map((c) => c.file);
  const twice = files.find((f, i) => files.indexOf(f) !== i);
  if (twice !== undefined) throw new CliError(`--coverage-report: ${twice} is named more than once`);
  return {
    paths: flags.positional.length > 0 ? flags.positional : ["."],
    filter,
    coverage: booleanFlag(flags, "coverage") || threshold !== undefined || coverageFiles.length > 0,
    threshold,
    coverageFiles,
    format: format as TestFormat,
    verbose: booleanFlag(flags, "verbose"),
    timeoutMs: timeout === undefined ? DEFAULT_TEST_TIMEOUT_MS : parseDuration(timeout),
    strictBuiltinErrors: booleanFlag(flags, "strict-builtin-errors"),
    bundleOptions: bundleOptions(flags, io),
  };
}

type Outcome = { readonly kind: "run"; readonly run: TestRun } | { readonly kind: "errors"; readonly errors: readonly RegoError[] };

/** Parses every module (reporting all parse errors together), then compiles and runs. */
function execute(params: TestParams, modules: readonly SourceFile[], data: Value): Outcome {
  const { modules: parsed, errors } = parseModules(modules);
  if (errors.length > 0) return { kind: "errors", errors };
  try {
    const run = runTests(parsed, data, {
      ...(params.filter ? { filter: params.filter } : {}),
      timeoutMs: params.timeoutMs,
      coverage: params.coverage,
      strictBuiltinErrors: params.strictBuiltinErrors,
      runtime: { version: version() },
    });
    return { kind: "run", run };
  } catch (e) {
    if (e instanceof RegoErrors) return { kind: "errors", errors: e.errors };
    throw e;
  }
}

export async function testCommand(argv: readonly string[], io: Streams): Promise<number> {
  const params = testParams(argv, io);
  if (params === "help") {
    io.stdout.write(TEST_USAGE);
    return ExitCode.Ok;
  }
  const loaded = await loadTestPaths(params.paths, params.bundleOptions);
  const sources = new Map(loaded.modules.map((m) => [m.name, m.source]));
  const outcome = execute(params, loaded.modules, loaded.data);
  if (outcome.kind === "errors") {
    if (params.format === "json") io.stdout.write(errorsJSON(outcome.errors));
    else io.stderr.write(outcome.errors.map((e) => e.format(sources)).join("\n") + "\n");
    return ExitCode.Error;
  }
  const { results, coverage } = outcome.run;
  const failed = results.some((r) => r.fail || r.error !== undefined);
  if (results.length === 0) io.stderr.write(`regolith test: no tests found in ${params.paths.join(", ")}${params.filter ? " matching --run" : ""}\n`);

  switch (params.format) {
    case "pretty":
      io.stdout.write(prettyTestReport(results, { verbose: params.verbose, sources }));
      if (coverage) io.stdout.write(prettyCoverageReport(coverage));
      break;
    case "json":
      if (coverage) {
        io.stdout.write(jsonCoverageReport(coverage));
        // The coverage report has no room for test results: failures go to stderr.
        if (failed) io.stderr.write(prettyTestReport(results, { sources }));
      } else io.stdout.write(jsonTestReport(results));
      break;
    case "junit":
      io.stdout.write(junitTestReport(results));
      if (coverage) io.stderr.write(prettyCoverageReport(coverage));
      break;
  }

  if (coverage) {
    for (const { format, file } of params.coverageFiles) {
      try {
        writeFileAtomic(resolve(io.cwd, file), COVERAGE_WRITERS[format]!(coverage));
      } catch (e) {
        throw new CliError(`${file}: cannot write the ${format} coverage report: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
  }

  let below = false;
  if (coverage && params.threshold !== undefined && coverage.coverage < params.threshold) {
    below = true;
    io.stderr.write(
      `regolith test: coverage ${formatPercent(coverage.coverage)} is below the threshold ${formatPercent(params.threshold)} (${COVERAGE_SCOPE})\n`,
    );
  }
  return failed || below ? ExitCode.No : ExitCode.Ok;
}
