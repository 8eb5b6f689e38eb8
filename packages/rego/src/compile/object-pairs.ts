/**
 * `{"a": x, "b": 1} = {"a": 2, "b": y}`: two object literals with the same constant
 * keys unify value by value, like arrays do element by element.
 */
import { canonical } from "../ast/value-key.js";
import type { PObject, PTerm } from "./plan.js";

/** The values of both objects, paired by key, or undefined when keys differ or are not constant. */
export function objectPairs(a: PObject, b: PObject): [PTerm[], PTerm[]] | undefined {
  if (a.keys.length !== b.keys.length) return undefined;
  const byKey = new Map<string, PTerm>();
  for (let i = 0; i < b.keys.length; i++) {
    const k = b.keys[i]!;
    if (k.k !== "const") return undefined;
    byKey.set(canonical(k.v), b.values[i]!);
  }
  const as: PTerm[] = [];
  const bs: PTerm[] = [];
  for (let i = 0; i < a.keys.length; i++) {
    const k = a.keys[i]!;
    if (k.k !== "const") return undefined;
    const other = byKey.get(canonical(k.v));
    if (!other) return undefined;
    as.push(a.values[i]!);
    bs.push(other);
  }
  return [as, bs];
}
