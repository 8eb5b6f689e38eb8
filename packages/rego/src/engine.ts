/**
 * The embedding façade (OPA's `rego` package): add modules and data once, prepare a
 * query, evaluate it many times with different inputs, get OPA-shaped result sets.
 *
 *   const engine = new Engine().addModule("authz.rego", source).setData(data);
 *   const allow = engine.prepare("data.authz.allow");
 *   const { results, error } = allow.evaluate({ input });
 */
import { dataConflicts } from "./compile/data-conflicts.js";
import { ErrorCode, RegoError, RegoErrors } from "./ast/errors.js";
import type * as A from "./ast/nodes.js";
import type { Value } from "./ast/value.js";
import { toJSONData } from "./ast/json.js";
import { parseModule, parseQuery } from "./parse/parser.js";
import { compile, compileQuery, type CompiledPolicy, type CompiledQuery } from "./compile/compiler.js";
import type { PExpr } from "./compile/plan.js";
import { withCustomBuiltins } from "./builtins/registry.js";
import { restrictBuiltins, type Capabilities } from "./builtins/capabilities.js";
import type { Builtin } from "./builtins/types.js";
import { Evaluator, type Frame } from "./eval/evaluator.js";
import { moduleJSON } from "./ast/opa-json.js";
import { BuiltinError } from "./builtins/operands.js";
import { hostSet } from "./builtins/support/http/permission.js";

export interface ExpressionValue {
  readonly value: Value;
  readonly text: string;
  readonly location: { readonly row: number; readonly col: number };
}

/** One solution of a query, shaped as OPA's `rego.Result`. */
export interface Result {
  readonly expressions: readonly ExpressionValue[];
  readonly bindings: Readonly<Record<string, Value>>;
}

export type ResultSet = readonly Result[];

export interface EngineOptions {
  /** Builtin errors end evaluation with an error instead of making the call undefined. */
  readonly strictBuiltinErrors?: boolean;
  /** Keep `print()` calls and send their output here. */
  readonly print?: (message: string) => void;
  /** Host-defined builtins (OPA's `rego.Function`), added to the builtin table. */
  readonly builtins?: readonly Builtin[];
  /** Allow the experimental keywords `and` / `or` in modules. */
  readonly experimentalKeywords?: boolean;
  /** Restrict the builtins policies may call (OPA's `--capabilities`); its `allowNet` hosts add to `allowNet`. */
  readonly capabilities?: Capabilities;
  /**
   * Hosts that `http.send` and `net.lookup_ip_addr` may reach. The network is off
   * unless hosts are listed here or in the capabilities' `allowNet`.
   */
  readonly allowNet?: readonly string[];
  /**
   * How many times a ref or an object literal is read before JavaScript is generated
   * for it (default 32; 0 generates at once, Infinity never): the same results either
   * way, only faster for terms read often.
   */
  readonly jitAfter?: number;
  /**
   * Refuse to prepare a query when a rule and the base data claim one path (default
   * true, as OPA's rego API refuses: `conflicting rule for data path x/p found`). OPA's
   * evaluator underneath does not check, and reads the data there; its compliance suite
   * relies on that, so the runner of that suite turns this off.
   */
  readonly checkDataConflicts?: boolean;
}

export interface PrepareOptions {
  /**
   * Report the value of a lone query expression even when it is `false`, as OPA's
   * `rego` package (and `opa eval`) does. With several expressions, or iteration,
   * `false` still fails the query. Set to false for topdown's plain semantics.
   */
  readonly captureValues?: boolean;
}

export interface EvaluateOptions {
  /** The input document; leave undefined for no input. */
  readonly input?: Value;
  /** Stop with `eval_cancel_error` after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Overrides the engine's setting for this evaluation. */
  readonly strictBuiltinErrors?: boolean;
  /** The clock for `time.now_ns()`, in nanoseconds since the epoch. */
  readonly nowNs?: bigint;
  /** What `opa.runtime()` returns (OPA's runtime object: `env`, `version`, …); `{}` when absent. */
  readonly runtime?: Value;
  /** Evaluate without rule indices (to check indexed evaluation against). */
  readonly unindexed?: boolean;
  /** Report Rego values as they are (sets as `RSet`) instead of as JSON data. */
  readonly rawValues?: boolean;
}

