/**
 * AST ⇄ Rego value, with the semantics OPA gets from Go's encoding/json:
 *
 * - encoding emits every serialized struct field (nil → null) and then prunes, as
 *   OPA's `pruneIrrelevantGraphQLASTNodes` does: nulls, empty arrays and empty
 *   objects disappear (recursively); empty strings, `false` and `0` stay;
 * - decoding (an AST object passed back to a builtin) follows `json.Unmarshal`:
 *   unknown keys are ignored, keys match field names exactly or case-insensitively,
 *   a JSON null leaves the zero value, a wrong JSON type is an error. Four node types
 *   have gqlparser's hand-written decoders: they read only their listed keys, with
 *   exact names, and a selection is tried as a Field, then a FragmentSpread, then an
 *   InlineFragment (so any object decodes as a Field unless one of its Field keys
 *   has the wrong type).
 */
import { RNumber } from "../../../ast/number.js";
import { isObject, isPlainObject, sortedKeys, type JsonObject, type Value } from "../../../ast/value.js";
import { toJSONData } from "../../../ast/json.js";
import type { QueryDocument, SchemaDocument } from "./ast.js";

type FieldType =
  | "string"
  | "bool"
  | "int"
  | "strings"
  | "selections"
  | { readonly ptr: string }
  | { readonly list: string };

interface StructDesc {
  /** Serialized fields, in declaration order. */
  readonly fields: readonly (readonly [string, FieldType, string])[];
  /** Keys read by gqlparser's hand-written decoder (exact names); absent for the default decoder. */
  readonly customKeys?: readonly string[];
  readonly init?: () => Record<string, unknown>;
}

const ptr = (s: string): FieldType => ({ ptr: s });
const list = (s: string): FieldType => ({ list: s });
const S = "string";

/** The third element of a field entry is its Go type, for error messages. */
const STRUCTS: Readonly<Record<string, StructDesc>> = {
  QueryDocument: { fields: [["Operations", list("OperationDefinition"), ""], ["Fragments", list("FragmentDefinition"), ""]] },
  OperationDefinition: {
    fields: [["Operation", S, "ast.Operation"], ["Name", S, S], ["VariableDefinitions", list("VariableDefinition"), ""], ["Directives", list("Directive"), ""], ["SelectionSet", "selections", ""]],
    customKeys: ["Operation", "Name", "VariableDefinitions", "Directives", "SelectionSet", "Position"],
  },
  VariableDefinition: {
    fields: [["Variable", S, S], ["Type", ptr("Type"), ""], ["DefaultValue", ptr("Value"), ""], ["Directives", list("Directive"), ""], ["Definition", ptr("Definition"), ""], ["Used", "bool", "bool"]],
  },
  Type: { fields: [["NamedType", S, S], ["Elem", ptr("Type"), ""], ["NonNull", "bool", "bool"]] },
  Value: {
    fields: [
      ["Raw", S, S], ["Children", list("ChildValue"), ""], ["Kind", "int", "ast.ValueKind"], ["Definition", ptr("Definition"), ""],
      ["VariableDefinition", ptr("VariableDefinition"), ""], ["ExpectedType", ptr("Type"), ""], ["ExpectedTypeHasDefault", "bool", "bool"],
    ],
  },
  ChildValue: { fields: [["Name", S, S], ["Value", ptr("Value"), ""]] },
  Argument: { fields: [["Name", S, S], ["Value", ptr("Value"), ""]] },
  Directive: {
    fields: [["Name", S, S], ["Arguments", list("Argument"), ""], ["ParentDefinition", ptr("Definition"), ""], ["Definition", ptr("DirectiveDefinition"), ""], ["Location", S, "ast.DirectiveLocation"]],
  },
  Field: {
    fields: [
      ["Alias", S, S], ["Name", S, S], ["Arguments", list("Argument"), ""], ["Directives", list("Directive"), ""], ["SelectionSet", "selections", ""],
      ["Definition", ptr("FieldDefinition"), ""], ["ObjectDefinition", ptr("Definition"), ""],
    ],
    customKeys: ["Alias", "Name", "Arguments", "Directives", "SelectionSet", "Position", "Definition", "ObjectDefinition"],
    init: () => ({ $kind: "Field" }),
  },
  FragmentSpread: {
    fields: [["Name", S, S], ["Directives", list("Directive"), ""], ["ObjectDefinition", ptr("Definition"), ""], ["Definition", ptr("FragmentDefinition"), ""]],
    init: () => ({ $kind: "FragmentSpread" }),
  },
  InlineFragment: {
    fields: [["TypeCondition", S, S], ["Directives", list("Directive"), ""], ["SelectionSet", "selections", ""], ["ObjectDefinition", ptr("Definition"), ""]],
    customKeys: ["TypeCondition", "Directives", "SelectionSet", "ObjectDefinition", "Position"],
    init: () => ({ $kind: "InlineFragment" }),
  },
  FragmentDefinition: {
    fields: [
      ["Name", S, S], ["VariableDefinition", list("VariableDefinition"), ""], ["TypeCondition", S, S], ["Directives", list("Directive"), ""],
      ["SelectionSet", "selections", ""], ["Definition", ptr("Definition"), ""],
    ],
    customKeys: ["Name", "VariableDefinition", "TypeCondition", "Directives", "SelectionSet", "Definition", "Position"],
  },
  SchemaDocument: {
    fields: [
      ["Schema", list("SchemaDefinition"), ""], ["SchemaExtension", list("SchemaDefinition"), ""], ["Directives", list("DirectiveDefinition"), ""],
      ["Definitions", list("Definition"), ""], ["Extensions", list("Definition"), ""],
    ],
  },
  SchemaDefinition: { fields: [["Description", S, S], ["Directives", list("Directive"), ""], ["OperationTypes", list("OperationTypeDefinition"), ""]] },
  OperationTypeDefinition: { fields: [["Operation", S, "ast.Operation"], ["Type", S, S]] },
  DirectiveDefinition: {
    fields: [["Description", S, S], ["Name", S, S], ["Arguments", list("ArgumentDefinition"), ""], ["Locations", "strings", "[]ast.DirectiveLocation"], ["IsRepeatable", "bool", "bool"]],
  },
  Definition: {
    fields: [
      ["Kind", S, "ast.DefinitionKind"], ["Description", S, S], ["Name", S, S], ["Directives", list("Directive"), ""], ["Interfaces", "strings", "[]string"],
      ["Fields", list("FieldDefinition"), ""], ["Types", "strings", "[]string"], ["EnumValues", list("EnumValueDefinition"), ""], ["BuiltIn", "bool", "bool"],
    ],
  },
  FieldDefinition: {
    fields: [["Description", S, S], ["Name", S, S], ["Arguments", list("ArgumentDefinition"), ""], ["DefaultValue", ptr("Value"), ""], ["Type", ptr("Type"), ""], ["Directives", list("Directive"), ""]],
  },
  ArgumentDefinition: { fields: [["Description", S, S], ["Name", S, S], ["DefaultValue", ptr("Value"), ""], ["Type", ptr("Type"), ""], ["Directives", list("Directive"), ""]] },
  EnumValueDefinition: { fields: [["Description", S, S], ["Name", S, S], ["Directives", list("Directive"), ""]] },
};

