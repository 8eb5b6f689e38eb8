/** Conversions between types (to_number). */
import type { Builtin } from "../types.js";

export const castBuiltins: readonly Builtin[] = [];
