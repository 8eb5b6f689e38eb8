/**
 * Compiling a JSON Schema the way OPA's vendored gojsonschema does (drafts 4, 6 and 7,
 * "hybrid" when `$schema` names none of them): the same keyword checks in the same
 * order with the same messages, `$ref` resolution through `$id`/`id` scopes and JSON
 * pointers, and `pattern` compiled as an RE2 expression. Remote references are not
 * fetched. Where Go iterates a map (properties, definitions), keys go in sorted order.
 */
import { RE2JS } from "re2js";
import { isNumber } from "../../../ast/number.js";
import { sortedKeys, type JsonObject, type Value } from "../../../ast/value.js";
import { canonicalJSON, isIntegral, isJSONObject, numText, toDecimal, type Decimal } from "./values.js";

export const DRAFT4 = 4;
export const DRAFT6 = 6;
export const DRAFT7 = 7;
export const HYBRID = 2147483647;

export const JSON_TYPES = ["array", "boolean", "integer", "number", "null", "object", "string"];

export class SchemaError extends Error {}

export interface Pattern {
  readonly source: string;
  readonly re: RE2JS;
}

export interface SubSchema {
  draft?: number | undefined;
  readonly property: string;
  readonly parent?: SubSchema | undefined;
  readonly ref?: string | undefined;
  pass?: boolean | undefined;
  types: string[];
  refSchema?: SubSchema | undefined;
  items: SubSchema[];
  itemsSingle: boolean;
  properties: SubSchema[];
  multipleOf?: Decimal | undefined;
  maximum?: Decimal | undefined;
  exclusiveMaximum?: Decimal | undefined;
  minimum?: Decimal | undefined;
  exclusiveMinimum?: Decimal | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  pattern?: Pattern | undefined;
  format: string;
  minProperties?: number | undefined;
  maxProperties?: number | undefined;
  required: string[];
  dependencies?: Map<string, string[] | SubSchema> | undefined;
  additionalProperties?: boolean | SubSchema | undefined;
  patternProperties?: Map<string, { readonly re: RE2JS; readonly schema: SubSchema }> | undefined;
  propertyNames?: SubSchema | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
  uniqueItems: boolean;
  contains?: SubSchema | undefined;
  additionalItems?: boolean | SubSchema | undefined;
  constValue?: string | undefined;
  enumValues: string[];
  enumPresent: boolean;
  oneOf: SubSchema[];
  anyOf: SubSchema[];
  allOf: SubSchema[];
  not?: SubSchema | undefined;
  ifSchema?: SubSchema | undefined;
  thenSchema?: SubSchema | undefined;
  elseSchema?: SubSchema | undefined;
}

function newSchema(property: string, parent?: SubSchema, ref?: string, draft?: number): SubSchema {
  return {
    property,
    ...(parent ? { parent } : {}),
    ...(ref !== undefined ? { ref } : {}),
    ...(draft !== undefined ? { draft } : {}),
    types: [],
    items: [],
    itemsSingle: false,
    properties: [],
    format: "",
    required: [],
    uniqueItems: false,
    enumValues: [],
    enumPresent: false,
    oneOf: [],
    anyOf: [],
    allOf: [],
  };
}

// ------------------------------------------------------------------ messages

const fail = (msg: string): never => {
  throw new SchemaError(msg);
};
const invalidType = (expected: string, given: string) => fail(`Invalid type. Expected: ${expected}, given: ${given}`);
const mustBeOfA = (x: string, y: string) => fail(`${x} must be of a ${y}`);
const mustBeOfAn = (x: string, y: string) => fail(`${x} must be of an ${y}`);
const mustBeOfType = (key: string, type: string) => fail(`${key} must be of type ${type}`);
const mustBeGTEZero = (key: string) => fail(`${key} must be greater than or equal to 0`);
const itemsMustBeUnique = (key: string) => fail(`${key} items must be unique`);
const parseError = () => fail("Expected: valid schema, given: Invalid JSON");

// ------------------------------------------------------------------ references

/** `gojsonreference` normal form: an empty fragment is dropped. */
function normalizeRef(ref: string): string {
  return ref.endsWith("#") ? ref.slice(0, -1) : ref;
}

