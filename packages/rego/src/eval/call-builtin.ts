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
    if (e instanceof RegoError) throw e;
    if (e instanceof BuiltinHalt) throw new RegoError(e.code, `${b.name}: ${e.message}`, loc);
    const code = e instanceof OperandError ? ErrorCode.EvalTypeError : ErrorCode.EvalBuiltinError;
    const message = e instanceof OperandError || e instanceof BuiltinError ? e.message : String((e as Error)?.message ?? e);
    caller.builtinErrors.push(new RegoError(code, `${b.name}: ${message}`, loc));
    return undefined;
  }
  if (key !== undefined) ctx.cache.set(key, result);
  return result;
}
