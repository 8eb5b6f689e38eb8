/**
 * The parser's public face: modules, queries and terms from source text. Errors are
 * thrown as `RegoErrors` of `rego_parse_error`s with file, row and column.
 */
import type { IToken, ILexingResult } from "chevrotain";
import { RegoError, RegoErrors } from "../ast/errors.js";
import type * as A from "../ast/nodes.js";
import { spanLocations, type Location } from "../ast/location.js";
import { grammar } from "./grammar.js";
import { CstToAst, type Statement } from "./cst-to-ast.js";
import { fromLexingError, fromRecognitionException, parseError } from "./errors.js";
import { attachAnnotations } from "./annotations.js";
import { tokenLocation } from "./locations.js";
import * as T from "./tokens.js";
import type * as C from "./cst.js";

export interface ParseOptions {
  /** The name locations and errors use (`test-0.rego`, a path). */
  readonly file?: string;
  /** Allow the experimental keywords `and` / `or` (`import future.keywords.and`). */
  readonly experimentalKeywords?: boolean;
}

interface Lexed {
  readonly tokens: IToken[];
  readonly comments: A.Comment[];
}

function lex(source: string, file: string): Lexed {
  const result: ILexingResult = T.RegoLexer.tokenize(source);
  if (result.errors.length > 0) throw new RegoErrors([fromLexingError(result.errors[0]!, file, source)]);
  for (const tok of result.tokens) {
    if (tok.tokenType === T.OpenString || tok.tokenType === T.OpenRawString) {
      throw new RegoErrors([parseError("non-terminated string", tokenLocation(file, tok), source)]);
    }
    if (tok.tokenType === T.BadNumber) {
      const message = /^[0-9]+(?:\.[0-9]+)?[eE][+-]?$/.test(tok.image) ? "expected exponent" : "illegal number format";
      throw new RegoErrors([parseError(message, tokenLocation(file, tok), source)]);
    }
    if (tok.tokenType === T.TemplateString && tok.image.length < 3) {
      throw new RegoErrors([parseError("non-terminated string", tokenLocation(file, tok), source)]);
    }
  }
  const comments = (result.groups["comments"] ?? []).map(
    (tok): A.Comment => ({ type: "Comment", text: tok.image.slice(1).replace(/\r$/, ""), loc: tokenLocation(file, tok) }),
  );
  return { tokens: result.tokens, comments };
}

/** Whether `import future.keywords.<word>` (or of all future keywords) is present. */
function importsKeyword(tokens: readonly IToken[], word: string): boolean {
  for (let i = 0; i + 3 < tokens.length; i++) {
    if (tokens[i]!.tokenType !== T.Import || tokens[i + 1]!.image !== "future") continue;
    const path = [tokens[i + 3]?.image, tokens[i + 4]?.image, tokens[i + 5]?.image];
    if (path[0] === "keywords" && (path[1] !== "." || path[2] === word)) return true;
  }
  return false;
}

/** Future keywords that change how the grammar reads a module. */
interface Keywords {
  /** `not { … }` blocks. */
  readonly not: boolean;
  /** The experimental `and` / `or`. */
  readonly logic: boolean;
}

function keywordsOf(tokens: readonly IToken[]): Keywords {
  return { not: importsKeyword(tokens, "not"), logic: importsKeyword(tokens, "and") || importsKeyword(tokens, "or") };
}

function runGrammar<N>(tokens: IToken[], keywords: Keywords, rule: () => N, file: string, source: string): N {
  grammar.notBlocks = keywords.not;
  grammar.logicKeywords = keywords.logic;
  grammar.input = tokens;
  const cst = rule();
  if (grammar.errors.length > 0) throw new RegoErrors([fromRecognitionException(grammar.errors[0]!, file, source)]);
  return cst;
}

