/**
 * From a schema document to a schema that queries validate against, as gqlparser's
 * `ValidateSchemaDocument` does after OPA merges in the prelude: extensions of
 * undeclared types declare them, a schema without `Query` is fine, type and
 * directive definitions are checked in name order and the first problem is the
 * error. Definitions are copied before extensions are merged, so the documents
 * (which may be cached or returned to the policy) are never changed.
 */
import {
  append,
  forName,
  isCompatible,
  isInputType,
  Kind,
  namedType,
  newFieldDefinition,
  typeName,
  typeString,
  type ArgumentDefinition,
  type Definition,
  type Directive,
  type DirectiveDefinition,
  type GqlType,
  type Pos,
  type SchemaDocument,
} from "./ast.js";
import { preludeDocument } from "./prelude.js";
import { goQuote } from "../../../ast/value-string.js";

export interface Schema {
  Query: Definition | null;
  Mutation: Definition | null;
  Subscription: Definition | null;
  readonly Types: Map<string, Definition>;
  readonly Directives: Map<string, DirectiveDefinition>;
  readonly PossibleTypes: Map<string, (Definition | undefined)[]>;
}

/** A schema error (gqlparser's `gqlerror.Error`, shown as `input:line:col: message`). */
export class SchemaError extends Error {
  readonly pos: Pos | null;
  constructor(message: string, pos: Pos | null) {
    super(message);
    this.name = "SchemaError";
    this.pos = pos;
  }

  /** Go's `err.Error()` for this error, with OPA's column addition. */
  text(): string {
    return this.pos ? `input:${this.pos.line}:${this.pos.column}: ${this.message}` : `input: ${this.message}`;
  }
}

const fail = (pos: Pos | null, message: string): never => {
  throw new SchemaError(message, pos);
};

export function possibleTypes(schema: Schema, def: Definition): (Definition | undefined)[] {
  if (def.Kind === Kind.Union) return (def.Types ?? []).map((t) => schema.Types.get(t));
  return schema.PossibleTypes.get(def.Name) ?? [];
}

function copyDefinition(d: Definition): Definition {
  return { ...d, Fields: d.Fields && [...d.Fields] };
}

/** Builds and checks the schema for a user document (prelude first, then the document). */
export function buildSchema(doc: SchemaDocument): Schema {
  const prelude = preludeDocument();
  const merged: SchemaDocument = {
    Schema: append(prelude.Schema, ...(doc.Schema ?? [])),
    SchemaExtension: append(prelude.SchemaExtension, ...(doc.SchemaExtension ?? [])),
    Directives: append(prelude.Directives, ...(doc.Directives ?? [])),
    Definitions: append(prelude.Definitions, ...(doc.Definitions ?? [])),
    Extensions: append(prelude.Extensions, ...(doc.Extensions ?? [])),
  };
  return validateSchemaDocument(merged);
}

