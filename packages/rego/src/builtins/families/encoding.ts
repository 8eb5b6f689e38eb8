/** Encodings: base64, hex, URL query strings, URIs. */
import { toJSONData } from "../../ast/json.js";
import { isPlainObject, makeObject, type Value } from "../../ast/value.js";
import { BuiltinError, OperandError, string } from "../operands.js";
import { decodeUtf8, fromBinary, toBinary } from "../support/gobytes/utf8.js";
import { Base64Error, decodeBase64, decodeBase64UrlAddingPadding, encodeBase64, encodeBase64Url } from "../support/goencoding/base64.js";
import { HexError, decodeHex, encodeHex } from "../support/goencoding/hex.js";
import { Mode, UrlError, escape, unescape } from "../support/gourl/escape.js";
import { encodeQuery, parseQuery } from "../support/gourl/query.js";
import { parseUrl, splitHostPort } from "../support/gourl/url.js";
import { defineBuiltin, t, type Builtin } from "../types.js";

/** Runs Go's hex decoder, turning its error into a builtin error with Go's message. */
function goCall<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof HexError) throw new BuiltinError(e.message);
    throw e;
  }
}

function isValidString(v: Value, check: (s: string) => unknown): boolean {
  if (typeof v !== "string") return false;
  try {
    check(v);
    return true;
  } catch (e) {
    if (e instanceof Base64Error || e instanceof UrlError) return false;
    throw e;
  }
}

const ENCODE_OBJECT_ERROR = "operand 1 values must be string, array[string], or set[string]";

function encodeObject(v: Value): string {
  const data = toJSONData(v);
  if (!isPlainObject(data)) throw OperandError.type(1, v, "object");
  const values = new Map<string, string[]>();
  for (const k of Object.keys(data)) {
    const x = data[k]!;
    if (typeof x === "string") {
      values.set(toBinary(k), [toBinary(x)]);
    } else if (Array.isArray(x)) {
      const list: string[] = [];
      for (const e of x as readonly Value[]) {
        if (typeof e !== "string") throw new OperandError(ENCODE_OBJECT_ERROR);
        list.push(toBinary(e));
      }
      if (list.length > 0) values.set(toBinary(k), list);
    } else {
      throw new OperandError(ENCODE_OBJECT_ERROR);
    }
  }
  return fromBinary(encodeQuery(values));
}

function parseUri(s: string): Value {
  const u = parseUrl(toBinary(s));
  const out: [string, string][] = [];
  const [hostname, port] = splitHostPort(u.host);
  if (u.scheme !== "") out.push(["scheme", u.scheme]);
  if (hostname !== "") out.push(["hostname", hostname]);
  if (port !== "") out.push(["port", port]);
  if (u.path !== "") {
    out.push(["path", u.path]);
    out.push(["raw_path", u.rawPath || u.path]);
  }
  if (u.rawQuery !== "") out.push(["raw_query", u.rawQuery]);
  if (u.fragment !== "") out.push(["fragment", u.fragment]);
  return makeObject(out.map(([k, x]) => [k, fromBinary(x)] as const));
}

