/** Type checks: `is_*` and `type_name`. */
import { isNumber } from "../../ast/number.js";
import { RSet, isObject, typeName, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";

function check(name: string, test: (v: Value) => boolean, what: string): Builtin {
  return defineBuiltin({
    name,
    args: [{ name: "x", type: t.any }],
    result: { name: "result", type: t.boolean },
    categories: ["types"],
    description: `Returns \`true\` if the input value is ${what}.`,
    impl: (args) => test(args[0]!),
  });
}

export const typeBuiltins: readonly Builtin[] = [
  check("is_number", (v) => isNumber(v), "a number"),
  check("is_string", (v) => typeof v === "string", "a string"),
  check("is_boolean", (v) => typeof v === "boolean", "a boolean"),
  check("is_array", (v) => Array.isArray(v), "an array"),
  check("is_set", (v) => v instanceof RSet, "a set"),
  check("is_object", (v) => isObject(v), "an object"),
  check("is_null", (v) => v === null, "null"),
  defineBuiltin({
    name: "type_name",
    args: [{ name: "x", type: t.any }],
    result: { name: "type", type: t.string },
    categories: ["types"],
    description: "Returns the type of its input value.",
    impl: (args) => typeName(args[0]!),
  }),
];
