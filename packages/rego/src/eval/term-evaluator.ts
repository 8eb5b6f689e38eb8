/**
 * The core of the top-down evaluator: unification with backtracking in
 * continuation-passing style over the compiled plan.
 *
 * Every `eval*` method takes the current frame (`f`, one slot per local of the rule
 * being evaluated) and a continuation `k`; it calls `k` once per solution and returns
 * `true` when `k` asked to stop. Bindings are undone as the continuation returns, so
 * backtracking needs no trail. Errors that end evaluation are thrown as `RegoError`;
 * builtin errors are recorded and make the call undefined (CONFORMANCE.md §3.6).
 *
 * What depends on the policy (data documents, rules, functions, `with`) is left to
 * `Evaluator` in evaluator.ts.
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import { ObjectBuilder, RSet, isObject, type Value } from "../ast/value.js";
import type { BuiltinContext } from "../builtins/types.js";
import type * as P from "../compile/plan.js";
import { objectPairs } from "../compile/object-pairs.js";
import { lookup, iterate, isCollection } from "./navigation.js";
import { formatTemplateValue } from "./template.js";
import { groundOf, groundable, objectOf, type InPlaceHost } from "./in-place.js";
import type { CoverageRecorder } from "./coverage.js";

export type Frame = (Value | undefined)[];
export type K = () => boolean;
export type VK = (v: Value) => boolean;

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
  /** Hosts network builtins may reach (see `BuiltinContext.allowNet`); none by default. */
  readonly allowNet?: ReadonlySet<string>;
  /** Record what evaluation reaches here (for coverage); off when undefined. */
  readonly coverage?: CoverageRecorder;
  /**
   * Reads of a term in place before JavaScript is generated for it (site-code.ts):
   * default DEFAULT_JIT_AFTER; 0 generates at once, Infinity never.
   */
  readonly jitAfter?: number;
  /** Told of each test case a test starts (`internal.test_case`); see tester/test-case-calls.ts. */
  readonly testCase?: (path: Value) => void;
}

/** Terms read fewer times than this stay interpreted: generating code costs ~10 µs a term. */
export const DEFAULT_JIT_AFTER = 32;

const NO_HOSTS: ReadonlySet<string> = new Set();

/** How often (in steps) the deadline is checked. */
const CHECK_EVERY = 4096;

export abstract class TermEvaluator implements InPlaceHost {
  input: Value | undefined;
  readonly strict: boolean;
  readonly builtinContext: BuiltinContext;
  /** Builtin errors recorded so far (reported at the end in strict mode). */
  readonly builtinErrors: RegoError[] = [];
  /** Values of top-level query expressions, captured as they are evaluated. */
  capture: Map<P.PExpr, Value> | undefined;
  /** The expressions whose values `capture` records (the query's own, never a rule body's). */
  captured: ReadonlySet<P.PExpr> | undefined;
  /** Query expressions whose value is reported even when it is `false` (OPA's captured values). */
  keepFalse: ReadonlySet<P.PExpr> | undefined;
  /** The coverage recorder, or undefined: the one check evaluation pays when coverage is off. */
  readonly coverage: CoverageRecorder | undefined;
  readonly jitAfter: number;
  readonly #deadline: number | undefined;
  #steps = 0;

