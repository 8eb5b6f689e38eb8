/**
 * Runs Rego unit tests, as `opa test` does: each `test_*` definition is evaluated on
 * its own, in a fresh evaluator, under a timeout, with its `print()` output captured.
 * A test passes when it gives `true` (a `test_x[note]` rule: when every case it started
 * is `true`; verdict.ts); undefined or any other value fails it; an evaluation error
 * makes it an ERROR.
 */
import { ErrorCode, RegoError, RegoErrors } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type { Value } from "../ast/value.js";
import { moduleJSON } from "../ast/opa-json.js";
import { parseModule } from "../parse/parser.js";
import { compile, type CompiledPolicy } from "../compile/compiler.js";
import type { CompileOptions } from "../compile/context.js";
import { Evaluator } from "../eval/evaluator.js";
import { CoverageRecorder } from "../eval/coverage.js";
import { discoverTests, type TestCase } from "./discover.js";
import { coverageReport, type CoverageReport } from "./coverage.js";
import { goDuration } from "./go-duration.js";
import { renameDuplicateTests } from "./rename-duplicates.js";
import { withTestCaseCall } from "./test-case-calls.js";
import { verdict, type SubResult } from "./verdict.js";

export type { SubResult } from "./verdict.js";

/** `opa test`'s default per-test timeout. */
export const DEFAULT_TEST_TIMEOUT_MS = 5000;

export interface TestOptions {
  /** Which tests run, by full name (`data.pkg.test_x`); see `testNameFilter` for `--run`. */
  readonly filter?: (fullName: string) => boolean;
  /** Per-test timeout in milliseconds (default 5000); 0 for none. */
  readonly timeoutMs?: number;
  /** Record which expressions and rule heads the tests reach, and report coverage. */
  readonly coverage?: boolean;
  /** Builtin errors make a test an ERROR instead of making the call undefined. */
  readonly strictBuiltinErrors?: boolean;
  /** What `opa.runtime()` returns. */
  readonly runtime?: Value;
  /** Compiler options (the builtin table, the error limit); print is always kept. */
  readonly compile?: Omit<CompileOptions, "enablePrint" | "stopAfter">;
}

/** One test's outcome, shaped as OPA's `tester.Result`. */
export interface TestResult {
  readonly location: Location;
  readonly package: string;
  readonly name: string;
  readonly fullName: string;
  /** Evaluated, and undefined or not `true`. */
  readonly fail: boolean;
  /** A `todo_test_*` rule: not evaluated. */
  readonly skip: boolean;
  /** Evaluation stopped with this error (timeouts included). */
  readonly error: RegoError | undefined;
  readonly durationNs: number;
  /** What the test's `print()` calls wrote, a line each. */
  readonly output: string;
  /** The test's cases (`test_x[note]`), sorted; empty for other tests and for skipped or errored ones. */
  readonly subResults: readonly SubResult[];
}

export interface TestRun {
  readonly results: readonly TestResult[];
  /** Present when coverage was asked for. */
  readonly coverage?: CoverageReport;
}

/** Passed, failed, errored or skipped: what reporters print. */
export type Outcome = "PASS" | "FAIL" | "ERROR" | "SKIPPED";

export function outcomeOf(r: TestResult): Outcome {
  if (r.skip) return "SKIPPED";
  if (r.error) return "ERROR";
  return r.fail ? "FAIL" : "PASS";
}

/**
 * Compiles the modules (with `print` kept, so output can be captured) and runs their
 * tests over `data`. Throws `RegoErrors` when the modules do not compile.
 */
export function runTests(modules: readonly A.Module[], data: Value, options: TestOptions = {}): TestRun {
  const policy = compile(renameDuplicateTests(modules), { ...options.compile, enablePrint: true });
  return runCompiledTests(policy, data, options);
}

/** Runs the tests of an already compiled policy (compiled with `enablePrint` to capture output). */
export function runCompiledTests(policy: CompiledPolicy, data: Value, options: TestOptions = {}): TestRun {
  const recorder = options.coverage ? new CoverageRecorder() : undefined;
  const filter = options.filter ?? (() => true);
  const results = discoverTests(policy)
    .filter((test) => filter(test.fullName))
    .map((test) => (test.skip ? skipped(test) : runOne(policy, data, test, options, recorder)));
  return recorder ? { results, coverage: coverageReport(policy, recorder) } : { results };
}

function skipped(test: TestCase): TestResult {
  return { ...identity(test), fail: false, skip: true, error: undefined, durationNs: 0, output: "", subResults: [] };
}

function identity(test: TestCase): Pick<TestResult, "location" | "package" | "name" | "fullName"> {
  return { location: test.location, package: test.package, name: test.name, fullName: test.fullName };
}

function runOne(policy: CompiledPolicy, data: Value, test: TestCase, options: TestOptions, coverage: CoverageRecorder | undefined): TestResult {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const lines: string[] = [];
  const cases: Value[] = [];
  const started = performance.now();
  const ev = new Evaluator(policy.root, {
    data,
    strictBuiltinErrors: options.strictBuiltinErrors ?? false,
    print: (m) => lines.push(m),
    parseModule: parseModuleJSON,
    ...(timeoutMs > 0 ? { deadline: started + timeoutMs } : {}),
    ...(options.runtime !== undefined ? { runtime: options.runtime } : {}),
    ...(coverage ? { coverage } : {}),
    testCase: (path) => cases.push(path),
  });
  let value: Value | undefined;
  let error: RegoError | undefined;
  try {
    value = ev.ruleDocument(withTestCaseCall(policy, test));
    ev.finish();
  } catch (e) {
    error = asTestError(e, test, timeoutMs);
  }
  const durationNs = Math.round((performance.now() - started) * 1e6);
  const output = lines.map((l) => l + "\n").join("");
  if (error !== undefined) return { ...identity(test), fail: false, skip: false, error, durationNs, output, subResults: [] };
  return { ...identity(test), ...verdict(test, value, cases), skip: false, error, durationNs, output };
}

function asTestError(e: unknown, test: TestCase, timeoutMs: number): RegoError {
  if (e instanceof RegoError) {
    // The evaluator's deadline message does not know it ran a test, nor for how long.
    if (e.code === ErrorCode.EvalCancelError && /exceeded the timeout|deadline exceeded/.test(e.message)) {
      return new RegoError(e.code, `test timed out after ${goDuration(timeoutMs * 1e6)}`, e.location ?? test.location);
    }
    return e;
  }
  if (e instanceof RegoErrors && e.errors[0]) return e.errors[0];
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new RegoError(ErrorCode.EvalInternalError, "evaluation exceeded the maximum depth", test.location);
  }
  throw e;
}

/** `rego.parse_module`: OPA's AST JSON; parse errors become the builtin's error message. */
function parseModuleJSON(file: string, source: string): Value {
  try {
    return moduleJSON(parseModule(source, { file }));
  } catch (e) {
    if (e instanceof RegoErrors) throw new Error(e.toString());
    throw e;
  }
}
