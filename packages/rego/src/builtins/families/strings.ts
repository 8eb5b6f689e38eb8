/**
 * Strings: concatenation, search, replacement, trimming, sprintf and format_int.
 * Positions and lengths count code points (Go runes), not UTF-16 units.
 */
import { toBigInt, type NumberValue } from "../../ast/number.js";
import { RSet, objectKeys, objectGet, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, number, object, string, strings } from "../operands.js";
import { fastSprintf } from "../support/gofmt/fast-sprintf.js";
import { goSprintf } from "../support/gofmt/printf.js";
import { runeCount } from "../support/gofmt/quote.js";
import { goInt64, numberTextOf, toGoArg } from "../support/gofmt/rego-args.js";
import { goToLower, goToUpper } from "../support/gostrings/case.js";
import { goReplace } from "../support/gostrings/replace.js";
import { goTrim, goTrimLeft, goTrimRight, goTrimSpace } from "../support/gostrings/trim.js";
import { renderTemplate } from "../support/gotemplate/render.js";

const STRINGS = ["strings"];

/** OPA's `IntOperand`: an integer whose text parses as an int64. */
function intOperand(args: readonly Value[], pos: number): number {
  const n = number(args, pos);
  const i = goInt64(n);
  if (i === undefined) throw new OperandError(`operand ${pos} must be integer number but got floating-point number`);
  return Number(i);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The code points of `s`, each as a string. */
function runesOf(s: string): string[] {
  return Array.from(s);
}

/** A string, or an array or set of strings (`strings.any_prefix_match`'s operands). */
function stringOrStrings(args: readonly Value[], pos: number): string[] {
  const v = args[pos - 1]!;
  if (typeof v === "string") return [v];
  if (Array.isArray(v) || v instanceof RSet) return strings(args, pos);
  throw OperandError.type(pos, v, "string", "set", "array");
}

/** Go's `strings.Split`: an empty separator splits into code points. */
function goSplit(s: string, sep: string): string[] {
  if (sep === "") return runesOf(s);
  return s.split(sep);
}

/** Code point indexes of every (possibly overlapping) occurrence of `needle` in `haystack`. */
function runeIndexes(haystack: string, needle: string, firstOnly: boolean): number[] {
  const out: number[] = [];
  let runeIndex = 0;
  for (let i = 0; i < haystack.length; ) {
    if (haystack.startsWith(needle, i)) {
      out.push(runeIndex);
      if (firstOnly) return out;
    }
    i += haystack.codePointAt(i)! > 0xffff ? 2 : 1;
    runeIndex++;
  }
  return out;
}

/** Go's `strings.Count`: non-overlapping occurrences; an empty substring counts code points plus one. */
function goCount(s: string, sub: string): number {
  if (sub === "") return runeCount(s) + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** `x` truncated towards zero, exactly. */
function truncate(n: NumberValue): bigint {
  const b = toBigInt(n);
  if (b !== null) return b;
  if (typeof n === "number") return BigInt(Math.trunc(n));
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(n.text);
  if (!m) return BigInt(Math.trunc(n.toNumber()));
  const [, sign = "", intPart = "", frac = "", expText = "0"] = m;
  const exp = Number(expText);
  const digits = intPart + frac;
  const point = intPart.length + exp;
  if (point <= 0) return 0n;
  const whole = point >= digits.length ? digits + "0".repeat(point - digits.length) : digits.slice(0, point);
  return BigInt(sign + (whole.replace(/^0+(?=\d)/, "") || "0"));
}

const FORMAT_INT_BASES: Record<string, number> = { "2": 2, "8": 8, "10": 10, "16": 16 };

function formatInt(args: readonly Value[]): string {
  const input = number(args, 1);
  const base = FORMAT_INT_BASES[numberTextOf(number(args, 2))];
  if (base === undefined) throw new OperandError("operand 2 must be one of {2, 8, 10, 16}");
  return truncate(input).toString(base);
}

function concat(args: readonly Value[]): string {
  const sep = string(args, 1);
  const v = args[1]!;
  const items = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
  if (!items) throw OperandError.type(2, v, "set", "array");
  for (const x of items) if (typeof x !== "string") throw OperandError.element(2, v, x, "string");
  return (items as string[]).join(sep);
}

function sprintf(args: readonly Value[]): string {
  const format = string(args, 1);
  const v = args[1]!;
  if (!Array.isArray(v)) throw OperandError.type(2, v, "array");
  const items = v as readonly Value[];
  return fastSprintf(format, items) ?? goSprintf(format, items.map(toGoArg));
}

function replaceN(args: readonly Value[]): string {
  const patterns = object(args, 1);
  const keys = objectKeys(patterns);
  const s = string(args, 2);
  const pairs: [string, string][] = [];
  for (const k of keys) {
    if (typeof k !== "string") throw new OperandError("operand 1 non-string key found in pattern object");
    const val = objectGet(patterns, k)!;
    if (typeof val !== "string") throw new OperandError("operand 1 non-string value found in pattern object");
    pairs.push([k, val]);
  }
  return goReplace(s, pairs);
}

function substring(args: readonly Value[]): string {
  const base = string(args, 1);
  const start = intOperand(args, 2);
  const length = intOperand(args, 3);
  if (start < 0) throw new BuiltinError("negative offset");
  if (base === "") return "";
  if (isAscii(base)) {
    if (start >= base.length) return "";
    return length < 0 ? base.slice(start) : base.slice(start, start + length);
  }
  const runes = runesOf(base);
  if (start >= runes.length) return "";
  return (length < 0 ? runes.slice(start) : runes.slice(start, start + length)).join("");
}

function splitN(args: readonly Value[]): string[] {
  const s = string(args, 1);
  const sep = string(args, 2);
  const n = intOperand(args, 3);
  const parts = s.includes(sep) ? goSplit(s, sep) : [s];
  if (n >= 0) return parts.slice(0, n);
  return parts.slice(Math.max(parts.length + n, 0));
}

function unary(name: string, description: string, arg: string, result: string, f: (s: string) => string): Builtin {
  return defineBuiltin({
    name,
    args: [{ name: arg, type: t.string }],
    result: { name: result, type: t.string },
    categories: STRINGS,
    description,
    impl: (args) => f(string(args, 1)),
  });
}

function binary(name: string, description: string, argNames: [string, string], result: [string, typeof t.any], f: (a: string, b: string) => Value): Builtin {
  return defineBuiltin({
    name,
    args: [
      { name: argNames[0], type: t.string },
      { name: argNames[1], type: t.string },
    ],
    result: { name: result[0], type: result[1] },
    categories: STRINGS,
    description,
    impl: (args) => f(string(args, 1), string(args, 2)),
  });
}

const STRING_LIST = t.anyOf(t.string, t.set(t.string), t.array(t.string));

export const stringBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "strings.any_prefix_match",
    args: [
      { name: "search", type: STRING_LIST },
      { name: "base", type: STRING_LIST },
    ],
    result: { name: "result", type: t.boolean },
    categories: STRINGS,
    description: "Returns true if any of the search strings begins with any of the base strings.",
    impl: (args) => {
      const strs = stringOrStrings(args, 1);
      const prefixes = stringOrStrings(args, 2);
      return strs.some((s) => prefixes.some((p) => s.startsWith(p)));
    },
  }),
  defineBuiltin({
    name: "strings.any_suffix_match",
    args: [
      { name: "search", type: STRING_LIST },
      { name: "base", type: STRING_LIST },
    ],
    result: { name: "result", type: t.boolean },
    categories: STRINGS,
    description: "Returns true if any of the search strings ends with any of the base strings.",
    impl: (args) => {
      const strs = stringOrStrings(args, 1);
      const suffixes = stringOrStrings(args, 2);
      return strs.some((s) => suffixes.some((p) => s.endsWith(p)));
    },
  }),
  defineBuiltin({
    name: "concat",
    args: [
      { name: "delimiter", type: t.string },
      { name: "collection", type: t.anyOf(t.set(t.string), t.array(t.string)) },
    ],
    result: { name: "output", type: t.string },
    categories: STRINGS,
    description: "Joins a set or array of strings with a delimiter.",
    impl: concat,
  }),
  defineBuiltin({
    name: "format_int",
    args: [
      { name: "number", type: t.number },
      { name: "base", type: t.number },
    ],
    result: { name: "output", type: t.string },
    categories: STRINGS,
    description: "Returns the string representation of the number in the given base after rounding it down to an integer value.",
    impl: formatInt,
  }),
  binary("indexof", "Returns the index of a substring contained inside a string.", ["haystack", "needle"], ["output", t.number], (haystack, needle) => {
    if (needle === "") throw new BuiltinError("empty search character");
    if (isAscii(haystack)) return haystack.indexOf(needle);
    return runeIndexes(haystack, needle, true)[0] ?? -1;
  }),
  binary("indexof_n", "Returns a list of all the indexes of a substring contained inside a string.", ["haystack", "needle"], ["output", t.array(t.number)], (haystack, needle) => {
    if (needle === "") throw new BuiltinError("empty search character");
    return runeIndexes(haystack, needle, false);
  }),
  defineBuiltin({
    name: "substring",
    args: [
      { name: "value", type: t.string },
      { name: "offset", type: t.number },
      { name: "length", type: t.number },
    ],
    result: { name: "output", type: t.string },
    categories: STRINGS,
    description: "Returns the  portion of a string for a given `offset` and a `length`.  If `length < 0`, `output` is the remainder of the string.",
    impl: substring,
  }),
  unary("lower", "Returns the input string but with all characters in lower-case.", "x", "y", goToLower),
  unary("upper", "Returns the input string but with all characters in upper-case.", "x", "y", goToUpper),
  binary("contains", "Returns `true` if the search string is included in the base string", ["haystack", "needle"], ["result", t.boolean], (s, sub) => s.includes(sub)),
  binary("strings.count", "Returns the number of non-overlapping instances of a substring in a string.", ["search", "substring"], ["output", t.number], goCount),
  binary("startswith", "Returns true if the search string begins with the base string.", ["search", "base"], ["result", t.boolean], (s, p) => s.startsWith(p)),
  binary("endswith", "Returns true if the search string ends with the base string.", ["search", "base"], ["result", t.boolean], (s, p) => s.endsWith(p)),
  binary("split", "Split returns an array containing elements of the input string split on a delimiter.", ["x", "delimiter"], ["ys", t.array(t.string)], (s, sep) =>
    s.includes(sep) ? goSplit(s, sep) : [s],
  ),
  defineBuiltin({
    name: "strings.split_n",
    args: [
      { name: "x", type: t.string },
      { name: "delimiter", type: t.string },
      { name: "n", type: t.number },
    ],
    result: { name: "ys", type: t.array(t.string) },
    categories: STRINGS,
    description: "Splits a string on a delimiter and returns the first `n` parts, or the last `-n` parts when `n` is negative.",
    impl: splitN,
  }),
  defineBuiltin({
    name: "replace",
    args: [
      { name: "x", type: t.string },
      { name: "old", type: t.string },
      { name: "new", type: t.string },
    ],
    result: { name: "y", type: t.string },
    categories: STRINGS,
    description: "Replace replaces all instances of a sub-string.",
    impl: (args) => goReplace(string(args, 1), [[string(args, 2), string(args, 3)]]),
  }),
  defineBuiltin({
    name: "strings.replace_n",
    args: [
      { name: "patterns", type: t.object(t.string, t.string) },
      { name: "value", type: t.string },
    ],
    result: { name: "output", type: t.string },
    categories: [],
    description:
      "Replaces a string from a list of old, new string pairs.\nReplacements are performed in the order they appear in the target string, without overlapping matches.\nThe old string comparisons are done in argument order.",
    impl: replaceN,
  }),
  binary("trim", "Returns `value` with all leading or trailing instances of the `cutset` characters removed.", ["value", "cutset"], ["output", t.string], goTrim),
  binary("trim_left", "Returns `value` with all leading instances of the `cutset` characters removed.", ["value", "cutset"], ["output", t.string], goTrimLeft),
  binary("trim_prefix", "Returns `value` without the prefix. If `value` doesn't start with `prefix`, it is returned unchanged.", ["value", "prefix"], ["output", t.string], (s, p) =>
    s.startsWith(p) ? s.slice(p.length) : s,
  ),
  binary("trim_right", "Returns `value` with all trailing instances of the `cutset` characters removed.", ["value", "cutset"], ["output", t.string], goTrimRight),
  binary("trim_suffix", "Returns `value` without the suffix. If `value` doesn't end with `suffix`, it is returned unchanged.", ["value", "suffix"], ["output", t.string], (s, p) =>
    p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s,
  ),
  unary("trim_space", "Return the given string with all leading and trailing white space removed.", "value", "output", goTrimSpace),
  defineBuiltin({
    name: "sprintf",
    args: [
      { name: "format", type: t.string },
      { name: "values", type: t.array() },
    ],
    result: { name: "output", type: t.string },
    categories: STRINGS,
    description: "Returns the given string, formatted.",
    impl: sprintf,
  }),
  unary("strings.reverse", "Reverses a given string.", "x", "y", (s) => runesOf(s).reverse().join("")),
  defineBuiltin({
    name: "strings.render_template",
    args: [
      { name: "value", type: t.string },
      { name: "vars", type: t.object(t.string, t.any) },
    ],
    result: { name: "result", type: t.string },
    categories: STRINGS,
    description:
      "Renders a templated string with given template variables injected. For a given templated string and key/value mapping, values will be injected into the template where they are referenced by key.\n\tFor examples of templating syntax, see https://pkg.go.dev/text/template",
    impl: (args) => renderTemplate(string(args, 1), object(args, 2)),
  }),
];
