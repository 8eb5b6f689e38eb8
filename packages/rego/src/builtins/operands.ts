/**
 * Operand checks, by position, in OPA's wording ("operand 2 must be string but got
 * number"). Builtins never know their own name or location: the evaluator's call
 * wrapper adds both.
 */
import { RNumber, isNumber, toSafeInteger, isInteger, type NumberValue } from "../ast/number.js";
import { RSet, isObject, typeName, type ObjectValue, type Value } from "../ast/value.js";

/** A wrongly typed operand: `eval_type_error`. */
export class OperandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperandError";
  }

  static type(pos: number, got: Value, ...expected: string[]): OperandError {
    const want = expected.length === 1 ? expected[0]! : `one of {${expected.join(", ")}}`;
    return new OperandError(`operand ${pos} must be ${want} but got ${typeName(got)}`);
  }

  static element(pos: number, composite: Value, got: Value, ...expected: string[]): OperandError {
    const tpe = typeName(composite);
    const want = expected.length === 1 ? `${tpe} of ${expected[0]}s` : `${tpe} of (any of) {${expected.join(", ")}}`;
    return new OperandError(`operand ${pos} must be ${want} but got ${tpe} containing ${typeName(got)}`);
  }
}

/** A bad operand value or a failed operation: `eval_builtin_error`. */
export class BuiltinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BuiltinError";
  }
}

/**
 * An error that stops evaluation in every mode (cancellation, resource limits), as
 * OPA's halt errors do. `code` is the error code to report.
 */
export class BuiltinHalt extends Error {
  readonly code: "eval_cancel_error" | "eval_builtin_error" | "eval_type_error";
  constructor(code: "eval_cancel_error" | "eval_builtin_error" | "eval_type_error", message: string) {
    super(message);
    this.name = "BuiltinHalt";
    this.code = code;
  }
}

export function string(args: readonly Value[], pos: number): string {
  const v = args[pos - 1]!;
  if (typeof v !== "string") throw OperandError.type(pos, v, "string");
  return v;
}

export function number(args: readonly Value[], pos: number): NumberValue {
  const v = args[pos - 1]!;
  if (!isNumber(v)) throw OperandError.type(pos, v, "number");
  return v;
}

/**
 * An integer operand that fits a JS safe integer. As OPA's `IntOperand`, a number
 * written with a fraction or an exponent (`1.0`, `1e3`) is not an integer here.
 */
export function int(args: readonly Value[], pos: number): number {
  const n = number(args, pos);
  if (!isInteger(n) || (n instanceof RNumber && /[.eE]/.test(n.text))) {
    throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
  }
  const i = toSafeInteger(n);
  if (i === undefined) throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
  return i;
}

export function boolean(args: readonly Value[], pos: number): boolean {
  const v = args[pos - 1]!;
  if (typeof v !== "boolean") throw OperandError.type(pos, v, "boolean");
  return v;
}

export function array(args: readonly Value[], pos: number): readonly Value[] {
  const v = args[pos - 1]!;
  if (!Array.isArray(v)) throw OperandError.type(pos, v, "array");
  return v;
}

export function set(args: readonly Value[], pos: number): RSet {
  const v = args[pos - 1]!;
  if (!(v instanceof RSet)) throw OperandError.type(pos, v, "set");
  return v;
}

export function object(args: readonly Value[], pos: number): ObjectValue {
  const v = args[pos - 1]!;
  if (!isObject(v)) throw OperandError.type(pos, v, "object");
  return v;
}

/**
 * An array or set operand, as a list of its elements (a set's in sorted order). The
 * error names set first, as OPA's aggregates (`count` aside) word it.
 */
export function collection(args: readonly Value[], pos: number): readonly Value[] {
  const v = args[pos - 1]!;
  if (Array.isArray(v)) return v;
  if (v instanceof RSet) return v.sorted();
  throw OperandError.type(pos, v, "set", "array");
}

/** An array or set of strings (OPA's `StringSliceOperand`). */
export function strings(args: readonly Value[], pos: number): string[] {
  const v = args[pos - 1]!;
  const items = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
  if (!items) throw OperandError.type(pos, v, "array", "set");
  return items.map((x) => {
    if (typeof x !== "string") throw OperandError.element(pos, v, x, "string");
    return x;
  });
}
