/**
 * The CheckTypes stage: every rule's body checked (type-check.ts), and the types of
 * rules and user functions that refs and calls elsewhere see, as OPA's checker infers
 * them (check.go, checkRule):
 *
 * - a rule with a value has its value's type (`p if …` is boolean), `contains` rules a
 *   set of their elements' type; several definitions, a default and `else` branches
 *   join in a union;
 * - a function has its parameters' types (what the body's builtin calls made of them,
 *   any type where nothing did) and its result's;
 * - a rule with errors, a rule whose head continues past its ground prefix
 *   (`p[x] := …`), and a value nothing typed have every type.
 *
 * A rule is checked when first needed (a ref to it may come before it), once; rules
 * cannot be recursive, so the order always ends.
 */
import type { Location } from "../ast/location.js";
import type { CompileContext } from "./context.js";
import type * as P from "./plan.js";
import { ANY, or, setType, type MaybeType, type Type } from "./static-types.js";
import { inputTypeOf } from "./schema-types.js";
import { BodyChecker, type FunctionType, type TypeWorld } from "./type-check.js";

type Report = (message: string, loc: Location) => void;

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
  readonly inputType: Type | undefined;
  readonly #report: Report;
  readonly #checked = new Map<P.CompiledRule, Checked | "checking">();
  readonly #nodeTypes = new Map<P.RuleNode, MaybeType>();
  readonly #functionTypes = new Map<P.RuleNode, FunctionType | undefined>();

  constructor(root: P.RuleNode, report: Report, inputType?: Type) {
    this.root = root;
    this.#report = report;
    this.inputType = inputType;
  }

  check(rule: P.CompiledRule): Checked {
    const done = this.#checked.get(rule);
    // A rule reached again while it is being checked cannot happen (no recursion); be safe.
    if (done === "checking") return { type: ANY, params: [], clean: false };
    if (done !== undefined) return done;
    this.#checked.set(rule, "checking");
    const checker = new BodyChecker(rule.slots, this.#report, this);
    checker.checkBody(rule.body);
    // OPA moves calls in the head into the body: check them after it.
    for (const t of [...rule.keys, ...(rule.element ? [rule.element] : [])]) checker.checkHeadTerm(t);
    checker.checkHeadTerm(rule.value);
    const clean = checker.errors === 0;
    const value = rule.kind === "multi" ? (rule.element && checker.finalType(rule.element)) : checker.finalType(rule.value);
    const result: Checked = {
      type: rule.kind === "multi" ? value && setType(value) : value,
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
        if (!checked.clean || checked.type === undefined || r.keys.length > 0 || r.kind === "function") return ANY;
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

/** Two definitions of one document: sets join their elements, as OPA's mergeTypes does; the rest make a union. */
function merge(a: MaybeType, b: Type): Type {
  if (a === undefined) return b;
  if (a.k === "set" && b.k === "set") return setType(or(a.of, b.of));
  return or(a, b) ?? ANY;
}

/** Type errors in every compiled rule, in the order of their locations (as OPA sorts them). */
export function checkRuleTypes(ctx: CompileContext): void {
  const found: { message: string; loc: Location }[] = [];
  const types = new RuleTypes(ctx.root, (message, loc) => void found.push({ message, loc }), schemaInputType(ctx));
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
 * `check --schema`'s input type, when the schemas give one for all rules. A module
 * whose METADATA gives schemas of its own turns it off: such schemas are scoped to
 * rules and packages, which the type checker does not follow (schema-refs.ts does).
 */
function schemaInputType(ctx: CompileContext): Type | undefined {
  const schemas = ctx.options.schemas;
  if (schemas === undefined) return undefined;
  const annotated = ctx.modules.some(({ module }) => [...module.annotations, ...module.rules.flatMap((r) => r.annotations)].some((a) => a.data["schemas"] !== undefined));
  return annotated ? undefined : inputTypeOf(schemas);
}

function compareLocations(a: Location, b: Location): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.row - b.row || a.col - b.col;
}
