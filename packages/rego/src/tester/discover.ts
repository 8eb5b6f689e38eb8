/**
 * Test discovery, as OPA's tester does it: a rule whose head ref (below its package)
 * has a ground step starting with `test_` is a test; `todo_test_` marks one to skip.
 * Each definition is its own test: a second `test_x` in the same package is reported
 * as `test_x#01`, a third as `test_x#02` (OPA's RewriteDuplicateTestNames).
 */
import type { Location } from "../ast/location.js";
import type { CompiledPolicy } from "../compile/compiler.js";
import { refStrings } from "../compile/modules.js";
import type { CompiledRule } from "../compile/plan.js";

export const TEST_PREFIX = "test_";
export const SKIP_TEST_PREFIX = "todo_test_";

export interface TestCase {
  /** The package as a ref: `data.regolith.checks.x_test`. */
  readonly package: string;
  /** The rule's name below the package: `test_fires`, `test_fires#01`, `a.test_b`. */
  readonly name: string;
  /** `package.name`: what `--run` patterns match. */
  readonly fullName: string;
  readonly skip: boolean;
  /**
   * The ground steps of the rule's ref below the test's name (`["y"]` for `test_x.y[k]`):
   * OPA asks for the document at the name, so the rule's value sits below these keys.
   */
  readonly below: readonly string[];
  readonly rule: CompiledRule;
  readonly location: Location;
}

/** The tests in a compiled policy, in file order and, within a file, source order. */
export function discoverTests(policy: CompiledPolicy): TestCase[] {
  const modules = new Map(policy.modules.map((m) => [m.file, m]));
  const seen = new Map<string, number>();
  const out: TestCase[] = [];
  const rules = [...policy.rules].sort((a, b) => compareFiles(a.loc.file, b.loc.file));
  for (const rule of rules) {
    // A default rule is a test of its own, as OPA runs every test_ rule (it counts among
    // the duplicates: `default test_x := true` then `test_x if …` is test_x and test_x#01).
    if (rule.kind === "function") continue;
    const module = modules.get(rule.loc.file);
    if (!module) continue;
    const pkg = refStrings(module.package.path);
    const steps = rule.node.path.slice(pkg.length);
    const at = steps.findIndex((s) => s.startsWith(TEST_PREFIX) || s.startsWith(SKIP_TEST_PREFIX));
    if (at < 0) continue;
    const skip = steps[at]!.startsWith(SKIP_TEST_PREFIX);
    const pkgName = refString(["data", ...pkg]);
    let name = refString(steps.slice(0, at + 1));
    if (!skip) {
      // runTests renamed duplicates before compiling; a policy compiled elsewhere may still have them.
      const key = `${pkgName}.${name}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      if (k > 0) name = refString([...steps.slice(0, at), `${steps[at]}#${String(k).padStart(2, "0")}`]);
    }
    out.push({ package: pkgName, name, fullName: `${pkgName}.${name}`, skip, below: steps.slice(at + 1), rule, location: rule.loc });
  }
  return out;
}

function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A ref as OPA prints it: `data.a.b`, with `["x-y"]` for steps that are not identifiers. */
function refString(steps: readonly string[]): string {
  return steps.map((s, i) => (i === 0 ? s : IDENT.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join("");
}
