/**
 * Validating a document against a compiled schema, as gojsonschema does: the same
 * checks in the same order, the same error types and messages, and the same scoring
 * that picks which failing `anyOf`/`oneOf` branch to report.
 */
import { isNumber } from "../../../ast/number.js";
import { sortedKeys, type JsonObject, type Value } from "../../../ast/value.js";
import { isFormat } from "./formats.js";
import { ROOT, type SubSchema } from "./schema.js";
import { canonicalJSON, compareDecimal, formatDecimal, isIntegral, isJSONObject, isMultiple, toDecimal } from "./values.js";

/** Code points, as Go's `utf8.RuneCountInString` counts them. */
function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** A path from the root: `(Root).a.0.b`. */
class Context {
  readonly head: string;
  readonly tail: Context | undefined;

  constructor(head: string, tail?: Context) {
    this.head = head;
    this.tail = tail;
  }

  toString(): string {
    return this.tail ? `${this.tail.toString()}.${this.head}` : this.head;
  }
}

export interface ResultError {
  readonly type: string;
  readonly field: string;
  readonly description: string;
  readonly context: string;
}

export class Result {
  errors: ResultError[] = [];
  score = 0;

  get valid(): boolean {
    return this.errors.length === 0;
  }

  add(type: string, context: Context, description: (field: string) => string): void {
    const ctx = context.toString();
    const field = ctx.startsWith(`${ROOT}.`) ? ctx.slice(ROOT.length + 1) : ctx;
    this.errors.push({ type, field, description: description(field), context: ctx });
    this.score -= 2;
  }

  merge(other: Result): void {
    this.errors.push(...other.errors);
    this.score += other.score;
  }
}

/** `field: description`, gojsonschema's error string. */
export function errorString(e: ResultError): string {
  return `${e.field}: ${e.description}`;
}

function typesString(types: readonly string[]): string {
  return types.length > 1 ? `[${types.join(",")}]` : (types[0] ?? "undefined");
}

function sub(s: SubSchema, node: Value, context: Context): Result {
  const r = new Result();
  validate(s, node, r, context);
  return r;
}

function typeError(s: SubSchema, given: string, r: Result, context: Context): void {
  const expected = typesString(s.types);
  r.add("invalid_type", context, () => `Invalid type. Expected: ${expected}, given: ${given}`);
}

export function validate(s: SubSchema, node: Value, r: Result, context: Context): void {
  if (s.pass !== undefined) {
    if (!s.pass) r.add("false", context, () => "False always fails validation");
    return;
  }
  if (s.refSchema) return validate(s.refSchema, node, r, context);
  const typed = s.types.length > 0;
  if (node === null) {
    if (typed && !s.types.includes("null")) return typeError(s, "null", r, context);
    validateSchema(s, node, r, context);
    validateCommon(s, node, r, context);
  } else if (isNumber(node)) {
    const isInt = isIntegral(toDecimal(node));
    if (typed && !(s.types.includes("number") || (isInt && s.types.includes("integer")))) {
      return typeError(s, isInt ? "integer" : "number", r, context);
    }
    validateSchema(s, node, r, context);
    validateNumber(s, node, r, context);
    validateCommon(s, node, r, context);
  } else if (Array.isArray(node)) {
    if (typed && !s.types.includes("array")) return typeError(s, "array", r, context);
    validateSchema(s, node, r, context);
    validateArray(s, node, r, context);
    validateCommon(s, node, r, context);
  } else if (isJSONObject(node)) {
    if (typed && !s.types.includes("object")) return typeError(s, "object", r, context);
    validateSchema(s, node, r, context);
    validateObject(s, node, r, context);
    validateCommon(s, node, r, context);
    for (const p of s.properties) {
      if (Object.prototype.hasOwnProperty.call(node, p.property)) validate(p, node[p.property]!, r, new Context(p.property, context));
    }
  } else if (typeof node === "boolean") {
    if (typed && !s.types.includes("boolean")) return typeError(s, "boolean", r, context);
    validateSchema(s, node, r, context);
    validateCommon(s, node, r, context);
  } else if (typeof node === "string") {
    if (typed && !s.types.includes("string")) return typeError(s, "string", r, context);
    validateSchema(s, node, r, context);
    validateCommon(s, node, r, context);
    validateString(s, node, r, context);
  }
  r.score++;
}

