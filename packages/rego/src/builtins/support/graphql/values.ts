/** How gqlparser prints and reads literal values (`Value.String()`, `Value.Value(nil)`). */
import { ValueKind, type GqlValue } from "./ast.js";
import { goQuote } from "../../../ast/value-string.js";

export function valueString(v: GqlValue | null): string {
  if (!v) return "<nil>";
  switch (v.Kind) {
    case ValueKind.Variable:
      return "$" + v.Raw;
    case ValueKind.IntValue:
    case ValueKind.FloatValue:
    case ValueKind.EnumValue:
    case ValueKind.BooleanValue:
    case ValueKind.NullValue:
      return v.Raw;
    case ValueKind.StringValue:
    case ValueKind.BlockValue:
      return goQuote(v.Raw);
    case ValueKind.ListValue:
      return "[" + (v.Children ?? []).map((c) => valueString(c.Value)).join(",") + "]";
    case ValueKind.ObjectValue:
      return "{" + (v.Children ?? []).map((c) => `${c.Name}:${valueString(c.Value)}`).join(",") + "}";
  }
  throw new Error(`unknown value kind ${v.Kind}`);
}

const INT64_MAX = 2n ** 63n - 1n;

/** Whether converting the literal to a Go value fails (an out-of-range number, say). */
export function valueFails(v: GqlValue | null): boolean {
  if (!v) return false;
  switch (v.Kind) {
    case ValueKind.IntValue: {
      if (!/^[+-]?\d+$/.test(v.Raw)) return true;
      const b = BigInt(v.Raw);
      return b > INT64_MAX || b < -INT64_MAX - 1n;
    }
    case ValueKind.FloatValue: {
      const n = Number(v.Raw);
      return v.Raw.trim() === "" || !Number.isFinite(n);
    }
    case ValueKind.BooleanValue:
      return !["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"].includes(v.Raw);
    case ValueKind.ListValue:
    case ValueKind.ObjectValue:
      return (v.Children ?? []).some((c) => valueFails(c.Value));
    case ValueKind.Variable:
    case ValueKind.StringValue:
    case ValueKind.BlockValue:
    case ValueKind.EnumValue:
    case ValueKind.NullValue:
      return false;
  }
  throw new Error(`unknown value kind ${v.Kind}`);
}

/** Whether a decimal literal lies outside Go's 32-bit `int` range for `Int` messages. */
export function outOfInt32(raw: string): boolean {
  if (!/^[+-]?\d+$/.test(raw)) return false;
  const b = BigInt(raw);
  return b > 2147483647n || b < -2147483648n;
}
