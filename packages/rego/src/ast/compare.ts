/**
 * OPA's total order on values (`ast.Compare`): null < boolean < number < string <
 * array < object < set; strings by code point; arrays lexicographically; objects by
 * their sorted (key, value) sequence, then size; sets by their sorted elements.
 */
import { compareNumbers } from "./number.js";
import { kindOf, Kind, RSet, RObject, sortedKeys, type Value, type JsonObject, type ObjectValue } from "./value.js";

/**
 * Code-point order. JS `<` compares UTF-16 units, which puts U+E000..U+FFFF after
 * characters above U+FFFF (whose surrogates start at 0xD800); remapping the unit at
 * the first difference fixes that.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    let ca = a.charCodeAt(i);
    let cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca >= 0xd800 || cb >= 0xd800) {
      ca = remapUnit(ca);
      cb = remapUnit(cb);
    }
    return ca < cb ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function remapUnit(c: number): number {
  if (c < 0xd800) return c;
  return c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  switch (ka) {
    case Kind.Null:
      return 0;
    case Kind.Boolean:
      return a === b ? 0 : a ? 1 : -1;
    case Kind.Number:
      return compareNumbers(a as number, b as number);
    case Kind.String:
      return compareStrings(a as string, b as string);
    case Kind.Array:
      return compareArrays(a as readonly Value[], b as readonly Value[]);
    case Kind.Object:
      return compareObjects(a as ObjectValue, b as ObjectValue);
    case Kind.Set:
      return compareArrays((a as RSet).sorted(), (b as RSet).sorted());
  }
}

function compareArrays(a: readonly Value[], b: readonly Value[]): number {
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function entriesOf(o: ObjectValue): readonly (readonly [Value, Value])[] {
  if (o instanceof RObject) return o.entries();
  return sortedKeys(o).map((k) => [k, (o as JsonObject)[k]!] as const);
}

function compareObjects(a: ObjectValue, b: ObjectValue): number {
  if (!(a instanceof RObject) && !(b instanceof RObject)) return comparePlainObjects(a, b);
  const ea = entriesOf(a);
  const eb = entriesOf(b);
  const n = ea.length < eb.length ? ea.length : eb.length;
  for (let i = 0; i < n; i++) {
    const kc = compareValues(ea[i]![0], eb[i]![0]);
    if (kc !== 0) return kc;
    const vc = compareValues(ea[i]![1], eb[i]![1]);
    if (vc !== 0) return vc;
  }
  return ea.length < eb.length ? -1 : ea.length > eb.length ? 1 : 0;
}

function comparePlainObjects(a: JsonObject, b: JsonObject): number {
  const ka = sortedKeys(a);
  const kb = sortedKeys(b);
  const n = ka.length < kb.length ? ka.length : kb.length;
  for (let i = 0; i < n; i++) {
    const kc = compareStrings(ka[i]!, kb[i]!);
    if (kc !== 0) return kc;
    const vc = compareValues(a[ka[i]!]!, b[kb[i]!]!);
    if (vc !== 0) return vc;
  }
  return ka.length < kb.length ? -1 : ka.length > kb.length ? 1 : 0;
}

/** Rego equality: `1 == 1.0`, composites structurally. */
export function equalValues(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta !== "object" || a === null) {
    // Two distinct primitives are equal only when one side is an RNumber.
    if (ta !== "number" || typeof b !== "object" || b === null) return false;
  } else if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equalValues(a[i], b[i])) return false;
    return true;
  }
  return compareValues(a, b) === 0;
}
