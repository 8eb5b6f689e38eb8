/**
 * `json.verify_schema` and `json.match_schema`: schemas and documents may be given as
 * JSON text or as values (OPA's `astValueToJSONSchemaLoader`); compiled schemas are
 * cached by their canonical text.
 */
import { toJSONData } from "../../../ast/json.js";
import { isObject, type Value } from "../../../ast/value.js";
import { canonical } from "../../../ast/value-key.js";
import { BuiltinError } from "../../operands.js";
import { parseGoJSONExact, validGoJSON } from "../json/go-json.js";
import { SchemaError, compileSchema, type SubSchema } from "./schema.js";
import { errorString, validateDocument } from "./validate.js";

class LoadError extends Error {}

/** A schema or document operand as JSON data. */
function load(v: Value): Value {
  if (typeof v === "string") {
    if (!validGoJSON(v)) throw new LoadError("invalid JSON string");
    return parseGoJSONExact(v);
  }
  if (isObject(v) || Array.isArray(v)) return toJSONData(v);
  throw new LoadError("wrong type, expected string or object");
}

const CACHE = new Map<string, SubSchema>();
const CACHE_LIMIT = 200;

function compile(v: Value): SubSchema {
  const key = canonical(v);
  const hit = CACHE.get(key);
  if (hit) return hit;
  const schema = compileSchema(load(v));
  if (CACHE.size >= CACHE_LIMIT) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, schema);
  return schema;
}

export function verifySchema(v: Value): Value {
  try {
    compile(v);
    return [true, null];
  } catch (e) {
    if (e instanceof LoadError || e instanceof SchemaError || e instanceof BuiltinError) return [false, "jsonschema: " + e.message];
    throw e;
  }
}

export function matchSchema(document: Value, schema: Value): Value {
  let doc: Value;
  let compiled: SubSchema;
  try {
    doc = load(document);
    compiled = compile(schema);
  } catch (e) {
    if (e instanceof LoadError || e instanceof SchemaError) throw new BuiltinError(e.message);
    throw e;
  }
  const result = validateDocument(compiled, doc);
  const errors = result.errors.map((e) => ({ error: errorString(e), type: e.type, field: e.field, desc: e.description }));
  return [result.valid, errors];
}
