/**
 * The compiled plan: what the evaluator runs. The compiler lowers the AST into these
 * nodes, resolving names once: local variables become slots in a per-rule frame,
 * global names become `data`/`input` refs, calls point at their builtin or rule node.
 *
 * Plan nodes are built and reordered by the compiler, then never changed.
 */
import type { Location } from "../ast/location.js";
import type { Value } from "../ast/value.js";
import type * as A from "../ast/nodes.js";
import type { Builtin } from "../builtins/types.js";

// ---------------------------------------------------------------- terms

/**
 * What evaluation learns about a term it reads in place: how often it ran and, once
 * that passes the engine's threshold, JavaScript generated for it (eval/site-code.ts),
 * or null when none is worth generating. The only part of a plan that changes after
 * compiling; every node has its own (never shared between nodes).
 */
export interface SiteMemo<Code> {
  runs: number;
  code: Code | null | undefined;
}

/** A ref read in place: the value at its path from the frame or the input, or undefined. */
export type RefCode = (f: readonly (Value | undefined)[], input: Value | undefined) => Value | undefined;

/** An object literal with constant string keys, from its values in order. */
export type ObjectCode = (values: readonly Value[]) => Value;

/** A fresh memo, for a node being built. */
export function siteMemo<Code>(): SiteMemo<Code> {
  return { runs: 0, code: undefined };
}

export interface PConst {
  readonly k: "const";
  readonly v: Value;
  readonly loc: Location;
  /**
   * A call's result the compiler worked out (`rego.metadata.rule()`): to the type
   * checker it has the call's declared type (any), not its value's, as in OPA.
   */
  readonly folded?: true;
}
/** A local variable: a slot in the current frame. */
export interface PLocal {
  readonly k: "local";
  readonly slot: number;
  /** The name the author wrote (`$0` for `_`). */
  readonly name: string;
  readonly loc: Location;
}
export interface PInput {
  readonly k: "input";
  readonly loc: Location;
}
/** The root of the data document; only ever the head of a ref, or alone. */
export interface PData {
  readonly k: "data";
  readonly loc: Location;
}
export interface PRef {
  readonly k: "ref";
  readonly head: PTerm;
  readonly path: readonly PTerm[];
  readonly loc: Location;
  /** The reader generated for this ref once it is read often (eval/site-code.ts). */
  readonly memo: SiteMemo<RefCode>;
}
export interface PArray {
  readonly k: "array";
  readonly items: readonly PTerm[];
  readonly loc: Location;
}
export interface PObject {
  readonly k: "object";
  readonly keys: readonly PTerm[];
  readonly values: readonly PTerm[];
  /** `keys` then `values`, the order they are evaluated in (built once, not per evaluation). */
  readonly items: readonly PTerm[];
  readonly loc: Location;
  /** The constructor generated for this literal once it is built often (eval/site-code.ts). */
  readonly memo: SiteMemo<ObjectCode>;
}
export interface PSet {
  readonly k: "set";
  readonly items: readonly PTerm[];
  readonly loc: Location;
}
export interface PArrayCompr {
  readonly k: "arrayCompr";
  readonly head: PTerm;
  readonly body: PBody;
  readonly loc: Location;
}
export interface PSetCompr {
  readonly k: "setCompr";
  readonly head: PTerm;
  readonly body: PBody;
  readonly loc: Location;
}
export interface PObjectCompr {
  readonly k: "objectCompr";
  readonly key: PTerm;
  readonly value: PTerm;
  readonly body: PBody;
  readonly loc: Location;
}
/** A call that produces a value (a builtin, or a user function). */
export interface PCall {
  readonly k: "call";
  readonly target: CallTarget;
  readonly args: readonly PTerm[];
  readonly loc: Location;
}
/** `$"…{x}…"`: each part is a constant string or a body collecting its values. */
export interface PTemplate {
  readonly k: "template";
  readonly parts: readonly (string | PTemplatePart)[];
  readonly loc: Location;
}
export interface PTemplatePart {
  readonly term: PTerm;
  readonly body: PBody;
  readonly loc: Location;
}

export type PTerm =
  | PConst
  | PLocal
  | PInput
  | PData
  | PRef
  | PArray
  | PObject
  | PSet
  | PArrayCompr
  | PSetCompr
  | PObjectCompr
  | PCall
  | PTemplate;

