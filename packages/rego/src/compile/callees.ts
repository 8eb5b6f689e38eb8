/**
 * Names outside a rule body: the globals a module's rules see (package rules and
 * imports), and what a call's operator refers to, with the checks OPA's
 * CheckUndefinedFuncs makes (the function exists, the arity matches).
 */
import { ErrorCode } from "../ast/errors.js";
import { refText } from "../ast/ref-name.js";
import type * as A from "../ast/nodes.js";
import type { Builtin } from "../builtins/types.js";
import type { CompileContext, ImportTarget, ModuleInfo } from "./context.js";
import { packageKey } from "./context.js";
import type { Scope } from "./scope.js";
import type * as P from "./plan.js";
import { nodeName } from "./plan.js";
import { ANY, BOOLEAN, NULL, NUMBER, STRING, arrayType, fromSpec, objectType, or, setType, type MaybeType, type StaticProperty } from "./static-types.js";
import { arityMismatch } from "./type-errors.js";

const EMPTY_SET: ReadonlySet<string> = new Set();

/** Global names visible to a module's rules (none for a query). */
export interface Globals {
  readonly pkg: readonly string[];
  readonly imports: ReadonlyMap<string, ImportTarget>;
  readonly exports: ReadonlySet<string>;
}

export function moduleGlobals(ctx: CompileContext, info: ModuleInfo): Globals {
  return { pkg: info.pkg, imports: info.imports, exports: ctx.exports.get(packageKey(info.pkg)) ?? EMPTY_SET };
}

export const QUERY_GLOBALS: Globals = { pkg: [], imports: new Map(), exports: EMPTY_SET };

/** What a call's operator names: a function rule under `data`, a builtin, or a local var (not callable). */
export type Callee = { kind: "data"; path: string[]; name: string } | { kind: "builtin"; name: string } | { kind: "local"; name: string };

export function resolveCallee(globals: Globals, op: A.VarTerm | A.RefTerm, scope: Scope): Callee {
  const headName = op.type === "Var" ? op.name : op.head.type === "Var" ? op.head.name : "";
  const rest = op.type === "Ref" ? op.path.map((p) => (p.type === "String" ? p.value : "?")) : [];
  const name = [headName, ...rest].join(".");
  if (scope.lookup(headName) !== undefined) return { kind: "local", name };
  // A key that is not a string names no function (OPA has no dynamic dispatch); the message shows it as written.
  if (headName === "data") return { kind: "data", path: rest, name: rest.includes("?") ? refText(op) : name };
  const imp = globals.imports.get(headName);
  if (imp && imp.root === "data") {
    const path = [...imp.path, ...rest];
    return { kind: "data", path, name: ["data", ...path].join(".") };
  }
  if (globals.exports.has(headName)) {
    const path = [...globals.pkg, headName, ...rest];
    return { kind: "data", path, name: ["data", ...path].join(".") };
  }
  return { kind: "builtin", name };
}

/** The number of arguments the callee takes, when it is known and fixed. */
export function calleeArity(ctx: CompileContext, callee: Callee): number | undefined {
  if (callee.kind === "builtin") {
    const b = ctx.builtins.get(callee.name);
    return b && !b.variadic ? b.args.length : undefined;
  }
  if (callee.kind === "data") return ctx.findNode(callee.path)?.arity;
  return undefined;
}


/** The call's target, checking that it exists and takes `n` arguments. */
export function callTarget(ctx: CompileContext, callee: Callee, call: A.CallTerm, n: number, asValue = false): P.CallTarget | undefined {
  if (callee.kind === "data") {
    const node = ctx.findNode(callee.path);
    if (!node || node.arity === undefined) {
      ctx.typeError(`undefined function ${callee.name}`, call.loc);
      return undefined;
    }
    if (node.arity !== n) {
      ctx.typeError(`function ${nodeName(node)} has arity ${node.arity}, got ${n} argument${n === 1 ? "" : "s"}`, call.loc);
      return undefined;
    }
    return { kind: "function", name: nodeName(node), node };
  }
  const builtin: Builtin | undefined = callee.kind === "builtin" ? ctx.builtins.get(callee.name) : undefined;
  if (!builtin && callee.kind === "builtin" && callee.name === "eq") {
    // Unification's own name: `eq(a, b)` is `a = b` (the parser made it one); other arities are OPA's arity error.
    ctx.error(ErrorCode.TypeError, arityMismatch("eq", call.args.map(operandType), [{ name: undefined, type: ANY }, { name: undefined, type: ANY }]), call.loc);
    return undefined;
  }
  if (!builtin) {
    ctx.typeError(`undefined function ${callee.name}`, call.loc);
    return undefined;
  }
  if (builtin.deprecated) {
    ctx.typeError(`deprecated built-in function calls in expression: ${builtin.name}`, call.loc);
    return undefined;
  }
  if (!builtin.variadic && builtin.args.length !== n) {
    ctx.error(ErrorCode.TypeError, arityMessage(builtin, call.args, asValue), call.loc);
    return undefined;
  }
  return { kind: "builtin", name: builtin.name, builtin };
}

/**
 * OPA's message: the operands' types as far as they are known before type checking
 * (literals; `input` and `data` are any; a call used as a value has an output
 * operand, `???`), and the builtin's named arguments.
 */
function arityMessage(b: Builtin, args: readonly A.Term[], asValue: boolean): string {
  const have = args.map(operandType);
  if (asValue) have.push(undefined);
  return arityMismatch(b.name, have, b.args.map((a) => ({ name: a.name, type: fromSpec(a.type) })));
}

function operandType(t: A.Term): MaybeType {
  switch (t.type) {
    case "Null":
      return NULL;
    case "Boolean":
      return BOOLEAN;
    case "Number":
      return NUMBER;
    case "String":
      return STRING;
    case "Var":
      return t.name === "input" || t.name === "data" ? ANY : undefined;
    case "Ref":
      return t.head.type === "Var" && (t.head.name === "input" || t.head.name === "data") ? ANY : undefined;
    case "Array":
      return t.items.length === 0 ? arrayType([], ANY) : arrayType(t.items.map(operandType));
    case "Set": {
      let of: MaybeType;
      for (const x of t.items) of = or(of, operandType(x));
      return setType(t.items.length === 0 ? ANY : of);
    }
    case "Object": {
      const props: StaticProperty[] = [];
      let dynamic: { key: MaybeType; value: MaybeType } | undefined;
      for (const [k, v] of t.entries) {
        if (k.type === "String" || k.type === "Number" || k.type === "Boolean") props.push({ key: k.value, value: operandType(v) });
        else if (k.type === "Null") props.push({ key: null, value: operandType(v) });
        else dynamic = { key: operandType(k), value: operandType(v) };
      }
      return objectType(props, props.length === 0 && dynamic === undefined ? { key: ANY, value: ANY } : dynamic);
    }
    default:
      return undefined;
  }
}
