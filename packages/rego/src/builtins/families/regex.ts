/** Regular expressions with RE2 semantics (re2js), as Go's `regexp` package gives OPA. */
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, int, string } from "../operands.js";
import {
  compileGo,
  findAllGo,
  findAllSubmatchGo,
  isValidGo,
  matchGo,
  replaceAllGo,
  splitGo,
} from "../support/regex/go-regexp.js";
import { templateRegexp } from "../support/regex/template.js";
import { globsIntersect } from "../support/regex/globs-intersect.js";

/** Length in UTF-8 bytes, as Go's `len` counts. */
function byteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

export const regexBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "regex.match",
    args: [
      { name: "pattern", type: t.string, description: "regular expression" },
      { name: "value", type: t.string, description: "value to match against `pattern`" },
    ],
    result: { name: "result", type: t.boolean, description: "true if `value` matches `pattern`" },
    categories: ["regex"],
    description: "Matches a string against a regular expression.",
    impl: (args) => {
      const pattern = string(args, 1);
      const value = string(args, 2);
      return matchGo(compileGo(pattern), value);
    },
  }),
  defineBuiltin({
    name: "regex.is_valid",
    args: [{ name: "pattern", type: t.string, description: "regular expression" }],
    result: { name: "result", type: t.boolean, description: "true if `pattern` is a valid regular expression" },
    categories: ["regex"],
    description:
      "Checks if a string is a valid regular expression: the detailed syntax for patterns is defined by https://github.com/google/re2/wiki/Syntax.",
    impl: (args) => {
      const v = args[0]!;
      return typeof v === "string" && isValidGo(v);
    },
  }),
  defineBuiltin({
    name: "regex.find_all_string_submatch_n",
    args: [
      { name: "pattern", type: t.string, description: "regular expression" },
      { name: "value", type: t.string, description: "string to match" },
      { name: "number", type: t.number, description: "number of matches to return; `-1` means all matches" },
    ],
    result: { name: "output", type: t.array(t.array(t.string)), description: "array of all matches" },
    categories: ["regex"],
    description: "Returns all successive matches of the expression.",
    impl: (args) => {
      const pattern = string(args, 1);
      const value = string(args, 2);
      const n = int(args, 3);
      return findAllSubmatchGo(compileGo(pattern), value, n);
    },
  }),
  defineBuiltin({
    name: "regex.template_match",
    args: [
      { name: "template", type: t.string, description: "template expression containing `0..n` regular expressions" },
      { name: "value", type: t.string, description: "string to match" },
      { name: "delimiter_start", type: t.string, description: "start delimiter of the regular expression in `template`" },
      { name: "delimiter_end", type: t.string, description: "end delimiter of the regular expression in `template`" },
    ],
    result: { name: "result", type: t.boolean, description: "true if `value` matches the `template`" },
    categories: ["regex"],
    description: "Matches a string against a pattern, where there pattern may be glob-like",
    impl: (args) => {
      const template = string(args, 1);
      const value = string(args, 2);
      const start = string(args, 3);
      const end = string(args, 4);
      const startLen = byteLength(start);
      if (startLen !== 1) throw new BuiltinError(`start delimiter has to be exactly one character long but is ${startLen} long`);
      // OPA reports the start delimiter's length here too.
      if (byteLength(end) !== 1) throw new BuiltinError(`end delimiter has to be exactly one character long but is ${startLen} long`);
      return matchGo(templateRegexp(template, start, end), value);
    },
  }),
  defineBuiltin({
    name: "regex.split",
    args: [
      { name: "pattern", type: t.string, description: "regular expression" },
      { name: "value", type: t.string, description: "string to match" },
    ],
    result: { name: "output", type: t.array(t.string), description: "the parts obtained by splitting `value`" },
    categories: ["regex"],
    description: "Splits the input string by the occurrences of the given pattern.",
    impl: (args) => {
      const pattern = string(args, 1);
      const value = string(args, 2);
      return splitGo(compileGo(pattern), pattern, value);
    },
  }),
  defineBuiltin({
    name: "regex.find_n",
    args: [
      { name: "pattern", type: t.string, description: "regular expression" },
      { name: "value", type: t.string, description: "string to match" },
      { name: "number", type: t.number, description: "number of matches to return, if `-1`, returns all matches" },
    ],
    result: { name: "output", type: t.array(t.string), description: "collected matches" },
    categories: ["regex"],
    description: "Returns the specified number of matches when matching the input against the pattern.",
    impl: (args) => {
      const pattern = string(args, 1);
      const value = string(args, 2);
      const n = int(args, 3);
      return findAllGo(compileGo(pattern), value, n);
    },
  }),
  defineBuiltin({
    name: "regex.globs_match",
    args: [
      { name: "glob1", type: t.string, description: "first glob-style regular expression" },
      { name: "glob2", type: t.string, description: "second glob-style regular expression" },
    ],
    result: {
      name: "result",
      type: t.boolean,
      description: "true if the intersection of `glob1` and `glob2` matches a non-empty set of non-empty strings",
    },
    categories: ["regex"],
    description:
      "Checks if the intersection of two glob-style regular expressions matches a non-empty set of non-empty strings.\nThe set of regex symbols is limited for this builtin: only `.`, `*`, `+`, `[`, `-`, `]` and `\\` are treated as special symbols.",
    impl: (args) => globsIntersect(string(args, 1), string(args, 2)),
  }),
  defineBuiltin({
    name: "regex.replace",
    args: [
      { name: "s", type: t.string, description: "string being processed" },
      { name: "pattern", type: t.string, description: "regex pattern to be applied" },
      { name: "value", type: t.string, description: "regex value" },
    ],
    result: { name: "output", type: t.string, description: "string with replaced substrings" },
    categories: ["regex"],
    description: "Find and replaces the text using the regular expression pattern.",
    impl: (args) => {
      const s = string(args, 1);
      const pattern = string(args, 2);
      const value = string(args, 3);
      return replaceAllGo(compileGo(pattern), s, value);
    },
  }),
];