function checkPointerFragment(ref: string): void {
  const i = ref.indexOf("#");
  if (i < 0) return;
  const frag = decodeURIComponentSafe(ref.slice(i + 1));
  if (frag !== "" && !frag.startsWith("/")) fail('JSON pointer must be empty or start with a "/"');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `base.Inherits(ref)`: URL resolution, also for the relative bases of in-memory documents. */
export function resolveRef(base: string, ref: string): string {
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref)) return normalizeRef(ref);
  if (ref.startsWith("#")) return normalizeRef(base.replace(/#.*$/, "") + ref);
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(base)) {
    try {
      return normalizeRef(new URL(ref, base).toString());
    } catch {
      return normalizeRef(ref);
    }
  }
  return normalizeRef(ref);
}

interface PoolDoc {
  readonly doc: Value;
  readonly draft: number | undefined;
}

/** `$schema` → draft, or undefined. */
export function draftOf(doc: Value): number | undefined {
  if (typeof doc === "boolean") return undefined;
  if (!isJSONObject(doc)) fail("schema is invalid");
  const o = doc as JsonObject;
  if (!Object.prototype.hasOwnProperty.call(o, "$schema")) return undefined;
  const s = o["$schema"];
  if (typeof s !== "string") fail("$schema must be of type string");
  checkPointerFragment(s as string);
  const url = normalizeRef(s as string);
  if (url === "http://json-schema.org/draft-04/schema") return DRAFT4;
  if (url === "http://json-schema.org/draft-06/schema") return DRAFT6;
  if (url === "http://json-schema.org/draft-07/schema") return DRAFT7;
  return undefined;
}

function own(o: JsonObject, k: string): Value | undefined {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
}

class Compiler {
  readonly pool = new Map<string, PoolDoc>();
  /** `$ref` values made absolute (gojsonschema rewrites them in place; values here are immutable). */
  readonly absoluteRefs = new WeakMap<JsonObject, string>();
  readonly referencePool = new Map<string, SubSchema>();
  readonly validatePatterns = true;

  collect(doc: Value, base: string, draft: number | undefined): void {
    if (Array.isArray(doc)) {
      for (const v of doc) this.collect(v, base, draft);
      return;
    }
    if (!isJSONObject(doc)) return;
    const o = doc as JsonObject;
    let local = base;
    const idKey = own(o, "id") !== undefined ? "id" : "$id";
    const id = own(o, idKey);
    if (typeof id === "string") {
      local = resolveRef(base, id);
      if (!this.pool.has(local)) this.pool.set(local, { doc, draft });
    }
    const ref = own(o, "$ref");
    if (typeof ref === "string") this.absoluteRefs.set(o, resolveRef(local, ref));
    for (const k of sortedKeys(o)) {
      if (k === "const" || k === "enum") continue;
      const v = o[k]!;
      if (k === "properties" || k === "dependencies" || k === "patternProperties") {
        if (isJSONObject(v)) for (const c of sortedKeys(v as JsonObject)) this.collect((v as JsonObject)[c]!, local, draft);
      } else this.collect(v, local, draft);
    }
  }

