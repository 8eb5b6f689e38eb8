/** Reading into values: a key's child, and every (key, child) pair in Rego order. */
import { toSafeInteger, isNumber } from "../ast/number.js";
import { RSet, RObject, isObject, objectGet, sortedKeys, type JsonObject, type Value } from "../ast/value.js";

/** `v[key]`, or undefined. Arrays take integer keys; sets answer with the key itself. */
export function lookup(v: Value, key: Value): Value | undefined {
  if (typeof v !== "object" || v === null) return undefined;
  if (Array.isArray(v)) {
    if (!isNumber(key)) return undefined;
    const i = toSafeInteger(key);
    return i === undefined || i < 0 || i >= v.length ? undefined : v[i];
  }
  if (v instanceof RSet) return v.has(key) ? key : undefined;
  if (isObject(v)) return objectGet(v, key);
  return undefined;
}

/** Calls `f(key, child)` for each element in order; stops when `f` returns true. */
export function iterate(v: Value, f: (key: Value, child: Value) => boolean): boolean {
  if (typeof v !== "object" || v === null) return false;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (f(i, v[i]!)) return true;
    return false;
  }
  if (v instanceof RSet) {
    for (const x of v.sorted()) if (f(x, x)) return true;
    return false;
  }
  if (v instanceof RObject) {
    for (const [k, x] of v.entries()) if (f(k, x)) return true;
    return false;
  }
  if (!isObject(v)) return false;
  const o = v as JsonObject;
  const keys = sortedKeys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (f(k, o[k]!)) return true;
  }
  return false;
}

export function isCollection(v: Value): boolean {
  return typeof v === "object" && v !== null && (Array.isArray(v) || v instanceof RSet || isObject(v));
}
