/** Arrays: concat, slice, reverse, flatten. */
import type { Builtin } from "../types.js";

export const arrayBuiltins: readonly Builtin[] = [];
