/**
 * A recursive-descent GraphQL parser with gqlparser's behaviour: the first error
 * wins and later calls become no-ops, lists use gqlparser's `many`/`some` helpers
 * ("expected at least one definition"), and keyword checks compare token values the
 * way gqlparser does. This file holds the shared machinery and executable documents
 * (queries); `schema-parser.ts` adds type-system documents.
 */
import {
  append,
  newDirective,
  newField,
  newFragmentSpread,
  newInlineFragment,
  newType,
  newValue,
  newVariableDefinition,
  ValueKind,
  type Argument,
  type ChildValue,
  type Directive,
  type FragmentDefinition,
  type GqlType,
  type GqlValue,
  type OperationDefinition,
  type Pos,
  type QueryDocument,
  type Selection,
  type VariableDefinition,
} from "./ast.js";
import { Lexer, Tok, tokKindText, tokenText, type LexError, type Token } from "./lexer.js";
import { goQuote } from "../../../ast/value-string.js";

/** A syntax error at a source position. */
export class GraphQLSyntaxError extends Error {
  readonly pos: Pos;
  constructor(message: string, pos: Pos) {
    super(message);
    this.name = "GraphQLSyntaxError";
    this.pos = pos;
  }
}

export class Parser {
  readonly #lexer: Lexer;
  #peeked = false;
  #peekToken: Token = { kind: Tok.EOF, value: "", pos: { line: 1, column: 1 } };
  #peekError: LexError | null = null;
  prev: Token = { kind: Tok.EOF, value: "", pos: { line: 1, column: 1 } };
  err: { message: string; pos: Pos } | null = null;

  constructor(src: string) {
    this.#lexer = new Lexer(src);
  }

  /** Throws the first error recorded, if any. */
  check(): void {
    if (this.err) throw new GraphQLSyntaxError(this.err.message, this.err.pos);
  }