  constructor(options: EvalOptions) {
    this.input = options.input;
    this.strict = options.strictBuiltinErrors ?? false;
    this.#deadline = options.deadline;
    this.coverage = options.coverage;
    this.jitAfter = options.jitAfter ?? DEFAULT_JIT_AFTER;
    const nowNs = options.nowNs ?? BigInt(Date.now()) * 1_000_000n;
    this.builtinContext = {
      nowNs,
      cache: new Map(),
      runtime: options.runtime,
      print: options.print ?? (() => {}),
      ...(options.parseModule ? { parseModule: options.parseModule } : {}),
      allowNet: options.allowNet ?? NO_HOSTS,
      ...(options.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(options.testCase ? { testCase: options.testCase } : {}),
    };
  }

  /** `expr with target as value`. */
  protected abstract evalWith(e: P.PWithExpr, f: Frame, k: K): boolean;
  /** A ref rooted at `data`. */
  protected abstract evalDataRef(t: P.PRef, f: Frame, k: VK): boolean;
  /** The whole `data` document. */
  protected abstract dataRoot(): Value | undefined;
  /** Calls what `t` targets (a builtin, a function, or what `with` put in its place). */
  protected abstract invoke(t: P.PCall, args: Value[], k: VK): boolean;
  // InPlaceHost (in-place.ts): what in-place evaluation asks of the evaluator.
  abstract callableInPlace(t: P.PCall): boolean;
  abstract callInPlace(t: P.PCall, args: Value[]): Value | undefined;
  abstract dataInPlace(t: P.PRef): Value | undefined;


  // ------------------------------------------------------------ bodies and expressions

  evalBody(exprs: readonly P.PExpr[], i: number, f: Frame, k: K): boolean {
    // Filters that can be decided in place (`job.environment == null`) are tested
    // here; only an expression that binds or iterates takes a continuation.
    for (; i < exprs.length; i++) {
      const held = this.testInPlace(exprs[i]!, f);
      if (held === NOT_GROUND) break;
      if (!held) return false;
    }
    if (i === exprs.length) return k();
    // The last expression continues straight into k.
    if (i === exprs.length - 1) return this.evalExpr(exprs[i]!, f, k);
    return this.evalExpr(exprs[i]!, f, () => this.evalBody(exprs, i + 1, f, k));
  }

  /** Whether a term expression holds, when its term can be evaluated in place; else NOT_GROUND. */
  private testInPlace(e: P.PExpr, f: Frame): boolean | typeof NOT_GROUND {
    // A query's own expressions report their values (captured): they take the long way.
    if (e.k !== "term" || this.captured?.has(e) || !groundable(this, e.t, f)) return NOT_GROUND;
    const v = groundOf(this, e.t, f);
    return this.passed(e, v !== undefined && v !== false);
  }

  /** What evalExpr records for an expression tested in place. */
  private passed(e: P.PExpr, held: boolean): boolean {
    this.tick(e.loc);
    if (this.coverage !== undefined) this.coverage.exprs.add(e);
    return held;
  }

  protected tick(loc: Location): void {
    if (++this.#steps % CHECK_EVERY !== 0 || this.#deadline === undefined) return;
    if (performance.now() > this.#deadline) throw new RegoError(ErrorCode.EvalCancelError, "timed out: query evaluation exceeded the timeout", loc);
  }

  /** One expression, reached from evalBody after testInPlace declined it. */
  private evalExpr(e: P.PExpr, f: Frame, k: K): boolean {
    this.tick(e.loc);
    if (this.coverage !== undefined) this.coverage.exprs.add(e);
    switch (e.k) {
      case "unify":
        return this.unify(e.a, e.b, f, k);
      case "term":
        // Not evaluable in place (testInPlace checked), or a captured query expression.
        return this.evalByKind(e.t, f, (v) => {
          if (v === false && !this.keepFalse?.has(e)) return false;
          // A call made for its effect (`print(x)`) reports `true`, as OPA reports it.
          if (this.capture !== undefined && this.captured?.has(e)) this.capture.set(e, isVoidCall(e.t) ? true : v);
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
    if (groundable(this, t, f)) {
      const ground = groundOf(this, t, f);
      return ground === undefined ? false : this.bindValue(slot, ground, f, k);
    }
    return this.evalByKind(t, f, (v) => this.bindValue(slot, v, f, k));
  }

  /** Binds `slot` to `v` for the run of `k` (or, when it got bound meanwhile, checks it equals `v`). */
  private bindValue(slot: number, v: Value, f: Frame, k: K): boolean {
    const cur = f[slot];
    if (cur !== undefined) return equalValues(cur, v) ? k() : false;
    f[slot] = v;
    const stop = k();
    f[slot] = undefined;
    return stop;
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
    if (t.k !== "const" && t.k !== "local" && groundable(this, t, f)) {
      const v = groundOf(this, t, f);
      return v === undefined ? false : k(v);
    }
    return this.evalByKind(t, f, k);
  }

  /** evalTerm for a term already known not to be evaluable in place (no second check). */
  private evalByKind(t: P.PTerm, f: Frame, k: VK): boolean {
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
        const d = this.dataRoot();
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

  /**
   * Reads items from `i` on in place while they allow it (most do: constants, bound
   * variables, paths and calls over them); the index of the first that does not, or -1
   * when one has no value.
   */
  private itemsInPlace(items: readonly P.PTerm[], i: number, f: Frame, buf: Value[]): number {
    for (; i < items.length; i++) {
      if (!groundable(this, items[i]!, f)) return i;
      const v = groundOf(this, items[i]!, f);
      if (v === undefined) return -1;
      buf[i] = v;
    }
    return i;
  }

  protected evalItems(items: readonly P.PTerm[], i: number, f: Frame, buf: Value[], k: K): boolean {
    i = this.itemsInPlace(items, i, f, buf);
    if (i < 0) return false;
    if (i === items.length) return k();
    return this.evalItemAt(items, i, f, buf, k);
  }

  /** Item `i` (not evaluable in place) through its continuation, then the rest. */
  private evalItemAt(items: readonly P.PTerm[], i: number, f: Frame, buf: Value[], k: K): boolean {
    return this.evalByKind(items[i]!, f, (v) => {
      buf[i] = v;
      return this.evalItems(items, i + 1, f, buf, k);
    });
  }

  private evalObject(t: P.PObject, f: Frame, k: VK): boolean {
    const buf = new Array<Value>(t.items.length);
    return this.evalItems(t.items, 0, f, buf, () => k(objectOf(t, buf)));
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
    if (head.k === "data") return this.evalDataRef(t, f, k);
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

  /** The first value of a ground term, or undefined. */
  valueOf(t: P.PTerm): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(t, [], (v) => ((out = v), true));
    return out;
  }
  private evalCall(t: P.PCall, f: Frame, k: VK): boolean {
    const args = new Array<Value>(t.args.length);
    // Arguments read in place (the usual case) need no continuation before the call.
    const i = this.itemsInPlace(t.args, 0, f, args);
    if (i < 0) return false;
    if (i === args.length) return this.invoke(t, args, k);
    return this.evalItemAt(t.args, i, f, args, () => this.invoke(t, args, k));
  }

  /** Throws the first recorded builtin error (strict mode), if any. */
  finish(): void {
    if (this.strict && this.builtinErrors.length > 0) throw this.builtinErrors[0]!;
  }
}

function isVoidCall(t: P.PTerm): boolean {
  return t.k === "call" && t.target.kind === "builtin" && t.target.builtin.void === true;
}

/** An expression the in-place path cannot decide. */
const NOT_GROUND: unique symbol = Symbol("not ground");

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
