/**
 * Which contexts an expression reads. A reference chain starts at an identifier that
 * is neither a property (after `.`), a function name (before `(`) nor a literal, and
 * continues through `.name`, `.*` and `[index]`.
 *
 * - `secrets.NAME`, `secrets['NAME']` → a static secret reference;
 * - `secrets[expr]`, `secrets.*`, and `secrets` on its own (`toJSON(secrets)`, a
 *   function argument) → dynamic: the expression can reach any secret;
 * - `vars` likewise;
 * - every other chain → a dotted context path (`github.event.pull_request.head.ref`),
 *   with `*` for an object filter or a computed index.
 *
 * Context names are case-insensitive in GitHub, so the root is lowercased; secret and
 * variable names are case-insensitive too and GitHub stores them uppercased, so they
 * are uppercased to match the names the API lists.
 */
import { tokenizeExpression, type Token } from "./expression-lexer.js";

export interface NamedRef {
  /** The secret or variable name, or `null` when the reference is dynamic. */
  readonly name: string | null;
  readonly dynamic: boolean;
}

export interface ExpressionRefs {
  readonly secrets: readonly NamedRef[];
  readonly vars: readonly NamedRef[];
  /** Other context reads as dotted paths, deduplicated, in source order. */
  readonly contexts: readonly string[];
}

/** A path segment: a property name, or `null` for "any property" (`*` or a computed index). */
type Segment = string | null;

const LITERALS = new Set(["true", "false", "null", "nan", "infinity"]);

export function readExpressionRefs(expression: string): ExpressionRefs {
  const tokens = tokenizeExpression(expression);
  const secrets = new RefSet();
  const vars = new RefSet();
  const contexts = new Set<string>();
  tokens.forEach((token, i) => {
    if (!startsChain(tokens, i)) return;
    const path = readChain(tokens, i);
    const root = token.text.toLowerCase();
    if (root === "secrets") secrets.add(namedRef(path));
    else if (root === "vars") vars.add(namedRef(path));
    else contexts.add([root, ...path.slice(1).map((s) => s ?? "*")].join("."));
  });
  return { secrets: secrets.list(), vars: vars.list(), contexts: [...contexts] };
}

function startsChain(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  if (token.kind !== "ident" || LITERALS.has(token.text.toLowerCase())) return false;
  if (isPunct(tokens[i - 1], ".")) return false;
  return !isPunct(tokens[i + 1], "(");
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token !== undefined && token.kind === "punct" && token.text === text;
}

/** The segments of the chain starting at `start` (its root first). */
function readChain(tokens: readonly Token[], start: number): Segment[] {
  const path: Segment[] = [tokens[start]!.text];
  let j = start + 1;
  for (;;) {
    const token = tokens[j];
    if (isPunct(token, ".")) {
      const next = tokens[j + 1];
      if (next === undefined) return path;
      if (next.kind === "ident") path.push(next.text);
      else if (next.kind === "number") path.push(...next.text.split("."));
      else if (isPunct(next, "*")) path.push(null);
      else return path;
      j += 2;
    } else if (isPunct(token, "[")) {
      const close = matchingBracket(tokens, j);
      const inner = tokens.slice(j + 1, close < 0 ? tokens.length : close);
      path.push(staticIndex(inner));
      if (close < 0) return path;
      j = close + 1;
    } else {
      return path;
    }
  }
}

/** `['name']`, `[0]` and `[*]` are static; anything else is computed (`null`). */
function staticIndex(inner: readonly Token[]): Segment {
  if (inner.length !== 1) return null;
  const only = inner[0]!;
  if (only.kind === "string") return only.value ?? null;
  if (only.kind === "number") return only.text;
  return null;
}

function matchingBracket(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    if (isPunct(tokens[k], "[")) depth++;
    else if (isPunct(tokens[k], "]") && --depth === 0) return k;
  }
  return -1;
}

function namedRef(path: readonly Segment[]): NamedRef {
  const name = path[1];
  if (path.length < 2 || name === null || name === undefined) return { name: null, dynamic: true };
  return { name: name.toUpperCase(), dynamic: false };
}

/** Named references, each once, in source order. */
class RefSet {
  readonly #refs = new Map<string, NamedRef>();

  add(ref: NamedRef): void {
    const key = ref.dynamic ? "\u0000dynamic" : ref.name!;
    if (!this.#refs.has(key)) this.#refs.set(key, ref);
  }

  list(): NamedRef[] {
    return [...this.#refs.values()];
  }
}
