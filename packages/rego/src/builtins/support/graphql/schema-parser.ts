/**
 * Type-system documents (gqlparser's `ParseSchema`): type, schema and directive
 * definitions and their extensions. Extensions must add something ("Unexpected
 * <EOF>" otherwise), and a description before `extend` is an error.
 */
import {
  append,
  Kind,
  newArgumentDefinition,
  newDefinition,
  newFieldDefinition,
  newSchemaDocument,
  type ArgumentDefinition,
  type Definition,
  type DirectiveDefinition,
  type EnumValueDefinition,
  type FieldDefinition,
  type OperationTypeDefinition,
  type SchemaDefinition,
  type SchemaDocument,
} from "./ast.js";
import { Tok } from "./lexer.js";
import { Parser } from "./parser.js";

const DIRECTIVE_LOCATIONS = new Set([
  "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
  "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
  "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
]);

const TYPE_KEYWORDS: Readonly<Record<string, string>> = {
  scalar: Kind.Scalar,
  type: Kind.Object,
  interface: Kind.Interface,
  union: Kind.Union,
  enum: Kind.Enum,
  input: Kind.InputObject,
};

class SchemaParser extends Parser {
  parseSchemaDocument(): SchemaDocument {
    const doc = newSchemaDocument();
    while (this.peek().kind !== Tok.EOF) {
      if (this.err) return doc;
      let description = "";
      if (this.peek().kind === Tok.BlockString || this.peek().kind === Tok.String) description = this.next().value;
      if (this.peek().kind !== Tok.Name) {
        this.unexpectedError();
        break;
      }
      const word = this.peek().value;
      if (TYPE_KEYWORDS[word] !== undefined) {
        doc.Definitions = append(doc.Definitions, this.#parseTypeDefinition(word, description));
      } else if (word === "schema") {
        doc.Schema = append(doc.Schema, this.#parseSchemaDefinition(description));
      } else if (word === "directive") {
        doc.Directives = append(doc.Directives, this.#parseDirectiveDefinition(description));
      } else if (word === "extend") {
        if (description !== "") this.unexpectedToken(this.prev);
        this.#parseExtension(doc);
      } else {
        this.unexpectedError();
        return doc;
      }
    }
    return doc;
  }

  #parseDescription(): string {
    const k = this.peek().kind;
    return k === Tok.BlockString || k === Tok.String ? this.next().value : "";
  }

  #parseTypeDefinition(word: string, description: string): Definition {
    this.expectKeyword(word);
    const def = newDefinition(TYPE_KEYWORDS[word]!);
    def.Position = this.peekPos();
    def.Description = description;
    def.Name = this.parseName();
    switch (def.Kind) {
      case Kind.Scalar:
        def.Directives = this.parseDirectives(true);
        break;
      case Kind.Object:
      case Kind.Interface:
        def.Interfaces = this.#parseImplements();
        def.Directives = this.parseDirectives(true);
        def.Fields = this.#parseFields();
        break;
      case Kind.Union:
        def.Directives = this.parseDirectives(true);
        def.Types = this.#parseUnionMembers();
        break;
      case Kind.Enum:
        def.Directives = this.parseDirectives(true);
        def.EnumValues = this.#parseEnumValues();
        break;
      case Kind.InputObject:
        def.Directives = this.parseDirectives(true);
        def.Fields = this.#parseInputFields();
        break;
    }
    return def;
  }

  #parseSchemaDefinition(description: string): SchemaDefinition {
    this.expectKeyword("schema");
    const def: SchemaDefinition = { Description: description, Directives: null, OperationTypes: null, Position: this.peekPos() };
    def.Directives = this.parseDirectives(true);
    this.some(Tok.BraceL, Tok.BraceR, () => {
      def.OperationTypes = append(def.OperationTypes, this.#parseOperationTypeDefinition());
    });
    return def;
  }

  #parseOperationTypeDefinition(): OperationTypeDefinition {
    const op: OperationTypeDefinition = { Operation: "", Type: "", Position: this.peekPos() };
    op.Operation = this.parseOperationType();
    this.expect(Tok.Colon);
    op.Type = this.parseName();
    return op;
  }

