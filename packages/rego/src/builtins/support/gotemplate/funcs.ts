/**
 * The predefined functions of Go's text/template: and, or, not, len, index, slice,
 * print, printf, println, html, js, urlquery, eq, ne, lt, le, gt, ge (call has
 * nothing to call here). They throw `FuncError` with Go's messages.
 */
import { goSprintf } from "../gofmt/printf.js";
import { isPrint } from "../gofmt/quote.js";
import { GoFloat, GoInt, JsonNumber, MISSING, goType, isMap, isSlice, sprint, sprintln, toGoArg, truth, type TVal, type TValue } from "./value.js";

export class FuncError extends Error {}

export const FUNCTION_NAMES: ReadonlySet<string> = new Set([
  "and",
  "call",
  "html",
  "index",
  "slice",
  "js",
  "len",
  "not",
  "or",
  "print",
  "printf",
  "println",
  "urlquery",
  "eq",
  "ge",
  "gt",
  "le",
  "lt",
  "ne",
]);

type Kind = "invalid" | "bool" | "int" | "float" | "string";

function basicKind(v: TVal): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string" || v instanceof JsonNumber) return "string";
  if (v instanceof GoInt) return "int";
  if (v instanceof GoFloat) return "float";
  return "invalid";
}

function scalar(v: TVal): string | number | boolean {
  if (v instanceof JsonNumber) return v.text;
  if (v instanceof GoInt || v instanceof GoFloat) return v.value;
  return v as string | boolean;
}

function isNilValue(v: TVal): boolean {
  return v === MISSING || v === null;
}

function eq(arg1: TVal, rest: readonly TVal[]): boolean {
  if (rest.length === 0) throw new FuncError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (!isNilValue(arg1) && !isNilValue(arg)) throw new FuncError("incompatible types for comparison");
    } else if (k1 !== "invalid") {
      t = scalar(arg1) === scalar(arg);
    } else {
      const kindOf = (v: TVal): string => (isNilValue(v) ? "nil" : isSlice(v) ? "slice" : "map");
      if (kindOf(arg1) !== kindOf(arg) && !isNilValue(arg1) && !isNilValue(arg))
        throw new FuncError(`non-comparable types ${formatArg(arg1)}: ${goType(arg1)}, ${goType(arg)}: ${formatArg(arg)}`);
      if (isNilValue(arg1) || isNilValue(arg)) t = isNilValue(arg1) === isNilValue(arg);
      else throw new FuncError(`non-comparable type ${formatArg(arg)}: ${goType(arg)}`);
    }
    if (t) return true;
  }
  return false;
}

function formatArg(v: TVal): string {
  return sprint([v]);
}

function lt(a: TVal, b: TVal): boolean {
  const k1 = basicKind(a);
  if (k1 === "invalid") throw new FuncError("invalid type for comparison");
  const k2 = basicKind(b);
  if (k2 === "invalid") throw new FuncError("invalid type for comparison");
  if (k1 !== k2) throw new FuncError("incompatible types for comparison");
  if (k1 === "bool") throw new FuncError("invalid type for comparison");
  if (k1 === "string") {
    const x = scalar(a) as string;
    const y = scalar(b) as string;
    return Buffer.compare(Buffer.from(x), Buffer.from(y)) < 0;
  }
  return (scalar(a) as number) < (scalar(b) as number);
}

function length(v: TVal): GoInt {
  if (v === MISSING) throw new FuncError("len of nil pointer");
  if (typeof v === "string") return new GoInt(Buffer.byteLength(v));
  if (v instanceof JsonNumber) return new GoInt(Buffer.byteLength(v.text));
  if (isSlice(v)) return new GoInt(v.length);
  if (isMap(v)) return new GoInt(v.size);
  throw new FuncError(`len of type ${goType(v)}`);
}

function indexArg(v: TVal, cap: number): number {
  if (!(v instanceof GoInt)) throw new FuncError(`cannot index slice/array with type ${goType(v)}`);
  if (v.value < 0 || v.value >= cap) throw new FuncError(`index out of range: ${v.value}`);
  return v.value;
}

