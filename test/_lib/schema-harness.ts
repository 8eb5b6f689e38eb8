/**
 * Shared checks for the JSON Schemas in `schemas/` (github-snapshot,
 * cloudflare-snapshot, openai-federation): loading a schema and its examples,
 * compiling it as the adapters and the gate do (ajv 2020-12, strict, all errors,
 * the `date-time` and `uri` formats), editing example documents by JSON pointer to
 * build broken variants, and walking a schema for undescribed properties and open
 * objects.
 *
 * Reads the schema files directly (not through a package's dist/schemas copy), so
 * the suites run without a build.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { Test } from "tap";

export const SCHEMAS = new URL("../../schemas/", import.meta.url);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The text of a file under `schemas/` (e.g. `examples/github-snapshot.acme.json`). */
export function readSchemaText(relative: string): string {
  return readFileSync(new URL(relative, SCHEMAS), "utf8");
}

/** A JSON file under `schemas/`, parsed afresh (callers may mutate it). */
export function readJson(relative: string): Json {
  return JSON.parse(readSchemaText(relative)) as Json;
}

/** `schemas/KIND.schema.json`. */
export function loadSchema(kind: string): JsonObject {
  const schema = readJson(`${kind}.schema.json`);
  if (!isObject(schema)) throw new Error(`${kind}.schema.json is not an object`);
  return schema;
}

/** `schemas/examples/KIND.NAME.json`, parsed afresh. */
export function loadExample(kind: string, name: string): JsonObject {
  const doc = readJson(`examples/${kind}.${name}.json`);
  if (!isObject(doc)) throw new Error(`examples/${kind}.${name}.json is not an object`);
  return doc;
}

/** RFC 3339 date-time, as the adapters' validators register `format: date-time`. */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Compiles a schema with the options and formats the adapters and the gate use. Throws on strict-mode problems. */
export function compileSchema(schema: JsonObject): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a JSON pointer (RFC 6901) inside `doc`. */
export function at(doc: Json, pointer: string): Json {
  let node: Json = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (next === undefined) throw new Error(`no value at ${pointer}`);
    node = next;
  }
  return node;
}

/** The parent container of a pointer's target, and the target's key in it. */
function parentOf(doc: Json, pointer: string): [JsonObject | Json[], string] {
  const cut = pointer.lastIndexOf("/");
  const parent = at(doc, pointer.slice(0, cut));
  if (!isObject(parent) && !Array.isArray(parent)) throw new Error(`${pointer} is not inside a container`);
  return [parent, pointer.slice(cut + 1).replaceAll("~1", "/").replaceAll("~0", "~")];
}

export function set(doc: Json, pointer: string, value: Json): void {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else parent[key] = value;
}

