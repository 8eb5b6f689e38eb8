/**
 * Whether a test passed, as OPA's runner decides (tester/runner.go, runTest and
 * subResults). OPA asks for the document at the test's name:
 *
 * - A test with case keys (`test_x[note]`, a partial object) passes when every case in
 *   it is `true` (or `null`), nested keys (`test_x[a][b]`) case by case; no case at all
 *   is a pass.
 *   Each case is a sub-result. A case that started (it reached `internal.test_case`,
 *   see test-case-calls.ts) but is missing from the value failed.
 * - Any other test passes only when that document is `true`: undefined, `false`,
 *   another value, or a value below the name (`test_x.y := true` gives `{"y": true}`)
 *   fails it.
 */
import { stringifyValue } from "../ast/json.js";
import { isObject, type Value } from "../ast/value.js";
import { iterate } from "../eval/navigation.js";
import type { TestCase } from "./discover.js";

/** One case of a test, or a group of cases (`test_x[a][b]`: `a` holds the cases `b`). */
export interface SubResult {
  readonly name: string;
  readonly fail: boolean;
  /** Sorted by name, as OPA lists them. */
  readonly subResults: readonly SubResult[];
}

export interface Verdict {
  readonly fail: boolean;
  /** The test's cases; empty for a test without case keys. */
  readonly subResults: readonly SubResult[];
}

/** A sub-result being built: cases can still be added, and failed. */
interface Node {
  fail: boolean;
  readonly children: Map<string, Node>;
}

/** The verdict on a test whose rule gave `value` (undefined: nothing) after starting `cases`. */
export function verdict(test: TestCase, value: Value | undefined, cases: readonly Value[]): Verdict {
  const rule = test.rule;
  if (rule.contains || rule.keys.length === 0) {
    return { fail: !(value === true && test.below.length === 0), subResults: [] };
  }
  let doc: Value = value ?? {};
  for (let i = test.below.length - 1; i >= 0; i--) doc = { [test.below[i]!]: doc };
  const root = resultNodes(doc);
  let fail = root.fail;
  for (const path of cases) if (Array.isArray(path) && started(root.children, path.map(caseName), 0)) fail = true;
  return { fail, subResults: frozen(root.children) };
}

/** The name OPA gives a key: a string as it is, anything else as its JSON text. */
function caseName(key: Value): string {
  return typeof key === "string" ? key : stringifyValue(key);
}

/** The cases in an object value: `true` passes, an object holds more cases, anything else fails. */
function resultNodes(v: Value): Node {
  const children = new Map<string, Node>();
  let fail = false;
  if (isObject(v)) {
    iterate(v, (key, child) => {
      // As in OPA, `null` is not a failed case (runner.go's subResult).
      const node = isObject(child) ? resultNodes(child) : { fail: child !== true && child !== null, children: new Map() };
      children.set(caseName(key), node);
      if (node.fail) fail = true;
      return false;
    });
  }
  return { fail, children };
}

/** Records a started case (OPA's SubResultMap.Update): missing from the value, it failed. */
function started(nodes: Map<string, Node>, path: readonly string[], i: number): boolean {
  if (i >= path.length) return true;
  let node = nodes.get(path[i]!);
  if (!node) nodes.set(path[i]!, (node = { fail: true, children: new Map() }));
  if (i === path.length - 1) return node.fail;
  const fail = started(node.children, path, i + 1);
  if (fail) node.fail = true;
  return fail;
}

function frozen(nodes: Map<string, Node>): SubResult[] {
  return [...nodes.keys()].sort(byCodeUnits).map((name) => {
    const node = nodes.get(name)!;
    return { name, fail: node.fail, subResults: frozen(node.children) };
  });
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
