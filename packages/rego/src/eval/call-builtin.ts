/**
 * Calling a builtin on the evaluator's behalf, the way OPA's `handleBuiltinErr`
 * does: an operand error becomes `eval_type_error`, any other failure
 * `eval_builtin_error`, both prefixed with the builtin's name and located at the
 * call; they are recorded and the call is undefined. Halts end the query.
 * Non-deterministic builtins answer the same for the same arguments within a query.
 */
import { ErrorCode, RegoError } from "../ast/errors.js";
import type { Location } from "../ast/location.js";
import type { Value } from "../ast/value.js";
import { canonical } from "../ast/value-key.js";
import type { Builtin, BuiltinContext } from "../builtins/types.js";
import { BuiltinError, BuiltinHalt, OperandError } from "../builtins/operands.js";

export interface BuiltinCaller {
  readonly builtinContext: BuiltinContext;
  readonly builtinErrors: RegoError[];
}

/**
 * Calls `b` and passes each result to `k` (one for a function, any number for a
 * relation); stops when `k` returns true, and returns what `k` last returned.
 */
export function callBuiltinEach(caller: BuiltinCaller, b: Builtin, args: readonly Value[], loc: Location, k: (v: Value) => boolean): boolean {
  if (!b.relation) {
    const v = callBuiltin(caller, b, args, loc);
    return v === undefined ? false : k(v);
  }
  let it: Iterator<Value>;
  try {
    it = b.relation(args, caller.builtinContext)[Symbol.iterator]();
  } catch (e) {
    return failed(caller, b, e, loc);
  }
  for (;;) {
    let step: IteratorResult<Value>;
    try {
      step = it.next();
    } catch (e) {
      return failed(caller, b, e, loc);
    }
    if (step.done) return false;
    if (k(step.value)) {
      it.return?.();
      return true;
    }
  }
}

function failed(caller: BuiltinCaller, b: Builtin, e: unknown, loc: Location): false {
  if (e instanceof RegoError) throw e;
  if (e instanceof BuiltinHalt) throw new RegoError(e.code, `${b.name}: ${e.message}`, loc);
  const code = e instanceof OperandError ? ErrorCode.EvalTypeError : ErrorCode.EvalBuiltinError;
  const message = e instanceof OperandError || e instanceof BuiltinError ? e.message : String((e as Error)?.message ?? e);
  caller.builtinErrors.push(new RegoError(code, `${b.name}: ${message}`, loc));
  return false;
}

export function callBuiltin(caller: BuiltinCaller, b: Builtin, args: readonly Value[], loc: Location): Value | undefined {
  if (!b.impl) throw new RegoError(ErrorCode.EvalInternalError, `${b.name}: unsupported built-in`, loc);
  const ctx = caller.builtinContext;
  let key: string | undefined;
  if (b.nondeterministic) {
    key = `${b.name}(${args.map(canonical).join(",")})`;
    if (ctx.cache.has(key)) return ctx.cache.get(key) as Value | undefined;
  }
  let result: Value | undefined;
  try {
    result = b.impl(args, ctx);
  } catch (e) {
    failed(caller, b, e, loc);
    return undefined;
  }
  if (key !== undefined) ctx.cache.set(key, result);
  return result;
}
