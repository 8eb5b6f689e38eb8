/**
 * Test cases, as `opa test` runs them. A test written with a key after its name,
 *
 *     test_concat[tc.note] if {
 *         some tc in cases
 *         array.concat(tc.a, tc.b) == tc.exp
 *     }
 *
 * is one test with a case per key. A case that starts and then fails contributes no key
 * to the rule's value, so the value alone cannot tell it from a case that never was.
 * OPA's runner therefore puts a call `internal.test_case([tc.note])` into the body right
 * after the first expression that names the key's variables (tester/runner.go,
 * injectTestCaseFunc), and every case that reaches the call is counted: a case recorded
 * but missing from the value failed. This does the same on the AST before compiling.
 *
 * The call has no file, so coverage never counts it as a line of the test.
 */
import { NO_LOCATION, type Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import { visitNodes } from "../ast/walk.js";
import { SKIP_TEST_PREFIX, TEST_PREFIX } from "./discover.js";

export const TEST_CASE_BUILTIN = "internal.test_case";

/** The modules with a test-case call in every test that has case keys (a module is copied only if it changes). */
export function withTestCaseCalls(modules: readonly A.Module[]): A.Module[] {
  return modules.map((m) => {
    let changed = false;
    const rules = m.rules.map((r) => {
      const injected = injectTestCaseCall(r);
      if (injected !== r) changed = true;
      return injected;
    });
    return changed ? { ...m, rules } : m;
  });
}

function injectTestCaseCall(rule: A.Rule): A.Rule {
  const keys = caseKeys(rule.head);
  if (keys === undefined || callsTestCase(rule.body)) return rule;
  const at = injectionIndex(rule.body, keys);
  const body = [...rule.body.slice(0, at), testCaseCall(keys, rule.head.loc), ...rule.body.slice(at)];
  return { ...rule, body };
}

/**
 * The terms of a test's head ref after the test's name (`[tc.note]` in
 * `test_concat[tc.note]`), or undefined when the rule is not a test or has none.
 * As in OPA, the name is the first step of the ref's ground prefix that starts with
 * `test_` (or `todo_test_`, which is skipped and so gets no call).
 */
function caseKeys(head: A.RuleHead): readonly A.Term[] | undefined {
  if (head.args !== undefined || head.ref.head.type !== "Var") return undefined;
  const steps: readonly A.Term[] = [head.ref.head, ...head.ref.path];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const name = step.type === "Var" && i === 0 ? step.name : step.type === "String" ? step.value : undefined;
    if (name === undefined) return undefined;
    if (name.startsWith(SKIP_TEST_PREFIX)) return undefined;
    if (name.startsWith(TEST_PREFIX)) return i + 1 < steps.length ? steps.slice(i + 1) : undefined;
  }
  return undefined;
}

/** The test already calls `internal.test_case` itself (OPA then injects nothing). */
function callsTestCase(body: A.Body): boolean {
  let found = false;
  visitNodes(body, (node) => {
    if (node.type === "Call" && operatorName((node as A.CallTerm).operator) === TEST_CASE_BUILTIN) found = true;
  });
  return found;
}

function operatorName(op: A.VarTerm | A.RefTerm): string | undefined {
  if (op.type === "Var") return op.name;
  if (op.head.type !== "Var") return undefined;
  const parts = [op.head.name];
  for (const p of op.path) {
    if (p.type !== "String") return undefined;
    parts.push(p.value);
  }
  return parts.join(".");
}

/**
 * Just below the expression where the last of the keys' variables first appears, so
 * the case is recorded before anything that can fail it. A `some x` declaration does
 * not count: it binds nothing (OPA's compiler has removed it by then).
 */
function injectionIndex(body: A.Body, keys: readonly A.Term[]): number {
  const names = new Set<string>();
  visitNodes(keys, (node) => {
    if (node.type === "Var") names.add((node as A.VarTerm).name);
  });
  let below = -1;
  for (const name of names) {
    const first = body.findIndex((e) => e.node.type !== "SomeDecl" && mentions(e, name));
    below = Math.max(below, first);
  }
  return below + 1;
}

function mentions(e: A.Expr, name: string): boolean {
  let found = false;
  visitNodes(e, (node) => {
    if (node.type === "Var" && (node as A.VarTerm).name === name) found = true;
  });
  return found;
}

/** `internal.test_case([k1, k2, …])`, located nowhere (see the module comment). */
function testCaseCall(keys: readonly A.Term[], at: Location): A.Expr {
  const loc: Location = { ...NO_LOCATION, row: at.row, col: at.col };
  const [object, method] = TEST_CASE_BUILTIN.split(".") as [string, string];
  const operator: A.RefTerm = { type: "Ref", head: { type: "Var", name: object, loc }, path: [{ type: "String", value: method, loc }], loc };
  const call: A.CallTerm = { type: "Call", operator, args: [{ type: "Array", items: keys, loc }], loc };
  return { type: "Expr", node: call, negated: false, with: [], loc };
}
