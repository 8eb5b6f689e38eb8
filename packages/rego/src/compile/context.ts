/**
 * The state a compilation carries from stage to stage.
 */
import { ErrorCode, RegoError, DEFAULT_ERROR_LIMIT } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import type * as A from "../ast/nodes.js";
import type { Builtin } from "../builtins/types.js";
import type { CompiledRule, RuleNode } from "./plan.js";
import type { SchemaSet } from "./schema-refs.js";

export interface CompileOptions {
  /** The builtin table (defaults to every builtin, plus host-defined ones when given). */
  readonly builtins?: ReadonlyMap<string, Builtin>;
  /** Stop after this many errors (OPA's default, 10); 0 for no limit. */
  readonly errorLimit?: number;
  /** Keep `print` calls (otherwise they are erased, as OPA erases them). */
  readonly enablePrint?: boolean;
  /**
   * `check --schema`: the type checker types `input` from `schemas.input`, and from the
   * schemas rules' METADATA annotations give (refs against schemas are schema-refs.ts's).
   */
  readonly schemas?: SchemaSet;
  /**
   * The language features a capabilities document allows (`--capabilities`): a
   * template string without `template_strings`, or `import rego.v1` without
   * `rego_v1_import` or `rego_v1`, is refused, as OPA refuses them. Every feature when
   * undefined.
   */
  readonly features?: ReadonlySet<string>;
  /** Stop after the named stage (for tests of intermediate state). */
  readonly stopAfter?: string;
}

/** Where an import alias points: a root document and a path below it. */
export interface ImportTarget {
  readonly root: "data" | "input";
  readonly path: readonly string[];
  readonly loc: Location;
}

export interface ModuleInfo {
  readonly module: A.Module;
  /** The package path below `data`. */
  readonly pkg: readonly string[];
  readonly imports: ReadonlyMap<string, ImportTarget>;
}

/** Thrown inside a stage when the error limit is reached, to stop at once. */
export class ErrorLimitReached extends Error {}

export class CompileContext {
  readonly options: CompileOptions;
  readonly builtins: ReadonlyMap<string, Builtin>;
  readonly errors: RegoError[] = [];
  readonly limit: number;
  modules: ModuleInfo[] = [];
  /** First segments of rule names per package (`a.b` → {p, q}): what bare names resolve to. */
  readonly exports = new Map<string, Set<string>>();
  readonly root: RuleNode;
  readonly compiled = new Map<A.Rule, CompiledRule>();
  /** Rules in the order they were compiled (module order, then source order). */
  readonly allRules: CompiledRule[] = [];
  /** The errors reached the limit (RegoErrors then ends with `error limit reached`). */
  limitReached = false;

  constructor(options: CompileOptions, builtins: ReadonlyMap<string, Builtin>, root?: RuleNode) {
    this.root = root ?? newNode([]);
    this.options = options;
    this.builtins = builtins;
    this.limit = options.errorLimit ?? DEFAULT_ERROR_LIMIT;
  }

  /** Records an error; the one that reaches the limit stops the compilation, as OPA's Compiler.err does. */
  error(code: ErrorCode, message: string, loc: Location | undefined): void {
    this.errors.push(new RegoError(code, message, loc));
    if (this.limit > 0 && this.errors.length >= this.limit) {
      this.limitReached = true;
      throw new ErrorLimitReached();
    }
  }

  compileError(message: string, loc: Location | undefined): void {
    this.error(ErrorCode.CompileError, message, loc);
  }

  typeError(message: string, loc: Location | undefined): void {
    this.error(ErrorCode.TypeError, message, loc);
  }

  /** The node at `path`, created when missing. */
  node(path: readonly string[]): RuleNode {
    let n = this.root;
    for (let i = 0; i < path.length; i++) {
      const key = path[i]!;
      let child = n.children.get(key);
      if (!child) {
        child = newNode(path.slice(0, i + 1));
        n.children.set(key, child);
      }
      n = child;
    }
    return n;
  }

  /** The node at `path`, or undefined. */
  findNode(path: readonly string[]): RuleNode | undefined {
    let n: RuleNode | undefined = this.root;
    for (const key of path) {
      n = n.children.get(key);
      if (!n) return undefined;
    }
    return n;
  }
}

export function newNode(path: readonly string[]): RuleNode {
  return { path, children: new Map(), rules: [], defaultRule: undefined, arity: undefined, index: undefined };
}

export function packageKey(pkg: readonly string[]): string {
  return pkg.join("\u0000");
}
