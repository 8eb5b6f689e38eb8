/**
 * Builtins OPA deprecated before v1. They stay declared, as in OPA's capabilities
 * (marked `deprecated`), so that a call gets OPA's compile error, "deprecated
 * built-in function calls in expression: any", instead of "undefined function".
 * Rego v1 never evaluates them, so they have no implementation.
 */
import { defineBuiltin, t, type Builtin } from "../types.js";

const collection = t.anyOf(t.array(t.any), t.set(t.any));

export const deprecatedBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "all",
    args: [{ name: "collection", type: collection, description: "the set or array to check" }],
    result: { name: "result", type: t.boolean, description: "`true` if all values in the collection are `true`" },
    categories: [],
    description: "Returns `true` if all of the values in the collection are `true`. Deprecated: use `every`.",
    deprecated: true,
  }),
  defineBuiltin({
    name: "any",
    args: [{ name: "collection", type: collection, description: "the set or array to check" }],
    result: { name: "result", type: t.boolean, description: "`true` if any value in the collection is `true`" },
    categories: [],
    description: "Returns `true` if any of the values in the collection is `true`. Deprecated: use `some … in`.",
    deprecated: true,
  }),
  defineBuiltin({
    name: "re_match",
    args: [
      { name: "pattern", type: t.string, description: "regular expression" },
      { name: "value", type: t.string, description: "value to match against `pattern`" },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["regex"],
    description: "Matches a string against a regular expression. Deprecated: use `regex.match`.",
    deprecated: true,
  }),
  defineBuiltin({
    name: "net.cidr_overlap",
    args: [
      { name: "cidr", type: t.string },
      { name: "ip", type: t.string },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["net"],
    description: "Checks if an IP is contained in a CIDR. Deprecated: use `net.cidr_contains`.",
    deprecated: true,
  }),
  defineBuiltin({
    name: "set_diff",
    args: [
      { name: "s1", type: t.set(t.any) },
      { name: "s2", type: t.set(t.any) },
    ],
    result: { name: "result", type: t.set(t.any) },
    categories: ["sets"],
    description: "Returns the set difference of two sets. Deprecated: use `s1 - s2`.",
    deprecated: true,
  }),
  ...(
    [
      ["cast_array", t.array(t.any)],
      ["cast_boolean", t.boolean],
      ["cast_null", t.null],
      ["cast_object", t.object(t.any, t.any)],
      ["cast_set", t.set(t.any)],
      ["cast_string", t.string],
    ] as const
  ).map(([name, type]) =>
    defineBuiltin({
      name,
      args: [{ name: "x", type: t.any }],
      result: { name: "y", type },
      categories: ["casts"],
      description: `Converts \`x\` to the result type. Deprecated: check types with \`is_*\` instead.`,
      deprecated: true,
    }),
  ),
];
