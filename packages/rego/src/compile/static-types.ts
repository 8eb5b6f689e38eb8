/**
 * Static types of Rego terms, as OPA's `types` package models them: the type checker
 * (type-check.ts) infers these for variables and compares them with what builtins
 * declare. `undefined` is OPA's nil type: nothing is known yet (an unbound variable).
 *
 * Arrays and objects have static parts (an array literal's elements by position, an
 * object literal's constant keys) and a dynamic part (the type of every other
 * element). `any` with members is a union; `any` without members is the type of every
 * value (OPA's `types.A`). Unions are kept sorted in OPA's order, so they print the
 * way OPA prints them in error messages.
 */
import { compareValues } from "../ast/compare.js";
import { isNumber, toSafeInteger } from "../ast/number.js";
import { RSet, isObject, objectSome, type Value } from "../ast/value.js";
import { valueToString } from "../ast/value-string.js";
import type { TypeSpec } from "../builtins/types.js";

export type Type = ScalarType | ArrayType | ObjectType | SetType | AnyType;
/** A type or OPA's nil: unknown so far. */
export type MaybeType = Type | undefined;

/**
 * Set on the types a JSON Schema gave (schema-types.ts): a ref that leaves them is
 * schema-refs.ts's to report, so the type checker lets it pass.
 */
interface FromSchema {
  readonly fromSchema?: true;
}
interface ScalarType extends FromSchema {
  readonly k: "null" | "boolean" | "number" | "string";
}
interface ArrayType extends FromSchema {
  readonly k: "array";
  readonly static: readonly MaybeType[];
  readonly dynamic: MaybeType;
}
export interface StaticProperty {
  /** A constant key (a string, number, boolean or null, as in a JSON object). */
  readonly key: Value;
  readonly value: MaybeType;
}
export interface ObjectType extends FromSchema {
  readonly k: "object";
  /** Sorted by key. */
  readonly static: readonly StaticProperty[];
  readonly dynamic: { readonly key: MaybeType; readonly value: MaybeType } | undefined;
}
interface SetType extends FromSchema {
  readonly k: "set";
  readonly of: MaybeType;
}
interface AnyType extends FromSchema {
  readonly k: "any";
  /** Sorted members; empty means every value. */
  readonly of: readonly Type[];
}

export const NULL: Type = { k: "null" };
export const BOOLEAN: Type = { k: "boolean" };
export const NUMBER: Type = { k: "number" };
export const STRING: Type = { k: "string" };
/** Every value (OPA's `types.A`). */
export const ANY: Type = { k: "any", of: [] };

export function arrayType(items: readonly MaybeType[], dynamic?: MaybeType): ArrayType {
  return { k: "array", static: items, dynamic };
}

export function objectType(props: readonly StaticProperty[], dynamic?: { key: MaybeType; value: MaybeType }): ObjectType {
  return { k: "object", static: [...props].sort((a, b) => compareValues(a.key, b.key)), dynamic };
}

export function setType(of: MaybeType): SetType {
  return { k: "set", of };
}

/** A union of the given types, sorted and without duplicates. */
/**
 * Unions wider than this are every type: a few members tell a checker all it can use,
 * and a union of hundreds of object shapes (a large constant list of records) would
 * make each further union cost as much as the list.
 */
const MAX_UNION = 16;

/** A union of the given types, sorted and without duplicates (every type past MAX_UNION members). */
export function anyOf(types: readonly Type[]): Type {
  let out: Type[] = [];
  for (const t of types) {
    if (t.k === "any" && t.of.length === 0) return ANY;
    out = insertSorted(out, t);
    if (out.length > MAX_UNION) return ANY;
  }
  return { k: "any", of: out };
}

function insertSorted(sorted: Type[], t: Type): Type[] {
  let i = 0;
  while (i < sorted.length && compareTypes(sorted[i], t) < 0) i++;
  if (i < sorted.length && compareTypes(sorted[i], t) === 0) return sorted;
  return [...sorted.slice(0, i), t, ...sorted.slice(i)];
}

