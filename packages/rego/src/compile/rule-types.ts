/**
 * The CheckTypes stage: every rule's body checked (type-check.ts), and the types of
 * rules and user functions that refs and calls elsewhere see, as OPA's checker infers
 * them (check.go, checkRule):
 *
 * - a rule with a value has its value's type (`p if …` is boolean), `contains` rules a
 *   set of their elements' type, `p[k] := v` an object of `k`'s and `v`'s types;
 *   several definitions, a default and `else` branches join in a union;
 * - a function has its parameters' types (what the body's builtin calls made of them,
 *   any type where nothing did) and its result's;
 * - a rule with errors, a rule whose head goes two or more keys past its ground prefix
 *   (`p[x].y := …`), and a value nothing typed have every type.
 *
 * Under `check --schema`, input has the type its schemas give each rule.
 *
 * A rule is checked when first needed (a ref to it may come before it), once; rules
 * cannot be recursive, so the order always ends.
 */
import { compareValues } from "../ast/compare.js";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type { CompileContext } from "./context.js";
import type * as P from "./plan.js";
import { ANY, STRING, objectType, or, setType, type MaybeType, type ObjectType, type Type } from "./static-types.js";
import { annotatedInput } from "./schema-refs.js";
import { schemaScopes } from "./schema-scopes.js";
import { annotatedInputType, inputTypeOf } from "./schema-types.js";
import { BodyChecker, type FunctionType, type TypeWorld } from "./type-check.js";

type Report = (message: string, loc: Location) => void;

/** The type of input in a rule's body (by its schemas), or undefined for every type. */
type InputTypes = (rule: P.CompiledRule) => Type | undefined;

interface Checked {
  /** The type of the rule's document (its value, or its set), or undefined when unknown. */
  readonly type: MaybeType;
  /** A function's parameter types. */
  readonly params: readonly Type[];
  readonly clean: boolean;
}

/** The rule tree's types, each rule checked once, on first need. */
class RuleTypes implements TypeWorld {
  readonly root: P.RuleNode;
  readonly #inputFor: InputTypes | undefined;
  readonly #report: Report;
  readonly #checked = new Map<P.CompiledRule, Checked | "checking">();
  readonly #nodeTypes = new Map<P.RuleNode, MaybeType>();
  readonly #functionTypes = new Map<P.RuleNode, FunctionType | undefined>();

  constructor(root: P.RuleNode, report: Report, inputFor?: InputTypes) {
    this.root = root;
    this.#report = report;
    this.#inputFor = inputFor;
  }

