/** Conversions between types (to_number). */
import { isNumber, numberFromText, type NumberValue } from "../../ast/number.js";
import { goQuote } from "../../ast/value-string.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError } from "../operands.js";

/** Go's `strconv.ParseFloat` syntax, decimal form. */
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Go's hexadecimal float syntax: a mantissa and a mandatory binary exponent. */
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

function parseError(s: string, why: string): BuiltinError {
  return new BuiltinError(`strconv.ParseFloat: parsing ${goQuote(s)}: ${why}`);
}

/**
 * A number string as `to_number` reads it: any syntax Go's `strconv.ParseFloat`
 * accepts. Decimal text keeps its exact value (OPA keeps the text as the number).
 */
function parseNumber(s: string): NumberValue {
  const dec = DECIMAL.exec(s);
  if (dec) {
    const [, sign = "", intPart = "", frac, exp] = dec;
    if (intPart === "" && (frac === undefined || frac === "")) throw parseError(s, "invalid syntax");
    if (!Number.isFinite(Number(s))) throw parseError(s, "value out of range");
    const whole = intPart.replace(/^0+(?=\d)/, "") || "0";
    let text = (sign === "-" ? "-" : "") + whole;
    if (frac) text += "." + frac;
    if (exp !== undefined) text += "e" + exp;
    return numberFromText(text);
  }
  const hex = HEX_FLOAT.exec(s);
  if (hex) {
    const [, sign = "", intPart = "", frac = "", exp = "0"] = hex;
    if (intPart === "" && frac === "") throw parseError(s, "invalid syntax");
    const m = BigInt("0x" + (intPart + frac || "0"));
    const d = Number(m) * 2 ** (Number(exp) - 4 * frac.length);
    if (!Number.isFinite(d)) throw parseError(s, "value out of range");
    return sign === "-" ? -d : d;
  }
  throw parseError(s, "invalid syntax");
}

export const castBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "to_number",
    args: [{ name: "x", type: t.anyOf(t.number, t.string, t.boolean, t.null) }],
    result: { name: "num", type: t.number },
    categories: ["conversions"],
    description:
      "Converts a string, bool, or number value to a number: Strings are converted to numbers using `strconv.Atoi`, Boolean `false` is converted to 0 and `true` is converted to 1.",
    impl: (args) => {
      const v = args[0]!;
      if (v === null) return 0;
      if (typeof v === "boolean") return v ? 1 : 0;
      if (isNumber(v)) return v;
      if (typeof v === "string") {
        const word = v.replace(/^[+-]+/, "").toLowerCase();
        if (word === "inf" || word === "infinity" || word === "nan") throw OperandError.type(1, v, "valid number string");
        return parseNumber(v);
      }
      throw OperandError.type(1, v, "null", "boolean", "number", "string");
    },
  }),
];