  document(ref: string): PoolDoc {
    const hit = this.pool.get(ref);
    if (hit) return hit;
    const hash = ref.indexOf("#");
    const base = hash < 0 ? ref : ref.slice(0, hash);
    const cached = this.pool.get(base);
    if (cached) {
      const doc = pointerGet(cached.doc, hash < 0 ? "" : decodeURIComponentSafe(ref.slice(hash + 1)));
      const spd = { doc, draft: cached.draft };
      this.pool.set(ref, spd);
      return spd;
    }
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(ref)) fail(`Reference ${ref} must be canonical`);
    return fail(`remote reference ${ref} cannot be loaded: remote references are not supported`);
  }

  parse(node: Value, s: SubSchema): void {
    if (s.draft === undefined) s.draft = s.parent!.draft;
    const draft = s.draft!;
    if (draft >= DRAFT6 && typeof node === "boolean") {
      s.pass = node;
      return;
    }
    if (!isJSONObject(node)) parseError();
    const m = node as JsonObject;

    const keyID = draft === DRAFT4 ? "id" : draft === HYBRID && own(m, "id") !== undefined ? "id" : "$id";
    const id = this.getString(m, keyID);
    if (id !== undefined) checkPointerFragment(id);

    const defs = own(m, "definitions");
    if (defs !== undefined) {
      if (!isJSONObject(defs)) invalidType("array of schemas", "definitions");
      for (const k of sortedKeys(defs as JsonObject)) {
        const dv = (defs as JsonObject)[k]!;
        if (typeof dv !== "boolean" && !isJSONObject(dv)) invalidType("array of schemas", "definitions");
        this.parse(dv, newSchema("definitions", s));
      }
    }

    this.getString(m, "title");
    this.getString(m, "description");

    const rawRef = this.getString(m, "$ref");
    if (rawRef !== undefined) {
      checkPointerFragment(rawRef);
      const ref = this.absoluteRefs.get(m) ?? normalizeRef(rawRef);
      (s as { ref?: string }).ref = ref;
      const known = this.referencePool.get(ref);
      if (known) s.refSchema = known;
      else return this.parseReference(s, ref);
    }

    const typ = own(m, "type");
    if (typ !== undefined) {
      if (typeof typ === "string") addType(s, typ);
      else if (Array.isArray(typ)) {
        for (const t of typ) {
          if (typeof t !== "string") invalidType("type", "string/array of strings");
          addType(s, t as string);
        }
      } else invalidType("type", "string/array of strings");
    }

    const props = own(m, "properties");
    if (props !== undefined) {
      if (!isJSONObject(props)) mustBeOfType("properties", "object");
      for (const k of sortedKeys(props as JsonObject)) {
        const child = newSchema(k, s, s.ref);
        s.properties.push(child);
        this.parse((props as JsonObject)[k]!, child);
      }
    }

    const ap = own(m, "additionalProperties");
    if (ap !== undefined) {
      if (typeof ap === "boolean") s.additionalProperties = ap;
      else if (isJSONObject(ap)) {
        const child = newSchema("additionalProperties", s, s.ref);
        s.additionalProperties = child;
        this.parse(ap, child);
      } else invalidType("boolean/valid schema", "additionalProperties");
    }

    const pp = own(m, "patternProperties");
    if (pp !== undefined) {
      if (!isJSONObject(pp)) invalidType("valid schema", "patternProperties");
      const keys = sortedKeys(pp as JsonObject);
      if (keys.length > 0) {
        s.patternProperties = new Map();
        for (const k of keys) {
          const re = compileRE2(k);
          if (!re) fail(`Invalid regex pattern '${k}'`);
          const child = newSchema(k, s, s.ref);
          this.parse((pp as JsonObject)[k]!, child);
          s.patternProperties.set(k, { re: re!, schema: child });
        }
      }
    }

    const pn = own(m, "propertyNames");
    if (pn !== undefined && draft >= DRAFT6) {
      if (typeof pn !== "boolean" && !isJSONObject(pn)) invalidType("valid schema", "patternProperties");
      s.propertyNames = newSchema("propertyNames", s, s.ref);
      this.parse(pn, s.propertyNames);
    }

    const deps = own(m, "dependencies");
    if (deps !== undefined) this.parseDependencies(deps, s);

    const items = own(m, "items");
    if (items !== undefined) {
      if (Array.isArray(items)) {
        for (const it of items) {
          if (typeof it !== "boolean" && !isJSONObject(it)) invalidType("valid schema/array of schemas", "items");
          const child = newSchema("items", s, s.ref);
          s.items.push(child);
          this.parse(it, child);
          s.itemsSingle = false;
        }
      } else if (typeof items === "boolean" || isJSONObject(items)) {
        const child = newSchema("items", s, s.ref);
        s.items.push(child);
        this.parse(items, child);
        s.itemsSingle = true;
      } else invalidType("valid schema/array of schemas", "items");
    }

    const ai = own(m, "additionalItems");
    if (ai !== undefined) {
      if (typeof ai === "boolean") s.additionalItems = ai;
      else if (isJSONObject(ai)) {
        const child = newSchema("additionalItems", s, s.ref);
        s.additionalItems = child;
        this.parse(ai, child);
      } else invalidType("boolean/valid schema", "additionalItems");
    }

    this.parseNumeric(m, s, draft);
    this.parseStringKeywords(m, s);
    this.parseObjectKeywords(m, s);
    this.parseArrayKeywords(m, s, draft);

    if (draft >= DRAFT6 && own(m, "const") !== undefined) s.constValue = canonicalJSON(m["const"]!);
    const en = this.getSlice(m, "enum");
    s.enumPresent = own(m, "enum") !== undefined;
    for (const v of en) {
      const c = canonicalJSON(v);
      if (s.enumValues.includes(c)) itemsMustBeUnique("enum");
      s.enumValues.push(c);
    }

    for (const [key, list] of [
      ["oneOf", s.oneOf],
      ["anyOf", s.anyOf],
      ["allOf", s.allOf],
    ] as const) {
      for (const v of this.getSlice(m, key)) {
        const child = newSchema(key, s, s.ref);
        list.push(child);
        this.parse(v, child);
      }
    }

    const not = own(m, "not");
    if (not !== undefined) {
      if (typeof not !== "boolean" && !isJSONObject(not)) mustBeOfAn("not", "object");
      s.not = newSchema("not", s, s.ref);
      this.parse(not, s.not);
    }

    if (draft >= DRAFT7) {
      for (const key of ["if", "then", "else"] as const) {
        const v = own(m, key);
        if (v === undefined) continue;
        if (typeof v !== "boolean" && !isJSONObject(v)) mustBeOfAn(key, "object");
        const child = newSchema(key, s, s.ref);
        if (key === "if") s.ifSchema = child;
        else if (key === "then") s.thenSchema = child;
        else s.elseSchema = child;
        this.parse(v, child);
      }
    }
  }

  parseReference(s: SubSchema, ref: string): void {
    const child = newSchema("$ref", s, s.ref);
    this.referencePool.set(ref, child);
    const spd = this.document(ref);
    (child as { ref?: string }).ref = ref;
    if (spd.draft !== undefined) child.draft = spd.draft;
    if (typeof spd.doc !== "boolean" && !isJSONObject(spd.doc)) mustBeOfType("valid schema", "object");
    this.parse(spd.doc, child);
    s.refSchema = child;
  }

  parseDependencies(deps: Value, s: SubSchema): void {
    if (!isJSONObject(deps)) mustBeOfType("dependencies", "object");
    s.dependencies = new Map();
    for (const k of sortedKeys(deps as JsonObject)) {
      const v = (deps as JsonObject)[k]!;
      if (Array.isArray(v)) {
        const names: string[] = [];
        for (const x of v) {
          if (typeof x !== "string") mustBeOfType("dependency", "schema or array of strings");
          names.push(x as string);
        }
        if (names.length > 0) s.dependencies.set(k, names);
      } else if (typeof v === "boolean" || isJSONObject(v)) {
        const child = newSchema(k, s, s.ref);
        this.parse(v, child);
        s.dependencies.set(k, child);
      } else mustBeOfType("dependency", "schema or array of strings");
    }
  }

  parseNumeric(m: JsonObject, s: SubSchema, draft: number): void {
    const mo = own(m, "multipleOf");
    if (mo !== undefined) {
      if (!isNumber(mo)) invalidType("number", "multipleOf");
      const d = toDecimal(mo as never);
      if (d.m <= 0n) fail("multipleOf must be strictly greater than 0");
      s.multipleOf = d;
    }
    for (const [key, exKey] of [
      ["minimum", "exclusiveMinimum"],
      ["maximum", "exclusiveMaximum"],
    ] as const) {
      const bound = own(m, key);
      if (bound !== undefined) {
        if (!isNumber(bound)) mustBeOfA(key, "number");
        s[key] = toDecimal(bound as never);
      }
      const ex = own(m, exKey);
      if (ex === undefined) continue;
      if (draft === DRAFT4 || (draft === HYBRID && typeof ex === "boolean")) {
        if (typeof ex !== "boolean") invalidType("boolean", exKey);
        if (s[key] === undefined) fail(`${exKey} cannot be used without ${key}`);
        if (ex) {
          s[exKey] = s[key];
          delete s[key];
        }
      } else if (isNumber(ex)) s[exKey] = toDecimal(ex);
      else invalidType(draft === HYBRID ? "boolean/number" : "number", exKey);
    }
  }

  parseStringKeywords(m: JsonObject, s: SubSchema): void {
    s.minLength = this.nonNegativeInt(m, "minLength");
    s.maxLength = this.nonNegativeInt(m, "maxLength");
    if (s.minLength !== undefined && s.maxLength !== undefined && s.minLength > s.maxLength) fail("minLength cannot be greater than maxLength");
    const pattern = this.getString(m, "pattern");
    if (pattern !== undefined && this.validatePatterns) {
      const re = compileRE2(pattern);
      if (!re) fail("pattern must be a valid regex");
      s.pattern = { source: pattern, re: re! };
    }
    const format = this.getString(m, "format");
    if (format !== undefined) s.format = format;
  }

  parseObjectKeywords(m: JsonObject, s: SubSchema): void {
    s.minProperties = this.nonNegativeInt(m, "minProperties");
    s.maxProperties = this.nonNegativeInt(m, "maxProperties");
    if (s.minProperties !== undefined && s.maxProperties !== undefined && s.minProperties > s.maxProperties) {
      fail("minProperties cannot be greater than maxProperties");
    }
    for (const r of this.getSlice(m, "required")) {
      if (typeof r !== "string") invalidType("string", "required");
      if (s.required.includes(r as string)) itemsMustBeUnique("required");
      s.required.push(r as string);
    }
  }

  parseArrayKeywords(m: JsonObject, s: SubSchema, draft: number): void {
    s.minItems = this.nonNegativeInt(m, "minItems");
    s.maxItems = this.nonNegativeInt(m, "maxItems");
    const unique = own(m, "uniqueItems");
    if (unique !== undefined) {
      if (typeof unique !== "boolean") mustBeOfA("uniqueItems", "boolean");
      s.uniqueItems = unique as boolean;
    }
    const contains = own(m, "contains");
    if (contains !== undefined && draft >= DRAFT6) {
      s.contains = newSchema("contains", s, s.ref);
      this.parse(contains, s.contains);
    }
  }

  nonNegativeInt(m: JsonObject, key: string): number | undefined {
    const v = own(m, key);
    if (v === undefined) return undefined;
    const i = mustBeInteger(v);
    if (i === undefined) return mustBeOfAn(key, "integer");
    if (i < 0) mustBeGTEZero(key);
    return i;
  }

  getString(m: JsonObject, key: string): string | undefined {
    const v = own(m, key);
    if (v === undefined) return undefined;
    if (typeof v !== "string") invalidType("string", key);
    return v as string;
  }

  getSlice(m: JsonObject, key: string): readonly Value[] {
    const v = own(m, key);
    if (v === undefined) return [];
    if (!Array.isArray(v)) mustBeOfAn(key, "array");
    return v as readonly Value[];
  }
}

