/**
 * `check --schema`: refs into `input` checked against a JSON Schema of the input, as
 * `opa check --schema` does. A ref whose constant keys leave what the schema allows
 * (`input.user.nmae` where `user` has `name`) is a type error, with the keys the
 * schema does allow at that point.
 *
 * An object schema allows the keys of its `properties`; others only when it has
 * `additionalProperties` (true or a schema) or `patternProperties`. An array allows
 * numbers and variables, and its `items` schema goes on. Where the schema says
 * nothing (no type, `{}`, `true`) anything goes. `$ref`s to the schema's own
 * definitions are followed; `anyOf`, `oneOf` and `allOf` allow what any branch allows.
 * A variable key into an object ends the check of that ref, unless
 * `additionalProperties` gives the schema of every value.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import { visitNodes } from "../ast/walk.js";

type Schema = boolean | { readonly [key: string]: unknown };

/** Type errors for the refs into `input` in these modules that `schema` does not allow. */
export function inputSchemaErrors(modules: readonly A.Module[], schema: unknown): RegoError[] {
  const out: RegoError[] = [];
  const root = schema as Schema;
  for (const m of modules) {
    const aliases = inputAliases(m);
    for (const rule of m.rules) {
      visitRefs(rule, (ref) => {
        const start = refStart(ref, aliases);
        if (start) checkRef(ref, start, root, m.source, out);
      });
    }
  }
  return out;
}

/** `import input.user as u`: `u` stands for `input.user`. */
function inputAliases(m: A.Module): Map<string, readonly string[]> {
  const out = new Map<string, readonly string[]>();
  for (const imp of m.imports) {
    if (imp.path.type !== "Ref" || imp.path.head.type !== "Var" || imp.path.head.name !== "input") continue;
    const keys = imp.path.path.map((p) => (p.type === "String" ? p.value : ""));
    out.set(imp.alias ?? keys[keys.length - 1]!, keys);
  }
  return out;
}

/** The input keys a ref starts at (`[]` for `input…`), or undefined when it does not read input. */
function refStart(ref: A.RefTerm, aliases: ReadonlyMap<string, readonly string[]>): readonly string[] | undefined {
  if (ref.head.type !== "Var") return undefined;
  if (ref.head.name === "input") return [];
  return aliases.get(ref.head.name);
}

function checkRef(ref: A.RefTerm, start: readonly string[], root: Schema, source: string, out: RegoError[]): void {
  const keys: (A.Term | string)[] = [...start, ...ref.path];
  let schema: Schema | undefined = root;
  let shown = "input";
  for (const key of keys) {
    if (schema === undefined) return;
    const step = stepInto(schema, key, root);
    if (step.kind === "any") return;
    const name = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
    const part = name === undefined ? `[${sourceText(key as A.Term, source)}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    if (step.kind === "missing") {
      const have = name ?? sourceText(key as A.Term, source);
      const text = shown + part;
      const want = step.allowed.length > 0 ? `\n\twant (one of): [${step.allowed.map((k) => JSON.stringify(k)).join(" ")}]` : `\n\twant: ${step.want}`;
      const caret = " ".repeat(text.length - part.length + (name === undefined ? 1 : part.startsWith(".") ? 1 : 0));
      out.push(new RegoError(ErrorCode.TypeError, `undefined ref: ${text}\n\t${text}\n\t${caret}^\n\thave: ${JSON.stringify(have)}${want}`, typeof key === "string" ? ref.loc : key.loc));
      return;
    }
    schema = step.schema;
    shown += part;
  }
}

function sourceText(t: A.Term, source: string): string {
  return source.slice(t.loc.offset, t.loc.endOffset);
}

type Step =
  | { readonly kind: "into"; readonly schema: Schema }
  | { readonly kind: "any" }
  | { readonly kind: "missing"; readonly allowed: readonly string[]; readonly want: string };

const ANY: Step = { kind: "any" };

/** Where `key` leads from `schema`: a child schema, anywhere (unchecked), or nowhere. */
function stepInto(schema: Schema, key: A.Term | string, root: Schema, depth = 0): Step {
  if (typeof schema === "boolean" || depth > 32) return ANY;
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    const target = resolvePointer(root, ref);
    return target === undefined ? ANY : stepInto(target, key, root, depth + 1);
  }
  for (const combinator of ["anyOf", "oneOf", "allOf"]) {
    const branches = schema[combinator];
    if (!Array.isArray(branches)) continue;
    const steps = branches.map((b) => stepInto(b as Schema, key, root, depth + 1));
    const into = steps.find((s) => s.kind !== "missing");
    if (into) return into;
    return { kind: "missing", allowed: [...new Set(steps.flatMap((s) => (s.kind === "missing" ? s.allowed : [])))].sort(), want: "one of the branches' keys" };
  }
  const types = typesOf(schema);
  const stringKey = typeof key === "string" ? key : key.type === "String" ? key.value : undefined;
  const variable = typeof key !== "string" && key.type !== "String" && key.type !== "Number";
  if (types.has("object")) {
    const properties = (schema["properties"] ?? {}) as Record<string, Schema>;
    if (stringKey !== undefined && Object.hasOwn(properties, stringKey)) return { kind: "into", schema: properties[stringKey]! };
    const additional = schema["additionalProperties"] as Schema | undefined;
    if (typeof additional === "object") return { kind: "into", schema: additional };
    if (additional === true || schema["patternProperties"] !== undefined || variable || types.size > 1) return ANY;
    return { kind: "missing", allowed: Object.keys(properties).sort(), want: "object key" };
  }
  if (types.has("array")) {
    if (stringKey !== undefined && types.size === 1) return { kind: "missing", allowed: [], want: "number (an array index)" };
    const items = schema["items"] as Schema | undefined;
    return items === undefined || Array.isArray(items) ? ANY : { kind: "into", schema: items };
  }
  if (types.size > 0 && !types.has("any")) return { kind: "missing", allowed: [], want: `a key of an object or array, not of a ${[...types].join(" or ")}` };
  return ANY;
}

/** The schema's types; `properties` alone implies an object, `items` an array. */
function typesOf(schema: { readonly [key: string]: unknown }): Set<string> {
  const t = schema["type"];
  if (typeof t === "string") return new Set([t === "integer" ? "number" : t]);
  if (Array.isArray(t)) return new Set(t.map((x) => (x === "integer" ? "number" : String(x))));
  if (schema["properties"] !== undefined) return new Set(["object"]);
  if (schema["items"] !== undefined) return new Set(["array"]);
  return new Set(["any"]);
}

/** A `$ref` into the schema itself (`#/definitions/user`, `#/$defs/user`); other documents are not followed. */
function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split("/").slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === "object" || typeof node === "boolean" ? (node as Schema) : undefined;
}

/** Every ref in a rule, its head, body, closures and `else` chain included. */
function visitRefs(root: unknown, visit: (ref: A.RefTerm) => void): void {
  visitNodes(root, (node) => {
    if (node.type === "Ref") visit(node as A.RefTerm);
  });
}
