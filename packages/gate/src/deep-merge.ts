/**
 * The parameter overlay: a user's data deep-merged over the bundle's. Objects merge
 * key by key, recursively; anything else (scalars, arrays, null) from the overlay
 * replaces what was there, so a user's list is the list (not appended to the
 * bundle's). Inputs are never modified.
 */
import type { Value } from "@regolith/rego";

/** A plain JSON object (not an array, a set, or an exact number). */
export function isPlainObject(v: unknown): v is Record<string, Value> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

export function deepMerge(base: Value, overlay: Value): Value {
  if (!isPlainObject(base) || !isPlainObject(overlay)) return overlay;
  const out: Record<string, Value> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : deepMerge(existing, value);
  }
  return out;
}