function validateSchemaDocument(ast: SchemaDocument): Schema {
  const schema: Schema = { Query: null, Mutation: null, Subscription: null, Types: new Map(), Directives: new Map(), PossibleTypes: new Map() };
  const defs: Definition[] = [];
  for (const d of ast.Definitions ?? []) {
    if (schema.Types.has(d.Name)) fail(d.Position, `Cannot redeclare type ${d.Name}.`);
    const copy = copyDefinition(d);
    schema.Types.set(d.Name, copy);
    defs.push(copy);
  }
  for (const ext of ast.Extensions ?? []) {
    let def = schema.Types.get(ext.Name);
    if (!def) {
      def = { Kind: ext.Kind, Description: "", Name: ext.Name, Directives: null, Interfaces: null, Fields: null, Types: null, EnumValues: null, Position: ext.Position, BuiltIn: false };
      schema.Types.set(ext.Name, def);
      defs.push(def);
    }
    if (def.Kind !== ext.Kind) fail(ext.Position, `Cannot extend type ${ext.Name} because the base type is a ${def.Kind}, not ${ext.Kind}.`);
    def.Directives = append(def.Directives, ...(ext.Directives ?? []));
    def.Interfaces = append(def.Interfaces, ...(ext.Interfaces ?? []));
    def.Fields = append(def.Fields, ...(ext.Fields ?? []));
    def.Types = append(def.Types, ...(ext.Types ?? []));
    def.EnumValues = append(def.EnumValues, ...(ext.EnumValues ?? []));
  }
  const addPossible = (name: string, def: Definition | undefined): void => {
    const list = schema.PossibleTypes.get(name);
    if (list) list.push(def);
    else schema.PossibleTypes.set(name, [def]);
  };
  for (const def of defs) {
    switch (def.Kind) {
      case Kind.Union:
        for (const t of def.Types ?? []) addPossible(def.Name, schema.Types.get(t));
        break;
      case Kind.InputObject:
      case Kind.Object:
        for (const intf of def.Interfaces ?? []) addPossible(intf, def);
        addPossible(def.Name, def);
        break;
      case Kind.Interface:
        for (const intf of def.Interfaces ?? []) addPossible(intf, def);
        break;
    }
  }
  for (const dir of ast.Directives ?? []) {
    if (schema.Directives.has(dir.Name)) {
      // Built-in directives may be redefined; the first definition is kept.
      if (!["include", "skip", "deprecated", "specifiedBy", "defer", "oneOf"].includes(dir.Name)) fail(dir.Position, `Cannot redeclare directive ${dir.Name}.`);
      continue;
    }
    schema.Directives.set(dir.Name, dir);
  }
  const schemaDefs = ast.Schema ?? [];
  if (schemaDefs.length > 1) fail(schemaDefs[1]!.Position, "Cannot have multiple schema entry points, consider schema extensions instead.");
  for (const sd of [...schemaDefs, ...(ast.SchemaExtension ?? [])]) {
    for (const entry of sd.OperationTypes ?? []) {
      const def = schema.Types.get(entry.Type);
      if (!def) fail(entry.Position, `Schema root ${entry.Operation} refers to a type ${entry.Type} that does not exist.`);
      if (entry.Operation === "query") schema.Query = def!;
      else if (entry.Operation === "mutation") schema.Mutation = def!;
      else if (entry.Operation === "subscription") schema.Subscription = def!;
    }
  }
  for (const name of [...schema.Types.keys()].sort()) validateDefinition(schema, schema.Types.get(name)!);
  for (const name of [...schema.Directives.keys()].sort()) {
    const def = schema.Directives.get(name)!;
    validateName(def.Position, def.Name);
    validateArgs(schema, def.Arguments, def);
  }
  if (schemaDefs.length === 0) {
    schema.Query ??= schema.Types.get("Query") ?? null;
    schema.Mutation ??= schema.Types.get("Mutation") ?? null;
    schema.Subscription ??= schema.Types.get("Subscription") ?? null;
  }
  if (schema.Query) {
    const schemaField = newFieldDefinition();
    schemaField.Name = "__schema";
    schemaField.Type = namedType("__Schema", true);
    const typeField = newFieldDefinition();
    typeField.Name = "__type";
    typeField.Type = namedType("__Type");
    typeField.Arguments = [{ Description: "", Name: "name", DefaultValue: null, Type: namedType("String", true), Directives: null, Position: null }];
    schema.Query.Fields = append(schema.Query.Fields, schemaField, typeField);
  }
  return schema;
}

const typeOf = (t: GqlType | null): string => (t ? typeName(t) : "");