  peek(): Token {
    if (this.err) return this.prev;
    if (!this.#peeked) {
      [this.#peekToken, this.#peekError] = this.#lexer.next();
      this.#peeked = true;
    }
    return this.#peekToken;
  }

  peekPos(): Pos | null {
    if (this.err) return null;
    return this.peek().pos;
  }

  error(tok: Token, message: string): void {
    if (!this.err) this.err = { message, pos: tok.pos };
  }

  next(): Token {
    if (this.err) return this.prev;
    let lexErr: LexError | null;
    if (this.#peeked) {
      this.#peeked = false;
      this.prev = this.#peekToken;
      lexErr = this.#peekError;
    } else {
      [this.prev, lexErr] = this.#lexer.next();
    }
    if (lexErr) this.err = { message: lexErr.message, pos: lexErr.pos };
    return this.prev;
  }

  expectKeyword(value: string): Token {
    const tok = this.peek();
    if (tok.kind === Tok.Name && tok.value === value) return this.next();
    this.error(tok, `Expected ${goQuote(value)}, found ${tokenText(tok)}`);
    return tok;
  }

  expect(kind: Tok): Token {
    const tok = this.peek();
    if (tok.kind === kind) return this.next();
    this.error(tok, `Expected ${tokKindText(kind)}, found ${tokKindText(tok.kind)}`);
    return tok;
  }

  skip(kind: Tok): boolean {
    if (this.err) return false;
    if (this.peek().kind !== kind) return false;
    this.next();
    return true;
  }

  unexpectedError(): void {
    this.unexpectedToken(this.peek());
  }

  unexpectedToken(tok: Token): void {
    this.error(tok, `Unexpected ${tokenText(tok)}`);
  }

  /** Zero or more items between `start` and `end`, if `start` is present. */
  many(start: Tok, end: Tok, item: () => void): void {
    if (!this.skip(start)) return;
    while (this.peek().kind !== end && !this.err) item();
    this.next();
  }

  /** One or more items between `start` and `end`, if `start` is present. */
  some(start: Tok, end: Tok, item: () => void): void {
    if (!this.skip(start)) return;
    let called = false;
    while (this.peek().kind !== end && !this.err) {
      called = true;
      item();
    }
    if (!called) {
      this.error(this.peek(), `expected at least one definition, found ${tokKindText(this.peek().kind)}`);
      return;
    }
    this.next();
  }

  parseName(): string {
    return this.expect(Tok.Name).value;
  }

  // ---- executable documents ------------------------------------------------

  parseQueryDocument(): QueryDocument {
    const doc: QueryDocument = { Operations: null, Fragments: null };
    while (this.peek().kind !== Tok.EOF) {
      if (this.err) return doc;
      const tok = this.peek();
      if (tok.kind === Tok.Name) {
        switch (tok.value) {
          case "query":
          case "mutation":
          case "subscription":
            doc.Operations = append(doc.Operations, this.parseOperationDefinition());
            break;
          case "fragment":
            doc.Fragments = append(doc.Fragments, this.parseFragmentDefinition());
            break;
          default:
            this.unexpectedError();
        }
      } else if (tok.kind === Tok.BraceL) {
        doc.Operations = append(doc.Operations, this.parseOperationDefinition());
      } else {
        this.unexpectedError();
      }
    }
    return doc;
  }

  parseOperationDefinition(): OperationDefinition {
    const od: OperationDefinition = { Operation: "query", Name: "", VariableDefinitions: null, Directives: null, SelectionSet: null, Position: this.peekPos() };
    if (this.peek().kind === Tok.BraceL) {
      od.SelectionSet = this.parseRequiredSelectionSet();
      return od;
    }
    od.Operation = this.parseOperationType();
    if (this.peek().kind === Tok.Name) od.Name = this.next().value;
    od.VariableDefinitions = this.parseVariableDefinitions();
    od.Directives = this.parseDirectives(false);
    od.SelectionSet = this.parseRequiredSelectionSet();
    return od;
  }

  parseOperationType(): string {
    const tok = this.next();
    if (tok.value === "query" || tok.value === "mutation" || tok.value === "subscription") return tok.value;
    this.unexpectedToken(tok);
    return "";
  }

  parseVariableDefinitions(): VariableDefinition[] | null {
    let defs: VariableDefinition[] | null = null;
    this.many(Tok.ParenL, Tok.ParenR, () => {
      defs = append(defs, this.parseVariableDefinition());
    });
    return defs;
  }

  parseVariableDefinition(): VariableDefinition {
    const def = newVariableDefinition();
    def.Position = this.peekPos();
    def.Variable = this.parseVariable();
    this.expect(Tok.Colon);
    def.Type = this.parseTypeReference();
    if (this.skip(Tok.Equals)) def.DefaultValue = this.parseValueLiteral(true);
    def.Directives = this.parseDirectives(false);
    return def;
  }

  parseVariable(): string {
    this.expect(Tok.Dollar);
    return this.parseName();
  }

  parseRequiredSelectionSet(): Selection[] | null {
    if (this.peek().kind !== Tok.BraceL) {
      this.error(this.peek(), `Expected ${tokKindText(Tok.BraceL)}, found ${tokKindText(this.peek().kind)}`);
      return null;
    }
    return this.parseOptionalSelectionSet();
  }

  parseOptionalSelectionSet(): Selection[] | null {
    let selections: Selection[] | null = null;
    this.some(Tok.BraceL, Tok.BraceR, () => {
      selections = append(selections, this.parseSelection());
    });
    return selections;
  }

  parseSelection(): Selection {
    return this.peek().kind === Tok.Spread ? this.parseFragment() : this.parseField();
  }

  parseField(): Selection {
    const field = newField();
    field.Position = this.peekPos();
    field.Alias = this.parseName();
    field.Name = this.skip(Tok.Colon) ? this.parseName() : field.Alias;
    field.Arguments = this.parseArguments(false);
    field.Directives = this.parseDirectives(false);
    if (this.peek().kind === Tok.BraceL) field.SelectionSet = this.parseOptionalSelectionSet();
    return field;
  }

  parseArguments(isConst: boolean): Argument[] | null {
    let args: Argument[] | null = null;
    this.many(Tok.ParenL, Tok.ParenR, () => {
      const arg: Argument = { Name: "", Value: null, Position: this.peekPos() };
      arg.Name = this.parseName();
      this.expect(Tok.Colon);
      arg.Value = this.parseValueLiteral(isConst);
      args = append(args, arg);
    });
    return args;
  }

  parseFragment(): Selection {
    this.expect(Tok.Spread);
    const peek = this.peek();
    if (peek.kind === Tok.Name && peek.value !== "on") {
      const spread = newFragmentSpread();
      spread.Position = this.peekPos();
      spread.Name = this.parseFragmentName();
      spread.Directives = this.parseDirectives(false);
      return spread;
    }
    const inline = newInlineFragment();
    inline.Position = this.peekPos();
    if (this.peek().value === "on") {
      this.next();
      inline.TypeCondition = this.parseName();
    }
    inline.Directives = this.parseDirectives(false);
    inline.SelectionSet = this.parseRequiredSelectionSet();
    return inline;
  }

  parseFragmentDefinition(): FragmentDefinition {
    const def: FragmentDefinition = { Name: "", VariableDefinition: null, TypeCondition: "", Directives: null, SelectionSet: null, Position: this.peekPos(), Definition: null };
    this.expectKeyword("fragment");
    def.Name = this.parseFragmentName();
    def.VariableDefinition = this.parseVariableDefinitions();
    this.expectKeyword("on");
    def.TypeCondition = this.parseName();
    def.Directives = this.parseDirectives(false);
    def.SelectionSet = this.parseRequiredSelectionSet();
    return def;
  }

  parseFragmentName(): string {
    if (this.peek().value === "on") {
      this.unexpectedError();
      return "";
    }
    return this.parseName();
  }

  parseValueLiteral(isConst: boolean): GqlValue | null {
    const tok = this.peek();
    let kind: number;
    switch (tok.kind) {
      case Tok.BracketL:
        return this.#parseList(isConst);
      case Tok.BraceL:
        return this.#parseObject(isConst);
      case Tok.Dollar:
        if (isConst) {
          this.unexpectedError();
          return null;
        }
        return newValue(ValueKind.Variable, this.parseVariable(), tok.pos);
      case Tok.Int:
        kind = ValueKind.IntValue;
        break;
      case Tok.Float:
        kind = ValueKind.FloatValue;
        break;
      case Tok.String:
        kind = ValueKind.StringValue;
        break;
      case Tok.BlockString:
        kind = ValueKind.BlockValue;
        break;
      case Tok.Name:
        kind = tok.value === "true" || tok.value === "false" ? ValueKind.BooleanValue : tok.value === "null" ? ValueKind.NullValue : ValueKind.EnumValue;
        break;
      default:
        this.unexpectedError();
        return null;
    }
    this.next();
    return newValue(kind, tok.value, tok.pos);
  }

  #parseList(isConst: boolean): GqlValue {
    const v = newValue(ValueKind.ListValue, "", this.peekPos());
    this.many(Tok.BracketL, Tok.BracketR, () => {
      v.Children = append<ChildValue>(v.Children, { Name: "", Value: this.parseValueLiteral(isConst), Position: null });
    });
    return v;
  }