  #parseImplements(): string[] | null {
    let types: string[] | null = null;
    if (this.peek().value === "implements") {
      this.next();
      this.skip(Tok.Amp);
      types = append(types, this.parseName());
      while (this.skip(Tok.Amp) && !this.err) types = append(types, this.parseName());
    }
    return types;
  }

  #parseFields(): FieldDefinition[] | null {
    let defs: FieldDefinition[] | null = null;
    this.some(Tok.BraceL, Tok.BraceR, () => {
      const def = newFieldDefinition();
      def.Position = this.peekPos();
      def.Description = this.#parseDescription();
      def.Name = this.parseName();
      def.Arguments = this.#parseArgumentDefs();
      this.expect(Tok.Colon);
      def.Type = this.parseTypeReference();
      def.Directives = this.parseDirectives(true);
      defs = append(defs, def);
    });
    return defs;
  }

  #parseArgumentDefs(): ArgumentDefinition[] | null {
    let args: ArgumentDefinition[] | null = null;
    this.some(Tok.ParenL, Tok.ParenR, () => {
      const def = newArgumentDefinition();
      def.Position = this.peekPos();
      def.Description = this.#parseDescription();
      def.Name = this.parseName();
      this.expect(Tok.Colon);
      def.Type = this.parseTypeReference();
      if (this.skip(Tok.Equals)) def.DefaultValue = this.parseValueLiteral(true);
      def.Directives = this.parseDirectives(true);
      args = append(args, def);
    });
    return args;
  }

  #parseInputFields(): FieldDefinition[] | null {
    let defs: FieldDefinition[] | null = null;
    this.some(Tok.BraceL, Tok.BraceR, () => {
      const def = newFieldDefinition();
      def.Position = this.peekPos();
      def.Description = this.#parseDescription();
      def.Name = this.parseName();
      this.expect(Tok.Colon);
      def.Type = this.parseTypeReference();
      if (this.skip(Tok.Equals)) def.DefaultValue = this.parseValueLiteral(true);
      def.Directives = this.parseDirectives(true);
      defs = append(defs, def);
    });
    return defs;
  }

  #parseUnionMembers(): string[] | null {
    let types: string[] | null = null;
    if (this.skip(Tok.Equals)) {
      this.skip(Tok.Pipe);
      types = append(types, this.parseName());
      while (this.skip(Tok.Pipe) && !this.err) types = append(types, this.parseName());
    }
    return types;
  }

  #parseEnumValues(): EnumValueDefinition[] | null {
    let values: EnumValueDefinition[] | null = null;
    this.some(Tok.BraceL, Tok.BraceR, () => {
      const def: EnumValueDefinition = { Description: "", Name: "", Directives: null, Position: this.peekPos() };
      def.Description = this.#parseDescription();
      def.Name = this.parseName();
      def.Directives = this.parseDirectives(true);
      values = append(values, def);
    });
    return values;
  }

  #parseExtension(doc: SchemaDocument): void {
    this.expectKeyword("extend");
    const word = this.peek().value;
    if (word === "schema") {
      this.expectKeyword("schema");
      const def: SchemaDefinition = { Description: "", Directives: null, OperationTypes: null, Position: this.peekPos() };
      def.Directives = this.parseDirectives(true);
      this.some(Tok.BraceL, Tok.BraceR, () => {
        def.OperationTypes = append(def.OperationTypes, this.#parseOperationTypeDefinition());
      });
      if (def.Directives === null && def.OperationTypes === null) this.unexpectedError();
      doc.SchemaExtension = append(doc.SchemaExtension, def);
      return;
    }
    const kind = TYPE_KEYWORDS[word];
    if (kind === undefined) {
      this.unexpectedError();
      return;
    }
    this.expectKeyword(word);
    const def = newDefinition(kind);
    def.Position = this.peekPos();
    def.Name = this.parseName();
    let empty: boolean;
    switch (kind) {
      case Kind.Scalar:
        def.Directives = this.parseDirectives(true);
        empty = def.Directives === null;
        break;
      case Kind.Object:
        def.Interfaces = this.#parseImplements();
        def.Directives = this.parseDirectives(true);
        def.Fields = this.#parseFields();
        empty = def.Interfaces === null && def.Directives === null && def.Fields === null;
        break;
      case Kind.Interface:
        def.Directives = this.parseDirectives(true);
        def.Fields = this.#parseFields();
        empty = def.Directives === null && def.Fields === null;
        break;
      case Kind.Union:
        def.Directives = this.parseDirectives(true);
        def.Types = this.#parseUnionMembers();
        empty = def.Directives === null && def.Types === null;
        break;
      case Kind.Enum:
        def.Directives = this.parseDirectives(true);
        def.EnumValues = this.#parseEnumValues();
        empty = def.Directives === null && def.EnumValues === null;
        break;
      default:
        def.Directives = this.parseDirectives(false);
        def.Fields = this.#parseInputFields();
        empty = def.Directives === null && def.Fields === null;
    }
    if (empty) this.unexpectedError();
    doc.Extensions = append(doc.Extensions, def);
  }

  #parseDirectiveDefinition(description: string): DirectiveDefinition {
    this.expectKeyword("directive");
    this.expect(Tok.At);
    const def: DirectiveDefinition = { Description: description, Name: "", Arguments: null, Locations: null, IsRepeatable: false, Position: this.peekPos() };
    def.Name = this.parseName();
    def.Arguments = this.#parseArgumentDefs();
    const peek = this.peek();
    if (peek.kind === Tok.Name && peek.value === "repeatable") {
      def.IsRepeatable = true;
      this.skip(Tok.Name);
    }
    this.expectKeyword("on");
    this.skip(Tok.Pipe);
    const locations = [this.#parseDirectiveLocation()];
    while (this.skip(Tok.Pipe) && !this.err) locations.push(this.#parseDirectiveLocation());
    def.Locations = locations;
    return def;
  }

  #parseDirectiveLocation(): string {
    const name = this.expect(Tok.Name);
    if (DIRECTIVE_LOCATIONS.has(name.value)) return name.value;
    this.unexpectedToken(name);
    return "";
  }
}

/** Parses a type-system document; `builtIn` marks its type definitions (the prelude). */
export function parseSchema(src: string, builtIn = false): SchemaDocument {
  const p = new SchemaParser(src);
  const doc = p.parseSchemaDocument();
  p.check();
  if (builtIn) {
    for (const d of doc.Definitions ?? []) d.BuiltIn = true;
    for (const d of doc.Extensions ?? []) d.BuiltIn = true;
  }
  return doc;
}
