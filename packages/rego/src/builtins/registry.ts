/**
 * The one builtin table. Families are joined here; a duplicate name or infix throws
 * at module load. Nothing else registers builtins, except the engine option for
 * host-defined builtins (OPA's `rego.Function`).
 */
import type { Builtin } from "./types.js";
import { arithmeticBuiltins } from "./families/arithmetic.js";
import { comparisonBuiltins } from "./families/comparison.js";
import { setBuiltins } from "./families/sets.js";
import { aggregateBuiltins } from "./families/aggregates.js";
import { typeBuiltins } from "./families/types.js";
import { internalBuiltins } from "./families/internal.js";
import { regoBuiltins } from "./families/rego.js";
import { stringBuiltins } from "./families/strings.js";
import { castBuiltins } from "./families/casts.js";
import { unitBuiltins } from "./families/units.js";
import { objectBuiltins } from "./families/objects.js";
import { arrayBuiltins } from "./families/arrays.js";
import { numberBuiltins } from "./families/numbers.js";
import { jsonBuiltins } from "./families/json.js";
import { graphBuiltins } from "./families/graph.js";
import { regexBuiltins } from "./families/regex.js";
import { globBuiltins } from "./families/glob.js";
import { semverBuiltins } from "./families/semver.js";
import { netBuiltins } from "./families/net.js";
import { uuidBuiltins } from "./families/uuid.js";
import { timeBuiltins } from "./families/time.js";
import { encodingBuiltins } from "./families/encoding.js";
import { cryptoBuiltins } from "./families/crypto.js";
import { jwtBuiltins } from "./families/jwt.js";
import { providerBuiltins } from "./families/providers.js";
import { graphqlBuiltins } from "./families/graphql.js";
import { httpBuiltins } from "./families/http.js";
import { deprecatedBuiltins } from "./families/deprecated.js";

const FAMILIES: readonly (readonly Builtin[])[] = [
  arithmeticBuiltins,
  comparisonBuiltins,
  setBuiltins,
  aggregateBuiltins,
  typeBuiltins,
  internalBuiltins,
  regoBuiltins,
  stringBuiltins,
  castBuiltins,
  unitBuiltins,
  objectBuiltins,
  arrayBuiltins,
  numberBuiltins,
  jsonBuiltins,
  graphBuiltins,
  regexBuiltins,
  globBuiltins,
  semverBuiltins,
  netBuiltins,
  uuidBuiltins,
  timeBuiltins,
  encodingBuiltins,
  cryptoBuiltins,
  jwtBuiltins,
  providerBuiltins,
  graphqlBuiltins,
  httpBuiltins,
  deprecatedBuiltins,
];

function buildTable(families: readonly (readonly Builtin[])[]): ReadonlyMap<string, Builtin> {
  const table = new Map<string, Builtin>();
  const infixes = new Set<string>();
  for (const family of families) {
    for (const b of family) {
      if (table.has(b.name)) throw new Error(`duplicate builtin ${b.name}`);
      if (b.infix) {
        // An operator names one builtin per arity (`x in c` and `k, v in c` are both `in`).
        const operator = `${b.infix}/${b.args.length}`;
        if (infixes.has(operator)) throw new Error(`duplicate infix ${b.infix} (${b.name})`);
        infixes.add(operator);
      }
      table.set(b.name, b);
    }
  }
  return table;
}

export const BUILTINS: ReadonlyMap<string, Builtin> = buildTable(FAMILIES);

/** A table with host-defined builtins added; they may not replace built-in names. */
export function withCustomBuiltins(custom: readonly Builtin[]): ReadonlyMap<string, Builtin> {
  if (custom.length === 0) return BUILTINS;
  const table = new Map(BUILTINS);
  for (const b of custom) {
    if (table.has(b.name)) throw new Error(`builtin ${b.name} already exists`);
    table.set(b.name, b);
  }
  return table;
}