/** gojsonschema's `mustBeInteger`: an integral number whose text parses as an int64. */
function mustBeInteger(v: Value): number | undefined {
  if (!isNumber(v) || !isIntegral(toDecimal(v))) return undefined;
  const text = numText(v);
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const b = BigInt(text);
  if (b > 2n ** 63n - 1n || b < -(2n ** 63n)) return undefined;
  return Number(b);
}

function addType(s: SubSchema, t: string): void {
  if (!JSON_TYPES.includes(t)) fail(`has a primitive type that is NOT VALID -- given: /${t}/ Expected valid values are:[${JSON_TYPES.join(" ")}]`);
  if (s.types.includes(t)) fail(`${t} type is duplicated`);
  s.types.push(t);
}

const RE_CACHE = new Map<string, RE2JS | null>();

export function compileRE2(pattern: string): RE2JS | undefined {
  let re = RE_CACHE.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch {
      re = null;
    }
    if (RE_CACHE.size > 500) RE_CACHE.clear();
    RE_CACHE.set(pattern, re);
  }
  return re ?? undefined;
}

/** `gojsonpointer`'s `Get`. */
function pointerGet(doc: Value, pointer: string): Value {
  if (pointer === "") return doc;
  if (!pointer.startsWith("/")) fail('JSON pointer must be empty or start with a "/"');
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const token = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    if (isJSONObject(node)) {
      const next = own(node as JsonObject, token);
      if (next === undefined) fail(`Object has no key '${token}'`);
      node = next!;
    } else if (Array.isArray(node)) {
      if (!/^[+-]?\d+$/.test(token)) fail(`Invalid array index '${token}'`);
      const i = Number(token);
      if (i < 0 || i >= node.length) fail(`Out of bound array[0,${node.length}] index '${i}'`);
      node = node[i]!;
    } else fail(`Invalid token reference '${token}'`);
  }
  return node;
}

/**
 * How OPA's copy of gojsonschema names the document's root in messages and fields:
 * `(Root): name is required` (upstream gojsonschema writes `(root)`; policies written
 * against OPA, such as Enterprise Contract's, compare with OPA's spelling).
 */
export const ROOT = "(Root)";

/** Compiles a schema document; throws `SchemaError` with gojsonschema's message. */
export function compileSchema(doc: Value): SubSchema {
  const c = new Compiler();
  const detected = draftOf(doc);
  c.collect(doc, "", detected);
  c.pool.set("", { doc, draft: detected });
  const root = newSchema(ROOT, undefined, "", detected ?? HYBRID);
  c.parse(doc, root);
  return root;
}
