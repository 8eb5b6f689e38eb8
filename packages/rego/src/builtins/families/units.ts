/** Parsing of unit-suffixed quantities (units.parse, units.parse_bytes). */
import type { Builtin } from "../types.js";

export const unitBuiltins: readonly Builtin[] = [];
