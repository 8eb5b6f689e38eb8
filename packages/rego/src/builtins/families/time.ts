/** Time: parsing, formatting and arithmetic on nanosecond timestamps. */
import type { Builtin } from "../types.js";

export const timeBuiltins: readonly Builtin[] = [];
