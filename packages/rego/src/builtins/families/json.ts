/**
 * JSON and YAML: (un)marshalling, validation, filtering, removal, JSON Patch and
 * JSON Schema.
 */
import { stringifyValue } from "../../ast/json.js";
import { objectKeys, objectGet, type Value } from "../../ast/value.js";
import { goQuote, valueToString } from "../../ast/value-string.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError, array, object, string } from "../operands.js";
import { PathTree, filterValue, pathsOperand, removeValue } from "../support/collections/json-paths.js";
import { applyPatches } from "../support/collections/json-patch.js";
import { parseGoJSON, validGoJSON } from "../support/json/go-json.js";
import { yamlMarshal } from "../support/yaml/emit.js";
import { yamlIsValid, yamlUnmarshal } from "../support/yaml/parse.js";
import { matchSchema, verifySchema } from "../support/jsonschema/builtins.js";

const anyObject = t.object(t.any, t.any);
const pathsType = t.anyOf(t.array(t.anyOf(t.string, t.array(t.any))), t.set(t.anyOf(t.string, t.array(t.any))));

interface MarshalOptions {
  readonly pretty: boolean;
  readonly prefix: string;
  readonly indent: string;
}

/** The `opts` of `json.marshal_with_options`, checked key by key in key order, as OPA does. */
function marshalOptions(args: readonly Value[]): MarshalOptions {
  const opts = object(args, 2);
  let indent = "\t";
  let prefix = "";
  let implicit = false;
  let explicit: boolean | undefined;
  objectKeys(opts).forEach((k, idx) => {
    const v = objectGet(opts, k)!;
    if (typeof k !== "string") {
      throw new OperandError(`operand 2 failed to stringify key ${valueToString(k)} at index ${idx}: ${OperandError.type(idx, k, "string").message}`);
    }
    switch (k) {
      case "prefix":
      case "indent":
        if (typeof v !== "string") {
          throw new OperandError(`operand 2 key ${goQuote(k)} failed cast to string: ${OperandError.type(idx, v, "string").message}`);
        }
        if (k === "prefix") prefix = v;
        else indent = v;
        implicit = true;
        return;
      case "pretty":
        if (typeof v !== "boolean") throw new OperandError(`operand 2 key ${goQuote(k)} failed cast to bool`);
        explicit = v;
        return;
      default:
        throw new OperandError(`operand 2 object contained unknown key ${goQuote(k)}`);
    }
  });
  return { pretty: explicit ?? implicit, prefix, indent };
}

