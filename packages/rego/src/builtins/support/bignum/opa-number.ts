/**
 * OPA's bridges between its numbers and math/big (`builtins.NumberToFloat`,
 * `FloatToNumber` and `NumberToInt` in v1/topdown/builtins/builtins.go). OPA keeps a
 * number as its text; Regolith keeps a JS number where that loses nothing, which
 * stands for the text `String(n)` prints, and an `RNumber` with its text otherwise.
 */
import { RNumber, numberFromText, type NumberValue } from "../../../ast/number.js";
import { isInt, roundFloat, truncate, zero, type BigFloat } from "./binary-float.js";
import { parseBigFloat } from "./float-parse.js";
import { floatNumberText } from "./float-text.js";

/** The default precision of a big.Float that SetString fills. */
export const PREC = 64;

const INT_TEXT = /^-?\d+$/;

/** `NumberToFloat`: the number's text read by `big.Float.SetString` at 64 bits. */
export function numberToFloat(n: NumberValue): BigFloat {
  if (typeof n === "number") {
    // -0 comes only from JSON input ("-0"), which OPA reads as a negative zero.
    if (n === 0) return zero(Object.is(n, -0), PREC);
    if (Number.isSafeInteger(n)) return roundFloat(n < 0, BigInt(Math.abs(n)), 0, PREC);
  }
  const text = textOf(n);
  const f = parseBigFloat(text, PREC);
  if (!f) throw new RangeError(`not a decimal number: ${text}`);
  return f;
}

function textOf(n: NumberValue): string {
  return n instanceof RNumber ? n.text : String(n);
}

/** `FloatToNumber`: the shortest text for the float, in the narrowest Regolith form. */
export function floatToNumber(f: BigFloat): NumberValue {
  return numberFromText(floatNumberText(f));
}

/**
 * The integer value of a number for OPA's exact big.Int path (`NumberToInt`), or null
 * when it has a fraction. Text other than plain digits (`1.0`, `1e3`) goes through the
 * 64-bit float, as NumberToInt does, so it counts as an integer when its float has no
 * fraction and `1e30` is 10^30 rounded to 64 bits. Plain integer text is read exactly:
 * the exact path exists so that integers wider than the mantissa are not rounded
 * (arithmetic.go), and the eval cases pin `18446744073709551617 % 18446744073709551616`
 * as 1, though the NumberToInt published up to v1.x's builtins.go would round it first.
 */
export function numberToInt(n: NumberValue): bigint | null {
  if (typeof n === "number" && !Number.isInteger(n)) return null;
  if (typeof n === "number" && Number.isSafeInteger(n)) return BigInt(n);
  const text = textOf(n);
  if (INT_TEXT.test(text)) return BigInt(text);
  const f = numberToFloat(n);
  return isInt(f) ? truncate(f) : null;
}
