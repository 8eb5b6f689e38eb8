/**
 * Stage CheckRecursion: a rule may not depend on itself, directly or through other
 * rules (`rego_recursion_error`). Dependencies are the data refs and function calls
 * in a rule; a ref that goes below a node with a variable depends on all of it.
 */
import { ErrorCode } from "../ast/errors.js";
import type { CompileContext } from "./context.js";
import { nodeName, type CompiledRule, type PBody, type PExpr, type PTerm, type RuleNode } from "./plan.js";

function hasRules(n: RuleNode): boolean {
  return n.rules.length > 0 || n.defaultRule !== undefined;
}

function subtreeRuleNodes(n: RuleNode, out: Set<RuleNode>): void {
  if (hasRules(n)) out.add(n);
  for (const c of n.children.values()) subtreeRuleNodes(c, out);
}

/**
 * Rule nodes a data ref can reach: constant keys follow one child, anything else may
 * be any child; where the ref ends, the whole subtree is read.
 */
function refTargets(node: RuleNode, path: readonly PTerm[], i: number, out: Set<RuleNode>): void {
  if (hasRules(node)) out.add(node);
  if (i === path.length) {
    subtreeRuleNodes(node, out);
    return;
  }
  const step = path[i]!;
  if (step.k === "const") {
    if (typeof step.v !== "string") return;
    const child = node.children.get(step.v);
    if (child) refTargets(child, path, i + 1, out);
    return;
  }
  for (const child of node.children.values()) refTargets(child, path, i + 1, out);
}

class Deps {
  readonly out = new Set<RuleNode>();
  readonly root: RuleNode;

  constructor(root: RuleNode) {
    this.root = root;
  }

  term(t: PTerm): void {
    switch (t.k) {
      case "data":
        subtreeRuleNodes(this.root, this.out);
        return;
      case "ref":
        if (t.head.k === "data") refTargets(this.root, t.path, 0, this.out);
        else this.term(t.head);
        t.path.forEach((p) => this.term(p));
        return;
      case "array":
      case "set":
        t.items.forEach((x) => this.term(x));
        return;
      case "object":
        t.keys.forEach((x) => this.term(x));
        t.values.forEach((x) => this.term(x));
        return;
      case "call":
        if (t.target.kind === "function") this.out.add(t.target.node);
        t.args.forEach((x) => this.term(x));
        return;
      case "arrayCompr":
      case "setCompr":
        this.term(t.head);
        this.body(t.body);
        return;
      case "objectCompr":
        this.term(t.key);
        this.term(t.value);
        this.body(t.body);
        return;
      case "template":
        for (const p of t.parts) if (typeof p !== "string") this.term(p.term);
        return;
      default:
        return;
    }
  }

  expr(e: PExpr): void {
    switch (e.k) {
      case "unify":
        this.term(e.a);
        this.term(e.b);
        return;
      case "term":
        this.term(e.t);
        return;
      case "not":
        this.body(e.body);
        return;
      case "any":
        e.bodies.forEach((b) => this.body(b));
        return;
      case "every":
        this.term(e.domain);
        this.body(e.body);
        return;
      case "with":
        for (const m of e.mods) {
          if (m.kind === "function") {
            if (m.replacement.kind === "function") this.out.add(m.replacement.node);
            else if (m.replacement.kind === "value") this.term(m.replacement.value);
          } else this.term(m.value);
        }
        this.body(e.body);
        return;
    }
  }

  body(b: PBody): void {
    b.exprs.forEach((e) => this.expr(e));
  }

  rule(r: CompiledRule): void {
    for (let x: CompiledRule | undefined = r; x; x = x.else) {
      this.body(x.body);
      [...x.keys, ...x.params, x.value, ...(x.element ? [x.element] : [])].forEach((t) => this.term(t));
    }
  }
}

export function checkRecursion(ctx: CompileContext): void {
  const graph = new Map<RuleNode, Set<RuleNode>>();
  const byNode = new Map<RuleNode, CompiledRule[]>();
  for (const r of ctx.allRules) {
    const list = byNode.get(r.node) ?? [];
    list.push(r);
    byNode.set(r.node, list);
  }
  for (const [node, rules] of byNode) {
    const deps = new Deps(ctx.root);
    rules.forEach((r) => deps.rule(r));
    graph.set(node, deps.out);
  }
  const reported = new Set<RuleNode>();
  for (const start of graph.keys()) {
    const cycle = findCycle(graph, start);
    if (!cycle || reported.has(start)) continue;
    reported.add(start);
    const first = byNode.get(start)![0]!;
    ctx.error(ErrorCode.RecursionError, `rule ${nodeName(start)} is recursive: ${cycle.map(nodeName).join(" -> ")}`, first.loc);
  }
}

/** A path from `start` back to itself, or undefined. */
function findCycle(graph: ReadonlyMap<RuleNode, ReadonlySet<RuleNode>>, start: RuleNode): RuleNode[] | undefined {
  const visited = new Set<RuleNode>();
  const path: RuleNode[] = [start];
  const dfs = (n: RuleNode): boolean => {
    for (const next of graph.get(n) ?? []) {
      if (next === start) {
        path.push(start);
        return true;
      }
      if (visited.has(next)) continue;
      visited.add(next);
      path.push(next);
      if (dfs(next)) return true;
      path.pop();
    }
    return false;
  };
  return dfs(start) ? path : undefined;
}
