/**
 * RFC 6902 JSON Patch with OPA's extensions (`json.patch`): patches may address set
 * members and paths may be arrays of segments. Edits build new values; the input is
 * never modified. Any failure makes the whole patch fail (`undefined`), as in OPA.
 */
import { equalValues } from "../../../ast/compare.js";
import { isNumber } from "../../../ast/number.js";
import { ObjectBuilder, RSet, isObject, objectGet, objectSome, type ObjectValue, type Value } from "../../../ast/value.js";
import { OperandError } from "../../operands.js";
import { goInt, parseGoInt } from "./go-int.js";
import { parsePath, type Path } from "./json-paths.js";

class PatchError extends Error {}

function fail(message: string): never {
  throw new PatchError(message);
}

/** OPA's `toIndex`: an array position from a number or a string (`"-"` is the end). */
function toIndex(length: number, key: Value): number {
  if (isNumber(key)) {
    const i = goInt(key);
    if (i === undefined) fail("invalid number type for indexing");
    return i;
  }
  if (typeof key === "string") {
    if (key === "-") return length;
    const i = parseGoInt(key);
    if (i === undefined) fail("invalid string for indexing");
    if (key !== "0" && key.startsWith("0")) fail("leading zeros are not allowed in JSON paths");
    return i;
  }
  return fail("invalid type for indexing");
}

/** The child under `key`, which must exist. */
function childAt(v: Value, key: Value): Value {
  if (Array.isArray(v)) {
    const i = toIndex(v.length, key);
    if (i < 0 || i >= v.length) fail("path does not exist in array");
    return v[i]!;
  }
  if (v instanceof RSet) {
    if (!v.has(key)) fail("path does not exist in set");
    return key;
  }
  if (isObject(v)) {
    const x = objectGet(v, key);
    if (x === undefined) fail("path does not exist in object");
    return x;
  }
  return fail("expected composite type");
}

/** `v` with the child under `key` (which exists) replaced by `next`. */
function replaceChild(v: Value, key: Value, next: Value): Value {
  if (Array.isArray(v)) {
    const out = v.slice();
    out[toIndex(v.length, key)] = next;
    return out;
  }
  if (v instanceof RSet) {
    const out = new RSet();
    for (const x of v) if (!equalValues(x, key)) out.add(x);
    out.add(next);
    return out;
  }
  return withKey(v as ObjectValue, key, next);
}

function withKey(o: ObjectValue, key: Value, next: Value | undefined): ObjectValue {
  const out = new ObjectBuilder();
  objectSome(o, (k, x) => {
    if (!equalValues(k, key)) out.set(k, x);
    return false;
  });
  if (next !== undefined) out.set(key, next);
  return out.build();
}

function insertChild(v: Value, key: Value, value: Value): Value {
  if (Array.isArray(v)) {
    const i = toIndex(v.length, key);
    if (i < 0 || i > v.length) fail("index for array insertion out of bounds");
    const out = v.slice();
    out.splice(i, 0, value);
    return out;
  }
  if (v instanceof RSet) {
    if (!equalValues(key, value)) fail("set key does not equal value to be inserted");
    const out = new RSet(v);
    out.add(value);
    return out;
  }
  if (isObject(v)) return withKey(v, key, value);
  return fail("expected composite type");
}

function deleteChild(v: Value, key: Value): Value {
  if (Array.isArray(v)) {
    const i = toIndex(v.length, key);
    if (i < 0 || i > v.length - 1) fail("index for array delete out of bounds");
    const out = v.slice();
    out.splice(i, 1);
    return out;
  }
  if (v instanceof RSet) {
    if (!v.has(key)) fail("cannot delete child key that does not exist");
    const out = new RSet();
    for (const x of v) if (!equalValues(x, key)) out.add(x);
    return out;
  }
  if (isObject(v)) {
    if (objectGet(v, key) === undefined) fail("cannot delete child key that does not exist");
    return withKey(v, key, undefined);
  }
  return fail("expected composite type");
}

/** `f` applied to the parent of the path's last segment, rebuilt up to the root. */
function editParent(doc: Value | undefined, path: Path, f: (parent: Value, key: Value) => Value): Value {
  if (doc === undefined) fail("deleted node encountered");
  const go = (v: Value, i: number): Value => {
    if (i === path.length - 1) return f(v, path[i]!);
    return replaceChild(v, path[i]!, go(childAt(v, path[i]!), i + 1));
  };
  return go(doc, 0);
}

function valueAt(doc: Value | undefined, path: Path): Value {
  if (doc === undefined) fail("deleted node encountered");
  let v = doc;
  for (const key of path) v = childAt(v, key);
  return v;
}

function add(doc: Value | undefined, path: Path, value: Value): Value {
  if (path.length === 0) return value;
  return editParent(doc, path, (parent, key) => insertChild(parent, key, value));
}

function remove(doc: Value | undefined, path: Path): Value | undefined {
  if (path.length === 0) {
    if (doc === undefined) fail("deleted node encountered");
    return undefined;
  }
  return editParent(doc, path, deleteChild);
}

interface Op {
  readonly op: string;
  readonly path: Path;
  readonly from?: Path;
  readonly value?: Value;
}

const OPS = new Set(["add", "remove", "replace", "move", "copy", "test"]);

function readOp(o: Value): Op {
  if (!isObject(o)) fail("must be an array of JSON-Patch objects, but at least one element is not an object");
  const attr = (name: string): Value => {
    const v = objectGet(o, name);
    if (v === undefined) fail(`missing '${name}' attribute`);
    return v;
  };
  const op = attr("op");
  if (typeof op !== "string") fail("attribute 'op' must be a string");
  if (!OPS.has(op)) fail(`unrecognized op '${op}'`);
  const rawPath = attr("path");
  const from = op === "move" || op === "copy" ? attr("from") : undefined;
  const value = op === "add" || op === "replace" || op === "test" ? attr("value") : undefined;
  const path = parsePath(rawPath);
  return { op, path, ...(from !== undefined ? { from: parsePath(from) } : {}), ...(value !== undefined ? { value } : {}) };
}

function apply(doc: Value | undefined, p: Op): Value | undefined {
  switch (p.op) {
    case "add":
      return add(doc, p.path, p.value!);
    case "remove":
      return remove(doc, p.path);
    case "replace":
      return add(remove(doc, p.path), p.path, p.value!);
    case "move": {
      const chunk = valueAt(doc, p.from!);
      return add(remove(doc, p.from!), p.path, chunk);
    }
    case "copy":
      return add(doc, p.path, valueAt(doc, p.from!));
    default:
      if (!equalValues(valueAt(doc, p.path), p.value!)) fail("value from EditTree != patch value");
      return doc;
  }
}

/** Applies the patches in order; undefined when any of them fails. */
export function applyPatches(doc: Value, ops: readonly Value[]): Value | undefined {
  let cur: Value | undefined = doc;
  try {
    for (const o of ops) cur = apply(cur, readOp(o));
  } catch (e) {
    if (e instanceof PatchError || e instanceof OperandError) return undefined;
    throw e;
  }
  return cur;
}
