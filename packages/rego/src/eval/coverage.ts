/**
 * What evaluation reached, for coverage reports (OPA's cover tracer): the plan
 * expressions that were evaluated and the rules that produced a value.
 *
 * The evaluator holds an optional recorder and checks it once per expression, so
 * evaluation without coverage pays a single null check. Hits are kept by plan-node
 * identity (no allocation per hit); turning them into file rows is the reporter's job.
 */
import type * as P from "../compile/plan.js";

export class CoverageRecorder {
  /** Expressions evaluated at least once (OPA's `Eval` events). */
  readonly exprs = new Set<P.PExpr>();
  /** Rules (an `else` is its own rule) that produced a value (OPA's `Exit` events on rules). */
  readonly rules = new Set<P.CompiledRule>();
}
