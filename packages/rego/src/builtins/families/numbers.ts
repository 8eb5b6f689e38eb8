/** Number ranges and bit operations. */
import type { Builtin } from "../types.js";

export const numberBuiltins: readonly Builtin[] = [];
