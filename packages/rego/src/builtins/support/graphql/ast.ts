/**
 * The GraphQL AST in the shape of gqlparser's Go structs (vektah/gqlparser v2, as
 * vendored by OPA): the `graphql.*` builtins return these structures as objects, so
 * property names are the Go field names. `null` stands for a Go nil pointer or nil
 * slice. Fields marked "validation" are filled in by the validator's walk; they are
 * part of the JSON shape because Go serializes them too (as `null` before validation).
 * `Position` is never serialized (OPA drops it).
 */

/** A source position: 1-based line and column (columns count code points). */
export interface Pos {
  readonly line: number;
  readonly column: number;
}

/** Value kinds: the numbers are what the `Kind` field serializes to. */
export const ValueKind = {
  Variable: 0,
  IntValue: 1,
  FloatValue: 2,
  StringValue: 3,
  BlockValue: 4,
  BooleanValue: 5,
  NullValue: 6,
  EnumValue: 7,
  ListValue: 8,
  ObjectValue: 9,
} as const;

export interface GqlType {
  NamedType: string;
  Elem: GqlType | null;
  NonNull: boolean;
  Position: Pos | null;
}

export interface GqlValue {
  Raw: string;
  Children: ChildValue[] | null;
  Kind: number;
  Position: Pos | null;
  // validation
  Definition: Definition | null;
  VariableDefinition: VariableDefinition | null;
  ExpectedType: GqlType | null;
  ExpectedTypeHasDefault: boolean;
}

export interface ChildValue {
  Name: string;
  Value: GqlValue | null;
  Position: Pos | null;
}

export interface Argument {
  Name: string;
  Value: GqlValue | null;
  Position: Pos | null;
}

export interface Directive {
  Name: string;
  Arguments: Argument[] | null;
  Position: Pos | null;
  // validation
  ParentDefinition: Definition | null;
  Definition: DirectiveDefinition | null;
  Location: string;
}

export interface Field {
  readonly $kind: "Field";
  Alias: string;
  Name: string;
  Arguments: Argument[] | null;
  Directives: Directive[] | null;
  SelectionSet: Selection[] | null;
  Position: Pos | null;
  // validation
  Definition: FieldDefinition | null;
  ObjectDefinition: Definition | null;
}

export interface FragmentSpread {
  readonly $kind: "FragmentSpread";
  Name: string;
  Directives: Directive[] | null;
  Position: Pos | null;
  // validation
  ObjectDefinition: Definition | null;
  Definition: FragmentDefinition | null;
}

export interface InlineFragment {
  readonly $kind: "InlineFragment";
  TypeCondition: string;
  Directives: Directive[] | null;
  SelectionSet: Selection[] | null;
  Position: Pos | null;
  // validation
  ObjectDefinition: Definition | null;
}

export type Selection = Field | FragmentSpread | InlineFragment;

export interface VariableDefinition {
  Variable: string;
  Type: GqlType | null;
  DefaultValue: GqlValue | null;
  Directives: Directive[] | null;
  Position: Pos | null;
  // validation
  Definition: Definition | null;
  Used: boolean;
}

export interface OperationDefinition {
  Operation: string;
  Name: string;
  VariableDefinitions: VariableDefinition[] | null;
  Directives: Directive[] | null;
  SelectionSet: Selection[] | null;
  Position: Pos | null;
}

export interface FragmentDefinition {
  Name: string;
  VariableDefinition: VariableDefinition[] | null;
  TypeCondition: string;
  Directives: Directive[] | null;
  SelectionSet: Selection[] | null;
  Position: Pos | null;
  // validation
  Definition: Definition | null;
}

export interface QueryDocument {
  Operations: OperationDefinition[] | null;
  Fragments: FragmentDefinition[] | null;
}

export interface ArgumentDefinition {
  Description: string;
  Name: string;
  DefaultValue: GqlValue | null;
  Type: GqlType | null;
  Directives: Directive[] | null;
  Position: Pos | null;
}

export interface FieldDefinition {
  Description: string;
  Name: string;
  Arguments: ArgumentDefinition[] | null;
  DefaultValue: GqlValue | null;
  Type: GqlType | null;
  Directives: Directive[] | null;
  Position: Pos | null;
}

export interface EnumValueDefinition {
  Description: string;
  Name: string;
  Directives: Directive[] | null;
  Position: Pos | null;
}

/** Object, interface, union, enum, scalar and input types, and their extensions. */
export interface Definition {
  Kind: string;
  Description: string;
  Name: string;
  Directives: Directive[] | null;
  Interfaces: string[] | null;
  Fields: FieldDefinition[] | null;
  Types: string[] | null;
  EnumValues: EnumValueDefinition[] | null;
  Position: Pos | null;
  BuiltIn: boolean;
}

export interface DirectiveDefinition {
  Description: string;
  Name: string;
  Arguments: ArgumentDefinition[] | null;
  Locations: string[] | null;
  IsRepeatable: boolean;
  Position: Pos | null;
}

