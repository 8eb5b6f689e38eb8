/** JSON and YAML encoding, and json.filter / json.remove / json.patch. */
import type { Builtin } from "../types.js";

export const jsonBuiltins: readonly Builtin[] = [];
