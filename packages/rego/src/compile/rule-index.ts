/**
 * Stage BuildRuleIndices: for a node with several rules, an index on the
 * `ref == constant` (or `ref = constant`) condition most of its rules share, so a
 * lookup runs only the rules whose constant matches (plus those without the
 * condition). Refs are `input…` or `data…` paths of constants.
 */
import type { Value } from "../ast/value.js";
import { ValueMap } from "../ast/value.js";
import type { CompileContext } from "./context.js";
import type { CompiledRule, PExpr, PRef, PTerm, RuleIndex, RuleNode } from "./plan.js";

const MIN_RULES = 2;

/** A ref of constant strings, rooted at `input` or `data`, as a key like `input.kind`. */
function constRefKey(t: PTerm): string | undefined {
  if (t.k !== "ref" || (t.head.k !== "input" && t.head.k !== "data")) return undefined;
  const parts: string[] = [t.head.k];
  for (const p of t.path) {
    if (p.k !== "const" || typeof p.v !== "string") return undefined;
    parts.push(JSON.stringify(p.v));
  }
  return parts.join(".");
}

interface Condition {
  readonly key: string;
  readonly ref: PRef;
  readonly value: Value;
}

/** `ref == const`, `const == ref`, `ref = const`, `const = ref`. */
function conditionOf(e: PExpr): Condition | undefined {
  let a: PTerm;
  let b: PTerm;
  if (e.k === "unify") {
    a = e.a;
    b = e.b;
  } else if (e.k === "term" && e.t.k === "call" && e.t.target.kind === "builtin" && e.t.target.name === "equal") {
    a = e.t.args[0]!;
    b = e.t.args[1]!;
  } else return undefined;
  if (b.k === "ref" && a.k === "const") [a, b] = [b, a];
  const key = constRefKey(a);
  if (!key || b.k !== "const") return undefined;
  return { key, ref: a as PRef, value: b.v };
}

function conditions(rule: CompiledRule): Map<string, Condition> {
  const out = new Map<string, Condition>();
  for (const e of rule.body.exprs) {
    const c = conditionOf(e);
    if (c && !out.has(c.key)) out.set(c.key, c);
  }
  return out;
}

class EqualityIndex implements RuleIndex {
  readonly #all: readonly CompiledRule[];
  readonly #ref: PRef;
  readonly #byValue: ValueMap<CompiledRule[]>;
  readonly #unindexed: readonly CompiledRule[];
  readonly #order: Map<CompiledRule, number>;

  constructor(all: readonly CompiledRule[], ref: PRef, byValue: ValueMap<CompiledRule[]>, unindexed: CompiledRule[]) {
    this.#all = all;
    this.#ref = ref;
    this.#byValue = byValue;
    this.#unindexed = unindexed;
    this.#order = new Map(all.map((r, i) => [r, i]));
  }

  lookup(resolve: (ref: PRef) => Value | undefined): readonly CompiledRule[] {
    const v = resolve(this.#ref);
    const matched = v === undefined ? undefined : this.#byValue.get(v);
    if (!matched) return this.#unindexed;
    if (this.#unindexed.length === 0) return matched;
    return [...matched, ...this.#unindexed].sort((a, b) => this.#order.get(a)! - this.#order.get(b)!);
  }

  allRules(): readonly CompiledRule[] {
    return this.#all;
  }
}

function buildIndex(rules: readonly CompiledRule[]): RuleIndex | undefined {
  const conds = rules.map((r) => (r.else ? new Map<string, Condition>() : conditions(r)));
  const counts = new Map<string, number>();
  for (const c of conds) for (const key of c.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  let best: string | undefined;
  for (const [key, n] of counts) if (n >= MIN_RULES && (!best || n > counts.get(best)!)) best = key;
  if (!best) return undefined;
  let ref: PRef | undefined;
  const byValue = new ValueMap<CompiledRule[]>();
  const unindexed: CompiledRule[] = [];
  rules.forEach((r, i) => {
    const c = conds[i]!.get(best!);
    if (!c) {
      unindexed.push(r);
      return;
    }
    ref ??= c.ref;
    const list = byValue.get(c.value);
    if (list) list.push(r);
    else byValue.set(c.value, [r]);
  });
  return new EqualityIndex(rules, ref!, byValue, unindexed);
}

export function buildRuleIndices(ctx: CompileContext): void {
  const visit = (n: RuleNode): void => {
    if (n.rules.length >= MIN_RULES && n.arity === undefined) n.index = buildIndex(n.rules);
    for (const c of n.children.values()) visit(c);
  };
  visit(ctx.root);
}