// ---- encoding ----------------------------------------------------------------

type Node = Record<string, unknown>;

function encodeField(t: FieldType, v: unknown): Value | undefined {
  if (v === null || v === undefined) return undefined;
  switch (t) {
    case "string":
    case "bool":
    case "int":
      return v as Value;
    case "strings":
      return (v as string[]).length ? [...(v as string[])] : undefined;
    case "selections":
      return encodeList(v as Node[], (x) => encodeStruct(x["$kind"] as string, x));
  }
  if ("ptr" in t) return encodeStruct(t.ptr, v as Node);
  return encodeList(v as Node[], (x) => encodeStruct(t.list, x));
}

function encodeList(items: readonly (Node | null)[], f: (x: Node) => Value | undefined): Value | undefined {
  const out: Value[] = [];
  for (const x of items) {
    if (x === null) continue;
    const v = f(x);
    if (v !== undefined) out.push(v);
  }
  return out.length ? out : undefined;
}

/** A struct as a pruned object, or undefined when pruning leaves it empty. */
function encodeStruct(name: string, node: Node): Value | undefined {
  const desc = STRUCTS[name]!;
  const out: Record<string, Value> = {};
  let n = 0;
  for (const [field, type] of desc.fields) {
    const v = encodeField(type, node[field]);
    if (v !== undefined) {
      out[field] = v;
      n++;
    }
  }
  return n ? out : undefined;
}

export function encodeQueryDocument(doc: QueryDocument): Value {
  return encodeStruct("QueryDocument", doc as unknown as Node) ?? {};
}

export function encodeSchemaDocument(doc: SchemaDocument): Value {
  return encodeStruct("SchemaDocument", doc as unknown as Node) ?? {};
}

// ---- decoding ----------------------------------------------------------------

