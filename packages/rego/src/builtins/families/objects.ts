/** Objects: get, keys, remove, union, filter, subset. */
import type { Builtin } from "../types.js";

export const objectBuiltins: readonly Builtin[] = [];
