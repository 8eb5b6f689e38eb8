/** GraphQL schema and query parsing and validation. */
import type { Builtin } from "../types.js";

export const graphqlBuiltins: readonly Builtin[] = [];