/** A `json.Unmarshal` error. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecodeError";
  }
}

function jsonKind(v: Value): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number" || v instanceof RNumber) return "number";
  if (typeof v === "string") return "string";
  if (Array.isArray(v)) return "array";
  return "object";
}

function typeError(v: Value, struct: string, field: string, goType: string): DecodeError {
  const what = jsonKind(v) === "number" ? `number ${v instanceof RNumber ? v.text : String(v)}` : jsonKind(v);
  return new DecodeError(`json: cannot unmarshal ${what} into Go struct field ${struct}.${field} of type ${goType}`);
}

const INT64_MAX = 2n ** 63n - 1n;

function decodeInt(v: Value, struct: string, field: string, goType: string): number {
  const text = v instanceof RNumber ? v.text : typeof v === "number" ? String(v) : null;
  if (text === null || !/^-?\d+$/.test(text)) throw typeError(v, struct, field, goType);
  const b = BigInt(text);
  if (b > INT64_MAX || b < -INT64_MAX - 1n) throw typeError(v, struct, field, goType);
  return Number(b);
}

function decodeField(t: FieldType, v: Value, struct: string, field: string, goType: string, current: unknown): unknown {
  if (v === null) return t === "string" || t === "bool" || t === "int" ? current : null;
  switch (t) {
    case "string":
      if (typeof v !== "string") throw typeError(v, struct, field, goType);
      return v;
    case "bool":
      if (typeof v !== "boolean") throw typeError(v, struct, field, goType);
      return v;
    case "int":
      return decodeInt(v, struct, field, goType);
    case "strings":
      if (!Array.isArray(v)) throw typeError(v, struct, field, goType);
      return v.map((x) => {
        if (x === null) return "";
        if (typeof x !== "string") throw typeError(x, struct, field, "string");
        return x;
      });
    case "selections":
      if (!Array.isArray(v)) throw typeError(v, struct, field, "ast.SelectionSet");
      return decodeSelections(v);
  }
  if ("ptr" in t) return decodeStruct(t.ptr, v, `${struct}.${field}`);
  if (!Array.isArray(v)) throw typeError(v, struct, field, `[]*ast.${t.list}`);
  // A null element would be a nil pointer that gqlparser's walker cannot visit: dropped.
  return v.filter((x) => x !== null).map((x) => decodeStruct(t.list, x, `${struct}.${field}`));
}

function decodeSelections(items: readonly Value[]): Node[] {
  const out: Node[] = [];
  for (const item of items) {
    for (const kind of ["Field", "FragmentSpread", "InlineFragment"]) {
      try {
        out.push(decodeStruct(kind, item, kind));
        break;
      } catch (e) {
        if (!(e instanceof DecodeError)) throw e;
      }
    }
  }
  return out;
}

function zeroStruct(name: string): Node {
  const desc = STRUCTS[name]!;
  const node: Node = { ...desc.init?.(), Position: null };
  for (const [field, type] of desc.fields) node[field] = type === "string" ? "" : type === "bool" ? false : type === "int" ? 0 : null;
  return node;
}

function decodeStruct(name: string, v: Value, path: string): Node {
  const node = zeroStruct(name);
  if (v === null) return node;
  if (!isPlainObject(v)) throw new DecodeError(`json: cannot unmarshal ${jsonKind(v)} into Go value of type ast.${name}`);
  const desc = STRUCTS[name]!;
  const keys = sortedKeys(v);
  if (desc.customKeys) {
    for (const k of keys) {
      if (!desc.customKeys.includes(k)) continue;
      if (k === "Position") {
        node["Position"] = decodePosition(v[k]!, name);
        continue;
      }
      const entry = desc.fields.find((f) => f[0] === k)!;
      node[k] = decodeField(entry[1], v[k]!, name, k, entry[2], node[k]);
    }
    return node;
  }
  for (const k of keys) {
    const entry = desc.fields.find((f) => f[0] === k) ?? desc.fields.find((f) => f[0].toLowerCase() === k.toLowerCase());
    if (!entry) continue;
    node[entry[0]] = decodeField(entry[1], v[k]!, path.split(".").pop()!, entry[0], entry[2], node[entry[0]]);
  }
  return node;
}

/** gqlparser's hand-written decoders read `Position` too; its line and column locate errors. */
function decodePosition(v: Value, struct: string): { line: number; column: number } | null {
  if (v === null) return null;
  if (!isPlainObject(v)) throw typeError(v, struct, "Position", "ast.Position");
  let line = 0;
  let column = 0;
  for (const k of sortedKeys(v)) {
    const x = v[k]!;
    const lk = k.toLowerCase();
    if (lk === "line") line = x === null ? line : decodeInt(x, "Position", "Line", "int");
    else if (lk === "column") column = x === null ? column : decodeInt(x, "Position", "Column", "int");
    else if (lk === "start" || lk === "end") {
      if (x !== null) decodeInt(x, "Position", k, "int");
    }
  }
  return { line, column };
}

/** An object value as JSON data (OPA's `ast.JSON`): sets become arrays, keys strings. */
function asJSON(v: Value): JsonObject {
  const data = toJSONData(v);
  if (!isObject(data) || !isPlainObject(data)) throw new DecodeError("json: expected an object");
  return data;
}

export function decodeQueryDocument(v: Value): QueryDocument {
  return decodeStruct("QueryDocument", asJSON(v), "QueryDocument") as unknown as QueryDocument;
}

export function decodeSchemaDocument(v: Value): SchemaDocument {
  return decodeStruct("SchemaDocument", asJSON(v), "SchemaDocument") as unknown as SchemaDocument;
}
