/**
 * GraphQL schema and query parsing and validation, as OPA does it with gqlparser:
 * ASTs are returned in gqlparser's Go shape (see `support/graphql/codec.ts`), and AST
 * objects are accepted back wherever a query or schema string is.
 *
 * The parser, schema checks and validation rules in `support/graphql/` reproduce
 * gqlparser rather than use graphql-js: OPA's error texts ("expected at least one
 * definition", "Unexpected <Invalid>", its column conventions) and its schema rules
 * (extensions may declare types, no `Query` type is required) are gqlparser's.
 */
import { isObject, typeName, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin, type BuiltinContext } from "../types.js";
import { BuiltinError, OperandError, string } from "../operands.js";
import type { Pos, QueryDocument, SchemaDocument } from "../support/graphql/ast.js";
import { DecodeError, decodeQueryDocument, decodeSchemaDocument, encodeQueryDocument, encodeSchemaDocument } from "../support/graphql/codec.js";
import { GraphQLSyntaxError, parseQuery } from "../support/graphql/parser.js";
import { buildSchema, SchemaError, type Schema } from "../support/graphql/schema.js";
import { parseSchema } from "../support/graphql/schema-parser.js";
import { validateQuery } from "../support/graphql/validate.js";

const at = (pos: Pos | null): string => (pos ? ` at location ${pos.line}:${pos.column}` : "");

function syntax<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof GraphQLSyntaxError) throw new BuiltinError(`${e.message} in GraphQL string${at(e.pos)}`);
    throw e;
  }
}

function decoded<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DecodeError) throw new BuiltinError(e.message);
    throw e;
  }
}

/** A query operand: a GraphQL string or an AST object. OPA numbers these operands from 0. */
function queryDoc(v: Value, pos: number): QueryDocument {
  if (typeof v === "string") return syntax(() => parseQuery(v));
  if (isObject(v)) return decoded(() => decodeQueryDocument(v));
  throw new OperandError(`operand ${pos} must be one of {string, object} but got ${typeName(v)}`);
}

/**
 * A per-query memo for work on schema strings. Schema documents, built schemas and
 * AST values are never changed after they are made (validation annotates only the
 * query document), so they can be shared between calls.
 */
function memo<T>(ctx: BuiltinContext, key: string, f: () => T): T {
  if (ctx.cache.has(key)) return ctx.cache.get(key) as T;
  const v = f();
  ctx.cache.set(key, v);
  return v;
}

function schemaDoc(ctx: BuiltinContext, v: Value, pos: number): SchemaDocument {
  if (typeof v === "string") return memo(ctx, `graphql.schema_doc:${v}`, () => syntax(() => parseSchema(v)));
  if (isObject(v)) return decoded(() => decodeSchemaDocument(v));
  throw new OperandError(`operand ${pos} must be one of {string, object} but got ${typeName(v)}`);
}

function schemaOf(ctx: BuiltinContext, v: Value, doc: SchemaDocument): Schema {
  const build = (): Schema => {
    try {
      return buildSchema(doc);
    } catch (e) {
      if (e instanceof SchemaError) throw new BuiltinError(`Error in gqlparser SchemaDocument to Schema conversion: ${e.text()}`);
      throw e;
    }
  };
  return typeof v === "string" ? memo(ctx, `graphql.schema:${v}`, build) : build();
}

/** Validates and reports the first problem, as `graphql.parse` does. */
function validate(schema: Schema, doc: QueryDocument): void {
  const errors = validateQuery(schema, doc);
  if (errors.length === 0) return;
  const first = errors[0]!;
  const message = first.message.endsWith(".") ? first.message.slice(0, -1) : first.message;
  throw new BuiltinError(`${message} in GraphQL string${at(first.pos)}`);
}