/** What a builtin declaration's type means as a checker type. */
export function fromSpec(s: TypeSpec): Type {
  switch (s.kind) {
    case "any":
      return ANY;
    case "null":
      return NULL;
    case "boolean":
      return BOOLEAN;
    case "number":
      return NUMBER;
    case "string":
      return STRING;
    case "array":
      return arrayType([], fromSpec(s.of));
    case "set":
      return setType(fromSpec(s.of));
    case "object":
      return objectType([], { key: fromSpec(s.key), value: fromSpec(s.value) });
    case "anyOf":
      return anyOf(s.of.map(fromSpec));
  }
}

/** Longer constant arrays type their elements together (dynamically), as one union. */
const MAX_STATIC_ITEMS = 32;

const valueTypes = new WeakMap<object, Type>();

/** The type of a constant value: literals have static types, as in OPA (long arrays excepted, wider). */
export function typeOfValue(v: Value): Type {
  if (v === null) return NULL;
  if (typeof v === "boolean") return BOOLEAN;
  if (typeof v === "string") return STRING;
  if (isNumber(v)) return NUMBER;
  let t = valueTypes.get(v as object);
  if (t === undefined) valueTypes.set(v as object, (t = compositeType(v)));
  return t;
}

function compositeType(v: Value): Type {
  if (Array.isArray(v)) {
    if (v.length === 0) return arrayType([], ANY);
    if (v.length <= MAX_STATIC_ITEMS) return arrayType(v.map(typeOfValue));
    let of: MaybeType;
    for (const x of v) of = or(of, typeOfValue(x));
    return arrayType([], of);
  }
  if (v instanceof RSet) {
    let of: MaybeType;
    for (const x of v.unordered()) of = or(of, typeOfValue(x));
    return setType(of ?? ANY);
  }
  if (isObject(v)) {
    const props: StaticProperty[] = [];
    objectSome(v, (k, x) => (props.push({ key: k, value: typeOfValue(x) }), false));
    return props.length === 0 ? objectType([], { key: ANY, value: ANY }) : objectType(props);
  }
  return ANY;
}

// ---------------------------------------------------------------- order and union

const ORDER: Record<Type["k"], number> = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5, set: 6, any: 7 };

/** OPA's order of types (types.Compare): by kind, then structurally. */
function compareTypes(a: MaybeType, b: MaybeType): number {
  const x = a === undefined ? -1 : ORDER[a.k];
  const y = b === undefined ? -1 : ORDER[b.k];
  if (x !== y) return x < y ? -1 : 1;
  if (a === undefined || b === undefined) return 0;
  switch (a.k) {
    case "array": {
      const bb = b as ArrayType;
      if (a.dynamic !== undefined && bb.dynamic === undefined) return 1;
      if (bb.dynamic !== undefined && a.dynamic === undefined) return -1;
      if (a.dynamic !== undefined && bb.dynamic !== undefined) {
        const c = compareTypes(a.dynamic, bb.dynamic);
        if (c !== 0) return c;
      }
      return compareTypeLists(a.static, bb.static);
    }
    case "object": {
      const bb = b as ObjectType;
      if (a.dynamic !== undefined && bb.dynamic === undefined) return 1;
      if (bb.dynamic !== undefined && a.dynamic === undefined) return -1;
      if (a.dynamic !== undefined && bb.dynamic !== undefined) {
        const c = compareTypes(a.dynamic.key, bb.dynamic.key) || compareTypes(a.dynamic.value, bb.dynamic.value);
        if (c !== 0) return c;
      }
      const n = Math.min(a.static.length, bb.static.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(a.static[i]!.key, bb.static[i]!.key) || compareTypes(a.static[i]!.value, bb.static[i]!.value);
        if (c !== 0) return c;
      }
      return Math.sign(a.static.length - bb.static.length);
    }
    case "set":
      return compareTypes(a.of, (b as SetType).of);
    case "any":
      return compareTypeLists(a.of, (b as AnyType).of);
    default:
      return 0;
  }
}

