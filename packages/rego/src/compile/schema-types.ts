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

/** The type of input where METADATA annotations give a rule its schemas (annotatedInput). */
export function annotatedInputType(at: At, schemas: SchemaSet): Type {
  return typeOfAt(at, schemaRegistry(schemas));
}

/** A schema with the keys an annotation put below it (`- input.a.b: …`): those keys' types over its own. */
function typeOfAt(at: At, registry: Registry): Type {
  const own = typeOfSchema(at, registry, 0);
  if (at.over === undefined) return own;
  const over = [...at.over].map(([key, child]) => ({ key, value: typeOfAt(child, registry) }));
  // Over an object, the keys are replaced or added; over anything else, input is an
  // object with those keys and any others (OPA types only the annotated path then).
  const kept = own.k === "object" ? own.static.filter((p) => !at.over!.has(p.key as string)) : [];
  return marked(objectType([...kept, ...over], { key: ANY, value: ANY }));
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
