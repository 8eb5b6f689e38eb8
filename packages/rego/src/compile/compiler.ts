/**
 * The compiler: a named, ordered table of small stages (OPA's `c.stages`), each in
 * its own file. Modules are compiled together as one unit, sorted by file name so
 * output and errors are stable. Extensions go in with `withStageAfter`.
 */
import { importsNotKeyword } from "../ast/future-keywords.js";
import { RegoErrors } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import { BUILTINS } from "../builtins/registry.js";
import type { Builtin } from "../builtins/types.js";
import { CompileContext, ErrorLimitReached, type CompileOptions } from "./context.js";
import { setModuleEnv } from "./modules.js";
import { setRuleTree, type Placement } from "./rule-tree.js";
import { Lowerer } from "./lower.js";
import { unusedDeclaredVars } from "./declared-vars.js";
import { moduleGlobals, QUERY_GLOBALS } from "./callees.js";
import { checkQuerySafety, checkSafety } from "./check-safety.js";
import { checkRecursion } from "./recursion.js";
import { checkQueryTypes, checkRuleTypes } from "./rule-types.js";
import { buildRuleIndices } from "./rule-index.js";
import { MetadataIndex } from "./metadata.js";
import type { CompiledRule, PBody, PExpr, RuleNode } from "./plan.js";

/** A compiled set of modules: the rule tree the evaluator walks. */
export interface CompiledPolicy {
  readonly root: RuleNode;
  readonly rules: readonly CompiledRule[];
  readonly modules: readonly A.Module[];
  readonly builtins: ReadonlyMap<string, Builtin>;
  /** Options the policy was compiled with; queries inherit them. */
  readonly options: CompileOptions;
}

/** One top-level expression of a query, for OPA-shaped `expressions` output. */
export interface QueryExpression {
  readonly text: string;
  readonly loc: Location;
  /** The plan expression whose value is reported (undefined when erased, as `some x`). */
  readonly main: PExpr | undefined;
}

export interface CompiledQuery {
  readonly body: PBody;
  readonly slots: number;
  readonly slotNames: readonly string[];
  readonly expressions: readonly QueryExpression[];
}

/** Per-compilation state the stages share besides the context. */
interface StageState {
  modules: readonly A.Module[];
  placements: Map<A.Rule, Placement>;
  printExprs: WeakSet<PExpr>;
}

export interface Stage {
  readonly name: string;
  readonly run: (ctx: CompileContext, state: StageState) => void;
}

function lowerRules(ctx: CompileContext, state: StageState): void {
  const metadata = new MetadataIndex(ctx.modules, (rule) => state.placements.get(rule)?.node, (message, loc) => ctx.typeError(message, loc));
  for (const info of ctx.modules) {
    const lowerer = new Lowerer(ctx, moduleGlobals(ctx, info), state.printExprs, metadata, importsNotKeyword(info.module), info.module.source);
    for (const rule of info.module.rules) {
      const placement = state.placements.get(rule)!;
      const compiled = lowerer.lowerRule(rule, placement);
      ctx.compiled.set(rule, compiled);
      ctx.allRules.push(compiled);
      if (compiled.isDefault) placement.node.defaultRule = compiled;
      else placement.node.rules.push(compiled);
    }
  }
}

/** The stages, in order, named after OPA's where they do the same job. */
export const STAGES: readonly Stage[] = [
  { name: "SetModuleEnv", run: (ctx, s) => setModuleEnv(ctx, s.modules) },
  { name: "SetRuleTree", run: (ctx, s) => void (s.placements = setRuleTree(ctx)) },
  { name: "LowerRules", run: lowerRules },
  { name: "CheckDeclaredVars", run: (ctx, s) => unusedDeclaredVars(s.modules).forEach((e) => ctx.error(e.code, e.message, e.location)) },
  { name: "CheckSafety", run: (ctx, s) => checkSafety(ctx, s.printExprs) },
  { name: "CheckRecursion", run: (ctx) => checkRecursion(ctx) },
  { name: "CheckTypes", run: (ctx) => checkRuleTypes(ctx) },
  { name: "BuildRuleIndices", run: (ctx) => buildRuleIndices(ctx) },
];

export class Compiler {
  readonly #stages: Stage[];
  readonly #options: CompileOptions;

  constructor(options: CompileOptions = {}, stages: readonly Stage[] = STAGES) {
    this.#options = options;
    this.#stages = [...stages];
  }

  /** A compiler with `stage` run right after the stage named `after`. */
  withStageAfter(after: string, stage: Stage): Compiler {
    const i = this.#stages.findIndex((s) => s.name === after);
    if (i < 0) throw new Error(`no compiler stage named ${after}`);
    const stages = [...this.#stages];
    stages.splice(i + 1, 0, stage);
    return new Compiler(this.#options, stages);
  }

  /** Compiles modules into a policy; throws `RegoErrors` when any stage reports errors. */
  compile(modules: readonly A.Module[]): CompiledPolicy {
    const ctx = new CompileContext(this.#options, this.#options.builtins ?? BUILTINS);
    const state: StageState = { modules, placements: new Map(), printExprs: new WeakSet() };
    try {
      for (const stage of this.#stages) {
        stage.run(ctx, state);
        if (ctx.errors.length > 0 || stage.name === this.#options.stopAfter) break;
      }
    } catch (e) {
      if (!(e instanceof ErrorLimitReached)) throw e;
    }
    if (ctx.errors.length > 0) throw new RegoErrors(ctx.errors, ctx.limit, ctx.limitReached);
    return { root: ctx.root, rules: ctx.allRules, modules, builtins: ctx.builtins, options: this.#options };
  }
}

export function compile(modules: readonly A.Module[], options: CompileOptions = {}): CompiledPolicy {
  return new Compiler(options).compile(modules);
}

/** Compiles a query against a policy: resolves its names, orders it for safety. */
export function compileQuery(policy: CompiledPolicy, query: A.Body, source = ""): CompiledQuery {
  const ctx = new CompileContext(policy.options, policy.builtins, policy.root);
  const printExprs = new WeakSet<PExpr>();
  const lowerer = new Lowerer(ctx, QUERY_GLOBALS, printExprs, undefined, false, source);
  try {
    const { body, frame, mains } = lowerer.lowerQuery(query);
    if (ctx.errors.length === 0) checkQuerySafety(ctx, body, frame.names, printExprs);
    if (ctx.errors.length === 0) checkQueryTypes(ctx, body, frame.size);
    if (ctx.errors.length > 0) throw new RegoErrors(ctx.errors, ctx.limit, ctx.limitReached);
    const expressions = query.map((e, i) => ({ text: source.slice(e.loc.offset, e.loc.endOffset), loc: e.loc, main: mains[i] }));
    return { body, slots: frame.size, slotNames: frame.names, expressions };
  } catch (e) {
    if (e instanceof ErrorLimitReached) throw new RegoErrors(ctx.errors, ctx.limit, ctx.limitReached);
    throw e;
  }
}