function compareTypeLists(a: readonly MaybeType[], b: readonly MaybeType[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareTypes(a[i], b[i]);
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

function isTop(t: Type): boolean {
  return t.k === "any" && t.of.length === 0;
}

/** Whether `a` (a union) has `b` among its members, or is every value. */
function anyContains(a: AnyType, b: Type): boolean {
  return a.of.length === 0 || a.of.some((m) => compareTypes(m, b) === 0);
}

/** The union of two types (OPA's types.Or): a superset is returned as it is. */
export function or(a: MaybeType, b: MaybeType): MaybeType {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.k === "any") return mergeAny(a, b);
  if (b.k === "any") return mergeAny(b, a);
  if (compareTypes(a, b) === 0) return a;
  return anyOf([a, b]);
}

function mergeAny(a: AnyType, b: Type): Type {
  if (b.k === "any") {
    if (a.of.length === 0) return a;
    if (b.of.length === 0) return b;
    return anyOf([...a.of, ...b.of]);
  }
  return anyContains(a, b) ? a : anyOf([...a.of, b]);
}

// ---------------------------------------------------------------- unification

/** Whether values of the two types can be equal (OPA's `unifies` in check.go). */
export function unifies(a: MaybeType, b: MaybeType): boolean {
  if (a === undefined || b === undefined) return false;
  if (a.k === "any" && unifiesAny(a, b)) return true;
  if (b.k === "any" && unifiesAny(b, a)) return true;
  if (a.k === "any" || b.k === "any") return false;
  switch (a.k) {
    case "array":
      return b.k === "array" && unifiesArrays(a, b);
    case "object":
      return b.k === "object" && unifiesObjects(a, b);
    case "set":
      return b.k === "set" && unifies(values(a), values(b));
    default:
      return a.k === b.k;
  }
}

function unifiesAny(a: AnyType, b: Type): boolean {
  return a.of.length === 0 || a.of.some((m) => unifies(m, b));
}

function unifiesArrays(a: ArrayType, b: ArrayType): boolean {
  for (let i = 0; i < a.static.length; i++) if (!unifies(a.static[i], selectIndex(b, i))) return false;
  for (let i = 0; i < b.static.length; i++) if (!unifies(b.static[i], selectIndex(a, i))) return false;
  return a.dynamic === undefined || b.dynamic === undefined || unifies(a.dynamic, b.dynamic);
}

function unifiesObjects(a: ObjectType, b: ObjectType): boolean {
  for (const p of a.static) if (!unifies(p.value, selectKey(b, p.key))) return false;
  for (const p of b.static) if (!unifies(p.value, selectKey(a, p.key))) return false;
  return a.dynamic === undefined || b.dynamic === undefined || unifies(a.dynamic.value, b.dynamic.value);
}

/** A type in which nothing is unknown (OPA's `!types.Nil`). */
export function isKnown(t: MaybeType): t is Type {
  if (t === undefined) return false;
  switch (t.k) {
    case "array":
      return t.static.every(isKnown) && (t.dynamic === undefined || isKnown(t.dynamic));
    case "object":
      return t.static.every((p) => isKnown(p.value)) && (t.dynamic === undefined || (isKnown(t.dynamic.key) && isKnown(t.dynamic.value)));
    case "set":
      return isKnown(t.of);
    default:
      return true;
  }
}

// ---------------------------------------------------------------- selection

function selectIndex(a: ArrayType, i: number): MaybeType {
  if (i >= 0 && i < a.static.length) return a.static[i];
  return i >= 0 ? a.dynamic : undefined;
}

function selectKey(o: ObjectType, key: Value): MaybeType {
  for (const p of o.static) if (compareValues(p.key, key) === 0) return p.value;
  if (o.dynamic !== undefined && contains(o.dynamic.key, typeOfValue(key))) return o.dynamic.value;
  return undefined;
}

/** Whether `a` is `b` or a union that has it (OPA's types.Contains). */
function contains(a: MaybeType, b: Type): boolean {
  if (a !== undefined && a.k === "any") return anyContains(a, b);
  return compareTypes(a, b) === 0;
}

/** The type of `t[key]` for a constant key, or undefined when `t` has no such element (OPA's types.Select). */
export function select(t: MaybeType, key: Value): MaybeType {
  if (t === undefined) return undefined;
  switch (t.k) {
    case "array": {
      const n = isNumber(key) ? toSafeInteger(key) : undefined;
      return n === undefined ? undefined : selectIndex(t, n);
    }
    case "object":
      return selectKey(t, key);
    case "set": {
      const kt = typeOfValue(key);
      if (compareTypes(t.of, kt) === 0) return t.of;
      return t.of !== undefined && t.of.k === "any" && anyContains(t.of, kt) ? kt : undefined;
    }
    case "any": {
      if (isTop(t)) return ANY;
      let out: MaybeType;
      for (const m of t.of) out = or(select(m, key), out);
      return out;
    }
    default:
      return undefined;
  }
}

/** The type of the keys that enumerate `t`, or undefined when `t` has none (a scalar). */
export function keys(t: MaybeType): MaybeType {
  if (t === undefined) return undefined;
  switch (t.k) {
    case "array":
      return NUMBER;
    case "object": {
      let out: MaybeType;
      for (const p of t.static) out = or(out, typeOfValue(p.key));
      return t.dynamic !== undefined ? or(out, t.dynamic.key) : out;
    }
    case "set":
      return t.of;
    case "any": {
      if (isTop(t)) return ANY;
      let out: MaybeType;
      for (const m of t.of) out = or(keys(m), out);
      return out;
    }
    default:
      return undefined;
  }
}

/** The type of the elements that enumerating `t` gives. */
export function values(t: MaybeType): MaybeType {
  if (t === undefined) return undefined;
  switch (t.k) {
    case "array": {
      let out: MaybeType;
      for (const s of t.static) out = or(out, s);
      return or(out, t.dynamic);
    }
    case "object": {
      let out: MaybeType;
      for (const p of t.static) out = or(out, p.value);
      return t.dynamic !== undefined ? or(out, t.dynamic.value) : out;
    }
    case "set":
      return t.of;
    case "any": {
      if (isTop(t)) return ANY;
      let out: MaybeType;
      for (const m of t.of) out = or(values(m), out);
      return out;
    }
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------- printing

/** A type as OPA prints it in error details (`types.Sprint`); `???` for unknown. */
export function typeString(t: MaybeType): string {
  if (t === undefined) return "???";
  switch (t.k) {
    case "array": {
      let s = "array";
      if (t.static.length > 0) s += `<${t.static.map(typeString).join(", ")}>`;
      if (t.dynamic !== undefined) s += `[${typeString(t.dynamic)}]`;
      return s;
    }
    case "object": {
      let s = "object";
      if (t.static.length > 0) s += `<${t.static.map((p) => `${keyString(p.key)}: ${typeString(p.value)}`).join(", ")}>`;
      if (t.dynamic !== undefined) s += `[${typeString(t.dynamic.key)}: ${typeString(t.dynamic.value)}]`;
      return s;
    }
    case "set":
      return `set[${typeString(t.of)}]`;
    case "any":
      return t.of.length === 0 ? "any" : `any<${t.of.map(typeString).join(", ")}>`;
    default:
      return t.k;
  }
}

/** A static key as Go's `%v` prints the JSON value (strings without quotes). */
function keyString(k: Value): string {
  if (typeof k === "string") return k;
  if (k === null) return "<nil>";
  return valueToString(k);
}
