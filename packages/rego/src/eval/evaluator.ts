/**
 * The evaluator over a compiled policy: data documents (base and virtual, through
 * the rule tree), complete, multi-value and function rules, and `with`. Terms,
 * unification and bodies are in term-evaluator.ts.
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import { RSet, isObject, type Value } from "../ast/value.js";
import { RNumber } from "../ast/number.js";
import { canonical } from "../ast/value-key.js";
import type * as P from "../compile/plan.js";
import { lookup, iterate } from "./navigation.js";
import { DocumentBuilder } from "./document-builder.js";
import { OverrideNode, patch } from "./overrides.js";
import { callBuiltin, callBuiltinEach } from "./call-builtin.js";
import { TermEvaluator, type EvalOptions, type Frame, type K, type VK } from "./term-evaluator.js";
import { constantPath } from "./in-place.js";

export type { EvalOptions, Frame } from "./term-evaluator.js";

const NONE = Symbol("undefined");
type Cached = Value | typeof NONE;

/** What a `with` replaces a function by, at run time. */
type Mock = { readonly kind: "value"; readonly value: Value } | Exclude<P.FunctionReplacement, { kind: "value" }>;

/** A rule-tree node reached by a ref's leading constant keys, with the base data there. */
interface WalkStart {
  readonly node: P.RuleNode | undefined;
  readonly base: Value | undefined;
  readonly depth: number;
  readonly keys: readonly string[];
}

/** What a `with` changes, saved to be put back. */
interface WithState {
  readonly input: Value | undefined;
  readonly overrides: OverrideNode | undefined;
  readonly mocks: Map<string, Mock> | undefined;
  readonly cache: Map<P.RuleNode, Cached>;
  readonly refs: Map<P.PRef, Cached>;
  readonly wholeFailed: Set<P.RuleNode>;
}

export class Evaluator extends TermEvaluator {
  readonly #root: P.RuleNode;
  readonly #base: Value;
  readonly #unindexed: boolean;
  /** Documents computed so far; a `with` starts a fresh cache. */
  #cache = new Map<P.RuleNode, Cached>();
  /** Where walks of data refs start (see #walkStart). */
  readonly #starts = new Map<P.PRef, WalkStart>();
  /** Partial objects whose whole document raised a conflict: read key by key (#keyOnly); reset with the cache. */
  #wholeFailed = new Set<P.RuleNode>();
  /** Values of data refs with constant paths (`data.lib.params`), read once; reset with the cache. */
  #refs = new Map<P.PRef, Cached>();
  #overrides: OverrideNode | undefined;
  #mocks: Map<string, Mock> | undefined;

  constructor(root: P.RuleNode, options: EvalOptions) {
    super(options);
    this.#root = root;
    this.#base = options.data ?? {};
    this.#unindexed = options.unindexed ?? false;
  }