export interface OperationTypeDefinition {
  Operation: string;
  Type: string;
  Position: Pos | null;
}

export interface SchemaDefinition {
  Description: string;
  Directives: Directive[] | null;
  OperationTypes: OperationTypeDefinition[] | null;
  Position: Pos | null;
}

export interface SchemaDocument {
  Schema: SchemaDefinition[] | null;
  SchemaExtension: SchemaDefinition[] | null;
  Directives: DirectiveDefinition[] | null;
  Definitions: Definition[] | null;
  Extensions: Definition[] | null;
}

export const Kind = {
  Scalar: "SCALAR",
  Object: "OBJECT",
  Interface: "INTERFACE",
  Union: "UNION",
  Enum: "ENUM",
  InputObject: "INPUT_OBJECT",
} as const;

// ---- constructors ----------------------------------------------------------

export function newType(pos: Pos | null): GqlType {
  return { NamedType: "", Elem: null, NonNull: false, Position: pos };
}

export function namedType(name: string, nonNull = false): GqlType {
  return { NamedType: name, Elem: null, NonNull: nonNull, Position: null };
}

export function newValue(kind: number, raw: string, pos: Pos | null): GqlValue {
  return { Raw: raw, Children: null, Kind: kind, Position: pos, Definition: null, VariableDefinition: null, ExpectedType: null, ExpectedTypeHasDefault: false };
}

export function newDirective(): Directive {
  return { Name: "", Arguments: null, Position: null, ParentDefinition: null, Definition: null, Location: "" };
}

export function newField(): Field {
  return { $kind: "Field", Alias: "", Name: "", Arguments: null, Directives: null, SelectionSet: null, Position: null, Definition: null, ObjectDefinition: null };
}

export function newFragmentSpread(): FragmentSpread {
  return { $kind: "FragmentSpread", Name: "", Directives: null, Position: null, ObjectDefinition: null, Definition: null };
}

export function newInlineFragment(): InlineFragment {
  return { $kind: "InlineFragment", TypeCondition: "", Directives: null, SelectionSet: null, Position: null, ObjectDefinition: null };
}

export function newVariableDefinition(): VariableDefinition {
  return { Variable: "", Type: null, DefaultValue: null, Directives: null, Position: null, Definition: null, Used: false };
}

export function newDefinition(kind: string): Definition {
  return { Kind: kind, Description: "", Name: "", Directives: null, Interfaces: null, Fields: null, Types: null, EnumValues: null, Position: null, BuiltIn: false };
}

export function newFieldDefinition(): FieldDefinition {
  return { Description: "", Name: "", Arguments: null, DefaultValue: null, Type: null, Directives: null, Position: null };
}

export function newArgumentDefinition(): ArgumentDefinition {
  return { Description: "", Name: "", DefaultValue: null, Type: null, Directives: null, Position: null };
}

export function newSchemaDocument(): SchemaDocument {
  return { Schema: null, SchemaExtension: null, Directives: null, Definitions: null, Extensions: null };
}

/** Appends to a Go-style nil-able slice. */
export function append<T>(list: T[] | null, ...items: T[]): T[] | null {
  if (items.length === 0) return list;
  return list ? [...list, ...items] : [...items];
}

// ---- type helpers (gqlparser's Type methods) --------------------------------

/** The innermost named type. */
export function typeName(t: GqlType): string {
  return t.Elem ? typeName(t.Elem) : t.NamedType;
}

export function typeString(t: GqlType): string {
  const s = t.Elem ? `[${typeString(t.Elem)}]` : t.NamedType;
  return t.NonNull ? s + "!" : s;
}

/** Whether `other` may be used where `t` is declared (gqlparser's `IsCompatible`). */
export function isCompatible(t: GqlType, other: GqlType): boolean {
  if (t.NamedType !== other.NamedType) return false;
  if (t.Elem && other.Elem && !isCompatible(t.Elem, other.Elem)) return false;
  if (t.Elem && !other.Elem) return false;
  if (other.NonNull && !t.NonNull) return false;
  return true;
}

export function isLeafType(d: Definition): boolean {
  return d.Kind === Kind.Enum || d.Kind === Kind.Scalar;
}

export function isAbstractType(d: Definition): boolean {
  return d.Kind === Kind.Interface || d.Kind === Kind.Union;
}

export function isCompositeType(d: Definition): boolean {
  return d.Kind === Kind.Object || d.Kind === Kind.Interface || d.Kind === Kind.Union;
}

export function isInputType(d: Definition): boolean {
  return d.Kind === Kind.Scalar || d.Kind === Kind.Enum || d.Kind === Kind.InputObject;
}

export function forName<T extends { Name: string }>(list: readonly T[] | null, name: string): T | null {
  if (list) for (const x of list) if (x.Name === name) return x;
  return null;
}
