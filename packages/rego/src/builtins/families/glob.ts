/** Glob matching with gobwas/glob semantics (see support/glob/gobwas.ts). */
import type { Value } from "../../ast/value.js";
import { runeCount } from "./aggregates.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, string } from "../operands.js";
import { compileGlob, globMatches, quoteGlob } from "../support/glob/gobwas.js";

const DEFAULT_DELIMITERS: readonly string[] = ["."];

/** The delimiters operand: `null` for none, an array of one-character strings, `[]` for `["."]`. */
function delimiters(v: Value): readonly string[] {
  if (v === null) return [];
  if (!Array.isArray(v)) throw OperandError.type(2, v, "array", "null");
  const out: string[] = [];
  for (const x of v) {
    if (typeof x !== "string") throw OperandError.element(2, v, x, "string");
    if (runeCount(x) !== 1) throw OperandError.element(2, v, x, "rune");
    out.push(x);
  }
  return out.length === 0 ? DEFAULT_DELIMITERS : out;
}

export const globBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "glob.match",
    args: [
      { name: "pattern", type: t.string, description: "glob pattern" },
      {
        name: "delimiters",
        type: t.anyOf(t.array(t.string), t.null),
        description:
          'glob pattern delimiters, e.g. `[".", ":"]`, defaults to `["."]` if unset. If `delimiters` is `null`, glob match without delimiter.',
      },
      { name: "match", type: t.string, description: "string to match against `pattern`" },
    ],
    result: {
      name: "result",
      type: t.boolean,
      description: "true if `match` can be found in `pattern` which is separated by `delimiters`",
    },
    categories: ["glob"],
    description: "Parses and matches strings against the glob notation. Not to be confused with `regex.globs_match`.",
    impl: (args) => {
      const pattern = string(args, 1);
      const delims = delimiters(args[1]!);
      const value = string(args, 3);
      return globMatches(compileGlob(pattern, delims), value);
    },
  }),
  defineBuiltin({
    name: "glob.quote_meta",
    args: [{ name: "pattern", type: t.string, description: "glob pattern" }],
    result: { name: "output", type: t.string, description: "the escaped string of `pattern`" },
    categories: ["glob"],
    description: "Returns a string which represents a version of the pattern where all asterisks have been escaped.",
    impl: (args) => quoteGlob(string(args, 1)),
  }),
];
