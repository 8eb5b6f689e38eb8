/** UUIDs and random numbers. */
import type { Builtin } from "../types.js";

export const uuidBuiltins: readonly Builtin[] = [];
