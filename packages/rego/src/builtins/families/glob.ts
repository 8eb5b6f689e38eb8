/** Glob matching (glob.match, glob.quote_meta). */
import type { Builtin } from "../types.js";

export const globBuiltins: readonly Builtin[] = [];
