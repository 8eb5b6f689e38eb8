/** Objects: get, keys, remove, union, filter, subset. */
import { equalValues } from "../../ast/compare.js";
import { ObjectBuilder, RSet, isObject, objectGet, objectKeys, objectSome, type ObjectValue, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, array, object } from "../operands.js";
import { findPath } from "../support/collections/find.js";
import { mergeAll, mergeWithOverwrite } from "../support/collections/merge.js";

const anyObject = t.object(t.any, t.any);
const keysType = t.anyOf(t.array(t.any), t.set(t.any), anyObject);

/** The keys operand of `object.remove` / `object.filter`: an array, a set, or an object's keys. */
function keySet(args: readonly Value[], pos: number): RSet {
  const v = args[pos - 1]!;
  if (Array.isArray(v)) return new RSet(v);
  if (v instanceof RSet) return v;
  if (isObject(v)) return new RSet(objectKeys(v));
  throw OperandError.type(pos, v, "object", "set", "array");
}

function filterKeys(o: ObjectValue, keep: (k: Value) => boolean): ObjectValue {
  const out = new ObjectBuilder();
  objectSome(o, (k, v) => {
    if (keep(k)) out.set(k, v);
    return false;
  });
  return out.build();
}

/** OPA's `object.subset` on two objects: recursive through objects, sets and arrays. */
function objectSubset(sup: ObjectValue, sub: ObjectValue): boolean {
  return !objectSome(sub, (k, subV) => {
    const supV = objectGet(sup, k);
    if (supV === undefined) return true;
    if (equalValues(subV, supV)) return false;
    if (isObject(supV) && isObject(subV)) return !objectSubset(supV, subV);
    if (supV instanceof RSet && subV instanceof RSet) return !setSubset(supV, subV);
    if (Array.isArray(supV) && Array.isArray(subV)) return !arraySubset(supV, subV);
    return true;
  });
}

function setSubset(sup: RSet, sub: RSet): boolean {
  for (const v of sub) if (!sup.has(v)) return false;
  return true;
}

/** `sub` appears contiguously, in order, in `sup`. */
function arraySubset(sup: readonly Value[], sub: readonly Value[]): boolean {
  if (sub.length > sup.length) return false;
  outer: for (let start = 0; start + sub.length <= sup.length; start++) {
    for (let j = 0; j < sub.length; j++) if (!equalValues(sup[start + j]!, sub[j]!)) continue outer;
    return true;
  }
  return false;
}

/**
 * Every element of `sub` occurs in `sup`. As in OPA, matches are counted per array
 * element (duplicates count twice), and an empty array contains nothing, not even
 * the empty set.
 */
function arraySetSubset(sup: readonly Value[], sub: RSet): boolean {
  let unmatched = sub.size;
  for (const v of sup) {
    if (sub.has(v)) unmatched--;
    if (unmatched === 0) return true;
  }
  return false;
}

export const objectBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "object.get",
    args: [
      { name: "object", type: anyObject, description: "object to get `key` from" },
      { name: "key", type: t.any, description: "key to lookup in `object`" },
      { name: "default", type: t.any, description: "default to use when lookup fails" },
    ],
    result: { name: "value", type: t.any, description: "`object[key]` if present, otherwise `default`" },
    categories: ["object"],
    description:
      "Returns value of an object's key if present, otherwise a default. If the supplied `key` is an `array`, then `object.get` will search through a nested object or array using each key in turn.",
    impl: (args) => {
      const o = object(args, 1);
      const key = args[1]!;
      const found = !Array.isArray(key) ? objectGet(o, key) : key.length === 0 ? o : findPath(o, key);
      return found === undefined ? args[2]! : found;
    },
  }),
  defineBuiltin({
    name: "object.keys",
    args: [{ name: "object", type: anyObject, description: "object to get keys from" }],
    result: { name: "value", type: t.set(t.any), description: "set of `object`'s keys" },
    categories: ["object"],
    description: "Returns a set of an object's keys.",
    impl: (args) => new RSet(objectKeys(object(args, 1))),
  }),
  defineBuiltin({
    name: "object.remove",
    args: [
      { name: "object", type: anyObject, description: "object to remove keys from" },
      { name: "keys", type: keysType, description: "keys to remove from x" },
    ],
    result: { name: "output", type: t.any, description: "result of removing the specified `keys` from `object`" },
    categories: ["object"],
    description: "Removes specified keys from an object.",
    impl: (args) => {
      const o = object(args, 1);
      const keys = keySet(args, 2);
      return filterKeys(o, (k) => !keys.has(k));
    },
  }),
  defineBuiltin({
    name: "object.filter",
    args: [
      { name: "object", type: anyObject, description: "object to filter keys" },
      { name: "keys", type: keysType },
    ],
    result: { name: "filtered", type: t.any, description: "remaining data from `object` with only keys specified in `keys`" },
    categories: ["object"],
    description: "Filters the object by keeping only specified keys.",
    impl: (args) => {
      const o = object(args, 1);
      const keys = keySet(args, 2);
      return filterKeys(o, (k) => keys.has(k));
    },
  }),
  defineBuiltin({
    name: "object.union",
    args: [
      { name: "a", type: anyObject },
      { name: "b", type: anyObject },
    ],
    result: {
      name: "output",
      type: t.any,
      description: "a new object which is the result of an asymmetric recursive union of two objects where conflicts are resolved by choosing the key from the right-hand object `b`",
    },
    categories: ["object"],
    description: "Creates a new object of the asymmetric union of two objects.",
    impl: (args) => {
      const a = object(args, 1);
      const b = object(args, 2);
      return a === b ? a : mergeWithOverwrite(a, b);
    },
  }),
  defineBuiltin({
    name: "object.union_n",
    args: [{ name: "objects", type: t.array(anyObject) }],
    result: {
      name: "output",
      type: t.any,
      description:
        "asymmetric recursive union of all objects in `objects`, merged from left to right, where conflicts are resolved by choosing the key from the right-hand object",
    },
    categories: ["object"],
    description: "Creates a new object that is the asymmetric union of all objects merged from left to right.",
    impl: (args) => {
      const arr = array(args, 1);
      // OPA scans from the end, so the last non-object element is the one reported.
      for (let i = arr.length - 1; i >= 0; i--) {
        if (!isObject(arr[i]!)) throw OperandError.element(1, arr, arr[i]!, "object");
      }
      return mergeAll(arr as readonly ObjectValue[]);
    },
  }),
  defineBuiltin({
    name: "object.subset",
    args: [
      { name: "super", type: t.anyOf(anyObject, t.set(t.any), t.array(t.any)), description: "object to test if sub is a subset of" },
      { name: "sub", type: t.anyOf(anyObject, t.set(t.any), t.array(t.any)), description: "object to test if super is a superset of" },
    ],
    result: { name: "result", type: t.any, description: "`true` if `sub` is a subset of `super`" },
    categories: ["object"],
    description: "Determines if an object `sub` is a subset of another object `super`.",
    impl: (args) => {
      const [sup, sub] = args as [Value, Value];
      if (isObject(sup) && isObject(sub)) return objectSubset(sup, sub);
      if (sup instanceof RSet && sub instanceof RSet) return setSubset(sup, sub);
      if (Array.isArray(sup) && Array.isArray(sub)) return arraySubset(sup, sub);
      if (Array.isArray(sup) && sub instanceof RSet) return arraySetSubset(sup, sub);
      throw new OperandError("both arguments object.subset must be of the same type or array and set");
    },
  }),
];