/** Parses an embedded template-string expression in place, keeping source positions. */
function embeddedParser(source: string, file: string): (start: number, end: number) => A.Expr | RegoError {
  return (start, end) => {
    const masked = source.slice(0, start).replace(/[^\n]/g, " ") + source.slice(start, end);
    try {
      const body = parseBodyText(masked, file, source);
      if (body.length !== 1) return parseError("invalid template-string expression", body[0]?.loc ?? endLoc(file, start), source);
      return body[0]!;
    } catch (e) {
      return e instanceof RegoErrors && e.errors[0] ? e.errors[0] : parseError("invalid template-string expression", endLoc(file, start), source);
    }
  };
}

function endLoc(file: string, offset: number): Location {
  return { file, row: 1, col: 1, offset, endOffset: offset };
}

function parseBodyText(text: string, file: string, source: string): A.Body {
  const { tokens } = lex(text, file);
  if (tokens.length === 0) throw new RegoErrors([parseError("empty query", endLoc(file, 0), source)]);
  const cst = runGrammar(tokens, keywordsOf(tokens), () => grammar.query(), file, source) as unknown as C.QueryCstNode;
  const builder = new CstToAst(file, source, embeddedParser(source, file));
  const body = builder.query(cst.children, builder.loc(cst));
  if (builder.errors.length > 0) throw new RegoErrors(builder.errors);
  return body;
}

/** Parses a Rego module. */
export function parseModule(source: string, options: ParseOptions = {}): A.Module {
  const file = options.file ?? "";
  const { tokens, comments } = lex(source, file);
  if (tokens.length === 0) throw new RegoErrors([new RegoError("rego_parse_error", "empty module", { file, row: 1, col: 1, offset: 0, endOffset: 0 })]);
  const cst = runGrammar(tokens, keywordsOf(tokens), () => grammar.module(), file, source) as unknown as C.ModuleCstNode;
  const builder = new CstToAst(file, source, embeddedParser(source, file), options.experimentalKeywords ?? false);
  const statements = builder.module(cst.children);
  const first = statements[0];
  if (!first || first.type !== "Package") {
    // As in OPA, a module that does not start with its package is that one error: what
    // follows was not read as statements of a module.
    throw new RegoErrors([parseError("package expected", first?.loc ?? tokenLocation(file, tokens[0]!), source)]);
  }
  const errors = [...builder.errors];
  const { byStatement, errors: annotationErrors } = attachAnnotations(comments, statements, source);
  errors.push(...annotationErrors);
  if (errors.length > 0) throw new RegoErrors(errors);

  const pkg = first as A.Package;
  const imports: A.Import[] = [];
  const rules: A.Rule[] = [];
  for (const s of statements.slice(1)) {
    if (s.type === "Package") errors.push(parseError("unexpected package", s.loc, source));
    else if (s.type === "Import") imports.push(s);
    else rules.push(byStatement.has(s) ? { ...s, annotations: byStatement.get(s)! } : s);
  }
  if (errors.length > 0) throw new RegoErrors(errors);
  const last = statements[statements.length - 1]!;
  return {
    type: "Module",
    package: pkg,
    imports,
    rules,
    comments,
    annotations: byStatement.get(pkg) ?? [],
    file,
    source,
    loc: spanLocations(pkg.loc, last.loc),
  };
}

/** Parses a query: literals separated by `;` or line breaks. */
export function parseQuery(source: string, options: ParseOptions = {}): A.Body {
  return parseBodyText(source, options.file ?? "", source);
}

/** Parses a single term (for `input_term` and the like). */
export function parseTerm(source: string, options: ParseOptions = {}): A.Term {
  const body = parseQuery(source, options);
  const only = body[0];
  if (body.length !== 1 || !only || only.negated || only.with.length > 0 || !isTerm(only.node)) {
    throw new RegoErrors([parseError("expected exactly one term", only?.loc ?? endLoc(options.file ?? "", 0), source)]);
  }
  return only.node;
}

function isTerm(n: A.ExprNode): n is A.Term {
  return !["Unify", "Assign", "SomeDecl", "SomeIn", "Every", "Block", "Logic"].includes(n.type);
}

export type { Statement };