export function remove(doc: Json, pointer: string): void {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/** A deep copy of a JSON value (to move a part of one example into another place). */
export function copy<T extends Json>(value: T): T {
  return structuredClone(value);
}

/** `a` is `b`, or an ancestor or descendant of it, as JSON pointers. */
export function related(a: string, b: string): boolean {
  const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(`${outer}/`) || outer === "";
  return within(a, b) || within(b, a);
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message ?? ""}`);
}

/** A document the schema must reject: an example with one change, and the error it must cause. */
export interface Broken<Name extends string = string> {
  readonly name: string;
  readonly doc: Name;
  readonly change: (doc: JsonObject) => void;
  /** The pointer and keyword of the error that must be reported. */
  readonly pointer: string;
  readonly keyword: string;
}


/**
 * Each broken variant is rejected, with an error of the expected keyword at the
 * expected pointer, and no error on an unrelated part of the document (so one
 * change shows up in one place, for the adapter developer reading the message).
 */
export function checkBroken<Name extends string>(t: Test, validate: ValidateFunction, example: (name: Name) => JsonObject, broken: readonly Broken<Name>[]): void {
  for (const b of broken) {
    const doc = example(b.doc);
    b.change(doc);
    const ok = validate(doc);
    const errors = validate.errors ?? [];
    t.notOk(ok, `${b.name}: rejected`);
    t.ok(
      errors.some((e) => e.instancePath === b.pointer && e.keyword === b.keyword),
      `${b.name}: ${b.keyword} at ${b.pointer || "/"}`,
      { errors: describeErrors(errors) },
    );
    const stray = errors.filter((e) => !related(e.instancePath, b.pointer));
    t.same(describeErrors(stray), [], `${b.name}: no error elsewhere`);
  }
}

/** Keywords whose values are subschemas (or maps or lists of them), for the walks below. */
const SUBSCHEMA_MAPS = ["properties", "$defs", "patternProperties"] as const;
const SUBSCHEMA_LISTS = ["anyOf", "allOf", "oneOf", "prefixItems"] as const;
const SUBSCHEMAS = ["items", "additionalProperties", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"] as const;
export const CONDITIONALS = ["if", "then", "else", "not"] as const;

export interface Problem {
  readonly path: string;
  readonly problem: string;
}

/**
 * Every declared property, at every level, has a description; every `$defs` entry
 * has a title and a description; a map's value schema (`additionalProperties`) is
 * described. Conditional subschemas (`if`/`then`/`else`/`not`) only restate
 * constraints, so they may only name properties that their object declares (and
 * describes) itself.
 */
export function undescribed(schema: JsonObject): Problem[] {
  const problems: Problem[] = [];
  walk(schema, "#", problems);
  return problems;
}

function walk(node: Json, path: string, problems: Problem[], inherited: readonly string[] = []): void {
  if (!isObject(node)) return;
  const declared = [...inherited, ...(isObject(node["properties"]) ? Object.keys(node["properties"]) : [])];
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = node[keyword];
    if (!isObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      const here = `${path}/${keyword}/${name}`;
      if (!isObject(sub)) {
        problems.push({ path: here, problem: "not a schema object" });
        continue;
      }
      const description = sub["description"];
      if (typeof description !== "string" || description.trim().length < 10) problems.push({ path: here, problem: "no description" });
      if (keyword === "$defs" && typeof sub["title"] !== "string") problems.push({ path: here, problem: "no title" });
      walk(sub, here, problems);
    }
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = node[keyword];
    // Branches of anyOf/allOf/oneOf apply to the same instance: they see its declared properties.
    const same = keyword === "prefixItems" ? [] : declared;
    if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, `${path}/${keyword}/${i}`, problems, same));
  }
  for (const keyword of SUBSCHEMAS) {
    const sub = node[keyword];
    if (!isObject(sub)) continue;
    if (keyword === "additionalProperties" && typeof sub["description"] !== "string") {
      problems.push({ path: `${path}/${keyword}`, problem: "map values without a description" });
    }
    walk(sub, `${path}/${keyword}`, problems);
  }
  for (const keyword of CONDITIONALS) {
    const sub = node[keyword];
    if (!isObject(sub)) continue;
    for (const name of isObject(sub["properties"]) ? Object.keys(sub["properties"]) : []) {
      if (!declared.includes(name)) problems.push({ path: `${path}/${keyword}/properties/${name}`, problem: "constrains a property its object does not declare" });
    }
  }
}

/** How many properties the schema declares, at every level (to show a walk saw them). */
export function countProperties(node: Json): number {
  if (Array.isArray(node)) return node.reduce<number>((n, sub) => n + countProperties(sub), 0);
  if (!isObject(node)) return 0;
  const own = isObject(node["properties"]) ? Object.keys(node["properties"]).length : 0;
  return Object.values(node).reduce<number>((n, sub) => n + countProperties(sub), own);
}

/**
 * Objects with known keys (a `properties` keyword outside conditionals) that are not
 * closed (`additionalProperties: false`), or that require a property they do not
 * declare.
 */
export function openObjects(schema: JsonObject): string[] {
  const open: string[] = [];
  const visit = (node: Json, path: string, conditional: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`, conditional));
    if (!isObject(node)) return;
    const properties = node["properties"];
    if (!conditional && isObject(properties)) {
      if (node["additionalProperties"] !== false) open.push(`${path}: additionalProperties is not false`);
      const required = Array.isArray(node["required"]) ? node["required"] : [];
      for (const name of required) if (typeof name !== "string" || !(name in properties)) open.push(`${path}: requires undeclared ${String(name)}`);
    }
    for (const [key, value] of Object.entries(node)) {
      visit(value, `${path}/${key}`, conditional || (CONDITIONALS as readonly string[]).includes(key));
    }
  };
  visit(schema, "#", false);
  return open;
}

/** The prefixes the adapters' credential detectors look for; an example must never carry one. */
export const CREDENTIAL_SHAPED = /(?<![A-Za-z0-9_-])(sk-|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|cfut_|cfat_|cfk_|AKIA|xox[abprs]-|npm_[A-Za-z0-9]{36})/;
