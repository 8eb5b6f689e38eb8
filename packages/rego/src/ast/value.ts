/**
 * The value model.
 *
 * `input` and `data` are evaluated directly as the values `JSON.parse` returns: null,
 * booleans, numbers, strings, arrays and plain objects. Only values JSON cannot
 * express get classes of their own: `RSet`, `RObject` (an object with at least one
 * non-string key) and `RNumber` (a number a JS number cannot hold exactly).
 *
 * Values are immutable once built: nothing mutates an array or object it did not
 * create, so documents can be shared between queries without copying.
 */
import { RNumber, type NumberValue } from "./number.js";
import { compareValues, compareStrings, equalValues } from "./compare.js";
import { hashValue } from "./value-hash.js";
import { COMPOSITE, scalarKey, type Key } from "./value-key.js";

export interface JsonObject {
  readonly [key: string]: Value;
}
export type Scalar = null | boolean | number | string | RNumber;
export type Value = Scalar | readonly Value[] | JsonObject | RSet | RObject;
export type ObjectValue = JsonObject | RObject;

/** Kinds in OPA's type order: null < boolean < number < string < array < object < set. */
export const Kind = {
  Null: 0,
  Boolean: 1,
  Number: 2,
  String: 3,
  Array: 6,
  Object: 7,
  Set: 8,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export function kindOf(v: Value): Kind {
  if (v === null) return Kind.Null;
  switch (typeof v) {
    case "boolean":
      return Kind.Boolean;
    case "number":
      return Kind.Number;
    case "string":
      return Kind.String;
  }
  if (Array.isArray(v)) return Kind.Array;
  if (v instanceof RSet) return Kind.Set;
  if (v instanceof RNumber) return Kind.Number;
  return Kind.Object;
}

const KIND_NAMES: Record<Kind, string> = {
  [Kind.Null]: "null",
  [Kind.Boolean]: "boolean",
  [Kind.Number]: "number",
  [Kind.String]: "string",
  [Kind.Array]: "array",
  [Kind.Object]: "object",
  [Kind.Set]: "set",
};

/** OPA's `ast.ValueName`: what error messages call a value's type. */
export function typeName(v: Value): string {
  return KIND_NAMES[kindOf(v)];
}

export function isArray(v: Value): v is readonly Value[] {
  return Array.isArray(v);
}

export function isObject(v: Value): v is ObjectValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof RSet) && !(v instanceof RNumber);
}

export function isPlainObject(v: Value): v is JsonObject {
  return isObject(v) && !(v instanceof RObject);
}

/** A composite key's entry: its hash, and the next entry of its bucket (a chain, for the rare collision). */
interface Entry<T> {
  readonly key: Value;
  readonly hash: number;
  value: T;
  next: Entry<T> | undefined;
}

const NO_PRIMS: ReadonlyMap<Key, never> = new Map<Key, never>();

/** Composite keys up to this many are found by a scan of their hashes, without a bucket map. */
const SCAN = 8;

/**
 * A map keyed by Rego value equality (a JS Map alone would compare composites by
 * identity). Scalars key a JS Map directly; composites are bucketed by a structural
 * hash and confirmed with `equalValues`, so no encoded copy of a key is kept.
 * Iteration follows insertion order, scalars first.
 *
 * Most sets and objects a policy builds are small, so neither map exists until it is
 * needed: a set of a few composites is an array scanned by hash.
 */
export class ValueMap<T> {
  #prim: Map<Key, T> | undefined;
  #buckets: Map<number, Entry<T>> | undefined;
  #entries: Entry<T>[] = [];

  get size(): number {
    return (this.#prim?.size ?? 0) + this.#entries.length;
  }

  #find(k: Value, h: number): Entry<T> | undefined {
    if (this.#buckets === undefined) {
      const entries = this.#entries;
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        if (e.hash === h && equalValues(e.key, k)) return e;
      }
      return undefined;
    }
    for (let e = this.#buckets.get(h); e; e = e.next) if (equalValues(e.key, k)) return e;
    return undefined;
  }

