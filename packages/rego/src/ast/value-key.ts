/**
 * Hash keys for Rego values, so that JS Maps can key on Rego equality. Scalars map to
 * a primitive (`1`, `1.0` and an exact `1` share one); composites map to a canonical
 * string, kept apart from string scalars by the `composite` flag.
 */
import { numberKey, RNumber } from "./number.js";
import { RSet, RObject, type Value, type JsonObject } from "./value.js";

export type Key = null | boolean | string | number | bigint;

export type ValueKey = { readonly composite: true; readonly key: string } | { readonly composite: false; readonly key: Key };

const KEY_NULL: ValueKey = { composite: false, key: null };
const KEY_TRUE: ValueKey = { composite: false, key: true };
const KEY_FALSE: ValueKey = { composite: false, key: false };

export function keyOf(v: Value): ValueKey {
  switch (typeof v) {
    case "string":
      return { composite: false, key: v };
    case "number":
      return { composite: false, key: numberKey(v) };
    case "boolean":
      return v ? KEY_TRUE : KEY_FALSE;
  }
  if (v === null) return KEY_NULL;
  if (v instanceof RNumber) {
    const key = numberKey(v);
    // A fraction keyed by its exact decimal text is filed with the composites, whose
    // canonical strings never start with "#", so it cannot meet a Rego string.
    return typeof key === "string" ? { composite: true, key: "#" + key } : { composite: false, key };
  }
  return { composite: true, key: canonical(v) };
}

/** A string that two values share exactly when they are equal. */
export function canonical(v: Value): string {
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      return "#" + String(numberKey(v));
    case "boolean":
      return v ? "t" : "f";
  }
  if (v === null) return "n";
  if (v instanceof RNumber) return "#" + String(numberKey(v));
  if (Array.isArray(v)) return "[" + v.map(canonical).join(",") + "]";
  if (v instanceof RSet) return "<" + v.sorted().map(canonical).sort().join(",") + ">";
  if (v instanceof RObject) {
    return "{" + v.entries().map(([k, x]) => canonical(k) + ":" + canonical(x)).sort().join(",") + "}";
  }
  const o = v as JsonObject;
  return "{" + Object.keys(o).map((k) => JSON.stringify(k) + ":" + canonical(o[k]!)).sort().join(",") + "}";
}
