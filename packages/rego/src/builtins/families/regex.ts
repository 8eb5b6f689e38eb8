/** Regular expressions with RE2 semantics (re2js). */
import type { Builtin } from "../types.js";

export const regexBuiltins: readonly Builtin[] = [];