function validateSchema(s: SubSchema, node: Value, r: Result, context: Context): void {
  if (s.anyOf.length > 0) {
    let ok = false;
    let best: Result | undefined;
    for (const branch of s.anyOf) {
      if (ok) break;
      const res = sub(branch, node, context);
      ok = res.valid;
      if (!ok && (!best || res.score > best.score)) best = res;
    }
    if (!ok) {
      r.add("number_any_of", context, () => "Must validate at least one schema (anyOf)");
      if (best) r.merge(best);
    }
  }
  if (s.oneOf.length > 0) {
    let count = 0;
    let best: Result | undefined;
    for (const branch of s.oneOf) {
      const res = sub(branch, node, context);
      if (res.valid) count++;
      else if (count === 0 && (!best || res.score > best.score)) best = res;
    }
    if (count !== 1) {
      r.add("number_one_of", context, () => "Must validate one and only one schema (oneOf)");
      if (count === 0 && best) r.merge(best);
    }
  }
  if (s.allOf.length > 0) {
    let count = 0;
    for (const branch of s.allOf) {
      const res = sub(branch, node, context);
      if (res.valid) count++;
      r.merge(res);
    }
    if (count !== s.allOf.length) r.add("number_all_of", context, () => "Must validate all the schemas (allOf)");
  }
  if (s.not && sub(s.not, node, context).valid) r.add("number_not", context, () => "Must not validate the schema (not)");
  if (s.dependencies && s.dependencies.size > 0 && isJSONObject(node)) {
    for (const key of sortedKeys(node)) {
      const dep = s.dependencies.get(key);
      if (dep === undefined) continue;
      if (Array.isArray(dep)) {
        for (const needed of dep) {
          if (!Object.prototype.hasOwnProperty.call(node, needed)) r.add("missing_dependency", context, () => `Has a dependency on ${needed}`);
        }
      } else validate(dep as SubSchema, node, r, context);
    }
  }
  if (s.ifSchema) {
    const cond = sub(s.ifSchema, node, context).valid;
    if (s.thenSchema && cond) {
      const res = sub(s.thenSchema, node, context);
      if (!res.valid) {
        r.add("condition_then", context, () => 'Must validate "then" as "if" was valid');
        r.merge(res);
      }
    }
    if (s.elseSchema && !cond) {
      const res = sub(s.elseSchema, node, context);
      if (!res.valid) {
        r.add("condition_else", context, () => 'Must validate "else" as "if" was not valid');
        r.merge(res);
      }
    }
  }
  r.score++;
}

function validateCommon(s: SubSchema, node: Value, r: Result, context: Context): void {
  if (s.constValue !== undefined && canonicalJSON(node) !== s.constValue) {
    const allowed = s.constValue;
    r.add("const", context, (field) => `${field} does not match: ${allowed}`);
  }
  if (s.enumPresent && !s.enumValues.includes(canonicalJSON(node))) {
    const allowed = s.enumValues.length === 0 ? "(none)" : s.enumValues.join(", ");
    r.add("enum", context, (field) => `${field} must be one of the following: ${allowed}`);
  }
  if (s.format !== "" && !isFormat(s.format, node)) {
    const format = s.format;
    r.add("format", context, () => `Does not match format '${format}'`);
  }
  r.score++;
}

function validateArray(s: SubSchema, arr: readonly Value[], r: Result, context: Context): void {
  const n = arr.length;
  if (s.itemsSingle) {
    for (let i = 0; i < n; i++) r.merge(sub(s.items[0]!, arr[i]!, new Context(String(i), context)));
  } else if (s.items.length > 0) {
    const k = s.items.length;
    for (let i = 0; i < k && i < n; i++) r.merge(sub(s.items[i]!, arr[i]!, new Context(String(i), context)));
    if (k < n) {
      const extra = s.additionalItems;
      if (extra === false) r.add("array_no_additional_items", context, () => "No additional items allowed on array");
      else if (extra !== undefined && extra !== true) {
        for (let i = k; i < n; i++) r.merge(sub(extra, arr[i]!, new Context(String(i), context)));
      }
    }
  }
  if (s.minItems !== undefined && n < s.minItems) {
    const min = s.minItems;
    r.add("array_min_items", context, () => `Array must have at least ${min} items`);
  }
  if (s.maxItems !== undefined && n > s.maxItems) {
    const max = s.maxItems;
    r.add("array_max_items", context, () => `Array must have at most ${max} items`);
  }
  if (s.uniqueItems) {
    const seen = new Map<string, number>();
    arr.forEach((v, j) => {
      const key = canonicalJSON(v);
      const i = seen.get(key);
      if (i !== undefined) r.add("unique", context, () => `array items[${i},${j}] must be unique`);
      seen.set(key, j);
    });
  }
  if (s.contains) {
    let matched = false;
    let best: Result | undefined;
    for (let i = 0; i < n; i++) {
      const res = sub(s.contains, arr[i]!, new Context(String(i), context));
      if (res.valid) {
        matched = true;
        break;
      }
      if (!best || res.score > best.score) best = res;
    }
    if (!matched) {
      r.add("contains", context, () => "At least one of the items must match");
      if (best) r.merge(best);
    }
  }
  r.score++;
}

