/** HTTP: http.send (argument validation; requests only where allowed). */
import type { Builtin } from "../types.js";

export const httpBuiltins: readonly Builtin[] = [];
