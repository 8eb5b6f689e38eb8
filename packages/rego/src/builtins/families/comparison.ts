/** Comparison operators: Rego's total order over all values. */
import { compareValues, equalValues } from "../../ast/compare.js";
import { defineBuiltin, t, type Builtin } from "../types.js";

function comparison(name: string, infix: string, test: (c: number) => boolean, description: string): Builtin {
  return defineBuiltin({
    name,
    infix,
    args: [
      { name: "x", type: t.any },
      { name: "y", type: t.any },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["comparison"],
    description,
    impl: (args) => test(compareValues(args[0]!, args[1]!)),
  });
}

export const comparisonBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "equal",
    infix: "==",
    args: [
      { name: "x", type: t.any },
      { name: "y", type: t.any },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["comparison"],
    description: "Returns true if the two values are equal.",
    impl: (args) => equalValues(args[0]!, args[1]!),
  }),
  defineBuiltin({
    name: "neq",
    infix: "!=",
    args: [
      { name: "x", type: t.any },
      { name: "y", type: t.any },
    ],
    result: { name: "result", type: t.boolean },
    categories: ["comparison"],
    description: "Returns true if the two values are not equal.",
    impl: (args) => !equalValues(args[0]!, args[1]!),
  }),
  comparison("lt", "<", (c) => c < 0, "Returns true if the first value is less than the second."),
  comparison("lte", "<=", (c) => c <= 0, "Returns true if the first value is less than or equal to the second."),
  comparison("gt", ">", (c) => c > 0, "Returns true if the first value is greater than the second."),
  comparison("gte", ">=", (c) => c >= 0, "Returns true if the first value is greater than or equal to the second."),
];
