/**
 * Keys for Rego values. Scalars map to a JS Map key (`1`, `1.0` and an exact `1` share
 * one); everything else is COMPOSITE, for ValueMap to bucket by structural hash.
 * `canonical` gives any value a string two values share exactly when they are equal.
 */
import { numberKey, RNumber } from "./number.js";
import { RSet, RObject, type Value, type JsonObject } from "./value.js";

export type Key = null | boolean | string | number | bigint;

export const COMPOSITE: unique symbol = Symbol("composite");

/** The JS Map key of a scalar, or COMPOSITE (arrays, objects, sets, and fractions only an exact decimal can hold). */
export function scalarKey(v: Value): Key | typeof COMPOSITE {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return numberKey(v);
  if (v instanceof RNumber) {
    // A fraction keyed by its exact decimal text would be a string, and could meet a Rego string.
    const key = numberKey(v);
    return typeof key === "string" ? COMPOSITE : key;
  }
  return COMPOSITE;
}

/**
 * A string that two values share exactly when they are equal.
 *
 * Strings are written length-prefixed (`"5:hello`) rather than JSON-quoted: nothing in
 * them needs escaping, so a long string (a remediation text in every finding) is copied,
 * not scanned. Every other token starts with a character that is not a digit, so the
 * encoding reads back one way only. Entries are listed in an order fixed by the value
 * (object keys sorted, sets in Rego order), so no sort of the encoded parts is needed.
 */
export function canonical(v: Value): string {
  switch (typeof v) {
    case "string":
      return '"' + v.length + ":" + v;
    case "number":
      return "#" + String(numberKey(v));
    case "boolean":
      return v ? "t" : "f";
  }
  if (v === null) return "n";
  if (v instanceof RNumber) return "#" + String(numberKey(v));
  if (Array.isArray(v)) {
    let out = "[";
    for (let i = 0; i < v.length; i++) out += (i === 0 ? "" : ",") + canonical(v[i]);
    return out + "]";
  }
  if (v instanceof RSet) {
    const items = v.sorted();
    let out = "<";
    for (let i = 0; i < items.length; i++) out += (i === 0 ? "" : ",") + canonical(items[i]!);
    return out + ">";
  }
  if (v instanceof RObject) {
    const entries = v.entries();
    let out = "{";
    for (let i = 0; i < entries.length; i++) out += (i === 0 ? "" : ",") + canonical(entries[i]![0]) + ":" + canonical(entries[i]![1]);
    return out + "}";
  }
  const o = v as JsonObject;
  // Code-unit order is enough here: any fixed order of the (distinct) keys will do.
  const keys = Object.keys(o).sort();
  let out = "{";
  for (let i = 0; i < keys.length; i++) out += (i === 0 ? "" : ",") + canonical(keys[i]!) + ":" + canonical(o[keys[i]!]!);
  return out + "}";
}