function index(item: TVal, indexes: readonly TVal[]): TVal {
  if (item === MISSING || item === null) throw new FuncError("index of untyped nil");
  for (const ix of indexes) {
    if (item === null) throw new FuncError("index of untyped nil");
    if (typeof item === "string" || item instanceof JsonNumber) {
      const bytes: Buffer = Buffer.from(typeof item === "string" ? item : item.text);
      item = new GoInt(bytes[indexArg(ix, bytes.length)]!, true);
    } else if (isSlice(item)) {
      item = item[indexArg(ix, item.length)]!;
    } else if (isMap(item)) {
      if (typeof ix !== "string") {
        if (ix === MISSING || ix === null) throw new FuncError("value is nil; should be of type string");
        throw new FuncError(`value has type ${goType(ix)}; should be string`);
      }
      item = item.has(ix) ? item.get(ix)! : null;
    } else {
      throw new FuncError(`can't index item of type ${goType(item)}`);
    }
  }
  return item;
}

function sliceFn(item: TVal, indexes: readonly TVal[]): TVal {
  if (item === MISSING || item === null) throw new FuncError("slice of untyped nil");
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let len: number;
  let cap: number;
  if (typeof item === "string" || item instanceof JsonNumber) {
    if (indexes.length === 3) throw new FuncError("cannot 3-index slice a string");
    len = cap = Buffer.byteLength(typeof item === "string" ? item : item.text);
  } else if (isSlice(item)) {
    len = cap = item.length;
  } else throw new FuncError(`can't slice item of type ${goType(item)}`);
  const idx = [0, len];
  for (let i = 0; i < indexes.length; i++) idx[i] = indexArg(indexes[i]!, cap + 1);
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (isSlice(item)) return item.slice(idx[0], idx[1]);
  const bytes = Buffer.from(typeof item === "string" ? item : item.text).subarray(idx[0], idx[1]);
  const s = bytes.toString("utf8");
  return item instanceof JsonNumber ? new JsonNumber(s) : s;
}

/** The text the escaping functions work on: a lone string as is, anything else through Sprint. */
function evalArgs(args: readonly TVal[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args);
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) => ({ "\0": "\uFFFD", '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;" })[c]!);
}

function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
        out += "\\u003C";
        continue;
      case ">":
        out += "\\u003E";
        continue;
      case "&":
        out += "\\u0026";
        continue;
      case "=":
        out += "\\u003D";
        continue;
    }
    if (c < 0x20) out += "\\u00" + c.toString(16).toUpperCase().padStart(2, "0");
    else if (c < 0x80 || isPrint(c)) out += ch;
    else out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

function queryEscape(s: string): string {
  let out = "";
  for (const b of Buffer.from(s)) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Calls a predefined function other than `and` and `or` (which the executor short-circuits). */
export function callFunction(name: string, args: readonly TVal[]): TValue {
  const want = (n: number): void => {
    if (args.length !== n) throw new FuncError(`wrong number of args for ${name}: want ${n} got ${args.length}`);
  };
  const atLeast = (n: number): void => {
    if (args.length < n) throw new FuncError(`wrong number of args for ${name}: want at least ${n} got ${args.length}`);
  };
  const nilToNull = (v: TVal): TValue => (v === MISSING ? null : v);
  switch (name) {
    case "not":
      want(1);
      return !truth(args[0]!);
    case "len":
      want(1);
      return length(args[0]!);
    case "index":
      atLeast(1);
      return nilToNull(index(args[0]!, args.slice(1)));
    case "slice":
      atLeast(1);
      return nilToNull(sliceFn(args[0]!, args.slice(1)));
    case "print":
      return sprint(args);
    case "println":
      return sprintln(args);
    case "printf": {
      atLeast(1);
      const format = args[0]!;
      if (typeof format !== "string") throw new FuncError(`wrong type for value; expected string; got ${goType(format)}`);
      return goSprintf(format, args.slice(1).map(toGoArg));
    }
    case "html":
      return htmlEscape(evalArgs(args));
    case "js":
      return jsEscape(evalArgs(args));
    case "urlquery":
      return queryEscape(evalArgs(args));
    case "eq":
      atLeast(1);
      return eq(args[0]!, args.slice(1));
    case "ne":
      want(2);
      return !eq(args[0]!, [args[1]!]);
    case "lt":
      want(2);
      return lt(args[0]!, args[1]!);
    case "le":
      want(2);
      return lt(args[0]!, args[1]!) || eq(args[0]!, [args[1]!]);
    case "gt":
      want(2);
      return !(lt(args[0]!, args[1]!) || eq(args[0]!, [args[1]!]));
    case "ge":
      want(2);
      return !lt(args[0]!, args[1]!);
    case "call":
      atLeast(1);
      throw new FuncError(`non-function of type ${goType(args[0]!)}`);
  }
  throw new FuncError(`function ${JSON.stringify(name)} not defined`);
}