function validateDefinition(schema: Schema, def: Definition): void {
  for (const field of def.Fields ?? []) {
    validateName(field.Position, field.Name);
    validateTypeRef(schema, field.Type);
    validateArgs(schema, field.Arguments, null);
    validateDirectives(schema, field.Directives, def.Kind === Kind.InputObject ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION", null);
  }
  for (const t of def.Types ?? []) {
    const member = schema.Types.get(t);
    if (!member) fail(def.Position, `Undefined type ${goQuote(t)}.`);
    if (member!.Kind !== Kind.Object) fail(def.Position, `${def.Kind} type ${goQuote(t)} must be ${Kind.Object}.`);
  }
  for (const intf of def.Interfaces ?? []) validateImplements(schema, def, intf);
  switch (def.Kind) {
    case Kind.Object:
    case Kind.Interface:
      if (!def.Fields?.length) fail(def.Position, `${def.Kind} ${def.Name}: must define one or more fields.`);
      for (const field of def.Fields!) {
        const t = schema.Types.get(typeOf(field.Type));
        if (t && t.Kind === Kind.InputObject) {
          fail(field.Position, `${def.Kind} ${def.Name}: field must be one of ${[Kind.Scalar, Kind.Object, Kind.Interface, Kind.Union, Kind.Enum].join(", ")}.`);
        }
      }
      break;
    case Kind.Enum:
      if (!def.EnumValues?.length) fail(def.Position, `${def.Kind} ${def.Name}: must define one or more unique enum values.`);
      for (const v of def.EnumValues!) {
        if (v.Name === "true" || v.Name === "false" || v.Name === "null") fail(def.Position, `${def.Kind} ${def.Name}: non-enum value ${v.Name}.`);
      }
      break;
    case Kind.InputObject:
      if (!def.Fields?.length) fail(def.Position, `${def.Kind} ${def.Name}: must define one or more input fields.`);
      for (const field of def.Fields!) {
        const t = schema.Types.get(typeOf(field.Type));
        if (t && t.Kind !== Kind.Scalar && t.Kind !== Kind.Enum && t.Kind !== Kind.InputObject) {
          fail(field.Position, `${t.Kind} ${field.Name}: field must be one of ${[Kind.Scalar, Kind.Enum, Kind.InputObject].join(", ")}.`);
        }
      }
      break;
  }
  const fields = def.Fields ?? [];
  for (let i = 0; i < fields.length; i++) {
    for (let j = i + 1; j < fields.length; j++) {
      if (fields[i]!.Name === fields[j]!.Name) fail(fields[j]!.Position, `Field ${def.Name}.${fields[j]!.Name} can only be defined once.`);
    }
  }
  if (!def.BuiltIn) validateName(def.Position, def.Name);
  validateDirectives(schema, def.Directives, def.Kind, null);
}

function validateTypeRef(schema: Schema, t: GqlType | null): void {
  if (!schema.Types.has(typeOf(t))) fail(t?.Position ?? null, `Undefined type ${typeOf(t)}.`);
}

function validateArgs(schema: Schema, args: ArgumentDefinition[] | null, current: DirectiveDefinition | null): void {
  for (const arg of args ?? []) {
    validateName(arg.Position, arg.Name);
    validateTypeRef(schema, arg.Type);
    const def = schema.Types.get(typeOf(arg.Type))!;
    if (!isInputType(def)) {
      fail(arg.Position, `cannot use ${arg.Type ? typeString(arg.Type) : ""} as argument ${arg.Name} because ${def.Kind} is not a valid input type`);
    }
    validateDirectives(schema, arg.Directives, "ARGUMENT_DEFINITION", current);
  }
}

function validateDirectives(schema: Schema, dirs: Directive[] | null, location: string, current: DirectiveDefinition | null): void {
  for (const dir of dirs ?? []) {
    validateName(dir.Position, dir.Name);
    if (current && dir.Name === current.Name) fail(dir.Position, `Directive ${current.Name} cannot refer to itself.`);
    const def = schema.Directives.get(dir.Name);
    if (!def) fail(dir.Position, `Undefined directive ${dir.Name}.`);
    if (!(def!.Locations ?? []).includes(location)) fail(dir.Position, `Directive ${dir.Name} is not applicable on ${location}.`);
  }
}

function validateImplements(schema: Schema, def: Definition, intfName: string): void {
  const intf = schema.Types.get(intfName);
  if (!intf) fail(def.Position, `Undefined type ${goQuote(intfName)}.`);
  if (intf!.Kind !== Kind.Interface) fail(def.Position, `${goQuote(intfName)} is a non interface type ${intf!.Kind}.`);
  for (const required of intf!.Fields ?? []) {
    const found = forName(def.Fields, required.Name);
    if (!found) fail(def.Position, `For ${def.Name} to implement ${intf!.Name} it must have a field called ${required.Name}.`);
    if (!isCovariant(schema, required.Type, found!.Type)) {
      fail(found!.Position, `For ${def.Name} to implement ${intf!.Name} the field ${required.Name} must have type ${required.Type ? typeString(required.Type) : ""}.`);
    }
    for (const reqArg of required.Arguments ?? []) {
      const foundArg = forName(found!.Arguments, reqArg.Name);
      if (!foundArg) fail(found!.Position, `For ${def.Name} to implement ${intf!.Name} the field ${required.Name} must have the same arguments but it is missing ${reqArg.Name}.`);
      if (!reqArg.Type || !foundArg!.Type || !isCompatible(reqArg.Type, foundArg!.Type)) {
        fail(foundArg!.Position, `For ${def.Name} to implement ${intf!.Name} the field ${required.Name} must have the same arguments but ${reqArg.Name} has the wrong type.`);
      }
    }
    for (const arg of found!.Arguments ?? []) {
      if (!forName(required.Arguments, arg.Name) && arg.Type?.NonNull && !arg.DefaultValue) {
        fail(arg.Position, `For ${def.Name} to implement ${intf!.Name} any additional arguments on ${found!.Name} must be optional or have a default value but ${arg.Name} is required.`);
      }
    }
  }
  for (const transitive of intf!.Interfaces ?? []) {
    if ((def.Interfaces ?? []).includes(transitive)) continue;
    if (transitive === def.Name) fail(def.Position, `Type ${def.Name} cannot implement ${intfName} because it would create a circular reference.`);
    fail(def.Position, `Type ${def.Name} must implement ${transitive} because it is implemented by ${intfName}.`);
  }
}

function isCovariant(schema: Schema, required: GqlType | null, actual: GqlType | null): boolean {
  if (!required || !actual) return false;
  if (required.NonNull && !actual.NonNull) return false;
  if (required.NamedType !== "") {
    if (required.NamedType === actual.NamedType) return true;
    return (schema.PossibleTypes.get(required.NamedType) ?? []).some((pt) => pt?.Name === actual.NamedType);
  }
  if (required.Elem && !actual.Elem) return false;
  return isCovariant(schema, required.Elem, actual.Elem);
}

function validateName(pos: Pos | null, name: string): void {
  if (name.startsWith("__")) fail(pos, `Name "${name}" must not begin with "__", which is reserved by GraphQL introspection.`);
}