export const jsonBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "json.marshal",
    args: [{ name: "x", type: t.any, description: "the term to serialize" }],
    result: { name: "y", type: t.string, description: "the JSON string representation of `x`" },
    categories: ["encoding"],
    description: "Serializes the input term to JSON.",
    impl: (args) => stringifyValue(args[0]!),
  }),
  defineBuiltin({
    name: "json.marshal_with_options",
    args: [
      { name: "x", type: t.any, description: "the term to serialize" },
      // OPA declares `pretty`, `indent` and `prefix` and allows any other key; declared
      // wider here (the table has no static object types), so no valid call is refused.
      { name: "opts", type: t.object(t.string, t.any), description: "encoding options" },
    ],
    result: { name: "y", type: t.string, description: "the JSON string representation of `x`, with configured prefix/indent string(s) as appropriate" },
    categories: ["encoding"],
    description:
      "Serializes the input term JSON, with additional formatting options via the `opts` parameter. `opts` accepts keys `pretty` (enable multi-line/formatted JSON), `prefix` (string to prefix lines with, default empty string) and `indent` (string to indent with, default `\\t`).",
    impl: (args) => {
      const o = marshalOptions(args);
      if (!o.pretty) return stringifyValue(args[0]!);
      // Go's MarshalIndent starts every line but the first with the prefix; OPA adds it to the first.
      return o.prefix + stringifyValue(args[0]!, o.indent).replaceAll("\n", "\n" + o.prefix);
    },
  }),
  defineBuiltin({
    name: "json.unmarshal",
    args: [{ name: "x", type: t.string, description: "a JSON string" }],
    result: { name: "y", type: t.any, description: "the term deserialized from `x`" },
    categories: ["encoding"],
    description: "Deserializes the input string.",
    impl: (args) => parseGoJSON(string(args, 1)),
  }),
  defineBuiltin({
    name: "json.is_valid",
    args: [{ name: "x", type: t.string, description: "a JSON string" }],
    result: { name: "result", type: t.boolean, description: "`true` if `x` is valid JSON, `false` otherwise" },
    categories: ["encoding"],
    description: "Verifies the input string is a valid JSON document.",
    impl: (args) => typeof args[0] === "string" && validGoJSON(args[0]),
  }),
  defineBuiltin({
    name: "json.filter",
    args: [
      { name: "object", type: anyObject },
      { name: "paths", type: pathsType, description: "JSON string paths" },
    ],
    result: { name: "filtered", type: t.any, description: "remaining data from `object` with only keys specified in `paths`" },
    categories: ["object"],
    description:
      "Filters the object. For example: `json.filter({\"a\": {\"b\": \"x\", \"c\": \"y\"}}, [\"a/b\"])` will result in `{\"a\": {\"b\": \"x\"}}`). Paths are not filtered in-order and are deduplicated before being evaluated.",
    impl: (args) => {
      const o = object(args, 1);
      return filterValue(o, PathTree.of(pathsOperand(args[1]!)));
    },
  }),
  defineBuiltin({
    name: "json.remove",
    args: [
      { name: "object", type: anyObject },
      { name: "paths", type: pathsType, description: "JSON string paths" },
    ],
    result: { name: "output", type: t.any, description: "result of removing all keys specified in `paths`" },
    categories: ["object"],
    description:
      "Removes paths from an object. For example: `json.remove({\"a\": {\"b\": \"x\", \"c\": \"y\"}}, [\"a/b\"])` will result in `{\"a\": {\"c\": \"y\"}}`. Paths are not removed in-order and are deduplicated before being evaluated.",
    impl: (args) => {
      const o = object(args, 1);
      return removeValue(o, PathTree.of(pathsOperand(args[1]!)));
    },
  }),
  defineBuiltin({
    name: "json.patch",
    args: [
      { name: "object", type: t.any },
      { name: "patches", type: t.array(t.object(t.any, t.any)) },
    ],
    result: { name: "output", type: t.any, description: "result obtained after consecutively applying all patch operations in `patches`" },
    categories: ["object"],
    description:
      "Patches an object according to RFC6902. For example: `json.patch({\"a\": {\"foo\": 1}}, [{\"op\": \"add\", \"path\": \"/a/bar\", \"value\": 2}])` results in `{\"a\": {\"foo\": 1, \"bar\": 2}`.  The patches are applied atomically: if any of them fails, the result will be undefined.",
    impl: (args) => applyPatches(args[0]!, array(args, 2)),
  }),
  defineBuiltin({
    name: "yaml.marshal",
    args: [{ name: "x", type: t.any, description: "the term to serialize" }],
    result: { name: "y", type: t.string, description: "the YAML string representation of `x`" },
    categories: ["encoding"],
    description: "Serializes the input term to YAML.",
    impl: (args) => yamlMarshal(args[0]!),
  }),
  defineBuiltin({
    name: "yaml.unmarshal",
    args: [{ name: "x", type: t.string, description: "a YAML string" }],
    result: { name: "y", type: t.any, description: "the term deserialized from `x`" },
    categories: ["encoding"],
    description: "Deserializes the input string.",
    impl: (args) => yamlUnmarshal(string(args, 1)),
  }),
  defineBuiltin({
    name: "yaml.is_valid",
    args: [{ name: "x", type: t.string, description: "a YAML string" }],
    result: { name: "result", type: t.boolean, description: "`true` if `x` is valid YAML, `false` otherwise" },
    categories: ["encoding"],
    description: "Verifies the input string is a valid YAML document.",
    impl: (args) => typeof args[0] === "string" && yamlIsValid(args[0]),
  }),
  defineBuiltin({
    name: "json.verify_schema",
    args: [{ name: "schema", type: t.anyOf(t.string, anyObject), description: "the schema to verify" }],
    result: {
      name: "output",
      type: t.array(t.any),
      description: "`output` is of the form `[valid, error]`. If the schema is valid, then `valid` is `true`, and `error` is `null`. Otherwise, `valid` is `false` and `error` is a string describing the error.",
    },
    categories: ["object"],
    description: "Checks that the input is a valid JSON schema object. The schema can be either a JSON string or an JSON object.",
    impl: (args) => verifySchema(args[0]!),
  }),
  defineBuiltin({
    name: "json.match_schema",
    args: [
      { name: "document", type: t.anyOf(t.string, anyObject), description: "document to verify by schema" },
      { name: "schema", type: t.anyOf(t.string, anyObject), description: "schema to verify document by" },
    ],
    result: {
      name: "output",
      type: t.array(t.any),
      description:
        "`output` is of the form `[match, errors]`. If the document is valid given the schema, then `match` is `true`, and `errors` is an empty array. Otherwise, `match` is `false` and `errors` is an array of objects describing the error(s).",
    },
    categories: ["object"],
    description: "Checks that the document matches the JSON schema.",
    impl: (args) => matchSchema(args[0]!, args[1]!),
  }),
];