  #parseObject(isConst: boolean): GqlValue {
    const v = newValue(ValueKind.ObjectValue, "", this.peekPos());
    this.many(Tok.BraceL, Tok.BraceR, () => {
      const child: ChildValue = { Name: "", Value: null, Position: this.peekPos() };
      child.Name = this.parseName();
      this.expect(Tok.Colon);
      child.Value = this.parseValueLiteral(isConst);
      v.Children = append(v.Children, child);
    });
    return v;
  }

  parseDirectives(isConst: boolean): Directive[] | null {
    let dirs: Directive[] | null = null;
    while (this.peek().kind === Tok.At) {
      if (this.err) break;
      this.expect(Tok.At);
      const d = newDirective();
      d.Position = this.peekPos();
      d.Name = this.parseName();
      d.Arguments = this.parseArguments(isConst);
      dirs = append(dirs, d);
    }
    return dirs;
  }

  parseTypeReference(): GqlType {
    let typ: GqlType;
    if (this.skip(Tok.BracketL)) {
      typ = newType(this.peekPos());
      typ.Elem = this.parseTypeReference();
      this.expect(Tok.BracketR);
    } else {
      typ = newType(this.peekPos());
      typ.NamedType = this.parseName();
    }
    if (this.skip(Tok.Bang)) typ.NonNull = true;
    return typ;
  }
}

/** Parses an executable document (gqlparser's `ParseQuery`). */
export function parseQuery(src: string): QueryDocument {
  const p = new Parser(src);
  const doc = p.parseQueryDocument();
  p.check();
  return doc;
}
