/**
 * Runs one eval case with OPA's runner semantics (CONFORMANCE.md §3): modules
 * compiled as one unit, input from `input_term` or `input`, strict builtin errors on
 * request, assertions in OPA's order.
 */
import { Engine, RegoErrors, defineBuiltin, stringifyValue, types, type Value, type EvaluateOptions } from "@regolith/rego";
import type { EvalCase } from "./case.js";
import { normalizeRow, sameRows } from "./compare.js";

export interface Outcome {
  readonly pass: boolean;
  readonly reason?: string;
}

const CASE_TIMEOUT_MS = 20_000;

/** Go's duration syntax, for the runner-only builtin `test.sleep`. */
function parseGoDuration(s: string): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const m of s.matchAll(/([0-9.]+)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * units[m[2]!]!;
  return total;
}

/** `test.sleep(duration)`: registered for the runner only, as OPA's runner does. */
export const testSleep = defineBuiltin({
  name: "test.sleep",
  args: [{ name: "duration", type: types.string }],
  result: { name: "result", type: types.null },
  categories: ["test"],
  description: "Sleeps for the given Go duration (conformance runner only).",
  impl: (args) => {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, parseGoDuration(String(args[0])));
    return null;
  },
});

function inputOf(c: EvalCase): Value | undefined {
  if (c.inputTerm === undefined) return c.input;
  const results = new Engine().prepare(`__regolith_input__ = ${c.inputTerm}`).eval({ rawValues: true });
  return results[0]?.bindings["__regolith_input__"];
}

function describe(e: unknown): string {
  if (e instanceof RegoErrors) return e.errors.map((x) => x.toString()).join("; ");
  return e instanceof Error ? e.message : String(e);
}

export interface RunOptions {
  /** Evaluate without rule indices (the index's oracle). */
  readonly unindexed?: boolean;
  /** The engine's `jitAfter`: 0 runs every term read in place through generated code. */
  readonly jitAfter?: number;
}

export function runEvalCase(c: EvalCase, run: RunOptions = {}): Outcome {
  let engine: Engine;
  try {
    // As OPA's topdown test harness: no rule/data path conflict check (the data wins there).
    engine = new Engine({
      builtins: [testSleep],
      experimentalKeywords: c.experimentalKeywords,
      checkDataConflicts: false,
      ...(run.jitAfter !== undefined ? { jitAfter: run.jitAfter } : {}),
    });
    c.modules.forEach((m, i) => engine.addModule(`test-${i}.rego`, m));
    engine.setData(c.data ?? {});
  } catch (e) {
    return { pass: false, reason: `parse: ${describe(e)}` };
  }
  let evaluation;
  try {
    const prepared = engine.prepare(c.query, { captureValues: false });
    const input = inputOf(c);
    const options: EvaluateOptions = {
      strictBuiltinErrors: c.strictError,
      timeoutMs: CASE_TIMEOUT_MS,
      ...(Object.keys(c.env).length > 0 ? { runtime: { env: c.env } } : {}),
      unindexed: run.unindexed ?? false,
      ...(input !== undefined ? { input } : {}),
    };
    evaluation = prepared.evaluate(options);
  } catch (e) {
    return { pass: false, reason: `compile: ${describe(e)}` };
  }
  const { results, error } = evaluation;
  if (c.wantError !== undefined) {
    if (!error) return { pass: false, reason: `expected error containing ${JSON.stringify(c.wantError)}, got none` };
    if (!error.toString().includes(c.wantError)) return { pass: false, reason: `error ${JSON.stringify(error.toString())} lacks ${JSON.stringify(c.wantError)}` };
  }
  if (c.wantErrorCode !== undefined) {
    if (!error) return { pass: false, reason: `expected ${c.wantErrorCode}, got no error` };
    if (error.code !== c.wantErrorCode) return { pass: false, reason: `expected ${c.wantErrorCode}, got ${error.toString()}` };
  }
  if (error && c.wantError === undefined && c.wantErrorCode === undefined) return { pass: false, reason: `unexpected error: ${error.toString()}` };
  if (c.wantResult !== undefined) {
    const opts = { sortBindings: c.sortBindings, ignoreGeneratedVars: c.ignoreGeneratedVars };
    const actual = results.map((r) => normalizeRow(r.bindings, opts));
    const expected = c.wantResult.map((r) => normalizeRow(r, opts));
    if (!sameRows(actual, expected)) {
      return { pass: false, reason: `want ${stringifyValue(expected)}, got ${stringifyValue(actual)}` };
    }
  }
  if (c.wantResult === undefined && c.wantError === undefined && c.wantErrorCode === undefined) return { pass: false, reason: "malformed case" };
  return { pass: true };
}
