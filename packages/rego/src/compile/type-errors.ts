/**
 * The type checker's messages, worded and laid out as OPA's (check.go's error details):
 * `have:`/`want:` lines for calls, `left`/`right` for unifications, and for refs the
 * ref with a caret under the step that fails.
 */
import { compareValues } from "../ast/compare.js";
import { stringKeyText } from "../ast/ref-name.js";
import type { Value } from "../ast/value.js";
import { valueToString } from "../ast/value-string.js";
import type * as P from "./plan.js";
import { typeString, type MaybeType, type Type } from "./static-types.js";

/** An argument type with the name OPA prints before it in `want:` (none for user functions). */
export interface NamedType {
  readonly name: string | undefined;
  readonly type: Type;
}

function namedTypeString(n: NamedType): string {
  return n.name === undefined ? typeString(n.type) : `${n.name}: ${typeString(n.type)}`;
}

function typeList(types: readonly MaybeType[]): string {
  return `(${types.map(typeString).join(", ")})`;
}

/** A call whose operand cannot have its argument's type; `want` lists the result too. */
export function invalidArguments(name: string, have: readonly MaybeType[], want: readonly NamedType[], variadic: boolean): string {
  const named = want.map(namedTypeString);
  if (variadic) named.push("any...");
  return `${name}: invalid argument(s)\n\thave: ${typeList(have)}\n\twant: (${named.join(", ")})`;
}

/** A call (or a `with` replacement) with the wrong number, or types, of arguments. */
export function arityMismatch(name: string, have: readonly MaybeType[], want: readonly NamedType[]): string {
  return `${name}: arity mismatch\n\thave: ${typeList(have)}\n\twant: (${want.map(namedTypeString).join(", ")})`;
}

export function matchError(left: MaybeType, right: MaybeType): string {
  return `match error\n\tleft  : ${typeString(left)}\n\tright : ${typeString(right)}`;
}

/** Step `i` of `t` goes into a value that has no elements (a scalar of type `have`). */
export function refUnsupported(t: P.PRef, i: number, have: Type): string {
  return `${refHeader(t)}\n\t${"^".repeat(refString(t, i).length)}\n\thave: ${typeString(have)}`;
}

/** The first `n` steps of `t` name a function, which is not a value: OPA prints its type. */
export function refToFunction(t: P.PRef, n: number, args: readonly Type[], result: MaybeType): string {
  return `${refHeader(t)}\n\t${"^".repeat(refString(t, n).length)}\n\thave: ${typeList(args)} => ${typeString(result)}`;
}

/** Step `i` of `t` is a constant key that a value of type `of` does not have. */
export function refBadKey(t: P.PRef, i: number, key: Value, keyType: Type, of: Type): string {
  const pad = padTo(t, i);
  return `${refHeader(t)}\n\t${pad}^\n\t${pad}have: ${valueToString(key)}\n\t${pad}${wantKeys(keyType, of)}`;
}

/** Step `i` of `t` is a key of type `have` where a value of type `of` has keys of type `keyType`. */
export function refBadKeyType(t: P.PRef, i: number, have: MaybeType, keyType: Type, of: Type): string {
  const pad = padTo(t, i);
  return `${refHeader(t)}\n\t${pad}^\n\t${pad}have (type): ${typeString(have)}\n\t${pad}${wantKeys(keyType, of)}`;
}

/** The keys an object's type names, or else their type. */
function wantKeys(keyType: Type, of: Type): string {
  const oneOf = oneOfKeys(of);
  return oneOf.length > 0 ? `want (one of): [${oneOf.map(valueToString).join(" ")}]` : `want (type): ${typeString(keyType)}`;
}

function refHeader(t: P.PRef): string {
  const text = refString(t, t.path.length);
  return `undefined ref: ${text}\n\t${text}`;
}

/** Spaces up to step `i` of the ref as printed (the step's own first character). */
function padTo(t: P.PRef, i: number): string {
  return " ".repeat(refString(t, i).length + 1);
}

/** The constant keys an object type allows, for `want (one of)`. */
function oneOfKeys(t: Type): Value[] {
  const out: Value[] = [];
  const add = (x: Type): void => {
    if (x.k === "object") for (const p of x.static) if (!out.some((o) => compareValues(o, p.key) === 0)) out.push(p.key);
    if (x.k === "any") x.of.forEach(add);
  };
  add(t);
  return out.sort(compareValues);
}

/** A ref's head and first `n` steps as OPA prints a ref (`x.y[0]`). */
function refString(t: P.PRef, n: number): string {
  let s = termName(t.head);
  for (let i = 0; i < n && i < t.path.length; i++) {
    const p = t.path[i]!;
    s += p.k === "const" && typeof p.v === "string" ? stringKeyText(p.v) : `[${termName(p)}]`;
  }
  return s;
}

function termName(t: P.PTerm): string {
  switch (t.k) {
    case "local":
      return t.name.startsWith("$") ? "_" : t.name;
    case "const":
      return valueToString(t.v);
    case "input":
    case "data":
      return t.k;
    default:
      return "_";
  }
}
