/** Strings: concatenation, search, replacement, trimming, sprintf and format_int. */
import type { Builtin } from "../types.js";

export const stringBuiltins: readonly Builtin[] = [];
