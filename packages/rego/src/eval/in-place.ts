/**
 * Evaluating a term in place. When every variable a term reads is bound and nothing in
 * it iterates or can have several values, it has one value or none, and that can be
 * computed directly: no continuation per step, no closure per argument. Most terms in
 * policies are like that (`job.environment`, `lower(name)`, `sprintf("…", [a, b])`,
 * `{"resource": uri, …}`), so this is the evaluator's fast path; everything else goes
 * through unification with continuations.
 *
 * `groundable` only looks (no evaluation, no side effects), so a caller can decide
 * before it evaluates anything; `groundOf` then evaluates, left to right, stopping at
 * the first part without a value, as the continuation-passing path does.
 */
import { equalValues } from "../ast/compare.js";
import { ErrorCode, RegoError } from "../ast/errors.js";
import { ObjectBuilder, RSet, type Value } from "../ast/value.js";
import type * as P from "../compile/plan.js";
import { lookup } from "./navigation.js";
import { objectCode, refCode } from "./site-code.js";
import type { Frame } from "./term-evaluator.js";

/** What in-place evaluation needs from the evaluator. */
export interface InPlaceHost {
  readonly input: Value | undefined;
  /** The call has at most one value and may be made here (not a relation, not replaced by `with`). */
  callableInPlace(t: P.PCall): boolean;
  /** The call's value, or undefined; only for calls `callableInPlace` accepts. */
  callInPlace(t: P.PCall, args: Value[]): Value | undefined;
  /** The value of a data ref whose path is all constants, or undefined. */
  dataInPlace(t: P.PRef): Value | undefined;
  /** Reads of a term in place before JavaScript is generated for it (site-code.ts). */
  readonly jitAfter: number;
}

const constantPaths = new WeakMap<P.PRef, boolean>();

/** Every step of the path is a constant: the ref has one value per `with` state. */
export function constantPath(t: P.PRef): boolean {
  let c = constantPaths.get(t);
  if (c === undefined) {
    c = t.path.every((p) => p.k === "const");
    constantPaths.set(t, c);
  }
  return c;
}

function allGroundable(h: InPlaceHost, items: readonly P.PTerm[], f: Frame): boolean {
  for (let i = 0; i < items.length; i++) if (!groundable(h, items[i]!, f)) return false;
  return true;
}

export function groundable(h: InPlaceHost, t: P.PTerm, f: Frame): boolean {
  switch (t.k) {
    case "const":
    case "input":
      return true;
    case "local":
      return f[t.slot] !== undefined;
    case "ref": {
      const head = t.head;
      if (head.k === "data") return constantPath(t);
      if (head.k === "local") {
        if (f[head.slot] === undefined) return false;
      } else if (head.k !== "input") {
        return false;
      }
      const path = t.path;
      for (let i = 0; i < path.length; i++) {
        const p = path[i]!;
        if (p.k !== "const" && (p.k !== "local" || f[p.slot] === undefined)) return false;
      }
      return true;
    }
    case "array":
    case "set":
    case "object":
      return allGroundable(h, t.items, f);
    case "call":
      return h.callableInPlace(t) && allGroundable(h, t.args, f);
    default:
      return false;
  }
}

/** The value of a term `groundable` accepted, or undefined when it has none. */
export function groundOf(h: InPlaceHost, t: P.PTerm, f: Frame): Value | undefined {
  switch (t.k) {
    case "const":
      return t.v;
    case "local":
      return f[t.slot];
    case "input":
      return h.input;
    case "ref": {
      const head = t.head;
      if (head.k === "data") return h.dataInPlace(t);
      const memo = t.memo;
      let code = memo.code;
      if (code === undefined && ++memo.runs > h.jitAfter) code = memo.code = refCode(t);
      if (code) return code(f, h.input);
      let v = head.k === "local" ? f[head.slot] : h.input;
      const path = t.path;
      for (let i = 0; i < path.length && v !== undefined; i++) {
        const p = path[i]!;
        v = lookup(v, p.k === "const" ? p.v : f[(p as P.PLocal).slot]!);
      }
      return v;
    }
    case "array":
    case "set": {
      const out = valuesOf(h, t.items, f);
      if (out === undefined) return undefined;
      return t.k === "array" ? out : new RSet(out);
    }
    case "object": {
      const memo = t.memo;
      let code = memo.code;
      if (code === undefined && ++memo.runs > h.jitAfter) code = memo.code = objectCode(t);
      if (code) {
        // Constant keys: only the values need evaluating.
        const values = valuesOf(h, t.values, f);
        return values === undefined ? undefined : code(values);
      }
      // Keys first, then values: the order the continuation-passing path evaluates in.
      const kv = valuesOf(h, t.items, f);
      return kv === undefined ? undefined : objectOf(t, kv);
    }
    case "call": {
      const args = valuesOf(h, t.args, f);
      return args === undefined ? undefined : h.callInPlace(t, args);
    }
    default:
      throw new RegoError(ErrorCode.EvalInternalError, `term of kind ${t.k} is not evaluable in place`, t.loc);
  }
}

/**
 * The object literal `t` from its evaluated keys and values (`kv`: keys, then values);
 * a key given twice with different values is a conflict, as in OPA.
 */
export function objectOf(t: P.PObject, kv: readonly Value[]): Value {
  const n = t.keys.length;
  const b = new ObjectBuilder();
  for (let i = 0; i < n; i++) {
    const prev = b.get(kv[i]!);
    if (prev !== undefined && !equalValues(prev, kv[n + i]!)) throw new RegoError(ErrorCode.EvalConflictError, "object keys must be unique", t.loc);
    b.set(kv[i]!, kv[n + i]!);
  }
  return b.build();
}

function valuesOf(h: InPlaceHost, items: readonly P.PTerm[], f: Frame): Value[] | undefined {
  const out = new Array<Value>(items.length);
  for (let i = 0; i < items.length; i++) {
    const v = groundOf(h, items[i]!, f);
    if (v === undefined) return undefined;
    out[i] = v;
  }
  return out;
}
