/** Graphs and walks: walk, graph.reachable, graph.reachable_paths. */
import type { Builtin } from "../types.js";

export const graphBuiltins: readonly Builtin[] = [];
