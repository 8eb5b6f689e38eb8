/** Semantic versions. */
import type { Builtin } from "../types.js";

export const semverBuiltins: readonly Builtin[] = [];
