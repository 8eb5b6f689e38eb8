/** JSON Web Tokens: io.jwt.*. */
import type { Builtin } from "../types.js";

export const jwtBuiltins: readonly Builtin[] = [];