  protected dataRoot(): Value | undefined {
    return this.dataDocument(this.#root, [], this.#base, this.#overrides);
  }

  protected evalDataRef(t: P.PRef, f: Frame, k: VK): boolean {
    if (constantPath(t)) {
      const v = this.dataInPlace(t);
      return v === undefined ? false : k(v);
    }
    if (this.#overrides !== undefined) return this.walkData(this.#root, this.#base, this.#overrides, t.path, 0, [], f, k, t.loc);
    const start = this.#walkStart(t);
    return this.walkData(start.node, start.base, undefined, t.path, start.depth, start.keys.slice(), f, k, t.loc);
  }

  callableInPlace(t: P.PCall): boolean {
    if (this.#mocks?.has(t.target.name)) return false;
    return t.target.kind === "function" || (t.target.kind === "builtin" && !t.target.builtin.relation);
  }

  callInPlace(t: P.PCall, args: Value[]): Value | undefined {
    if (t.target.kind === "builtin") return callBuiltin(this, t.target.builtin, args, t.loc);
    let out: Value | undefined;
    this.callFunction((t.target as { node: P.RuleNode }).node, args, t.loc, (v) => ((out = v), true));
    return out;
  }

  dataInPlace(t: P.PRef): Value | undefined {
    let v = this.#refs.get(t);
    if (v === undefined) {
      let found: Value | undefined;
      this.walkData(this.#root, this.#base, this.#overrides, t.path, 0, [], [], (x) => ((found = x), true), t.loc);
      v = found === undefined ? NONE : found;
      this.#refs.set(t, v);
    }
    return v === NONE ? undefined : v;
  }

  protected invoke(t: P.PCall, args: Value[], k: VK): boolean {
    const mock = this.#mocks?.get(t.target.name);
    if (mock) return this.callMock(mock, t, args, k);
    if (t.target.kind === "function") return this.callFunction(t.target.node, args, t.loc, k);
    if (t.target.kind === "builtin") return callBuiltinEach(this, t.target.builtin, args, t.loc, k);
    throw new RegoError(ErrorCode.EvalInternalError, `cannot call ${t.target.name}`, t.loc);
  }


  // ------------------------------------------------------------ with

  protected evalWith(e: P.PWithExpr, f: Frame, k: K): boolean {
    return this.withValues(e.mods, 0, f, [], (values) => {
      const saved = this.#saveState();
      this.#applyMods(e.mods, values);
      try {
        return this.evalBody(e.body.exprs, 0, f, () => {
          const inner = this.#saveState();
          this.#restoreState(saved);
          try {
            return k();
          } finally {
            this.#restoreState(inner);
          }
        });
      } finally {
        this.#restoreState(saved);
      }
    });
  }

  /** Evaluates the replacement values (each may have several solutions). */
  private withValues(mods: readonly P.PWith[], i: number, f: Frame, out: Value[], k: (values: Value[]) => boolean): boolean {
    if (i === mods.length) return k(out);
    const m = mods[i]!;
    const term = m.kind === "function" ? (m.replacement.kind === "value" ? m.replacement.value : undefined) : m.value;
    if (!term) return this.withValues(mods, i + 1, f, out, k);
    return this.evalTerm(term, f, (v) => {
      out[i] = v;
      return this.withValues(mods, i + 1, f, out, k);
    });
  }

  #saveState(): WithState {
    return { input: this.input, overrides: this.#overrides, mocks: this.#mocks, cache: this.#cache, refs: this.#refs, wholeFailed: this.#wholeFailed };
  }

  #restoreState(s: WithState): void {
    this.input = s.input;
    this.#overrides = s.overrides;
    this.#mocks = s.mocks;
    this.#cache = s.cache;
    this.#refs = s.refs;
    this.#wholeFailed = s.wholeFailed;
  }

  #applyMods(mods: readonly P.PWith[], values: readonly Value[]): void {
    mods.forEach((m, i) => {
      switch (m.kind) {
        case "input": {
          const path = m.path.map((p) => (p.k === "const" ? p.v : null));
          this.input = path.length === 0 ? values[i]! : patchInput(this.input, path, values[i]!, m.loc);
          break;
        }
        case "data":
          this.#overrides = (this.#overrides ?? new OverrideNode()).with(m.path, values[i]!);
          break;
        case "function": {
          const mocks = new Map(this.#mocks);
          mocks.set(m.name, m.replacement.kind === "value" ? { kind: "value", value: values[i]! } : m.replacement);
          this.#mocks = mocks;
          break;
        }
      }
    });
    this.#cache = new Map();
    this.#refs = new Map();
    this.#wholeFailed = new Set();
  }

  /**
   * Where a walk of `t` gets to through its leading constant keys, before any rule:
   * `data.lib.github.repositories[uri]` starts at the `repositories` node. It depends
   * only on the rule tree and the base data, so it is found once per ref (and used
   * only while no `with` replaces part of `data`).
   */
  #walkStart(t: P.PRef): WalkStart {
    let start = this.#starts.get(t);
    if (!start) {
      let node: P.RuleNode | undefined = this.#root;
      let base: Value | undefined = this.#base;
      const keys: string[] = [];
      for (const p of t.path) {
        if (!node || node.rules.length > 0 || node.defaultRule || node.arity !== undefined || p.k !== "const") break;
        const key = storageKey(p.v);
        if (typeof key !== "string") break;
        base = base === undefined ? undefined : lookup(base, key);
        node = node.children.get(key);
        keys.push(key);
      }
      start = { node, base, depth: keys.length, keys };
      this.#starts.set(t, start);
    }
    return start;
  }

  /** Walks into base documents: object keys are store paths, so `data.a[2]` reads `"2"`. */
  private walkBase(v: Value, path: readonly P.PTerm[], i: number, f: Frame, k: VK): boolean {
    if (i === path.length) return k(v);
    const p = path[i]!;
    const bound = p.k === "const" ? p.v : p.k === "local" ? f[p.slot] : undefined;
    if (bound === undefined || Array.isArray(v) || !isObject(v)) return this.walkValue(v, path, i, f, k);
    const child = lookup(v, storageKey(bound));
    return child === undefined ? false : this.walkBase(child, path, i + 1, f, k);
  }

  /**
   * Walks `path[i…]` through the rule tree and base documents together. At a node
   * that holds rules, the node's document is computed (once per query) and the walk
   * continues in it as a plain value.
   */
  private walkData(
    node: P.RuleNode | undefined,
    base: Value | undefined,
    over: OverrideNode | undefined,
    path: readonly P.PTerm[],
    i: number,
    keys: string[],
    f: Frame,
    k: VK,
    loc: Location,
  ): boolean {
    if (over?.value !== undefined) return this.walkValue(over.value, path, i, f, k);
    if (!node) {
      const v = over ? patch(base, over, loc) : base;
      return v === undefined ? false : this.walkBase(v, path, i, f, k);
    }
    if (i === path.length || node.rules.length > 0 || node.defaultRule || node.arity !== undefined) {
      const key = i < path.length ? this.#keyOnly(node, base, over, path[i]!, f) : undefined;
      if (key === undefined) {
        const doc = this.dataDocument(node, keys, base, over);
        return doc === undefined ? false : this.walkValue(doc, path, i, f, k);
      }
      const child = this.#keyDocument(node, keys, key);
      return child === undefined ? false : this.walkValue(child, path, i + 1, f, k);
    }
    const p = path[i]!;
    const step = (raw: Value): boolean => {
      const key = storageKey(raw);
      if (typeof key !== "string") {
        const doc = this.dataDocument(node, keys, base, over);
        const child = doc === undefined ? undefined : lookup(doc, key);
        return child === undefined ? false : this.walkValue(child, path, i + 1, f, k);
      }
      const childBase = base === undefined ? undefined : lookup(base, key);
      const childOver = over?.children.get(key);
      keys.push(key);
      try {
        return this.walkData(node.children.get(key), childBase, childOver, path, i + 1, keys, f, k, loc);
      } finally {
        keys.pop();
      }
    };
    if (p.k === "const") return step(p.v);
    if (p.k === "local" && f[p.slot] !== undefined) return step(f[p.slot]!);
    if (p.k !== "local" && this.evaluable(p, f)) return this.evalTerm(p, f, step);
    const doc = this.dataDocument(node, keys, base, over);
    return doc === undefined ? false : this.walkValue(doc, path, i, f, k);
  }

  /**
   * The key to read a partial object's node by alone, when its whole document failed
   * (`eval_conflict_error` on some other key): OPA evaluates `data.p.q.bar` for `bar`
   * only, so a conflict at `q.baz` does not stop it. Undefined when the whole document
   * is to be read (it computes, or the node is not a partial object, or the step is
   * not ground). The whole document stays the first choice: it is computed once and
   * then serves every key.
   */
  #keyOnly(node: P.RuleNode, base: Value | undefined, over: OverrideNode | undefined, step: P.PTerm, f: Frame): Value | undefined {
    // The usual case first, on the evaluator's hot path: the whole document is computed.
    if (this.#cache.has(node) || base !== undefined || over !== undefined) return undefined;
    const key = step.k === "const" ? step.v : step.k === "local" ? f[step.slot] : undefined;
    if (key === undefined || this.#wholeFailed.has(node)) return key;
    if (!partialObject(node)) return undefined;
    try {
      this.dataDocument(node, node.path, base, over);
      return undefined;
    } catch (e) {
      if (!(e instanceof RegoError) || e.code !== ErrorCode.EvalConflictError) throw e;
      this.#wholeFailed.add(node);
      return key;
    }
  }

  /** The value at `key` of a partial object's node: its rules' contributions for that key, and a child rule node of that name. */
  #keyDocument(node: P.RuleNode, path: readonly string[], key: Value): Value | undefined {
    const builder = new DocumentBuilder();
    const name = storageKey(key);
    const child = typeof name === "string" ? node.children.get(name) : undefined;
    if (child) {
      const v = this.dataDocument(child, [...path, name as string], undefined, undefined);
      if (v !== undefined && !definesNothing(child, v)) builder.merge(key, v, child.rules[0]?.loc ?? node.rules[0]!.loc);
    }
    for (const rule of this.rulesOf(node)) this.addContributions(rule, builder, key);
    const doc = builder.build();
    return lookup(doc, key);
  }

  /** The document at a node: its rules' value, or its children and base data merged. */
  dataDocument(node: P.RuleNode, path: readonly string[], base: Value | undefined, over: OverrideNode | undefined): Value | undefined {
    if (over && over.value !== undefined) return over.value;
    if (base !== undefined && (node.rules.length > 0 || node.defaultRule)) return over ? patch(base, over, node.rules[0]!.loc) : base;
    const cached = this.#cache.get(node);
    if (cached !== undefined) return cached === NONE ? undefined : cached;
    let doc = this.computeDocument(node, path, base, over);
    if (over && doc !== undefined) doc = patch(doc, over, node.rules[0]?.loc ?? { file: "", row: 1, col: 1, offset: 0, endOffset: 0 });
    this.#cache.set(node, doc === undefined ? NONE : doc);
    return doc;
  }

  private computeDocument(node: P.RuleNode, path: readonly string[], base: Value | undefined, over: OverrideNode | undefined): Value | undefined {
    if (node.arity !== undefined) return undefined;
    const rules = this.rulesOf(node);
    const kind = node.rules[0]?.kind ?? node.defaultRule?.kind;
    if (kind === "complete") return this.completeValue(node, rules);
    const setOnly = node.rules.length > 0 && node.rules.every((r) => r.contains && r.keys.length === 0);
    if (setOnly) return this.setValue(rules);
    const builder = new DocumentBuilder();
    const loc = node.rules[0]?.loc ?? { file: "", row: 1, col: 1, offset: 0, endOffset: 0 };
    if (base !== undefined && isObject(base) && node.rules.length === 0) {
      iterate(base, (key, v) => {
        if (typeof key === "string" && node.children.has(key)) return false;
        builder.merge(key, v, loc);
        return false;
      });
    }
    for (const [key, child] of node.children) {
      const childBase = base === undefined ? undefined : lookup(base, key);
      const v = this.dataDocument(child, [...path, key], childBase, over?.children.get(key));
      if (v === undefined || (node.rules.length > 0 && childBase === undefined && definesNothing(child, v))) continue;
      builder.merge(key, v, child.rules[0]?.loc ?? loc);
    }
    for (const rule of rules) this.addContributions(rule, builder);
    return builder.build();
  }

  /** The rules worth evaluating at a node: all, or the rule index's candidates. */
  private rulesOf(node: P.RuleNode): readonly P.CompiledRule[] {
    if (!node.index || this.#unindexed) return node.rules;
    return node.index.lookup((ref) => this.valueOf(ref));
  }

  private completeValue(node: P.RuleNode, rules: readonly P.CompiledRule[]): Value | undefined {
    let result: Value | undefined;
    const constant = constantValue(node);
    for (const rule of rules) {
      const v = this.chainValue(rule, "complete rules must not produce multiple outputs");
      if (v === undefined) continue;
      if (result === undefined) result = v;
      else if (!equalValues(result, v)) throw new RegoError(ErrorCode.EvalConflictError, "complete rules must not produce multiple outputs", rule.loc);
      if (constant !== undefined) break;
    }
    if (result === undefined && node.defaultRule) result = this.defaultValue(node.defaultRule);
    return result;
  }

  /** A default rule's value; its head counts as covered when the default is what holds. */
  private defaultValue(rule: P.CompiledRule): Value | undefined {
    if (this.coverage !== undefined) this.coverage.rules.add(rule);
    return this.valueOf(rule.value);
  }

  /** The value of a rule or its first `else` whose body holds. */
  private chainValue(rule: P.CompiledRule, conflict: string, args?: readonly Value[]): Value | undefined {
    for (let r: P.CompiledRule | undefined = rule; r; r = r.else) {
      let result: Value | undefined;
      const f: Frame = new Array(r.slots);
      const once = r.value.k === "const";
      const current = r;
      const collect = (v: Value): boolean => {
        if (result === undefined) result = v;
        else if (!equalValues(result, v)) throw new RegoError(ErrorCode.EvalConflictError, conflict, current.loc);
        return once;
      };
      let found: boolean;
      if (args && plainParams(r)) {
        // `f(a, b) := …`: the arguments go straight into the fresh frame.
        for (let i = 0; i < args.length; i++) f[(r.params[i] as P.PLocal).slot] = args[i]!;
        found = r.body.exprs.length === 0 ? this.evalTerm(r.value, f, collect) : this.evalBody(r.body.exprs, 0, f, () => this.evalTerm(current.value, f, collect));
      } else {
        found = this.bindParams(r, args, f, () => this.evalBody(current.body.exprs, 0, f, () => this.evalTerm(current.value, f, collect)));
      }
      if (result !== undefined && this.coverage !== undefined) this.coverage.rules.add(r);
      if (result !== undefined || found) return result;
    }
    return undefined;
  }

  private bindParams(r: P.CompiledRule, args: readonly Value[] | undefined, f: Frame, k: K): boolean {
    if (!args) return k();
    const step = (i: number): boolean => (i === args.length ? k() : this.unifyValue(r.params[i]!, args[i]!, f, () => step(i + 1)));
    return step(0);
  }

  private setValue(rules: readonly P.CompiledRule[]): Value {
    const out = new RSet();
    for (const r of rules) {
      const f: Frame = new Array(r.slots);
      this.evalBody(r.body.exprs, 0, f, () => this.evalTerm(r.element!, f, (v) => (out.add(v), this.covered(r))));
    }
    return out;
  }

  /** Marks a rule as having produced a value (when recording coverage); false, to go on. */
  private covered(r: P.CompiledRule): false {
    if (this.coverage !== undefined) this.coverage.rules.add(r);
    return false;
  }

  /** Adds every solution of a multi-value rule to the node's document (only those under `only`, when given). */
  private addContributions(r: P.CompiledRule, builder: DocumentBuilder, only?: Value): void {
    const f: Frame = new Array(r.slots);
    const keys = new Array<Value>(r.keys.length);
    this.evalBody(r.body.exprs, 0, f, () =>
      this.evalItems(r.keys, 0, f, keys, () => {
        if (only !== undefined && !equalValues(keys[0]!, only)) return false;
        if (r.contains) return this.evalTerm(r.element!, f, (v) => (builder.add(keys, v, true, r.loc), this.covered(r)));
        return this.evalTerm(r.value, f, (v) => (builder.add(keys, v, false, r.loc), this.covered(r)));
      }),
    );
  }

  /** A replacement runs without any mock in force: a mock can call the original. */
  private callMock(mock: Mock, t: P.PCall, args: Value[], k: VK): boolean {
    if (mock.kind === "value") return k(mock.value);
    const saved = this.#mocks;
    this.#mocks = undefined;
    const results: Value[] = [];
    try {
      if (mock.kind === "function") this.callFunction(mock.node, args, t.loc, (v) => (results.push(v), true));
      else callBuiltinEach(this, mock.builtin, args, t.loc, (v) => (results.push(v), false));
    } finally {
      this.#mocks = saved;
    }
    for (const v of results) if (k(v)) return true;
    return false;
  }

  /**
   * What one rule definition gives on its own, its `else` chain and the node's default
   * included: a test runner evaluates each `test_*` definition separately, as OPA does
   * (it renames duplicates `test_x#01`, …). A multi-value rule gives its set, or the
   * object its keys build; undefined when it contributes nothing.
   */
  ruleDocument(rule: P.CompiledRule): Value | undefined {
    if (rule.kind === "function") return undefined;
    if (rule.kind === "complete") {
      const v = this.chainValue(rule, "complete rules must not produce multiple outputs");
      return v === undefined && rule.node.defaultRule ? this.defaultValue(rule.node.defaultRule) : v;
    }
    if (rule.contains && rule.keys.length === 0) {
      const set = this.setValue([rule]) as RSet;
      return set.size === 0 ? undefined : set;
    }
    const builder = new DocumentBuilder();
    this.addContributions(rule, builder);
    const doc = builder.build();
    return iterate(doc, () => true) ? doc : undefined;
  }

  callFunction(node: P.RuleNode, args: readonly Value[], loc: Location, k: VK): boolean {
    let result: Value | undefined;
    const conflict = "functions must not produce multiple outputs for same inputs";
    for (const rule of node.rules) {
      const v = this.chainValue(rule, conflict, args);
      if (v === undefined) continue;
      if (result === undefined) result = v;
      else if (!equalValues(result, v)) throw new RegoError(ErrorCode.EvalConflictError, conflict, rule.loc);
    }
    if (result === undefined && node.defaultRule) result = this.defaultValue(node.defaultRule);
    void loc;
    return result === undefined ? false : k(result);
  }
}

/**
 * A node without rules of its own whose rules below gave nothing: `{}`. Under a partial
 * object's node it adds no key (`p.q[k] := …` beside `p.q.baz.y := 9 if false`): only
 * values that rules give can conflict, as in OPA.
 */
function definesNothing(child: P.RuleNode, v: Value): boolean {
  if (child.rules.length > 0 || child.defaultRule || !isObject(v)) return false;
  return !iterate(v, () => true);
}

const partialObjects = new WeakMap<P.RuleNode, boolean>();

/** Every rule of the node gives keys of an object (`p[k] := v`, `p[k] contains v`), and no default. */
function partialObject(node: P.RuleNode): boolean {
  let yes = partialObjects.get(node);
  if (yes === undefined) {
    yes = node.rules.length > 0 && !node.defaultRule && node.arity === undefined && node.rules.every((r) => r.kind === "multi" && r.keys.length > 0);
    partialObjects.set(node, yes);
  }
  return yes;
}

const plainParamsCache = new WeakMap<P.CompiledRule, boolean>();

/** Every parameter is a variable and no variable repeats: binding needs no unification. */
function plainParams(r: P.CompiledRule): boolean {
  let plain = plainParamsCache.get(r);
  if (plain === undefined) {
    const slots = new Set<number>();
    plain = r.params.every((p) => p.k === "local" && !slots.has(p.slot) && (slots.add(p.slot), true));
    plainParamsCache.set(r, plain);
  }
  return plain;
}

const constantCache = new WeakMap<P.RuleNode, { v: Value | undefined }>();

/** The value every rule of a node gives when all are the same constant (early exit). */
function constantValue(node: P.RuleNode): Value | undefined {
  let c = constantCache.get(node);
  if (!c) {
    let v: Value | undefined;
    for (const r of node.rules) {
      if (r.else || r.value.k !== "const") {
        v = undefined;
        break;
      }
      if (v === undefined) v = (r.value as P.PConst).v;
      else if (canonical(v) !== canonical((r.value as P.PConst).v)) {
        v = undefined;
        break;
      }
    }
    c = { v };
    constantCache.set(node, c);
  }
  return c.v;
}

/**
 * Keys into the data tree are strings, as paths into OPA's store are: `data[2]` reads
 * `data["2"]`. (Inside a value, `obj[2]` stays a number and misses `"2"`.)
 */
function storageKey(key: Value): Value {
  if (typeof key === "number" && Number.isInteger(key)) return String(key);
  if (key instanceof RNumber && key.bigint !== null) return key.bigint.toString();
  return key;
}

/** `with input.a.b as v`: input with `v` written at the path. */
function patchInput(input: Value | undefined, path: readonly (Value | null)[], value: Value, loc: Location): Value {
  let node = new OverrideNode();
  node = node.with(
    path.map((p) => String(p)),
    value,
  );
  return patch(input, node, loc) ?? value;
}
