/**
 * OPA's RewriteDuplicateTestNames, done before compiling: a second test of the same
 * name in a package (the same ref up to its `test_` step) becomes `test_x#01`, a third
 * `test_x#02`. Every definition is then a test of its own, and two tests named alike
 * never conflict, whatever their kinds (`test_d if …` beside `test_d.foo[y] if …`).
 * Modules are taken in file order, rules in source order.
 */
import type * as A from "../ast/nodes.js";
import { TEST_PREFIX } from "./discover.js";

export function renameDuplicateTests(modules: readonly A.Module[]): A.Module[] {
  const seen = new Map<string, number>();
  const byFile = [...modules].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const renamed = new Map<A.Module, A.Module>();
  for (const m of byFile) {
    const pkg = m.package.path.path.map((t) => (t.type === "String" ? t.value : "")).join(".");
    let changed = false;
    const rules = m.rules.map((rule) => {
      const at = testStep(rule.head.ref);
      if (at < 0) return rule;
      const key = `${pkg}|${stepNames(rule.head.ref).slice(0, at + 1).join("|")}`;
      const k = seen.get(key) ?? 0;
      seen.set(key, k + 1);
      if (k === 0) return rule;
      changed = true;
      return withStepRenamed(rule, at, `#${String(k).padStart(2, "0")}`);
    });
    renamed.set(m, changed ? { ...m, rules } : m);
  }
  return modules.map((m) => renamed.get(m)!);
}

/** The names of a head ref's ground prefix: the rule name, then its string steps. */
function stepNames(ref: A.RefTerm): string[] {
  const names = [ref.head.type === "Var" ? ref.head.name : ""];
  for (const p of ref.path) {
    if (p.type !== "String") break;
    names.push(p.value);
  }
  return names;
}

/** The index of the first ground step named `test_…`, or -1. */
function testStep(ref: A.RefTerm): number {
  return stepNames(ref).findIndex((n) => n.startsWith(TEST_PREFIX));
}

function withStepRenamed(rule: A.Rule, at: number, suffix: string): A.Rule {
  const ref = rule.head.ref;
  const renamedRef: A.RefTerm =
    at === 0 && ref.head.type === "Var"
      ? { ...ref, head: { ...ref.head, name: ref.head.name + suffix } }
      : { ...ref, path: ref.path.map((p, i) => (i === at - 1 && p.type === "String" ? { ...p, value: p.value + suffix } : p)) };
  const head = { ...rule.head, ref: renamedRef };
  return { ...rule, head, else: rule.else ? withStepRenamed(rule.else, at, suffix) : undefined };
}
