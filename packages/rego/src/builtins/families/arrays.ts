/** Arrays: concat, slice, reverse, flatten. */
import type { Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { array } from "../operands.js";
import { intOperand } from "../support/collections/go-int.js";

export const arrayBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "array.concat",
    args: [
      { name: "x", type: t.array(t.any) },
      { name: "y", type: t.array(t.any) },
    ],
    result: { name: "z", type: t.array(t.any), description: "the concatenation of `x` and `y`" },
    categories: ["array"],
    description: "Concatenates two arrays.",
    impl: (args) => {
      const a = array(args, 1);
      const b = array(args, 2);
      return a.concat(b);
    },
  }),
  defineBuiltin({
    name: "array.slice",
    args: [
      { name: "arr", type: t.array(t.any), description: "the array to be sliced" },
      { name: "start", type: t.number, description: "the start index of the returned slice; if less than zero, it's clamped to 0" },
      { name: "stop", type: t.number, description: "the stop index of the returned slice; if larger than `count(arr)`, it's clamped to `count(arr)`" },
    ],
    result: {
      name: "slice",
      type: t.array(t.any),
      description: "the subslice of `array`, from `start` to `end`, including `arr[start]`, but excluding `arr[end]`",
    },
    categories: ["array"],
    description: "Returns a slice of a given array. If `start` is greater or equal than `stop`, `slice` is `[]`.",
    impl: (args) => {
      const arr = array(args, 1);
      let start = intOperand(args, 2);
      let stop = intOperand(args, 3);
      stop = stop < 0 ? 0 : Math.min(stop, arr.length);
      start = start < 0 ? 0 : Math.min(start, stop);
      return arr.slice(start, stop);
    },
  }),
  defineBuiltin({
    name: "array.reverse",
    args: [{ name: "arr", type: t.array(t.any), description: "the array to be reversed" }],
    result: { name: "rev", type: t.array(t.any), description: "an array containing the elements of `arr` in reverse order" },
    categories: ["array"],
    description: "Returns the reverse of a given array.",
    impl: (args) => [...array(args, 1)].reverse(),
  }),
  defineBuiltin({
    name: "array.flatten",
    args: [{ name: "arr", type: t.array(t.any), description: "the array to be flattened" }],
    result: { name: "flattened", type: t.array(t.any), description: "`arr` with the elements of its nested arrays spliced in, one level deep" },
    categories: ["array"],
    description: "Flattens an array by one level: elements that are arrays are replaced by their elements.",
    impl: (args) => {
      const out: Value[] = [];
      for (const v of array(args, 1)) {
        if (Array.isArray(v)) for (const x of v as readonly Value[]) out.push(x);
        else out.push(v);
      }
      return out;
    },
  }),
];