/** What a call calls. `name` is what `with` mocks key on (`count`, `data.lib.f`). */
export type CallTarget =
  | { readonly kind: "builtin"; readonly name: string; readonly builtin: Builtin }
  | { readonly kind: "function"; readonly name: string; readonly node: RuleNode }
  /** A call through a ref the compiler could not resolve to a function (checked at run time). */
  | { readonly kind: "dynamic"; readonly name: string; readonly ref: PRef };

// ---------------------------------------------------------------- expressions

export interface PUnify {
  readonly k: "unify";
  readonly a: PTerm;
  readonly b: PTerm;
  readonly loc: Location;
}
/** A term that must be defined and not `false`. */
export interface PTruthy {
  readonly k: "term";
  readonly t: PTerm;
  readonly loc: Location;
}
export interface PNot {
  readonly k: "not";
  readonly body: PBody;
  readonly loc: Location;
}
export interface PEvery {
  readonly k: "every";
  readonly key: PTerm | undefined;
  readonly value: PTerm;
  readonly domain: PTerm;
  readonly body: PBody;
  readonly loc: Location;
}
/** `expr with target as value …`: `body` is the expression and the terms hoisted out of it. */
export interface PWithExpr {
  readonly k: "with";
  readonly body: PBody;
  readonly mods: readonly PWith[];
  readonly loc: Location;
}
export type PWith =
  | { readonly kind: "input"; readonly path: readonly PTerm[]; readonly value: PTerm; readonly loc: Location }
  | { readonly kind: "data"; readonly path: readonly string[]; readonly value: PTerm; readonly loc: Location }
  /** Replaces a builtin or function, by name, with a function or a value. */
  | { readonly kind: "function"; readonly name: string; readonly target: WithTarget; readonly replacement: FunctionReplacement; readonly loc: Location };

/** The function a `with` replaces. */
export type WithTarget = { readonly kind: "builtin"; readonly builtin: Builtin } | { readonly kind: "function"; readonly node: RuleNode };

/** What a `with` puts in a function's place: a value, or another function. */
export type FunctionReplacement = { readonly kind: "value"; readonly value: PTerm } | WithTarget;

/** `a or b` (a body per operand), `a and b` (one body): succeeds once if a body holds. */
export interface PAny {
  readonly k: "any";
  readonly bodies: readonly PBody[];
  readonly loc: Location;
}

export type PExpr = PUnify | PTruthy | PNot | PEvery | PWithExpr | PAny;

export interface PBody {
  /** Mutable while the compiler reorders; frozen afterwards. */
  exprs: PExpr[];
  /** Slots declared at this body's level (its own scope), for the safety analysis. */
  readonly locals: readonly number[];
}

// ---------------------------------------------------------------- rules

export type RuleKind = "complete" | "multi" | "function";

/**
 * A compiled rule. A rule sits at the tree node of its head's ground prefix; `keys`
 * are the rest of the head ref (`p[x].y` at node `p` has keys `[x, "y"]`); `contains`
 * rules add `element` to a set at the end of the keys; the others put `value` there.
 */
export interface CompiledRule {
  readonly kind: RuleKind;
  readonly node: RuleNode;
  readonly keys: readonly PTerm[];
  readonly contains: boolean;
  readonly element: PTerm | undefined;
  readonly value: PTerm;
  readonly params: readonly PTerm[];
  readonly body: PBody;
  /** Frame size: every local of the rule, its closures included. */
  readonly slots: number;
  /** The name of each slot, for messages and traces. */
  readonly slotNames: readonly string[];
  readonly isDefault: boolean;
  readonly else: CompiledRule | undefined;
  readonly ast: A.Rule;
  readonly loc: Location;
}

/** A node of the rule tree: `data.a.b` is the child `b` of the child `a` of the root. */
export interface RuleNode {
  readonly path: readonly string[];
  readonly children: Map<string, RuleNode>;
  /** Rules whose ground prefix ends here, default rules excluded. */
  readonly rules: CompiledRule[];
  defaultRule: CompiledRule | undefined;
  /** Function arity when the node holds functions. */
  arity: number | undefined;
  index: RuleIndex | undefined;
}

/** OPA's rule index: which of a node's rules could match the current input. */
export interface RuleIndex {
  /** The candidate rules, in their original order. */
  lookup(resolve: (ref: PRef) => Value | undefined): readonly CompiledRule[];
  /** Every rule (the oracle: indexed and unindexed evaluation must agree). */
  allRules(): readonly CompiledRule[];
}

/** The full path of a node as a dotted `data.…` string. */
export function nodeName(node: RuleNode): string {
  return ["data", ...node.path].join(".");
}
