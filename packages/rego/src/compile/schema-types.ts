/**
 * The type of `input` that a JSON Schema describes, for the type checker under
 * `check --schema`: with `{"type": "integer"}` for `n`, `input.n == "5"` is a match
 * error and `upper(input.n)` an invalid argument, as in `opa check --schema`.
 *
 * The conversion is never narrower than OPA's, so it refuses nothing OPA accepts:
 * objects stay open (keys a schema does not allow are schema-refs.ts's to report),
 * and what it does not follow (`allOf`, `oneOf`, `not`, `if`, tuples, unresolved
 * `$ref`s, a schema without `type`) has every type. Every type it makes is marked
 * `fromSchema`.
 */
import { resolveRef, schemaRegistry, type At, type Registry, type Schema, type SchemaSet } from "./schema-refs.js";
import { ANY, anyOf, arrayType, objectType, type StaticProperty, type Type } from "./static-types.js";

/** The type of input under the schema given for all rules, or undefined when there is none. */
export function inputTypeOf(schemas: SchemaSet): Type | undefined {
  if (schemas.input === undefined) return undefined;
  const schema = schemas.input as Schema;
  return typeOfSchema({ schema, doc: schema }, schemaRegistry(schemas), 0);
}

const MAX_DEPTH = 16;

function marked(t: Type): Type {
  return t.k === "any" && t.of.length === 0 ? ANY : { ...t, fromSchema: true };
}

function typeOfSchema(at: At, registry: Registry, depth: number): Type {
  const s = at.schema;
  if (typeof s === "boolean" || depth > MAX_DEPTH) return ANY;
  const ref = s["$ref"];
  if (typeof ref === "string") {
    const target = resolveRef(ref, at.doc, registry);
    return target === undefined ? ANY : typeOfSchema(target, registry, depth + 1);
  }
  if (s["allOf"] !== undefined || s["oneOf"] !== undefined || s["not"] !== undefined || s["if"] !== undefined) return ANY;
  const anyOfBranches = s["anyOf"];
  if (Array.isArray(anyOfBranches)) {
    const types = anyOfBranches.map((b) => typeOfSchema({ schema: b as Schema, doc: at.doc }, registry, depth + 1));
    return types.some((t) => t.k === "any" && t.of.length === 0) ? ANY : marked(anyOf(types));
  }
  const declared = s["type"];
  const kinds = typeof declared === "string" ? [declared] : Array.isArray(declared) ? declared.map(String) : [];
  if (kinds.length === 0) return ANY;
  const types = kinds.map((k) => typeOfKind(k, at, registry, depth));
  if (types.some((t) => t.k === "any" && t.of.length === 0)) return ANY;
  return marked(types.length === 1 ? types[0]! : anyOf(types));
}

function typeOfKind(kind: string, at: At, registry: Registry, depth: number): Type {
  const s = at.schema as { readonly [key: string]: unknown };
  switch (kind) {
    case "null":
    case "boolean":
    case "string":
      return { k: kind };
    case "integer":
    case "number":
      return { k: "number" };
    case "array": {
      const items = s["items"];
      const single = typeof items === "object" && items !== null && !Array.isArray(items);
      return arrayType([], single ? typeOfSchema({ schema: items as Schema, doc: at.doc }, registry, depth + 1) : ANY);
    }
    case "object": {
      const props: StaticProperty[] = [];
      const properties = s["properties"];
      if (typeof properties === "object" && properties !== null) {
        for (const [key, child] of Object.entries(properties as Record<string, Schema>)) props.push({ key, value: typeOfSchema({ schema: child, doc: at.doc }, registry, depth + 1) });
      }
      return objectType(props, { key: ANY, value: ANY });
    }
    default:
      return ANY;
  }
}
