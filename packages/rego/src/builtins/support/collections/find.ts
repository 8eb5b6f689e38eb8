/**
 * OPA's `Value.Find(path)`: follows a path of keys through objects (by key), arrays
 * (by an integer index, see `goInt`) and sets (by member, continuing into it).
 */
import { isNumber } from "../../../ast/number.js";
import { RSet, isObject, objectGet, type Value } from "../../../ast/value.js";
import { goInt } from "./go-int.js";

/** The value at `path` under `v`, or undefined when a step is missing. */
export function findPath(v: Value, path: readonly Value[], from = 0): Value | undefined {
  let cur: Value = v;
  for (let i = from; i < path.length; i++) {
    const key = path[i]!;
    const next = child(cur, key);
    if (next === undefined) return undefined;
    cur = next;
  }
  return cur;
}

/** One step of `Find`. */
export function child(v: Value, key: Value): Value | undefined {
  if (Array.isArray(v)) {
    if (!isNumber(key)) return undefined;
    const i = goInt(key);
    return i === undefined || i < 0 || i >= v.length ? undefined : v[i];
  }
  if (v instanceof RSet) return v.has(key) ? key : undefined;
  if (isObject(v)) return objectGet(v, key);
  return undefined;
}
