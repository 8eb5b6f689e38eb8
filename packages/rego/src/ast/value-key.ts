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
