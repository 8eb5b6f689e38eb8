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
 * OPA's runner therefore puts a call `internal.test_case([tc.note])` into the compiled
 * body right after the first expression that names the key's variables (tester/runner.go,
 * injectTestCaseFunc), and every case that reaches the call is counted: a case recorded
 * but missing from the value failed (verdict.ts). This does the same to a compiled test
 * rule, once it has compiled, so the call can never be the subject of a compile error.
 *
 * The call has no file, so coverage never counts it as a line of the test.
 */
import { NO_LOCATION, type Location } from "../ast/location.js";
import type { CompiledPolicy } from "../compile/compiler.js";
import type * as P from "../compile/plan.js";
import type { TestCase } from "./discover.js";
import { visitTermTree, visitTerms } from "./plan-exprs.js";

export const TEST_CASE_BUILTIN = "internal.test_case";

/**
 * The test's rule with the test-case call in its body, or the rule itself when the test
 * has no case keys (it is not a partial object) or calls `internal.test_case` itself.
 */
export function withTestCaseCall(policy: CompiledPolicy, test: TestCase): P.CompiledRule {
  const rule = test.rule;
  const builtin = policy.builtins.get(TEST_CASE_BUILTIN);
  if (!builtin || rule.contains || rule.keys.length === 0 || rule.body.exprs.some(callsTestCase)) return rule;
  const loc: Location = { ...NO_LOCATION, row: rule.loc.row, col: rule.loc.col };
  // The case's name is the rule's ref below the test's name: constant steps, then the keys.
  const path: P.PTerm[] = [...test.below.map((v): P.PTerm => ({ k: "const", v, loc })), ...rule.keys];
  const call: P.PExpr = {
    k: "term",
    t: { k: "call", target: { kind: "builtin", name: builtin.name, builtin }, args: [{ k: "array", items: path, loc }], loc },
    loc,
  };
  const exprs = rule.body.exprs;
  const at = injectionIndex(exprs, rule.keys);
  return { ...rule, body: { ...rule.body, exprs: [...exprs.slice(0, at), call, ...exprs.slice(at)] } };
}

function callsTestCase(e: P.PExpr): boolean {
  let found = false;
  visitTerms(e, (t) => {
    if (t.k === "call" && t.target.name === TEST_CASE_BUILTIN) found = true;
  });
  return found;
}

/**
 * Just below the expression where the last of the keys' variables is first named: the
 * compiled body is in a safe order, so that expression binds it, and the case is
 * recorded before anything that can fail it.
 */
function injectionIndex(exprs: readonly P.PExpr[], keys: readonly P.PTerm[]): number {
  const slots = new Set<number>();
  for (const key of keys) visitTermTree(key, (t) => t.k === "local" && slots.add(t.slot));
  let below = -1;
  for (const slot of slots) below = Math.max(below, exprs.findIndex((e) => namesSlot(e, slot)));
  return below + 1;
}

function namesSlot(e: P.PExpr, slot: number): boolean {
  let found = false;
  visitTerms(e, (t) => {
    if (t.k === "local" && t.slot === slot) found = true;
  });
  return found;
}
