/** Graphs and document traversal: walk, graph.reachable, graph.reachable_paths. */
import { RSet, isObject, objectGet, objectSome, type ObjectValue, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, object } from "../operands.js";

/**
 * Every `[path, value]` pair under `x`, depth first, parents before children,
 * children in key order (as OPA's `walk`). Lazy, so a caller that stops early pays
 * only for what it saw.
 */
function* walk(x: Value): Generator<Value> {
  const stack: [readonly Value[], Value][] = [[[], x]];
  while (stack.length > 0) {
    const [path, v] = stack.pop()!;
    yield [path, v];
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([[...path, i], v[i]!]);
    } else if (v instanceof RSet) {
      const items = v.sorted();
      for (let i = items.length - 1; i >= 0; i--) stack.push([[...path, items[i]!], items[i]!]);
    } else if (isObject(v)) {
      const entries: [Value, Value][] = [];
      objectSome(v, (k, c) => (entries.push([k, c]), false));
      for (let i = entries.length - 1; i >= 0; i--) stack.push([[...path, entries[i]![0]], entries[i]![1]]);
    }
  }
}

/** Vertices: the elements of an array or set; anything else has none. */
function vertices(v: Value): readonly Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  return [];
}

function initialVertices(args: readonly Value[]): readonly Value[] {
  const v = args[1]!;
  if (!Array.isArray(v) && !(v instanceof RSet)) throw OperandError.type(2, v, "{array, set}");
  return vertices(v);
}

function reachable(graph: ObjectValue, initial: readonly Value[]): RSet {
  const reached = new RSet();
  const queue = [...initial];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const edges = objectGet(graph, node);
    if (edges === undefined) continue;
    for (const n of vertices(edges)) if (!reached.has(n)) queue.push(n);
    reached.add(node);
  }
  return reached;
}

/** OPA's `pathBuilder`: extends `path` through `root`, committing a path at leaves, cycles and dead ends. */
function buildPaths(graph: ObjectValue, root: Value, path: readonly Value[], out: RSet, seen: RSet): void {
  const edges = objectGet(graph, root);
  if (edges === undefined) {
    out.add(path);
    return;
  }
  const here = [...path, root];
  const next = vertices(edges);
  if (next.length === 0) {
    out.add(here);
    return;
  }
  const reached = new RSet(seen);
  reached.add(root);
  for (const n of next) {
    if (reached.has(n)) out.add(here);
    else buildPaths(graph, n, here, out, reached);
  }
}

function reachablePaths(graph: ObjectValue, initial: readonly Value[]): RSet {
  const out = new RSet();
  for (const node of initial) {
    const edges = objectGet(graph, node);
    if (edges === undefined) continue;
    const next = vertices(edges);
    if (next.length === 0) {
      out.add([node]);
      continue;
    }
    for (const n of next) buildPaths(graph, n, [node], out, new RSet([node]));
  }
  return out;
}

const graphType = t.object(t.any, t.anyOf(t.array(t.any), t.set(t.any)));

export const graphBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "walk",
    args: [{ name: "x", type: t.any, description: "value to walk" }],
    result: {
      name: "output",
      type: t.array(t.any),
      description: "pairs of `path` and `value`: `path` is an array representing the pointer to `value` in `x`. If `path` is assigned a wildcard (`_`), the `walk` function will skip path creation entirely for faster evaluation.",
    },
    categories: ["graph"],
    description: "Generates `[path, value]` tuples for all nested documents of `x` (recursively).  Queries can use `walk` to traverse documents nested under `x`.",
    relation: (args) => walk(args[0]!),
  }),
  defineBuiltin({
    name: "graph.reachable",
    args: [
      { name: "graph", type: graphType, description: "object containing a set or array of neighboring vertices" },
      { name: "initial", type: t.anyOf(t.array(t.any), t.set(t.any)), description: "set or array of root vertices" },
    ],
    result: { name: "output", type: t.set(t.any), description: "set of vertices reachable from the `initial` vertices in the directed `graph`" },
    categories: ["graph"],
    description: "Computes the set of reachable nodes in the graph from a set of starting nodes.",
    impl: (args) => reachable(object(args, 1), initialVertices(args)),
  }),
  defineBuiltin({
    name: "graph.reachable_paths",
    args: [
      { name: "graph", type: graphType, description: "object containing a set or array of root vertices" },
      { name: "initial", type: t.anyOf(t.array(t.any), t.set(t.any)), description: "initial paths" },
    ],
    result: { name: "output", type: t.set(t.array(t.any)), description: "paths reachable from the `initial` vertices in the directed `graph`" },
    categories: ["graph"],
    description: "Computes the set of reachable paths in the graph from a set of starting nodes.",
    impl: (args) => reachablePaths(object(args, 1), initialVertices(args)),
  }),
];
