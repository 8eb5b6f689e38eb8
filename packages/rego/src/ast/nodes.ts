/**
 * The Rego AST: discriminated unions on `type`, every node with a required `loc`.
 * Immutable after parsing; compiler products live in side tables, never in nodes.
 */
import type { Location } from "./location.js";
import type { NumberValue } from "./number.js";

// ---------------------------------------------------------------- terms

export interface NullTerm {
  readonly type: "Null";
  readonly loc: Location;
}
export interface BooleanTerm {
  readonly type: "Boolean";
  readonly value: boolean;
  readonly loc: Location;
}
export interface NumberTerm {
  readonly type: "Number";
  readonly value: NumberValue;
  readonly loc: Location;
}
export interface StringTerm {
  readonly type: "String";
  readonly value: string;
  readonly loc: Location;
}
/** A variable. Wildcards `_` get unique names `$0`, `$1`, … as in OPA. */
export interface VarTerm {
  readonly type: "Var";
  readonly name: string;
  readonly loc: Location;
}
/** `head.a[b]…`: dotted fields are String terms in `path`. */
export interface RefTerm {
  readonly type: "Ref";
  readonly head: Term;
  readonly path: readonly Term[];
  readonly loc: Location;
}
export interface ArrayTerm {
  readonly type: "Array";
  readonly items: readonly Term[];
  readonly loc: Location;
}
export interface ObjectTerm {
  readonly type: "Object";
  readonly entries: readonly (readonly [Term, Term])[];
  readonly loc: Location;
}
export interface SetTerm {
  readonly type: "Set";
  readonly items: readonly Term[];
  readonly loc: Location;
}
export interface ArrayComprehension {
  readonly type: "ArrayComprehension";
  readonly head: Term;
  readonly body: Body;
  readonly loc: Location;
}
export interface SetComprehension {
  readonly type: "SetComprehension";
  readonly head: Term;
  readonly body: Body;
  readonly loc: Location;
}
export interface ObjectComprehension {
  readonly type: "ObjectComprehension";
  readonly key: Term;
  readonly value: Term;
  readonly body: Body;
  readonly loc: Location;
}
/**
 * A call. `operator` is the function's name as a Var or Ref (`count`,
 * `data.lib.f`); infix operators carry their symbol in `infix` and the builtin's
 * name in `operator` (`plus` for `+`).
 */
export interface CallTerm {
  readonly type: "Call";
  readonly operator: VarTerm | RefTerm;
  readonly args: readonly Term[];
  readonly infix?: string;
  readonly loc: Location;
}
/** `$"a {x} b"`: literal parts are String terms; expressions are Exprs. */
export interface TemplateStringTerm {
  readonly type: "TemplateString";
  readonly parts: readonly (StringTerm | Expr)[];
  readonly raw: boolean;
  readonly loc: Location;
}

export type ScalarTerm = NullTerm | BooleanTerm | NumberTerm | StringTerm;
export type Term =
  | ScalarTerm
  | VarTerm
  | RefTerm
  | ArrayTerm
  | ObjectTerm
  | SetTerm
  | ArrayComprehension
  | SetComprehension
  | ObjectComprehension
  | CallTerm
  | TemplateStringTerm;

// ---------------------------------------------------------------- expressions

/** `left = right`: unification. */
export interface Unify {
  readonly type: "Unify";
  readonly left: Term;
  readonly right: Term;
  readonly loc: Location;
}
/** `left := right`: declares the vars of `left` in the current scope. */
export interface Assign {
  readonly type: "Assign";
  readonly left: Term;
  readonly right: Term;
  readonly loc: Location;
}
/** `some x, y`. */
export interface SomeDecl {
  readonly type: "SomeDecl";
  readonly vars: readonly VarTerm[];
  readonly loc: Location;
}
/** `some x in xs`, `some k, v in xs`. */
export interface SomeIn {
  readonly type: "SomeIn";
  readonly key: Term | undefined;
  readonly value: Term;
  readonly collection: Term;
  readonly loc: Location;
}
/** `every x in xs { … }`, `every k, v in xs { … }`. */
export interface Every {
  readonly type: "Every";
  readonly key: VarTerm | undefined;
  readonly value: VarTerm;
  readonly domain: Term;
  readonly body: Body;
  readonly loc: Location;
}
/** `not { … }` (behind `import future.keywords.not`): only ever negated. */
export interface Block {
  readonly type: "Block";
  readonly body: Body;
  readonly loc: Location;
}

/**
 * `a and b`, `a or b` (experimental keywords): each operand is a literal of its own
 * (possibly negated, a `{ … }` block, or a parenthesized group); the whole succeeds
 * at most once and binds nothing outside.
 */
export interface Logic {
  readonly type: "Logic";
  readonly op: "and" | "or";
  readonly operands: readonly Expr[];
  readonly loc: Location;
}

export type ExprNode = Term | Unify | Assign | SomeDecl | SomeIn | Every | Block | Logic;

/** `with target as value`. */
export interface With {
  readonly type: "With";
  readonly target: VarTerm | RefTerm;
  readonly value: Term;
  readonly loc: Location;
}

/** One literal of a body: an expression, possibly negated, with `with` modifiers. */
export interface Expr {
  readonly type: "Expr";
  readonly node: ExprNode;
  readonly negated: boolean;
  readonly with: readonly With[];
  readonly loc: Location;
}

export type Body = readonly Expr[];

// ---------------------------------------------------------------- rules and modules

/**
 * A rule head. `ref` names the rule (`p`, `a.b[c].d`); `args` makes it a function;
 * `key` is the element of a `contains` rule; `value` defaults to `true` when absent.
 */
export interface RuleHead {
  readonly type: "RuleHead";
  readonly ref: RefTerm;
  readonly args: readonly Term[] | undefined;
  readonly key: Term | undefined;
  readonly value: Term | undefined;
  /** `:=` (true) or `=` (false). */
  readonly assign: boolean;
  /** The head was written with `contains`. */
  readonly contains: boolean;
  readonly loc: Location;
}

export interface Rule {
  readonly type: "Rule";
  readonly default: boolean;
  readonly head: RuleHead;
  /** Empty when the rule was written without a body (it holds unconditionally). */
  readonly body: Body;
  readonly else: Rule | undefined;
  readonly annotations: readonly Annotations[];
  readonly loc: Location;
}

export interface Package {
  readonly type: "Package";
  /** The full path, starting at `data`: `package a.b` is `data.a.b`. */
  readonly path: RefTerm;
  readonly loc: Location;
}

export interface Import {
  readonly type: "Import";
  readonly path: VarTerm | RefTerm;
  readonly alias: string | undefined;
  readonly loc: Location;
}

export interface Comment {
  readonly type: "Comment";
  /** The text after `#`. */
  readonly text: string;
  readonly loc: Location;
}

/** A METADATA block: the YAML as parsed, plus its scope (defaulted as OPA does). */
export interface Annotations {
  readonly type: "Annotations";
  readonly scope: string;
  readonly data: { readonly [key: string]: unknown };
  readonly loc: Location;
}

export interface Module {
  readonly type: "Module";
  readonly package: Package;
  readonly imports: readonly Import[];
  readonly rules: readonly Rule[];
  readonly comments: readonly Comment[];
  /** Annotations of package, subpackages and document scope. */
  readonly annotations: readonly Annotations[];
  readonly file: string;
  readonly source: string;
  readonly loc: Location;
}

export type Node = Term | ExprNode | Expr | With | RuleHead | Rule | Package | Import | Module;