/** Both ASTs and the validation, or the first error. */
function parseAndValidate(args: readonly Value[], ctx: BuiltinContext): [Value, Value] {
  const query = queryDoc(args[0]!, 0);
  const schemaDocument = schemaDoc(ctx, args[1]!, 1);
  const schemaAST = typeof args[1] === "string" ? memo(ctx, `graphql.schema_ast:${args[1]}`, () => encodeSchemaDocument(schemaDocument)) : encodeSchemaDocument(schemaDocument);
  const schema = schemaOf(ctx, args[1]!, schemaDocument);
  const queryAST = encodeQueryDocument(query);
  validate(schema, query);
  return [queryAST, schemaAST];
}

/** Whether `f` succeeds without a builtin error (operand type errors count as failure too). */
function succeeds(f: () => void): boolean {
  try {
    f();
    return true;
  } catch (e) {
    if (e instanceof BuiltinError || e instanceof OperandError) return false;
    throw e;
  }
}

const queryOrAST = t.anyOf(t.string, t.object());

export const graphqlBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "graphql.parse",
    args: [
      { name: "query", type: queryOrAST },
      { name: "schema", type: queryOrAST },
    ],
    result: { name: "output", type: t.array(t.object()) },
    categories: ["graphql"],
    description:
      "Returns AST objects for a given GraphQL query and schema after validating the query against the schema. Returns undefined if errors were encountered during parsing or validation. The query and/or schema can be either GraphQL strings or AST objects from the other GraphQL builtin functions.",
    impl: (args, ctx) => parseAndValidate(args, ctx),
  }),
  defineBuiltin({
    name: "graphql.parse_and_verify",
    args: [
      { name: "query", type: queryOrAST },
      { name: "schema", type: queryOrAST },
    ],
    result: { name: "output", type: t.array(t.any) },
    categories: ["graphql"],
    description:
      "Returns a boolean indicating success or failure alongside the parsed ASTs for a given GraphQL query and schema after validating the query against the schema. The query and/or schema can be either GraphQL strings or AST objects from the other GraphQL builtin functions.",
    impl: (args, ctx) => {
      let result: [Value, Value] | undefined;
      if (succeeds(() => (result = parseAndValidate(args, ctx)))) return [true, ...result!];
      return [false, {}, {}];
    },
  }),
  defineBuiltin({
    name: "graphql.parse_query",
    args: [{ name: "query", type: t.string }],
    result: { name: "output", type: t.object() },
    categories: ["graphql"],
    description: "Returns an AST object for a GraphQL query.",
    impl: (args) => encodeQueryDocument(syntax(() => parseQuery(string(args, 1)))),
  }),
  defineBuiltin({
    name: "graphql.parse_schema",
    args: [{ name: "schema", type: t.string }],
    result: { name: "output", type: t.object() },
    categories: ["graphql"],
    description: "Returns an AST object for a GraphQL schema.",
    impl: (args, ctx) => {
      const src = string(args, 1);
      return memo(ctx, `graphql.schema_ast:${src}`, () => encodeSchemaDocument(schemaDoc(ctx, src, 1)));
    },
  }),
  defineBuiltin({
    name: "graphql.is_valid",
    args: [
      { name: "query", type: queryOrAST },
      { name: "schema", type: queryOrAST },
    ],
    result: { name: "output", type: t.boolean },
    categories: ["graphql"],
    description:
      "Checks that a GraphQL query is valid against a given schema. The query and/or schema can be either GraphQL strings or AST objects from the other GraphQL builtin functions.",
    impl: (args, ctx) =>
      succeeds(() => {
        const query = queryDoc(args[0]!, 0);
        validate(schemaOf(ctx, args[1]!, schemaDoc(ctx, args[1]!, 1)), query);
      }),
  }),
  defineBuiltin({
    name: "graphql.schema_is_valid",
    args: [{ name: "schema", type: queryOrAST }],
    result: { name: "output", type: t.boolean },
    categories: ["graphql"],
    description:
      "Checks that the input is a valid GraphQL schema. The schema can be either a GraphQL string or an AST object from the other GraphQL builtin functions.",
    impl: (args, ctx) => succeeds(() => void schemaOf(ctx, args[0]!, schemaDoc(ctx, args[0]!, 0))),
  }),
];
