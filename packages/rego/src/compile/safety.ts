/**
 * Stages CheckSafetyRuleBodies and CheckSafetyRuleHeads: every variable must be bound
 * before it is read. Bodies are reordered so that an expression runs once the
 * variables it needs are bound (OPA's `reorderBodyForSafety`: repeated passes in
 * source order, placing whatever has become safe); what can never be placed is unsafe.
 */
import type { Location } from "../ast/location.js";
import type * as P from "./plan.js";
import { objectPairs } from "./object-pairs.js";

type Slots = Set<number>;

// ---------------------------------------------------------------- slot walks

/** Every slot referenced in a term, closures included. */
function slotsOfTerm(t: P.PTerm, out: Slots): void {
  switch (t.k) {
    case "local":
      out.add(t.slot);
      return;
    case "ref":
      slotsOfTerm(t.head, out);
      for (const p of t.path) slotsOfTerm(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) slotsOfTerm(x, out);
      return;
    case "object":
      for (const x of t.keys) slotsOfTerm(x, out);
      for (const x of t.values) slotsOfTerm(x, out);
      return;
    case "call":
      for (const x of t.args) slotsOfTerm(x, out);
      return;
    case "arrayCompr":
    case "setCompr":
      slotsOfTerm(t.head, out);
      slotsOfBody(t.body, out);
      return;
    case "objectCompr":
      slotsOfTerm(t.key, out);
      slotsOfTerm(t.value, out);
      slotsOfBody(t.body, out);
      return;
    case "template":
      for (const p of t.parts) {
        if (typeof p === "string") continue;
        slotsOfTerm(p.term, out);
        slotsOfBody(p.body, out);
      }
      return;
    default:
      return;
  }
}

function slotsOfExpr(e: P.PExpr, out: Slots): void {
  switch (e.k) {
    case "unify":
      slotsOfTerm(e.a, out);
      slotsOfTerm(e.b, out);
      return;
    case "term":
      slotsOfTerm(e.t, out);
      return;
    case "not":
      slotsOfBody(e.body, out);
      return;
    case "every":
      if (e.key) slotsOfTerm(e.key, out);
      slotsOfTerm(e.value, out);
      slotsOfTerm(e.domain, out);
      slotsOfBody(e.body, out);
      return;
    case "with":
      for (const m of e.mods) {
        if (m.kind === "function") {
          if (m.replacement.kind === "value") slotsOfTerm(m.replacement.value, out);
        } else {
          slotsOfTerm(m.value, out);
          if (m.kind === "input") for (const p of m.path) slotsOfTerm(p, out);
        }
      }
      slotsOfBody(e.body, out);
      return;
    case "any":
      for (const b of e.bodies) slotsOfBody(b, out);
      return;
  }
}

function slotsOfBody(b: P.PBody, out: Slots): void {
  for (const e of b.exprs) slotsOfExpr(e, out);
}

/** Slots declared inside a closure: its bodies' own locals, at any depth. */
function declaredIn(t: P.PTerm | P.PExpr | P.PBody, out: Slots): void {
  if ("exprs" in t) {
    for (const s of t.locals) out.add(s);
    for (const e of t.exprs) declaredIn(e, out);
    return;
  }
  switch (t.k) {
    case "arrayCompr":
    case "setCompr":
      declaredIn(t.head, out);
      declaredIn(t.body, out);
      return;
    case "objectCompr":
      declaredIn(t.key, out);
      declaredIn(t.value, out);
      declaredIn(t.body, out);
      return;
    case "template":
      for (const p of t.parts) {
        if (typeof p === "string") continue;
        declaredIn(p.term, out);
        declaredIn(p.body, out);
      }
      return;
    case "ref":
      declaredIn(t.head, out);
      for (const p of t.path) declaredIn(p, out);
      return;
    case "array":
    case "set":
      for (const x of t.items) declaredIn(x, out);
      return;
    case "object":
      for (const x of [...t.keys, ...t.values]) declaredIn(x, out);
      return;
    case "call":
      for (const x of t.args) declaredIn(x, out);
      return;
    case "unify":
      declaredIn(t.a, out);
      declaredIn(t.b, out);
      return;
    case "term":
      declaredIn(t.t, out);
      return;
    case "not":
    case "every":
    case "with":
      declaredIn(t.body, out);
      return;
    case "any":
      for (const b of t.bodies) declaredIn(b, out);
      return;
    default:
      return;
  }
}

