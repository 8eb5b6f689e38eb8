/**
 * The builtin table's types. Each builtin is declared once, with its implementation
 * beside it, in `families/<family>.ts`; `registry.ts` joins the families.
 */
import type { Value } from "../ast/value.js";

/** Declared types, in OPA's vocabulary; used for docs, capabilities and arity checks. */
export type TypeSpec =
  | { readonly kind: "any" | "null" | "boolean" | "number" | "string" }
  | { readonly kind: "array" | "set"; readonly of: TypeSpec }
  | { readonly kind: "object"; readonly key: TypeSpec; readonly value: TypeSpec }
  | { readonly kind: "anyOf"; readonly of: readonly TypeSpec[] };

export const t = {
  any: { kind: "any" } as TypeSpec,
  null: { kind: "null" } as TypeSpec,
  boolean: { kind: "boolean" } as TypeSpec,
  number: { kind: "number" } as TypeSpec,
  string: { kind: "string" } as TypeSpec,
  array: (of: TypeSpec = { kind: "any" }): TypeSpec => ({ kind: "array", of }),
  set: (of: TypeSpec = { kind: "any" }): TypeSpec => ({ kind: "set", of }),
  object: (key: TypeSpec = { kind: "any" }, value: TypeSpec = { kind: "any" }): TypeSpec => ({ kind: "object", key, value }),
  anyOf: (...of: TypeSpec[]): TypeSpec => ({ kind: "anyOf", of }),
};

export interface ArgSpec {
  readonly name: string;
  readonly type: TypeSpec;
  readonly description?: string;
}

export interface BuiltinDecl {
  /** Exactly OPA's name: `count`, `array.concat`, `internal.member_2`. */
  readonly name: string;
  /** The operator symbol for infix builtins (`+` for `plus`). */
  readonly infix?: string;
  readonly args: readonly ArgSpec[];
  readonly result: ArgSpec;
  readonly categories: readonly string[];
  readonly description: string;
  /** Returns different values for the same arguments (`time.now_ns`, `rand.intn`): cached per query. */
  readonly nondeterministic?: boolean;
  /** Any number of arguments (only `print`). */
  readonly variadic?: boolean;
  /** Called for its effect, like `print`: OPA declares no result (capabilities leave it out). */
  readonly void?: boolean;
  /** Deprecated before Rego v1: declared for capabilities, rejected at compile time. */
  readonly deprecated?: boolean;
}

/** What the evaluator lends a builtin for one call. */
export interface BuiltinContext {
  /** Nanoseconds since the epoch, fixed for the whole query. */
  readonly nowNs: bigint;
  /** Per-query cache, keyed by the builtin's own keys (non-determinism, compiled regexes). */
  readonly cache: Map<string, unknown>;
  /** What `opa.runtime()` returns, as the host describes itself; `{}` when the host says nothing. */
  readonly runtime: Value | undefined;
  /** Where `print` output goes. */
  readonly print: (message: string) => void;
  /**
   * Parses a module into OPA's AST JSON, for `rego.parse_module` (builtins cannot
   * reach the parser themselves); throws a `BuiltinError` with the parse errors.
   */
  readonly parseModule?: (file: string, source: string) => Value;
  /**
   * Hosts `http.send` and `net.lookup_ip_addr` may reach (lower case, no brackets);
   * empty, the default, means the network is off.
   */
  readonly allowNet: ReadonlySet<string>;
  /** The query's deadline in `performance.now()` milliseconds, for builtins that wait. */
  readonly deadline?: number;
  /** Where `internal.test_case` reports a test case starting (the test runner listens). */
  readonly testCase?: (path: Value) => void;
}

/**
 * A builtin implementation: returns the result, or `undefined` when the call is
 * undefined. Throws `OperandError` for a wrongly typed operand and `BuiltinError` for
 * a bad value; the evaluator adds the name, code and location.
 */
export type BuiltinImpl = (args: readonly Value[], ctx: BuiltinContext) => Value | undefined;

/**
 * A relation (OPA's `Relation: true`, e.g. `walk`): yields any number of results, each
 * one a separate solution of the call. Errors follow the same rules as `BuiltinImpl`.
 */
export type BuiltinRelation = (args: readonly Value[], ctx: BuiltinContext) => Iterable<Value>;

export interface Builtin extends BuiltinDecl {
  /** Absent for builtins that are only declared: calling one is an `unsupported built-in` error. */
  readonly impl?: BuiltinImpl;
  /** Set instead of `impl` for relations, which have several results per call. */
  readonly relation?: BuiltinRelation;
}

export function defineBuiltin(b: Builtin): Builtin {
  return b;
}