  get(k: Value): T | undefined {
    const key = scalarKey(k);
    if (key !== COMPOSITE) return this.#prim?.get(key);
    if (this.#entries.length === 0) return undefined;
    return this.#find(k, hashValue(k))?.value;
  }

  has(k: Value): boolean {
    return this.get(k) !== undefined;
  }

  /** Sets `k` to `v` unless `k` is present; true when it set it. One hash per call. */
  setIfAbsent(k: Value, v: T): boolean {
    const key = scalarKey(k);
    if (key !== COMPOSITE) {
      const prim = (this.#prim ??= new Map());
      if (prim.has(key)) return false;
      prim.set(key, v);
      return true;
    }
    const h = hashValue(k);
    if (this.#find(k, h)) return false;
    this.#insert(k, h, v);
    return true;
  }

  set(k: Value, v: T): void {
    const key = scalarKey(k);
    if (key !== COMPOSITE) {
      (this.#prim ??= new Map()).set(key, v);
      return;
    }
    const h = hashValue(k);
    const found = this.#find(k, h);
    if (found) found.value = v;
    else this.#insert(k, h, v);
  }

  #insert(k: Value, h: number, v: T): void {
    const entry: Entry<T> = { key: k, hash: h, value: v, next: undefined };
    this.#entries.push(entry);
    if (this.#buckets === undefined) {
      if (this.#entries.length <= SCAN) return;
      // Past a few entries a scan costs more than a map: bucket every entry so far.
      this.#buckets = new Map();
      for (const e of this.#entries) this.#chain(e);
      return;
    }
    this.#chain(entry);
  }

  #chain(e: Entry<T>): void {
    e.next = this.#buckets!.get(e.hash);
    this.#buckets!.set(e.hash, e);
  }

  *values(): IterableIterator<T> {
    yield* (this.#prim ?? NO_PRIMS).values();
    for (const e of this.#entries) yield e.value;
  }
}

/** A Rego set. Built with `add`, then treated as immutable. Iterates in Rego order. */
export class RSet {
  #elems = new ValueMap<Value>();
  #sorted: Value[] | undefined;

  constructor(items?: Iterable<Value>) {
    if (items) for (const v of items) this.add(v);
  }

  get size(): number {
    return this.#elems.size;
  }

  /** Adds `v`; returns false when an equal element was already present. */
  add(v: Value): boolean {
    if (!this.#elems.setIfAbsent(v, v)) return false;
    this.#sorted = undefined;
    return true;
  }

  has(v: Value): boolean {
    return this.#elems.has(v);
  }

  /**
   * The elements in the order they were added (scalars first), without sorting: for a
   * reader that imposes its own order on a large set, such as the gate's findings.
   */
  unordered(): Iterable<Value> {
    return this.#elems.values();
  }

  /** The elements in Rego's sort order (cached). */
  sorted(): readonly Value[] {
    if (!this.#sorted) this.#sorted = [...this.#elems.values()].sort(compareValues);
    return this.#sorted;
  }

  [Symbol.iterator](): Iterator<Value> {
    return this.sorted()[Symbol.iterator]();
  }
}

/** An object with at least one non-string key. Built with `set`, then immutable. */
export class RObject {
  #entries = new ValueMap<readonly [Value, Value]>();
  #sorted: (readonly [Value, Value])[] | undefined;

  get size(): number {
    return this.#entries.size;
  }

  get(k: Value): Value | undefined {
    return this.#entries.get(k)?.[1];
  }

  set(k: Value, v: Value): void {
    this.#entries.set(k, [k, v]);
    this.#sorted = undefined;
  }

  /** Entries sorted by key in Rego order (cached). */
  entries(): readonly (readonly [Value, Value])[] {
    if (!this.#sorted) this.#sorted = [...this.#entries.values()].sort((a, b) => compareValues(a[0], b[0]));
    return this.#sorted;
  }
}

const sortedKeyCache = new WeakMap<JsonObject, readonly string[]>();

/** The keys of a plain object in Rego order (code-point order), cached per object. */
export function sortedKeys(o: JsonObject): readonly string[] {
  let keys = sortedKeyCache.get(o);
  if (!keys) {
    keys = Object.keys(o).sort(compareStrings);
    sortedKeyCache.set(o, keys);
  }
  return keys;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** `o[k]`, or undefined: never reads through the prototype chain. */
export function objectGet(o: ObjectValue, k: Value): Value | undefined {
  if (o instanceof RObject) return o.get(k);
  if (typeof k !== "string") return undefined;
  const v = (o as Record<string, Value>)[k];
  if (v === undefined || !hasOwn.call(o, k)) return undefined;
  return v;
}

export function objectSize(o: ObjectValue): number {
  return o instanceof RObject ? o.size : sortedKeys(o).length;
}

/** Calls `f(key, value)` for each entry in key order; stops when `f` returns true. */
export function objectSome(o: ObjectValue, f: (k: Value, v: Value) => boolean): boolean {
  if (o instanceof RObject) {
    for (const [k, v] of o.entries()) if (f(k, v)) return true;
    return false;
  }
  const keys = sortedKeys(o);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (f(k, o[k]!)) return true;
  }
  return false;
}

/** The keys of an object in order. */
export function objectKeys(o: ObjectValue): readonly Value[] {
  return o instanceof RObject ? o.entries().map((e) => e[0]) : sortedKeys(o);
}

/**
 * Builds an object: a plain object while every key is a string, switching to an
 * `RObject` at the first non-string key. Later `set`s of an equal key overwrite.
 */
export class ObjectBuilder {
  #plain: Record<string, Value> | undefined = {};
  #robj: RObject | undefined;

  set(k: Value, v: Value): void {
    if (this.#plain && typeof k === "string") {
      if (k === "__proto__") Object.defineProperty(this.#plain, k, { value: v, enumerable: true, writable: true, configurable: true });
      else this.#plain[k] = v;
      return;
    }
    if (!this.#robj) {
      this.#robj = new RObject();
      for (const key of Object.keys(this.#plain!)) this.#robj.set(key, this.#plain![key]!);
      this.#plain = undefined;
    }
    this.#robj.set(k, v);
  }

  get(k: Value): Value | undefined {
    if (this.#plain) return typeof k === "string" && hasOwn.call(this.#plain, k) ? this.#plain[k] : undefined;
    return this.#robj!.get(k);
  }

  get size(): number {
    return this.#plain ? Object.keys(this.#plain).length : this.#robj!.size;
  }

  build(): ObjectValue {
    return this.#plain ?? this.#robj!;
  }
}

/** An object from entries, with the builder's representation rules. */
export function makeObject(entries: Iterable<readonly [Value, Value]>): ObjectValue {
  const b = new ObjectBuilder();
  for (const [k, v] of entries) b.set(k, v);
  return b.build();
}

export type { NumberValue };