const EXPR_KINDS = new Set(["unify", "term", "not", "every", "with", "any"]);

function isExpr(t: P.PTerm | P.PExpr): t is P.PExpr {
  return EXPR_KINDS.has(t.k);
}

/** The outer slots a closure reads: what must be bound before it runs. */
function captured(t: P.PTerm | P.PExpr): Slots {
  const all: Slots = new Set();
  if (isExpr(t)) slotsOfExpr(t, all);
  else slotsOfTerm(t, all);
  const own: Slots = new Set();
  declaredIn(t, own);
  for (const s of own) all.delete(s);
  return all;
}

// ---------------------------------------------------------------- term analysis

/**
 * Splits a term's slots into those it needs bound and those it can bind itself
 * (variables in ref positions, bound by iteration).
 */
function classify(t: P.PTerm, needed: Slots, outputs: Slots): void {
  switch (t.k) {
    case "local":
      needed.add(t.slot);
      return;
    case "ref":
      classify(t.head, needed, outputs);
      for (const p of t.path) {
        if (p.k === "local") outputs.add(p.slot);
        else if (p.k === "array" || p.k === "object") patternOutputs(p, needed, outputs);
        else classify(p, needed, outputs);
      }
      return;
    case "array":
    case "set":
      for (const x of t.items) classify(x, needed, outputs);
      return;
    case "object":
      for (const x of t.keys) classify(x, needed, outputs);
      for (const x of t.values) classify(x, needed, outputs);
      return;
    case "call":
      for (const x of t.args) classify(x, needed, outputs);
      return;
    case "arrayCompr":
    case "setCompr":
    case "objectCompr":
    case "template":
      for (const s of captured(t)) needed.add(s);
      return;
    default:
      return;
  }
}

/** A pattern used as a ref key (`x[[a, b]]`): its vars are bound by matching keys. */
function patternOutputs(t: P.PTerm, needed: Slots, outputs: Slots): void {
  if (t.k === "local") outputs.add(t.slot);
  else if (t.k === "array") for (const x of t.items) patternOutputs(x, needed, outputs);
  else if (t.k === "object") {
    for (const x of t.keys) classify(x, needed, outputs);
    for (const x of t.values) patternOutputs(x, needed, outputs);
  } else classify(t, needed, outputs);
}

interface Outcome {
  readonly ok: boolean;
  readonly outputs: Slots;
}
const FAIL: Outcome = { ok: false, outputs: new Set() };

