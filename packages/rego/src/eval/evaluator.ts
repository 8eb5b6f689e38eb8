/**
 * The top-down evaluator: unification with backtracking in continuation-passing
 * style over the compiled plan.
 *
 * Every `eval*` method takes the current frame (`f`, one slot per local of the rule
 * being evaluated) and a continuation `k`; it calls `k` once per solution and returns
 * `true` when `k` asked to stop. Bindings are undone as the continuation returns, so
 * backtracking needs no trail. Errors that end evaluation are thrown as `RegoError`;
 * builtin errors are recorded and make the call undefined (CONFORMANCE.md §3.6).
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import { ObjectBuilder, RSet, isObject, type Value } from "../ast/value.js";
import { RNumber } from "../ast/number.js";
import { canonical } from "../ast/value-key.js";
import type { BuiltinContext } from "../builtins/types.js";
import type * as P from "../compile/plan.js";
import { nodeName } from "../compile/plan.js";
import { objectPairs } from "../compile/object-pairs.js";
import { lookup, iterate, isCollection } from "./navigation.js";
import { DocumentBuilder } from "./document-builder.js";
import { OverrideNode, patch } from "./overrides.js";
import { callBuiltinEach } from "./call-builtin.js";
import { formatTemplateValue } from "./template.js";

export type Frame = (Value | undefined)[];
type K = () => boolean;
type VK = (v: Value) => boolean;

const NONE = Symbol("undefined");
type Cached = Value | typeof NONE;

export interface EvalOptions {
  /** The input document; undefined means no input (not `{}`). */
  readonly input?: Value | undefined;
  /** The base data document (default `{}`). */
  readonly data?: Value;
  /** Builtin errors end the query with the first error (strict) instead of being undefined. */
  readonly strictBuiltinErrors?: boolean;
  /** Absolute deadline in `performance.now()` milliseconds. */
  readonly deadline?: number;
  /** Where `print` writes. */
  readonly print?: (message: string) => void;
  /** Nanoseconds since the epoch for `time.now_ns()` (default: the clock at query start). */
  readonly nowNs?: bigint;
  /** What `opa.runtime()` returns. */
  readonly runtime?: Value;
  /** The parser, for `rego.parse_module`. */
  readonly parseModule?: (file: string, source: string) => Value;
  /** Ignore rule indices (the oracle for indexed evaluation). */
  readonly unindexed?: boolean;
}

/** What a `with` replaces a function by, at run time. */
type Mock = { readonly kind: "value"; readonly value: Value } | Exclude<P.FunctionReplacement, { kind: "value" }>;

const CHECK_EVERY = 4096;

/** What a `with` changes, saved to be put back. */
interface WithState {
  readonly input: Value | undefined;
  readonly overrides: OverrideNode | undefined;
  readonly mocks: Map<string, Mock> | undefined;
  readonly cache: Map<P.RuleNode, Cached>;
}

export class Evaluator {
  input: Value | undefined;
  readonly #base: Value;
  readonly strict: boolean;
  readonly #deadline: number | undefined;
  readonly #unindexed: boolean;
  readonly builtinContext: BuiltinContext;
  /** Builtin errors recorded so far (reported at the end in strict mode). */
  readonly builtinErrors: RegoError[] = [];
  #cache = new Map<P.RuleNode, Cached>();
  #overrides: OverrideNode | undefined;
  #mocks: Map<string, Mock> | undefined;
  #steps = 0;
  /** Values of top-level query expressions, captured as they are evaluated. */
  capture: Map<P.PExpr, Value> | undefined;
  /** Query expressions whose value is reported even when it is `false` (OPA's captured values). */
  keepFalse: ReadonlySet<P.PExpr> | undefined;
  readonly #root: P.RuleNode;

  constructor(root: P.RuleNode, options: EvalOptions) {
    this.#root = root;
    this.input = options.input;
    this.#base = options.data ?? {};
    this.strict = options.strictBuiltinErrors ?? false;
    this.#deadline = options.deadline;
    this.#unindexed = options.unindexed ?? false;
    const nowNs = options.nowNs ?? BigInt(Date.now()) * 1_000_000n;
    this.builtinContext = {
      nowNs,
      cache: new Map(),
      runtime: options.runtime,
      print: options.print ?? (() => {}),
      ...(options.parseModule ? { parseModule: options.parseModule } : {}),
    };
  }

  // ------------------------------------------------------------ bodies and expressions

