/**
 * Collects a job's secret, variable and other context references from every string
 * in it, naming where each was found with the job-relative path of the value:
 * `env.KEY`, `with.KEY`, `secrets.NAME` (a reusable call's secrets), `runs-on`,
 * `environment.url`, `if`, `steps[2].run`, `steps[0].with.token`, `steps[1].if`,
 * `strategy.matrix.include[0].key`, `container.credentials.password`, and
 * `workflow.env.KEY` for the workflow-level `env` that jobs with steps inherit.
 *
 * Mapping keys are visited in sorted order and lists in source order, so the order
 * of the collected references is stable when a file's keys are reordered. Each
 * reference is recorded once per (name, where, expression).
 */
import type { ContextRef } from "../document.js";
import { redactText } from "../redact.js";
import { readExpressionRefs, type NamedRef } from "./expression-refs.js";
import { conditionExpressions, findExpressions } from "./expression-spans.js";
import { compareText, isMapping, sortedKeys, type Mapping } from "./values.js";

export interface CollectedRefs {
  readonly secret_refs: readonly ContextRef[];
  readonly var_refs: readonly ContextRef[];
  readonly context_refs: readonly string[];
}

export class RefCollector {
  readonly #secrets = new Map<string, ContextRef>();
  readonly #vars = new Map<string, ContextRef>();
  readonly #contexts = new Set<string>();

  /** Every `${{ }}` in every string under `value`. */
  scanValue(value: unknown, where: string): void {
    if (typeof value === "string") {
      for (const expression of findExpressions(value)) this.#add(expression, where);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => this.scanValue(item, `${where}[${i}]`));
    } else if (isMapping(value)) {
      for (const key of sortedKeys(value)) this.scanValue(value[key], `${where}.${key}`);
    }
  }

  /** A job: its `if:` and its steps' `if:` are expressions even without `${{ }}`. */
  scanJob(job: Mapping): void {
    for (const key of sortedKeys(job)) {
      const value = job[key];
      if (key === "if") this.#scanCondition(value, "if");
      else if (key === "steps" && Array.isArray(value)) value.forEach((step, i) => this.#scanStep(step, `steps[${i}]`));
      else this.scanValue(value, key);
    }
  }

  result(): CollectedRefs {
    return { secret_refs: [...this.#secrets.values()], var_refs: [...this.#vars.values()], context_refs: [...this.#contexts].sort(compareText) };
  }

  #scanStep(step: unknown, where: string): void {
    if (!isMapping(step)) return this.scanValue(step, where);
    for (const key of sortedKeys(step)) {
      if (key === "if") this.#scanCondition(step[key], `${where}.if`);
      else this.scanValue(step[key], `${where}.${key}`);
    }
  }

  #scanCondition(value: unknown, where: string): void {
    if (typeof value !== "string") return;
    for (const expression of conditionExpressions(value)) this.#add(expression, where);
  }

  #add(expression: string, where: string): void {
    const refs = readExpressionRefs(expression);
    const text = redactText(expression);
    for (const ref of refs.secrets) record(this.#secrets, contextRef(ref, where, text));
    for (const ref of refs.vars) record(this.#vars, contextRef(ref, where, text));
    for (const path of refs.contexts) this.#contexts.add(path);
  }
}

function contextRef(ref: NamedRef, where: string, expression: string): ContextRef {
  return { name: ref.name, where, dynamic: ref.dynamic, expression };
}

function record(into: Map<string, ContextRef>, ref: ContextRef): void {
  const key = JSON.stringify([ref.name, ref.where, ref.expression]);
  if (!into.has(key)) into.set(key, ref);
}
