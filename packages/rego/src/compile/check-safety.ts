/**
 * Runs the safety analysis over every rule and reports unsafe variables with OPA's
 * messages: `var x is unsafe`, once per variable at its first expression (named
 * `in rule p` when the rule shares its first line with a rule of another name), and
 * `var x is undeclared` for `print` operands that nothing binds.
 */
import { ErrorCode } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type { CompileContext } from "./context.js";
import type * as P from "./plan.js";
import { checkHeadTerm, reorder, type UnsafeReport } from "./safety.js";

interface Finding {
  loc: Location;
  print: boolean;
  expr: P.PExpr;
}

/** Collects unsafe slots, keeping each slot's earliest location. */
class Collector implements UnsafeReport {
  readonly found = new Map<number, Finding>();
  readonly #printExprs: WeakSet<P.PExpr>;

  constructor(printExprs: WeakSet<P.PExpr>) {
    this.#printExprs = printExprs;
  }

  readonly unsafe = (slots: Set<number>, loc: Location, isPrint: boolean, expr: P.PExpr): void => {
    for (const s of slots) {
      const prev = this.found.get(s);
      if (!prev || compareLoc(loc, prev.loc) < 0) this.found.set(s, { loc, print: isPrint, expr });
    }
  };

  readonly isPrint = (e: P.PExpr): boolean => this.#printExprs.has(e);
}

function compareLoc(a: Location, b: Location): number {
  return a.row !== b.row ? a.row - b.row : a.col - b.col;
}

/** Where `slot` first appears in `t`, for print operand messages. */
function slotLocation(e: P.PExpr, slot: number): Location | undefined {
  let found: Location | undefined;
  const visit = (x: unknown): void => {
    if (found || typeof x !== "object" || x === null) return;
    const node = x as { k?: string; slot?: number; loc?: Location };
    if (node.k === "local" && node.slot === slot) {
      found = node.loc;
      return;
    }
    for (const v of Object.values(x)) if (typeof v === "object") visit(v);
  };
  visit(e);
  return found;
}

/** Reports the collected findings for one body owner (a rule or a query). */
export function reportUnsafe(ctx: CompileContext, collector: Collector, names: readonly string[], suffix: string): void {
  const named: { slot: number; f: Finding }[] = [];
  const generated: Finding[] = [];
  for (const [slot, f] of collector.found) {
    if ((names[slot] ?? "$").startsWith("$")) generated.push(f);
    else named.push({ slot, f });
  }
  named.sort((a, b) => compareLoc(a.f.loc, b.f.loc) || (names[a.slot]! < names[b.slot]! ? -1 : 1));
  for (const { slot, f } of named) {
    const name = names[slot]!;
    if (f.print) ctx.error(ErrorCode.CompileError, `var ${name} is undeclared`, slotLocation(f.expr, slot) ?? f.loc);
    else ctx.error(ErrorCode.UnsafeVarError, `var ${name} is unsafe${suffix}`, f.loc);
  }
  if (named.length > 0) return;
  const seen = new Set<P.PExpr>();
  for (const f of generated.sort((a, b) => compareLoc(a.loc, b.loc))) {
    if (seen.has(f.expr)) continue;
    seen.add(f.expr);
    ctx.error(ErrorCode.UnsafeVarError, "expression is unsafe", f.loc);
  }
}

function paramSlots(params: readonly P.PTerm[]): Set<number> {
  const out = new Set<number>();
  const visit = (t: P.PTerm): void => {
    if (t.k === "local") out.add(t.slot);
    else if (t.k === "array" || t.k === "set") t.items.forEach(visit);
    else if (t.k === "object") {
      t.keys.forEach(visit);
      t.values.forEach(visit);
    } else if (t.k === "ref") {
      visit(t.head);
      t.path.forEach(visit);
    }
  };
  params.forEach(visit);
  return out;
}

/** `p` for `p`, `a.b.c` for `a.b.c` (the head ref as written, without the package). */
function ruleName(rule: A.Rule): string {
  const ref = rule.head.ref;
  const head = ref.head.type === "Var" ? ref.head.name : "";
  return head + ref.path.map((p) => (p.type === "String" ? `.${p.value}` : "[…]")).join("");
}

/** Rules of more than one name starting on one line: diagnostics name their rule. */
function sharedLineSuffixes(ctx: CompileContext): Map<A.Rule, string> {
  const out = new Map<A.Rule, string>();
  for (const info of ctx.modules) {
    const byRow = new Map<number, A.Rule[]>();
    for (const r of info.module.rules) {
      const list = byRow.get(r.loc.row) ?? [];
      list.push(r);
      byRow.set(r.loc.row, list);
    }
    for (const rules of byRow.values()) {
      const names = new Set(rules.map(ruleName));
      if (names.size < 2) continue;
      for (const r of rules) for (let x: A.Rule | undefined = r; x; x = x.else) out.set(x, ` in rule ${ruleName(r)}`);
    }
  }
  return out;
}

export function checkSafety(ctx: CompileContext, printExprs: WeakSet<P.PExpr>): void {
  const suffixes = sharedLineSuffixes(ctx);
  for (const top of ctx.allRules) {
    for (let rule: P.CompiledRule | undefined = top; rule; rule = rule.else) {
      const collector = new Collector(printExprs);
      const result = reorder(rule.body, paramSlots(rule.params), collector);
      for (const t of [...rule.keys, ...(rule.element ? [rule.element] : []), rule.value]) checkHeadTerm(t, result.safe, collector);
      reportUnsafe(ctx, collector, rule.slotNames, suffixes.get(rule.ast) ?? "");
    }
  }
}

/** Safety of a query body: its free variables become the query's outputs. */
export function checkQuerySafety(ctx: CompileContext, body: P.PBody, names: readonly string[], printExprs: WeakSet<P.PExpr>): void {
  const collector = new Collector(printExprs);
  reorder(body, new Set(), collector);
  reportUnsafe(ctx, collector, names, "");
}

export { Collector };