  check(rule: P.CompiledRule): Checked {
    const done = this.#checked.get(rule);
    // A rule reached again while it is being checked cannot happen (no recursion); be safe.
    if (done === "checking") return { type: ANY, params: [], clean: false };
    if (done !== undefined) return done;
    this.#checked.set(rule, "checking");
    const checker = new BodyChecker(rule.slots, this.#report, this, this.#inputFor?.(rule));
    checker.checkBody(rule.body);
    // OPA moves calls in the head into the body: check them after it.
    for (const t of [...rule.keys, ...(rule.element ? [rule.element] : [])]) checker.checkHeadTerm(t);
    checker.checkHeadTerm(rule.value);
    const clean = checker.errors === 0;
    const result: Checked = {
      type: ruleType(rule, checker),
      params: rule.params.map((p) => checker.finalType(p) ?? ANY),
      clean,
    };
    this.#checked.set(rule, result);
    return result;
  }

  nodeType(node: P.RuleNode): MaybeType {
    if (this.#nodeTypes.has(node)) return this.#nodeTypes.get(node);
    const type = this.#documentType(node);
    this.#nodeTypes.set(node, type);
    return type;
  }

  #documentType(node: P.RuleNode): MaybeType {
    let type: MaybeType;
    for (const rule of [...node.rules, ...(node.defaultRule ? [node.defaultRule] : [])]) {
      for (let r: P.CompiledRule | undefined = rule; r; r = r.else) {
        const checked = this.check(r);
        if (!checked.clean || checked.type === undefined || (r.keys.length > 0 && !partialObjectRule(r)) || r.kind === "function") return ANY;
        type = merge(type, checked.type);
      }
    }
    return type;
  }

  functionType(node: P.RuleNode): FunctionType | undefined {
    if (this.#functionTypes.has(node)) return this.#functionTypes.get(node);
    let args: Type[] | undefined;
    let result: MaybeType;
    let known = true;
    // A default function (`default f(_) := false`) is one of the definitions, as in OPA.
    for (const rule of [...node.rules, ...(node.defaultRule ? [node.defaultRule] : [])]) {
      for (let r: P.CompiledRule | undefined = rule; r; r = r.else) {
        const checked = this.check(r);
        if (!checked.clean || checked.params.length !== (node.arity ?? -1)) known = false;
        args = args === undefined ? [...checked.params] : args.map((a, i) => or(a, checked.params[i]) ?? ANY);
        result = or(result, checked.type ?? ANY);
      }
    }
    const type = known && args !== undefined ? { args, result } : undefined;
    this.#functionTypes.set(node, type);
    return type;
  }
}

/**
 * What one definition gives its document, as OPA's checkRule types it: its value; a
 * set of its elements (`p contains x`); an object of its keys' and values' types
 * (`p[k] := v`). Undefined when a part has no type (the document then has every type).
 */
function ruleType(rule: P.CompiledRule, checker: BodyChecker): MaybeType {
  if (rule.kind !== "multi") return checker.finalType(rule.value);
  if (partialObjectRule(rule)) {
    const keyTerm = rule.keys[0]!;
    const value = checker.finalType(rule.value);
    // A constant key (`p[3] := v`) is a node of its own in OPA's type tree, and its
    // parent reads as an object with that key and any string keys besides.
    if (keyTerm.k === "const") return value && objectType([{ key: keyTerm.v, value }], { key: STRING, value: ANY });
    const key = checker.finalType(keyTerm);
    return key && value && objectType([], { key, value });
  }
  const element = rule.element && checker.finalType(rule.element);
  return element && setType(element);
}

/**
 * `p[k] := v`: one key past the ground prefix, a value there. OPA types deeper heads
 * (`p[k].q := v`, `p[k] contains v`) through its type tree's variable-keyed nodes,
 * which leaves them all but untyped; they have every type here.
 */
function partialObjectRule(r: P.CompiledRule): boolean {
  return r.kind === "multi" && !r.contains && r.keys.length === 1;
}

/**
 * Two definitions of one document, as OPA's checkRule joins them: sets join their
 * elements, partial objects their keys and their values; the rest make a union.
 */
function merge(a: MaybeType, b: Type): Type {
  if (a === undefined) return b;
  if (a.k === "set" && b.k === "set") return setType(or(a.of, b.of));
  if (a.k === "object" && b.k === "object") return mergeObjects(a, b);
  return or(a, b) ?? ANY;
}

/** Partial objects of one node: variable keys join keys and values; constant keys add properties; the two kinds mixed have every type. */
function mergeObjects(a: ObjectType, b: ObjectType): Type {
  const variableKeys = (t: ObjectType): boolean => t.static.length === 0;
  if (variableKeys(a) !== variableKeys(b)) return ANY;
  if (variableKeys(a)) return objectType([], { key: or(a.dynamic?.key, b.dynamic?.key), value: or(a.dynamic?.value, b.dynamic?.value) });
  const props = [...a.static];
  for (const p of b.static) {
    const i = props.findIndex((q) => compareValues(q.key, p.key) === 0);
    if (i < 0) props.push(p);
    else props[i] = { key: p.key, value: or(props[i]!.value, p.value) };
  }
  return objectType(props, a.dynamic);
}

/** Type errors in every compiled rule, in the order of their locations (as OPA sorts them). */
export function checkRuleTypes(ctx: CompileContext): void {
  const found: { message: string; loc: Location }[] = [];
  const types = new RuleTypes(ctx.root, (message, loc) => void found.push({ message, loc }), schemaInputTypes(ctx));
  for (const rule of ctx.allRules) for (let r: P.CompiledRule | undefined = rule; r; r = r.else) types.check(r);
  found.sort((a, b) => compareLocations(a.loc, b.loc) || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
  for (const f of found) ctx.typeError(f.message, f.loc);
}

/** The rule types of each compiled policy, for its queries (by the policy's rule tree). */
const queryWorlds = new WeakMap<P.RuleNode, RuleTypes>();

/** Type errors in a query; the policy's rules (checked when it compiled, so quietly here) give their types. */
export function checkQueryTypes(ctx: CompileContext, body: P.PBody, slots: number): void {
  let types = queryWorlds.get(ctx.root);
  if (types === undefined) queryWorlds.set(ctx.root, (types = new RuleTypes(ctx.root, () => {})));
  new BodyChecker(slots, (message, loc) => ctx.typeError(message, loc), types).checkBody(body);
}

/**
 * `check --schema`'s types of input: the schema given for all rules, with the `schemas`
 * of a rule's METADATA annotations over it, in OPA's order of scopes (subpackages,
 * package, document, rule). An `else` is typed as the rule it belongs to.
 */
function schemaInputTypes(ctx: CompileContext): InputTypes | undefined {
  const schemas = ctx.options.schemas;
  if (schemas === undefined) return undefined;
  const global = inputTypeOf(schemas);
  const scopesOf = schemaScopes(ctx.modules.map((info) => info.module));
  const moduleOf = new Map<A.Rule, A.Module>();
  for (const info of ctx.modules) for (const rule of info.module.rules) moduleOf.set(rule, info.module);
  const heads = new Map<P.CompiledRule, P.CompiledRule>();
  for (const rule of ctx.allRules) for (let r = rule.else; r; r = r.else) heads.set(r, rule);
  const cache = new Map<P.CompiledRule, Type | undefined>();
  return (rule) => {
    const head = heads.get(rule) ?? rule;
    if (cache.has(head)) return cache.get(head);
    const module = moduleOf.get(head.ast);
    const scopes = module === undefined ? [] : scopesOf(module, head.ast);
    const at = scopes.length === 0 ? undefined : annotatedInput(scopes, schemas);
    const type = scopes.length === 0 ? global : at && annotatedInputType(at, schemas);
    cache.set(head, type);
    return type;
  };
}

function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.row - b.row || a.col - b.col;
}
