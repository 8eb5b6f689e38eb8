/**
 * Rules and base data must not claim the same path (OPA's CheckPathConflicts, run
 * when a query is prepared over a store): a rule at `data.x.p` conflicts with a data
 * document that has a value at `x.p`, or whose value at `x` is not an object. Which
 * of the two `data.x.p` would mean is not for the evaluator to guess.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import { isObject, objectGet, type Value } from "../ast/value.js";
import type { RuleNode } from "./plan.js";

export function dataConflicts(root: RuleNode, data: Value): RegoError[] {
  const out: RegoError[] = [];
  const visit = (node: RuleNode): void => {
    const rule = node.rules[0] ?? node.defaultRule;
    if (rule && node.path.length > 0 && claimed(data, node.path)) {
      out.push(new RegoError(ErrorCode.CompileError, `conflicting rule for data path ${node.path.join("/")} found`, rule.loc));
      return;
    }
    for (const child of node.children.values()) visit(child);
  };
  visit(root);
  return out;
}

/** Data has a value at `path`, or the deepest value on the way there is not an object. */
function claimed(data: Value, path: readonly string[]): boolean {
  let v: Value | undefined = data;
  for (const key of path) {
    if (!isObject(v)) return true;
    v = objectGet(v, key);
    if (v === undefined) return false;
  }
  return true;
}