export const encodingBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "base64.encode",
    args: [{ name: "x", type: t.string, description: "string to encode" }],
    result: { name: "y", type: t.string, description: "base64 serialization of `x`" },
    categories: ["encoding"],
    description: "Serializes the input string into base64 encoding.",
    impl: (args) => encodeBase64(string(args, 1)),
  }),
  defineBuiltin({
    name: "base64.decode",
    args: [{ name: "x", type: t.string, description: "string to decode" }],
    result: { name: "y", type: t.string, description: "base64 deserialization of `x`" },
    categories: ["encoding"],
    description: "Deserializes the base64 encoded input string.",
    impl: (args) => {
      const s = string(args, 1);
      return decodeUtf8(decodeBase64(s));
    },
  }),
  defineBuiltin({
    name: "base64.is_valid",
    args: [{ name: "x", type: t.string, description: "string to check" }],
    result: { name: "result", type: t.boolean, description: "`true` if `x` is valid base64 encoded value, `false` otherwise" },
    categories: ["encoding"],
    description: "Verifies the input string is base64 encoded.",
    impl: (args) => isValidString(args[0]!, (s) => decodeBase64(s)),
  }),
  defineBuiltin({
    name: "base64url.encode",
    args: [{ name: "x", type: t.string, description: "string to encode" }],
    result: { name: "y", type: t.string, description: "base64url serialization of `x`" },
    categories: ["encoding"],
    description: "Serializes the input string into base64url encoding.",
    impl: (args) => encodeBase64Url(string(args, 1), true),
  }),
  defineBuiltin({
    name: "base64url.encode_no_pad",
    args: [{ name: "x", type: t.string, description: "string to encode" }],
    result: { name: "y", type: t.string, description: "base64url serialization of `x`" },
    categories: ["encoding"],
    description: "Serializes the input string into base64url encoding without padding.",
    impl: (args) => encodeBase64Url(string(args, 1), false),
  }),
  defineBuiltin({
    name: "base64url.decode",
    args: [{ name: "x", type: t.string, description: "string to decode" }],
    result: { name: "y", type: t.string, description: "base64url deserialization of `x`" },
    categories: ["encoding"],
    description: "Deserializes the base64url encoded input string.",
    impl: (args) => {
      const s = string(args, 1);
      return decodeUtf8(decodeBase64UrlAddingPadding(s));
    },
  }),
  defineBuiltin({
    name: "hex.encode",
    args: [{ name: "x", type: t.string, description: "string to encode" }],
    result: { name: "y", type: t.string, description: "serialization of `x` using hex-encoding" },
    categories: ["encoding"],
    description: "Serializes the input string using hex-encoding.",
    impl: (args) => encodeHex(string(args, 1)),
  }),
  defineBuiltin({
    name: "hex.decode",
    args: [{ name: "x", type: t.string, description: "a hex-encoded string" }],
    result: { name: "y", type: t.string, description: "deserialized from `x`" },
    categories: ["encoding"],
    description: "Deserializes the hex-encoded input string.",
    impl: (args) => {
      const s = string(args, 1);
      return decodeUtf8(goCall(() => decodeHex(s)));
    },
  }),
  defineBuiltin({
    name: "urlquery.encode",
    args: [{ name: "x", type: t.string, description: "the string to encode" }],
    result: { name: "y", type: t.string, description: "URL-encoding serialization of `x`" },
    categories: ["encoding"],
    description: "Encodes the input string into a URL-encoded string.",
    impl: (args) => escape(toBinary(string(args, 1)), Mode.QueryComponent),
  }),
  defineBuiltin({
    name: "urlquery.decode",
    args: [{ name: "x", type: t.string, description: "the URL-encoded string" }],
    result: { name: "y", type: t.string, description: "URL-encoding deserialization of `x`" },
    categories: ["encoding"],
    description: "Decodes a URL-encoded input string.",
    impl: (args) => {
      const s = toBinary(string(args, 1));
      return fromBinary(unescape(s, Mode.QueryComponent));
    },
  }),
  defineBuiltin({
    name: "urlquery.encode_object",
    args: [
      {
        name: "object",
        type: t.object(t.string, t.anyOf(t.string, t.array(t.string), t.set(t.string))),
        description: "the object to encode",
      },
    ],
    result: { name: "y", type: t.string, description: "the URL-encoded serialization of `object`" },
    categories: ["encoding"],
    description: "Encodes the given object into a URL encoded query string.",
    impl: (args) => encodeObject(args[0]!),
  }),
  defineBuiltin({
    name: "urlquery.decode_object",
    args: [{ name: "x", type: t.string, description: "the query string" }],
    result: { name: "object", type: t.object(t.string, t.array(t.string)), description: "the resulting object" },
    categories: ["encoding"],
    description: "Decodes the given URL query string into an object.",
    impl: (args) => {
      const s = toBinary(string(args, 1));
      const m = parseQuery(s);
      return makeObject([...m].map(([k, vs]) => [fromBinary(k), vs.map(fromBinary)] as const));
    },
  }),
  defineBuiltin({
    name: "uri.parse",
    args: [{ name: "uri", type: t.string, description: "the URI string to parse" }],
    result: { name: "output", type: t.object(t.string, t.string), description: "object containing URI components" },
    categories: [],
    description:
      "Parses a URI and returns an object containing its components according to RFC 3986. " +
      "Empty components are omitted. " +
      "In addition to the standard components, `raw_query` is returned for use with `urlquery` builtins, " +
      "and `raw_path` is returned to allow detection of path-based exploits using percent-encoded characters.",
    impl: (args) => {
      const s = string(args, 1);
      return parseUri(s);
    },
  }),
  defineBuiltin({
    name: "uri.is_valid",
    args: [{ name: "uri", type: t.string, description: "the URI string to validate" }],
    result: { name: "result", type: t.boolean, description: "true if `uri` is a valid URI, false otherwise" },
    categories: [],
    description: "Returns true if the input can be parsed as a URI.",
    // The empty string is a valid relative reference, but OPA rejects it.
    impl: (args) => args[0] !== "" && isValidString(args[0]!, (s) => parseUrl(toBinary(s))),
  }),
];
