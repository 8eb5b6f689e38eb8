/**
 * Values as Go's text/template sees the variables OPA passes it: JSON decoded into
 * `map[string]any` with `json.Number` numbers, plus the ints and floats that
 * template literals and functions produce, and `MISSING` for Go's invalid
 * `reflect.Value` (a map key that is absent).
 */
import { isNumber, type NumberValue } from "../../../ast/number.js";
import { RSet, isObject, objectSome, type Value } from "../../../ast/value.js";
import { valueToString } from "../../../ast/value-string.js";
import { formatFloat } from "../gofmt/float.js";
import { numberTextOf } from "../gofmt/rego-args.js";
import type { GoArg } from "../gofmt/printf.js";

/** `json.Number`: a string type whose text is the number's. */
export class JsonNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** A Go `int` (`uint8` when `byte` is set: a byte of a string). */
export class GoInt {
  readonly value: number;
  readonly byte: boolean;
  constructor(value: number, byte = false) {
    this.value = value;
    this.byte = byte;
  }
}

/** A Go `float64`. */
export class GoFloat {
  readonly value: number;
  constructor(value: number) {
    this.value = value;
  }
}

export type TValue = null | boolean | string | JsonNumber | GoInt | GoFloat | readonly TValue[] | TMap;
export type TMap = ReadonlyMap<string, TValue>;

export const MISSING: unique symbol = Symbol("missing");
export type TVal = TValue | typeof MISSING;

/** OPA's `ast.As(vars, &map[string]any)`: the value through JSON, numbers as `json.Number`. */
export function fromRego(v: Value): TValue {
  if (v === null || typeof v === "boolean" || typeof v === "string") return v;
  if (isNumber(v)) return new JsonNumber(numberTextOf(v as NumberValue));
  if (Array.isArray(v)) return v.map(fromRego);
  if (v instanceof RSet) return v.sorted().map(fromRego);
  const out = new Map<string, TValue>();
  if (isObject(v)) {
    objectSome(v, (k, x) => {
      out.set(typeof k === "string" ? k : valueToString(k), fromRego(x));
      return false;
    });
  }
  return out;
}

export function isMap(v: TVal): v is TMap {
  return v instanceof Map;
}

export function isSlice(v: TVal): v is readonly TValue[] {
  return Array.isArray(v);
}

/** Go's type name for a value, as `%T` and error messages print it. */
export function goType(v: TVal): string {
  if (v === MISSING || v === null) return "<nil>";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  if (v instanceof JsonNumber) return "json.Number";
  if (v instanceof GoInt) return v.byte ? "uint8" : "int";
  if (v instanceof GoFloat) return "float64";
  if (isSlice(v)) return "[]interface {}";
  return "map[string]interface {}";
}

/** Go's byte-wise (code point) string order. */
export function compareGoStrings(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (c !== 0) return c;
  }
  return x.length - y.length;
}

export function sortedMapKeys(m: TMap): string[] {
  return [...m.keys()].sort(compareGoStrings);
}

/** `fmt`'s `%v` form of a value; `depth` > 0 inside a slice or map, where nil prints as "<nil>". */
export function formatV(v: TVal, depth = 0): string {
  if (v === MISSING || v === null) return "<nil>";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return v;
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof GoInt) return String(v.value);
  if (v instanceof GoFloat) return formatFloat(v.value, "g", -1);
  if (isSlice(v)) return "[" + v.map((x) => formatV(x, depth + 1)).join(" ") + "]";
  return "map[" + sortedMapKeys(v).map((k) => k + ":" + formatV(v.get(k)!, depth + 1)).join(" ") + "]";
}

function isStringKind(v: TVal): boolean {
  return typeof v === "string" || v instanceof JsonNumber;
}

/** `fmt.Sprint`: operands in `%v` form, a space between two that are not strings. */
export function sprint(args: readonly TVal[]): string {
  let out = "";
  for (let i = 0; i < args.length; i++) {
    if (i > 0 && !isStringKind(args[i]!) && !isStringKind(args[i - 1]!)) out += " ";
    out += formatV(args[i]!);
  }
  return out;
}

/** `fmt.Sprintln`: operands in `%v` form, separated by spaces, and a newline. */
export function sprintln(args: readonly TVal[]): string {
  return args.map((a) => formatV(a)).join(" ") + "\n";
}

/** The operand `fmt.Sprintf` sees for a template value. */
export function toGoArg(v: TVal): GoArg {
  if (v === MISSING || v === null) return { kind: "nil" };
  if (typeof v === "boolean") return { kind: "bool", value: v };
  if (typeof v === "string") return { kind: "string", value: v };
  if (v instanceof JsonNumber) return { kind: "string", value: v.text, type: "json.Number" };
  if (v instanceof GoInt) return { kind: "int", value: BigInt(v.value) };
  if (v instanceof GoFloat) return { kind: "float64", value: v.value };
  return { kind: "composite", value: formatV(v), type: goType(v) };
}

/** Go's `truth`: false for invalid and nil values, false, zero numbers and empty strings, slices and maps. */
export function truth(v: TVal): boolean {
  if (v === MISSING || v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return v.length > 0;
  if (v instanceof JsonNumber) return v.text.length > 0;
  if (v instanceof GoInt || v instanceof GoFloat) return v.value !== 0;
  if (isSlice(v)) return v.length > 0;
  return v.size > 0;
}