  evalBody(exprs: readonly P.PExpr[], i: number, f: Frame, k: K): boolean {
    if (i === exprs.length) return k();
    return this.evalExpr(exprs[i]!, f, () => this.evalBody(exprs, i + 1, f, k));
  }

  private tick(loc: Location): void {
    if (++this.#steps % CHECK_EVERY !== 0 || this.#deadline === undefined) return;
    if (performance.now() > this.#deadline) throw new RegoError(ErrorCode.EvalCancelError, "timed out: query evaluation exceeded the timeout", loc);
  }

  evalExpr(e: P.PExpr, f: Frame, k: K): boolean {
    this.tick(e.loc);
    switch (e.k) {
      case "unify":
        return this.unify(e.a, e.b, f, k);
      case "term":
        return this.evalTerm(e.t, f, (v) => {
          if (v === false && !this.keepFalse?.has(e)) return false;
          if (this.capture) this.capture.set(e, v);
          return k();
        });
      case "not":
        return this.evalBody(e.body.exprs, 0, f, () => true) ? false : k();
      case "every":
        return this.evalEvery(e, f, k);
      case "with":
        return this.evalWith(e, f, k);
      case "any":
        for (const b of e.bodies) if (this.evalBody(b.exprs, 0, f, () => true)) return k();
        return false;
    }
  }

  private evalEvery(e: P.PEvery, f: Frame, k: K): boolean {
    return this.evalTerm(e.domain, f, (domain) => {
      if (!isCollection(domain)) return false;
      const keySlot = e.key?.k === "local" ? e.key.slot : -1;
      const valueSlot = (e.value as P.PLocal).slot;
      const failed = iterate(domain, (key, value) => {
        if (keySlot >= 0) f[keySlot] = key;
        f[valueSlot] = value;
        const ok = this.evalBody(e.body.exprs, 0, f, () => true);
        if (keySlot >= 0) f[keySlot] = undefined;
        f[valueSlot] = undefined;
        return !ok;
      });
      return failed ? false : k();
    });
  }

  // ------------------------------------------------------------ with

  private evalWith(e: P.PWithExpr, f: Frame, k: K): boolean {
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
    return { input: this.input, overrides: this.#overrides, mocks: this.#mocks, cache: this.#cache };
  }

  #restoreState(s: WithState): void {
    this.input = s.input;
    this.#overrides = s.overrides;
    this.#mocks = s.mocks;
    this.#cache = s.cache;
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
  }

  // ------------------------------------------------------------ unification

  unify(a: P.PTerm, b: P.PTerm, f: Frame, k: K): boolean {
    if (a.k === "local") {
      const va = f[a.slot];
      return va === undefined ? this.bind(a.slot, b, f, k) : this.unifyValue(b, va, f, k);
    }
    if (b.k === "local") {
      const vb = f[b.slot];
      return vb === undefined ? this.bind(b.slot, a, f, k) : this.unifyValue(a, vb, f, k);
    }
    if (a.k === "const") return this.unifyValue(b, a.v, f, k);
    if (b.k === "const") return this.unifyValue(a, b.v, f, k);
    if (a.k === "array" && b.k === "array") {
      if (a.items.length !== b.items.length) return false;
      return this.unifyPairs(a.items, b.items, 0, [], f, k);
    }
    if (a.k === "object" && b.k === "object") {
      const pairs = objectPairs(a, b);
      if (pairs) return this.unifyPairs(pairs[0], pairs[1], 0, [], f, k);
    }
    if (this.evaluable(a, f)) return this.evalTerm(a, f, (va) => this.unifyValue(b, va, f, k));
    return this.evalTerm(b, f, (vb) => this.unifyValue(a, vb, f, k));
  }

  /** Binds an unbound slot to each value of `t`. */
  private bind(slot: number, t: P.PTerm, f: Frame, k: K): boolean {
    if (t.k === "local" && f[t.slot] === undefined) return false;
    return this.evalTerm(t, f, (v) => {
      const cur = f[slot];
      if (cur !== undefined) return equalValues(cur, v) ? k() : false;
      f[slot] = v;
      const stop = k();
      f[slot] = undefined;
      return stop;
    });
  }

  /** `[a, b] = [c, d]`, element by element; pairs of unbound vars wait for a second pass. */
  private unifyPairs(as: readonly P.PTerm[], bs: readonly P.PTerm[], i: number, deferred: number[], f: Frame, k: K): boolean {
    if (i === as.length) {
      if (deferred.length === 0) return k();
      const [next, ...rest] = deferred;
      if (this.stuck(as[next!]!, bs[next!]!, f)) return false;
      return this.unify(as[next!]!, bs[next!]!, f, () => this.unifyPairs(as, bs, as.length, rest, f, k));
    }
    const a = as[i]!;
    const b = bs[i]!;
    if (this.stuck(a, b, f)) return this.unifyPairs(as, bs, i + 1, [...deferred, i], f, k);
    return this.unify(a, b, f, () => this.unifyPairs(as, bs, i + 1, deferred, f, k));
  }

  /** Neither side can be evaluated yet. */
  private stuck(a: P.PTerm, b: P.PTerm, f: Frame): boolean {
    if ((a.k === "array" && b.k === "array") || (a.k === "object" && b.k === "object")) return false;
    return !this.evaluable(a, f) && !this.evaluable(b, f);
  }

  /** Matches pattern `t` against the ground value `v`. */
  unifyValue(t: P.PTerm, v: Value, f: Frame, k: K): boolean {
    switch (t.k) {
      case "local": {
        const cur = f[t.slot];
        if (cur !== undefined) return equalValues(cur, v) ? k() : false;
        f[t.slot] = v;
        const stop = k();
        f[t.slot] = undefined;
        return stop;
      }
      case "const":
        return equalValues(t.v, v) ? k() : false;
      case "array":
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        return this.unifyItems(t.items, v, 0, f, k);
      case "object":
        if (!isObject(v)) return false;
        return this.unifyObject(t, v, f, k);
      default:
        return this.evalTerm(t, f, (tv) => (equalValues(tv, v) ? k() : false));
    }
  }

  private unifyItems(items: readonly P.PTerm[], vs: readonly Value[], i: number, f: Frame, k: K): boolean {
    if (i === items.length) return k();
    return this.unifyValue(items[i]!, vs[i]!, f, () => this.unifyItems(items, vs, i + 1, f, k));
  }

  private unifyObject(t: P.PObject, v: Value, f: Frame, k: K): boolean {
    let size = 0;
    iterate(v, () => (size++, false));
    if (size !== t.keys.length) return false;
    const step = (i: number): boolean => {
      if (i === t.keys.length) return k();
      return this.evalTerm(t.keys[i]!, f, (key) => {
        const child = lookup(v, key);
        return child === undefined ? false : this.unifyValue(t.values[i]!, child, f, () => step(i + 1));
      });
    };
    return step(0);
  }

  /** A term is evaluable when its pattern variables (outside ref keys) are bound. */
  evaluable(t: P.PTerm, f: Frame): boolean {
    const slots = patternSlots(t);
    for (let i = 0; i < slots.length; i++) if (f[slots[i]!] === undefined) return false;
    return true;
  }

  // ------------------------------------------------------------ terms

  /** Calls `k` with each value of `t`. */
  evalTerm(t: P.PTerm, f: Frame, k: VK): boolean {
    switch (t.k) {
      case "const":
        return k(t.v);
      case "local": {
        const v = f[t.slot];
        if (v === undefined) throw new RegoError(ErrorCode.EvalInternalError, `var ${t.name} is unbound`, t.loc);
        return k(v);
      }
      case "input":
        return this.input === undefined ? false : k(this.input);
      case "data": {
        const d = this.dataDocument(this.#root, [], this.#base, this.#overrides);
        return d === undefined ? false : k(d);
      }
      case "ref":
        return this.evalRef(t, f, k);
      case "array": {
        const buf = new Array<Value>(t.items.length);
        return this.evalItems(t.items, 0, f, buf, () => k(buf.slice()));
      }
      case "set": {
        const buf = new Array<Value>(t.items.length);
        return this.evalItems(t.items, 0, f, buf, () => k(new RSet(buf)));
      }
      case "object":
        return this.evalObject(t, f, k);
      case "arrayCompr": {
        const out: Value[] = [];
        this.evalBody(t.body.exprs, 0, f, () => this.evalTerm(t.head, f, (v) => (out.push(v), false)));
        return k(out);
      }
      case "setCompr": {
        const out = new RSet();
        this.evalBody(t.body.exprs, 0, f, () => this.evalTerm(t.head, f, (v) => (out.add(v), false)));
        return k(out);
      }
      case "objectCompr":
        return k(this.evalObjectCompr(t, f));
      case "call":
        return this.evalCall(t, f, k);
      case "template":
        return k(this.evalTemplate(t, f));
    }
  }

  private evalItems(items: readonly P.PTerm[], i: number, f: Frame, buf: Value[], k: K): boolean {
    if (i === items.length) return k();
    return this.evalTerm(items[i]!, f, (v) => {
      buf[i] = v;
      return this.evalItems(items, i + 1, f, buf, k);
    });
  }

  private evalObject(t: P.PObject, f: Frame, k: VK): boolean {
    const n = t.keys.length;
    const buf = new Array<Value>(n * 2);
    const all = [...t.keys, ...t.values];
    return this.evalItems(all, 0, f, buf, () => {
      const b = new ObjectBuilder();
      for (let i = 0; i < n; i++) {
        const prev = b.get(buf[i]!);
        if (prev !== undefined && !equalValues(prev, buf[n + i]!)) {
          throw new RegoError(ErrorCode.EvalConflictError, "object keys must be unique", t.loc);
        }
        b.set(buf[i]!, buf[n + i]!);
      }
      return k(b.build());
    });
  }

  private evalObjectCompr(t: P.PObjectCompr, f: Frame): Value {
    const b = new ObjectBuilder();
    this.evalBody(t.body.exprs, 0, f, () =>
      this.evalTerm(t.key, f, (key) =>
        this.evalTerm(t.value, f, (value) => {
          const prev = b.get(key);
          if (prev !== undefined && !equalValues(prev, value)) {
            throw new RegoError(ErrorCode.EvalConflictError, "object keys must be unique", t.loc);
          }
          b.set(key, value);
          return false;
        }),
      ),
    );
    return b.build();
  }

  private evalTemplate(t: P.PTemplate, f: Frame): Value {
    let out = "";
    for (const part of t.parts) {
      if (typeof part === "string") {
        out += part;
        continue;
      }
      const values: Value[] = [];
      this.evalBody(part.body.exprs, 0, f, () => this.evalTerm(part.term, f, (v) => (values.push(v), false)));
      const distinct = new RSet(values);
      if (distinct.size > 1) throw new RegoError(ErrorCode.EvalConflictError, "template-strings must not produce multiple outputs", part.loc);
      out += distinct.size === 0 ? "<undefined>" : formatTemplateValue(distinct.sorted()[0]!);
    }
    return out;
  }

  // ------------------------------------------------------------ refs

  evalRef(t: P.PRef, f: Frame, k: VK): boolean {
    const head = t.head;
    if (head.k === "data") return this.walkData(this.#root, this.#base, this.#overrides, t.path, 0, [], f, k, t.loc);
    if (head.k === "input") return this.input === undefined ? false : this.walkValue(this.input, t.path, 0, f, k);
    return this.evalTerm(head, f, (v) => this.walkValue(v, t.path, 0, f, k));
  }

  /** Walks `path[i…]` into a plain value, iterating where a key is unbound. */
  walkValue(v: Value, path: readonly P.PTerm[], i: number, f: Frame, k: VK): boolean {
    if (i === path.length) return k(v);
    const p = path[i]!;
    if (p.k === "const") {
      const child = lookup(v, p.v);
      return child === undefined ? false : this.walkValue(child, path, i + 1, f, k);
    }
    if (p.k === "local") {
      const bound = f[p.slot];
      if (bound !== undefined) {
        const child = lookup(v, bound);
        return child === undefined ? false : this.walkValue(child, path, i + 1, f, k);
      }
      const slot = p.slot;
      return iterate(v, (key, child) => {
        f[slot] = key;
        const stop = this.walkValue(child, path, i + 1, f, k);
        f[slot] = undefined;
        return stop;
      });
    }
    if (this.evaluable(p, f)) {
      return this.evalTerm(p, f, (key) => {
        const child = lookup(v, key);
        return child === undefined ? false : this.walkValue(child, path, i + 1, f, k);
      });
    }
    return iterate(v, (key, child) => this.unifyValue(p, key, f, () => this.walkValue(child, path, i + 1, f, k)));
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
      const doc = this.dataDocument(node, keys, base, over);
      return doc === undefined ? false : this.walkValue(doc, path, i, f, k);
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
      if (v !== undefined) builder.merge(key, v, child.rules[0]?.loc ?? loc);
    }
    for (const rule of rules) this.addContributions(rule, builder);
    return builder.build();
  }

  /** The rules worth evaluating at a node: all, or the rule index's candidates. */
  private rulesOf(node: P.RuleNode): readonly P.CompiledRule[] {
    if (!node.index || this.#unindexed) return node.rules;
    return node.index.lookup((ref) => this.valueOf(ref));
  }

  /** The first value of a ground term, or undefined. */
  valueOf(t: P.PTerm): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(t, [], (v) => ((out = v), true));
    return out;
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
    if (result === undefined && node.defaultRule) result = this.valueOf(node.defaultRule.value);
    return result;
  }

  /** The value of a rule or its first `else` whose body holds. */
  private chainValue(rule: P.CompiledRule, conflict: string, args?: readonly Value[]): Value | undefined {
    for (let r: P.CompiledRule | undefined = rule; r; r = r.else) {
      let result: Value | undefined;
      const f: Frame = new Array(r.slots);
      const once = r.value.k === "const";
      const found = this.bindParams(r, args, f, () =>
        this.evalBody(r!.body.exprs, 0, f, () =>
          this.evalTerm(r!.value, f, (v) => {
            if (result === undefined) result = v;
            else if (!equalValues(result, v)) throw new RegoError(ErrorCode.EvalConflictError, conflict, r!.loc);
            return once;
          }),
        ),
      );
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
      this.evalBody(r.body.exprs, 0, f, () => this.evalTerm(r.element!, f, (v) => (out.add(v), false)));
    }
    return out;
  }

  /** Adds every solution of a multi-value rule to the node's document. */
  private addContributions(r: P.CompiledRule, builder: DocumentBuilder): void {
    const f: Frame = new Array(r.slots);
    const keys = new Array<Value>(r.keys.length);
    this.evalBody(r.body.exprs, 0, f, () =>
      this.evalItems(r.keys, 0, f, keys, () => {
        if (r.contains) return this.evalTerm(r.element!, f, (v) => (builder.add(keys, v, true, r.loc), false));
        return this.evalTerm(r.value, f, (v) => (builder.add(keys, v, false, r.loc), false));
      }),
    );
  }

  // ------------------------------------------------------------ calls

  private evalCall(t: P.PCall, f: Frame, k: VK): boolean {
    const args = new Array<Value>(t.args.length);
    return this.evalItems(t.args, 0, f, args, () => {
      const mock = this.#mocks?.get(t.target.name);
      if (mock) return this.callMock(mock, t, args.slice(), k);
      if (t.target.kind === "function") return this.callFunction(t.target.node, args.slice(), t.loc, k);
      if (t.target.kind === "builtin") return callBuiltinEach(this, t.target.builtin, args, t.loc, k);
      throw new RegoError(ErrorCode.EvalInternalError, `cannot call ${t.target.name}`, t.loc);
    });
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

  callFunction(node: P.RuleNode, args: readonly Value[], loc: Location, k: VK): boolean {
    let result: Value | undefined;
    const conflict = "functions must not produce multiple outputs for same inputs";
    for (const rule of node.rules) {
      const v = this.chainValue(rule, conflict, args);
      if (v === undefined) continue;
      if (result === undefined) result = v;
      else if (!equalValues(result, v)) throw new RegoError(ErrorCode.EvalConflictError, conflict, rule.loc);
    }
    if (result === undefined && node.defaultRule) result = this.valueOf(node.defaultRule.value);
    void loc;
    return result === undefined ? false : k(result);
  }

  /** Throws the first recorded builtin error (strict mode), if any. */
  finish(): void {
    if (this.strict && this.builtinErrors.length > 0) throw this.builtinErrors[0]!;
  }

  nodeName(node: P.RuleNode): string {
    return nodeName(node);
  }
}

// ---------------------------------------------------------------- helpers

const patternSlotCache = new WeakMap<P.PTerm, number[]>();

/** Slots that must be bound for a term to be evaluable (pattern positions). */
function patternSlots(t: P.PTerm): number[] {
  let slots = patternSlotCache.get(t);
  if (!slots) {
    slots = [];
    collectPattern(t, slots);
    patternSlotCache.set(t, slots);
  }
  return slots;
}

function collectPattern(t: P.PTerm, out: number[]): void {
  switch (t.k) {
    case "local":
      out.push(t.slot);
      return;
    case "ref":
      collectPattern(t.head, out);
      for (const p of t.path) if (p.k !== "local") collectPatternInKey(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) collectPattern(x, out);
      return;
    case "object":
      for (const x of t.keys) collectPattern(x, out);
      for (const x of t.values) collectPattern(x, out);
      return;
    case "call":
      for (const x of t.args) collectPattern(x, out);
      return;
    default:
      return;
  }
}

function collectPatternInKey(t: P.PTerm, out: number[]): void {
  if (t.k === "array" || t.k === "object") return;
  collectPattern(t, out);
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
