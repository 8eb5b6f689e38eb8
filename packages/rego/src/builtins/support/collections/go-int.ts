/**
 * Integer operands the way OPA reads them.
 *
 * OPA has two readings of a number as an integer:
 * - `Number.Int()` (`builtins.IntOperand`, array indexes in `Find`, JSON-patch
 *   indexes): the number's text must parse as a base-10 int64, so `1.0` and `1e3`
 *   are not integers there;
 * - `builtins.BigIntOperand` (`numbers.range`, `bits.*`): the text is read as a
 *   `big.Float` with 64 bits of mantissa and must then be an exact integer, so `1.0`
 *   is 1 and integers wider than 64 bits are rounded to 64 significant bits.
 */
import { isNumber, toBigInt, type NumberValue } from "../../../ast/number.js";
import type { Value } from "../../../ast/value.js";
import { OperandError } from "../../operands.js";

const INT_TEXT = /^[+-]?\d+$/;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * OPA's `Number.Int()`: the integer the number's text spells, if it fits int64.
 * Beyond 2^53 the JS number is approximate, which is enough for what it is used for
 * (indexes and clamping against lengths).
 */
export function goInt(n: NumberValue): number | undefined {
  if (typeof n === "number") return Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63 ? n : undefined;
  return parseGoInt(n.text);
}

/** `strconv.ParseInt(s, 10, 64)` as a JS number (approximate beyond 2^53); undefined when it fails. */
export function parseGoInt(s: string): number | undefined {
  if (!INT_TEXT.test(s)) return undefined;
  const b = BigInt(s);
  if (b > INT64_MAX || b < INT64_MIN) return undefined;
  return Number(b);
}

/** `builtins.IntOperand`. */
export function intOperand(args: readonly Value[], pos: number): number {
  const v = args[pos - 1]!;
  if (!isNumber(v)) throw OperandError.type(pos, v, "number");
  const i = goInt(v);
  if (i === undefined) throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
  return i;
}

/** `builtins.BigIntOperand`. */
export function bigIntOperand(args: readonly Value[], pos: number): bigint {
  const v = args[pos - 1]!;
  if (!isNumber(v)) throw OperandError.type(pos, v, "integer");
  const b = toBigInt(v);
  if (b === null) throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
  return roundTo64Bits(b);
}

/** Rounds to 64 significant bits, half to even, as `big.Float.SetString` does at its default precision. */
export function roundTo64Bits(b: bigint): bigint {
  const neg = b < 0n;
  const a = neg ? -b : b;
  const bits = a.toString(2).length;
  if (bits <= 64) return b;
  const shift = BigInt(bits - 64);
  let q = a >> shift;
  const rem = a & ((1n << shift) - 1n);
  const half = 1n << (shift - 1n);
  if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  const r = q << shift;
  return neg ? -r : r;
}