/** The outcome of an evaluation: the solutions, and an error when evaluation failed. */
export interface Evaluation {
  readonly results: ResultSet;
  readonly error?: RegoError;
  /**
   * Builtin errors that made a call undefined (not strict mode), in the order they
   * happened: the query still has its results, but a rule that needed the call may
   * have missed a value. Empty when there were none.
   */
  readonly builtinErrors: readonly RegoError[];
}

export class Engine {
  readonly #options: EngineOptions;
  readonly #modules = new Map<string, A.Module>();
  #data: Value = {};
  #policy: CompiledPolicy | undefined;

  constructor(options: EngineOptions = {}) {
    this.#options = options;
  }

  /** Parses and adds a module; throws `RegoErrors` on parse errors. */
  addModule(file: string, source: string): this {
    this.#modules.set(file, parseModule(source, { file, experimentalKeywords: this.#options.experimentalKeywords ?? false }));
    this.#policy = undefined;
    return this;
  }

  /** Adds an already parsed module. */
  addParsedModule(module: A.Module): this {
    this.#modules.set(module.file, module);
    this.#policy = undefined;
    return this;
  }

  /** Sets the base data document (`data`). Values are used as they are, never copied. */
  setData(data: Value): this {
    this.#data = data;
    return this;
  }

  get modules(): readonly A.Module[] {
    return [...this.#modules.values()];
  }

  /** Compiles the modules (once, until modules change); throws `RegoErrors`. */
  compile(): CompiledPolicy {
    const table = withCustomBuiltins(this.#options.builtins ?? []);
    this.#policy ??= compile(this.modules, {
      builtins: this.#options.capabilities ? restrictBuiltins(table, this.#options.capabilities) : table,
      enablePrint: this.#options.print !== undefined,
      ...(this.#options.capabilities ? { features: this.#options.capabilities.features } : {}),
    });
    return this.#policy;
  }

  /** Parses and compiles a query against the modules; throws `RegoErrors` (rules and data claiming one path included). */
  prepare(query: string, options: PrepareOptions = {}): PreparedQuery {
    const policy = this.compile();
    if (this.#options.checkDataConflicts ?? true) {
      const conflicts = dataConflicts(policy.root, this.#data);
      if (conflicts.length > 0) throw new RegoErrors(conflicts);
    }
    const body = parseQuery(query, { file: "" });
    const keepFalse = (options.captureValues ?? true) && body.length === 1 && !iterates(body);
    return new PreparedQuery(policy, compileQuery(policy, body, query), this.#data, this.#options, keepFalse);
  }
}

export class PreparedQuery {
  readonly #policy: CompiledPolicy;
  readonly #query: CompiledQuery;
  readonly #data: Value;
  readonly #options: EngineOptions;
  /** Per expression, the plan expression whose value is reported. */
  readonly #valueExprs: (PExpr | undefined)[];
  /** Slots reported as bindings: the query's own variables. */
  readonly #outputs: { readonly slot: number; readonly name: string }[];

  readonly #keepFalse: ReadonlySet<PExpr> | undefined;
  /** The query expressions whose values results report: the only ones captured. */
  readonly #captured: ReadonlySet<PExpr>;
  readonly #allowNet: ReadonlySet<string>;

  constructor(policy: CompiledPolicy, query: CompiledQuery, data: Value, options: EngineOptions, keepFalse = false) {
    this.#policy = policy;
    this.#query = query;
    this.#data = data;
    this.#options = options;
    this.#valueExprs = query.expressions.map((e) => valueExpr(e.main));
    this.#captured = new Set(this.#valueExprs.filter((e): e is PExpr => e !== undefined));
    this.#outputs = query.slotNames.flatMap((name, slot) => (isUserVar(name) ? [{ slot, name }] : []));
    const lone = keepFalse ? this.#valueExprs[0] : undefined;
    this.#keepFalse = lone ? new Set([lone]) : undefined;
    this.#allowNet = hostSet([...(options.allowNet ?? []), ...(options.capabilities?.allowNet ?? [])]);
  }

  /** Evaluates the query: every solution, plus the error that ended evaluation, if any. */
  evaluate(options: EvaluateOptions = {}): Evaluation {
    const strict = options.strictBuiltinErrors ?? this.#options.strictBuiltinErrors ?? false;
    const ev = new Evaluator(this.#policy.root, {
      input: options.input,
      data: this.#data,
      strictBuiltinErrors: strict,
      ...(options.timeoutMs !== undefined ? { deadline: performance.now() + options.timeoutMs } : {}),
      ...(this.#options.print ? { print: this.#options.print } : {}),
      ...(options.nowNs !== undefined ? { nowNs: options.nowNs } : {}),
      ...(options.runtime !== undefined ? { runtime: options.runtime } : {}),
      unindexed: options.unindexed ?? false,
      ...(this.#options.jitAfter !== undefined ? { jitAfter: this.#options.jitAfter } : {}),
      parseModule: parseModuleJSON,
      allowNet: this.#allowNet,
    });
    const results: Result[] = [];
    const capture = new Map<PExpr, Value>();
    ev.capture = capture;
    ev.captured = this.#captured;
    ev.keepFalse = this.#keepFalse;
    const frame: Frame = new Array(this.#query.slots);
    try {
      const convert = options.rawValues ? (v: Value) => v : toJSONData;
      ev.evalBody(this.#query.body.exprs, 0, frame, () => {
        results.push(this.#result(frame, capture, convert));
        return false;
      });
      ev.finish();
    } catch (e) {
      return { results, error: asRegoError(e), builtinErrors: ev.builtinErrors };
    }
    return { results, builtinErrors: ev.builtinErrors };
  }

  /** Evaluates and returns the result set; throws the `RegoError` that ended evaluation. */
  eval(options: EvaluateOptions = {}): ResultSet {
    const { results, error } = this.evaluate(options);
    if (error) throw error;
    return results;
  }

  #result(frame: Frame, capture: Map<PExpr, Value>, convert: (v: Value) => Value): Result {
    const bindings: Record<string, Value> = {};
    for (const { slot, name } of this.#outputs) {
      const v = frame[slot];
      if (v !== undefined) bindings[name] = convert(v);
    }
    const expressions = this.#query.expressions.map((e, i) => {
      const ve = this.#valueExprs[i];
      const value = ve && capture.has(ve) ? convert(capture.get(ve)!) : true;
      return { value, text: e.text, location: { row: e.loc.row, col: e.loc.col } };
    });
    return { expressions, bindings };
  }
}

/** `rego.parse_module`: OPA's AST JSON, or a builtin error carrying the parse errors. */
function parseModuleJSON(file: string, source: string): Value {
  try {
    return moduleJSON(parseModule(source, { file }));
  } catch (e) {
    if (e instanceof RegoErrors) throw new BuiltinError(e.toString());
    throw e;
  }
}

/** OPA's `iteration`: a ref with a variable key, outside comprehensions. */
function iterates(body: A.Body): boolean {
  let found = false;
  const visit = (x: unknown): void => {
    if (found || typeof x !== "object" || x === null) return;
    const node = x as { type?: string; path?: A.Term[] };
    if (node.type === "ArrayComprehension" || node.type === "SetComprehension" || node.type === "ObjectComprehension") return;
    if (node.type === "Ref" && node.path!.some((p) => p.type === "Var")) {
      found = true;
      return;
    }
    for (const [k, v] of Object.entries(x)) if (k !== "loc") visit(v);
  };
  visit(body);
  return found;
}

/** Generated names (`$0`, hoisted temporaries) are not reported. */
function isUserVar(name: string): boolean {
  return !name.startsWith("$");
}

/** The expression whose value a query expression reports (looking through `with`). */
function valueExpr(e: PExpr | undefined): PExpr | undefined {
  if (e?.k === "with") return valueExpr(e.body.exprs[e.body.exprs.length - 1]);
  return e;
}

function asRegoError(e: unknown): RegoError {
  if (e instanceof RegoError) return e;
  if (e instanceof RegoErrors && e.errors[0]) return e.errors[0];
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new RegoError(ErrorCode.EvalInternalError, "evaluation exceeded the maximum depth");
  }
  throw e;
}