function validateObject(s: SubSchema, o: JsonObject, r: Result, context: Context): void {
  const keys = sortedKeys(o);
  if (s.minProperties !== undefined && keys.length < s.minProperties) {
    const min = s.minProperties;
    r.add("array_min_properties", context, () => `Must have at least ${min} properties`);
  }
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
    const max = s.maxProperties;
    r.add("array_max_properties", context, () => `Must have at most ${max} properties`);
  }
  for (const req of s.required) {
    if (Object.prototype.hasOwnProperty.call(o, req)) r.score++;
    else r.add("required", context, () => `${req} is required`);
  }
  for (const k of keys) {
    const declared = s.properties.some((p) => p.property === k);
    let patterned = false;
    if (s.patternProperties) {
      for (const { re, schema } of s.patternProperties.values()) {
        if (re.matcher(k).find()) {
          patterned = true;
          r.merge(sub(schema, o[k]!, new Context(k, context)));
        }
      }
      if (patterned) r.score++;
    }
    if (!declared && !patterned) {
      const ap = s.additionalProperties;
      if (ap === false) r.add("additional_property_not_allowed", context, () => `Additional property ${k} is not allowed`);
      else if (ap !== undefined && ap !== true) r.merge(sub(ap, o[k]!, new Context(k, context)));
    }
  }
  if (s.propertyNames) {
    for (const k of keys) {
      const res = sub(s.propertyNames, k, context);
      if (!res.valid) {
        r.add("invalid_property_name", context, () => `Property name of "${k}" does not match`);
        r.merge(res);
      }
    }
  }
  r.score++;
}

function validateString(s: SubSchema, str: string, r: Result, context: Context): void {
  if (s.minLength !== undefined && runeCount(str) < s.minLength) {
    const min = s.minLength;
    r.add("string_gte", context, () => `String length must be greater than or equal to ${min}`);
  }
  if (s.maxLength !== undefined && runeCount(str) > s.maxLength) {
    const max = s.maxLength;
    r.add("string_lte", context, () => `String length must be less than or equal to ${max}`);
  }
  if (s.pattern && !s.pattern.re.matcher(str).find()) {
    const source = s.pattern.source;
    r.add("pattern", context, () => `Does not match pattern '${source}'`);
  }
  r.score++;
}

function validateNumber(s: SubSchema, n: Value, r: Result, context: Context): void {
  const d = toDecimal(n as never);
  if (s.multipleOf && !isMultiple(d, s.multipleOf)) {
    const m = formatDecimal(s.multipleOf);
    r.add("multiple_of", context, () => `Must be a multiple of ${m}`);
  }
  if (s.maximum && compareDecimal(d, s.maximum) === 1) {
    const max = formatDecimal(s.maximum);
    r.add("number_lte", context, () => `Must be less than or equal to ${max}`);
  }
  if (s.exclusiveMaximum && compareDecimal(d, s.exclusiveMaximum) >= 0) {
    const max = formatDecimal(s.exclusiveMaximum);
    r.add("number_lt", context, () => `Must be less than ${max}`);
  }
  if (s.minimum && compareDecimal(d, s.minimum) === -1) {
    const min = formatDecimal(s.minimum);
    r.add("number_gte", context, () => `Must be greater than or equal to ${min}`);
  }
  if (s.exclusiveMinimum && compareDecimal(d, s.exclusiveMinimum) <= 0) {
    const min = formatDecimal(s.exclusiveMinimum);
    r.add("number_gt", context, () => `Must be greater than ${min}`);
  }
  r.score++;
}

/** Validates `doc` against the compiled root schema. */
export function validateDocument(root: SubSchema, doc: Value): Result {
  const r = new Result();
  validate(root, doc, r, new Context(ROOT));
  return r;
}