function subset(a: Slots, b: Slots): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function union(a: Slots, b: Slots): Slots {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

/** Whether `t` can be evaluated to values once `safe` is bound, and what it binds. */
function evaluable(t: P.PTerm, safe: Slots): Outcome {
  const needed: Slots = new Set();
  const outputs: Slots = new Set();
  classify(t, needed, outputs);
  if (!subset(needed, safe)) return FAIL;
  for (const s of safe) outputs.delete(s);
  return { ok: true, outputs };
}

/** Whether `t` can be matched against a value once `safe` is bound, and what it binds. */
function matchable(t: P.PTerm, safe: Slots): Outcome {
  switch (t.k) {
    case "local":
      return { ok: true, outputs: safe.has(t.slot) ? new Set() : new Set([t.slot]) };
    case "const":
    case "input":
    case "data":
      return { ok: true, outputs: new Set() };
    case "array": {
      let out: Slots = new Set();
      for (const x of t.items) {
        const r = matchable(x, union(safe, out));
        if (!r.ok) return FAIL;
        out = union(out, r.outputs);
      }
      return { ok: true, outputs: out };
    }
    case "object": {
      let out: Slots = new Set();
      for (const k of t.keys) {
        const r = evaluable(k, safe);
        if (!r.ok) return FAIL;
        out = union(out, r.outputs);
      }
      for (const v of t.values) {
        const r = matchable(v, union(safe, out));
        if (!r.ok) return FAIL;
        out = union(out, r.outputs);
      }
      return { ok: true, outputs: out };
    }
    default:
      return evaluable(t, safe);
  }
}

function unifyOutcome(a: P.PTerm, b: P.PTerm, safe: Slots): Outcome {
  if (a.k === "array" && b.k === "array" && a.items.length === b.items.length) return pairwise(a.items, b.items, safe);
  if (a.k === "object" && b.k === "object") {
    const pairs = objectPairs(a, b);
    if (pairs) return pairwise(pairs[0], pairs[1], safe);
  }
  const ea = evaluable(a, safe);
  if (ea.ok) {
    const mb = matchable(b, union(safe, ea.outputs));
    if (mb.ok) return { ok: true, outputs: union(ea.outputs, mb.outputs) };
  }
  const eb = evaluable(b, safe);
  if (eb.ok) {
    const ma = matchable(a, union(safe, eb.outputs));
    if (ma.ok) return { ok: true, outputs: union(eb.outputs, ma.outputs) };
  }
  return FAIL;
}

/** `[a, b] = [c, d]`: element pairs, in any order, until nothing more can be bound. */
function pairwise(as: readonly P.PTerm[], bs: readonly P.PTerm[], safe: Slots): Outcome {
  let known = safe;
  const done = new Array<boolean>(as.length).fill(false);
  let progress = true;
  while (progress) {
    progress = false;
    for (let i = 0; i < as.length; i++) {
      if (done[i]) continue;
      const r = unifyOutcome(as[i]!, bs[i]!, known);
      if (!r.ok) continue;
      done[i] = true;
      known = union(known, r.outputs);
      progress = true;
    }
  }
  if (done.some((d) => !d)) return FAIL;
  const outputs = new Set(known);
  for (const s of safe) outputs.delete(s);
  return { ok: true, outputs };
}

function exprOutcome(e: P.PExpr, safe: Slots): Outcome {
  switch (e.k) {
    case "unify":
      return unifyOutcome(e.a, e.b, safe);
    case "term":
      return evaluable(e.t, safe);
    case "not":
      return subset(captured(e), safe) && reorder(e.body, safe, undefined).ok ? { ok: true, outputs: new Set() } : FAIL;
    case "every": {
      const needed: Slots = new Set();
      classify(e.domain, needed, needed);
      for (const s of captured({ k: "not", body: e.body, loc: e.loc })) needed.add(s);
      if (!subset(needed, safe)) return FAIL;
      const inner = union(safe, new Set([e.value, ...(e.key ? [e.key] : [])].flatMap((t) => (t.k === "local" ? [t.slot] : []))));
      return reorder(e.body, inner, undefined).ok ? { ok: true, outputs: new Set() } : FAIL;
    }
    case "any":
      if (!subset(captured(e), safe)) return FAIL;
      return e.bodies.every((b) => reorder(b, safe, undefined).ok) ? { ok: true, outputs: new Set() } : FAIL;
    case "with": {
      for (const m of e.mods) {
        const v = m.kind === "function" ? (m.replacement.kind === "value" ? m.replacement.value : undefined) : m.value;
        if (v && !evaluable(v, safe).ok) return FAIL;
      }
      const r = reorder(e.body, safe, undefined);
      if (!r.ok) return FAIL;
      const outputs = new Set(r.safe);
      for (const s of safe) outputs.delete(s);
      return { ok: true, outputs };
    }
  }
}

// ---------------------------------------------------------------- reordering

/** What the caller learns about unsafe variables: slot, and where it was first seen. */
export interface UnsafeReport {
  readonly unsafe: (slots: Slots, loc: Location, isPrint: boolean, expr: P.PExpr) => void;
  readonly isPrint: (e: P.PExpr) => boolean;
}

interface Reordered {
  readonly ok: boolean;
  readonly safe: Slots;
}

/**
 * Reorders `body` given the `safe` slots. With a `report`, the body is rewritten in
 * place, nested bodies too, and unsafe variables are reported; without, it only
 * answers whether the body can be made safe.
 */
export function reorder(body: P.PBody, safe: Slots, report: UnsafeReport | undefined): Reordered {
  let known: Slots = new Set(safe);
  const placed: P.PExpr[] = [];
  const safeBefore = new Map<P.PExpr, Slots>();
  let remaining = [...body.exprs];
  let progress = true;
  while (progress && remaining.length > 0) {
    progress = false;
    const next: P.PExpr[] = [];
    for (const e of remaining) {
      const r = exprOutcome(e, known);
      if (!r.ok) {
        next.push(e);
        continue;
      }
      safeBefore.set(e, known);
      placed.push(e);
      known = union(known, r.outputs);
      progress = true;
    }
    remaining = next;
  }
  if (report) {
    for (const e of placed) finishNested(e, safeBefore.get(e)!, report);
    for (const e of remaining) {
      const all: Slots = new Set();
      slotsOfExpr(e, all);
      const own: Slots = new Set();
      declaredIn(e, own);
      const unsafe = new Set([...all].filter((s) => !known.has(s) && !own.has(s)));
      // Nothing unsafe at this level: the cause is inside a nested body.
      if (unsafe.size === 0) finishNested(e, known, report);
      else report.unsafe(unsafe, e.loc, report.isPrint(e), e);
    }
    body.exprs = [...placed, ...remaining];
  }
  return { ok: remaining.length === 0, safe: known };
}

/** After an expression is placed, its nested bodies are reordered against what was bound before it. */
function finishNested(e: P.PExpr, safe: Slots, report: UnsafeReport): void {
  switch (e.k) {
    case "unify":
      finishTerm(e.a, safe, report);
      finishTerm(e.b, safe, report);
      return;
    case "term":
      finishTerm(e.t, safe, report);
      return;
    case "not":
      reorder(e.body, safe, report);
      return;
    case "any":
      for (const b of e.bodies) reorder(b, safe, report);
      return;
    case "every": {
      finishTerm(e.domain, safe, report);
      const bound = [e.value, ...(e.key ? [e.key] : [])].flatMap((t) => (t.k === "local" ? [t.slot] : []));
      reorder(e.body, union(safe, new Set(bound)), report);
      return;
    }
    case "with":
      for (const m of e.mods) {
        const v = m.kind === "function" ? (m.replacement.kind === "value" ? m.replacement.value : undefined) : m.value;
        if (v) finishTerm(v, safe, report);
      }
      reorder(e.body, safe, report);
      return;
  }
}

/** Closures inside a term: reorder their bodies, then check their heads. */
export function finishTerm(t: P.PTerm, safe: Slots, report: UnsafeReport): void {
  switch (t.k) {
    case "ref":
      finishTerm(t.head, safe, report);
      for (const p of t.path) finishTerm(p, safe, report);
      return;
    case "array":
    case "set":
      for (const x of t.items) finishTerm(x, safe, report);
      return;
    case "object":
      for (const x of [...t.keys, ...t.values]) finishTerm(x, safe, report);
      return;
    case "call":
      for (const x of t.args) finishTerm(x, safe, report);
      return;
    case "arrayCompr":
    case "setCompr":
    case "objectCompr": {
      const r = reorder(t.body, safe, report);
      const heads = t.k === "objectCompr" ? [t.key, t.value] : [t.head];
      for (const h of heads) checkHeadTerm(h, r.safe, report);
      return;
    }
    case "template":
      for (const p of t.parts) {
        if (typeof p === "string") continue;
        const r = reorder(p.body, safe, report);
        const needed: Slots = new Set();
        const outputs: Slots = new Set();
        classify(p.term, needed, outputs);
        const missing = new Set([...needed].filter((s) => !r.safe.has(s) && !outputs.has(s)));
        if (missing.size > 0) report.unsafe(missing, p.loc, false, { k: "term", t: p.term, loc: p.loc });
        finishTerm(p.term, union(r.safe, outputs), report);
      }
      return;
    default:
      return;
  }
}

/**
 * A head term (rule value, key, comprehension head) must only read bound variables;
 * each unsafe one is reported where it appears.
 */
export function checkHeadTerm(t: P.PTerm, safe: Slots, report: UnsafeReport): void {
  const seen: Slots = new Set();
  const visit = (x: P.PTerm): void => {
    switch (x.k) {
      case "local":
        if (!safe.has(x.slot) && !seen.has(x.slot)) {
          seen.add(x.slot);
          report.unsafe(new Set([x.slot]), x.loc, false, { k: "term", t: x, loc: x.loc });
        }
        return;
      case "ref":
        visit(x.head);
        x.path.forEach(visit);
        return;
      case "array":
      case "set":
        x.items.forEach(visit);
        return;
      case "object":
        x.keys.forEach(visit);
        x.values.forEach(visit);
        return;
      case "call":
        x.args.forEach(visit);
        return;
      case "arrayCompr":
      case "setCompr":
      case "objectCompr":
      case "template": {
        const missing = [...captured(x)].filter((s) => !safe.has(s) && !seen.has(s));
        for (const s of missing) seen.add(s);
        if (missing.length > 0) report.unsafe(new Set(missing), x.loc, false, { k: "term", t: x, loc: x.loc });
        else finishTerm(x, safe, report);
        return;
      }
      default:
        return;
    }
  };
  visit(t);
}
