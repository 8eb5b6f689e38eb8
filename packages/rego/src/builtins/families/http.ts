/**
 * The runtime boundary: `http.send`, `opa.runtime` and `trace`.
 *
 * `http.send` checks its request as OPA does before any network traffic (unknown
 * and missing parameters, `raise_error`, parameter types). Builtins here are
 * synchronous and a request cannot be made synchronously in Node, so a well-formed
 * request ends in an `eval_builtin_error` saying so; policies can still replace
 * `http.send` with `with http.send as …` in tests.
 */
import { RSet, isObject, objectGet, objectKeys, typeName, type ObjectValue } from "../../ast/value.js";
import { goQuote, valueToString } from "../../ast/value-string.js";
import { isNumber } from "../../ast/number.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, object, string } from "../operands.js";

const ALLOWED_KEYS = new Set([
  "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode", "headers", "raw_body",
  "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
  "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
  "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache", "force_cache",
  "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
]);

const REQUIRED_KEYS = ["method", "url"];

/** Parameters that must be strings when given. */
const STRING_KEYS = new Set([
  "method", "url", "raw_body", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
  "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
  "tls_client_key_env_variable", "tls_server_name",
]);

/** Parameters read with Go's `strconv.ParseBool` on the term's text. */
const BOOL_KEYS = new Set(["enable_redirect", "tls_use_system_certs", "tls_insecure_skip_verify"]);

const GO_BOOLS = new Set(["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"]);

/** OPA's key checks: `operand 1 invalid request parameters(s): {…}`, then the missing ones. */
function checkKeys(req: ObjectValue): OperandError | undefined {
  const invalid = new RSet();
  for (const k of objectKeys(req)) if (typeof k !== "string" || !ALLOWED_KEYS.has(k)) invalid.add(k);
  if (invalid.size > 0) return new OperandError(`operand 1 invalid request parameters(s): ${valueToString(invalid)}`);
  const missing = new RSet();
  for (const k of REQUIRED_KEYS) if (objectGet(req, k) === undefined) missing.add(k);
  if (missing.size > 0) return new OperandError(`operand 1 missing required request parameters(s): ${valueToString(missing)}`);
  return undefined;
}

/** The checks OPA makes while building the request, before sending it. */
function checkParameters(req: ObjectValue): void {
  const ignored = objectGet(req, "cache_ignored_headers");
  if (ignored !== undefined && objectGet(req, "headers") !== undefined) {
    if (!Array.isArray(ignored) || ignored.some((h) => typeof h !== "string")) throw new BuiltinError("cache_ignored_headers must be an array of strings");
  }
  for (const k of objectKeys(req)) {
    const key = k as string;
    const v = objectGet(req, k)!;
    if (typeof v !== "string" && STRING_KEYS.has(key)) throw new BuiltinError(`${goQuote(key)} must be a string`);
    if (BOOL_KEYS.has(key)) {
      const text = valueToString(v);
      if (!GO_BOOLS.has(text)) throw new BuiltinError(`strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
    }
    if (key === "headers" && !isObject(v)) throw new BuiltinError("invalid type for headers key");
    if (key === "timeout" && typeof v !== "string" && !isNumber(v)) {
      throw new OperandError(`operand 1 'timeout' must be one of {string, number} but got ${typeName(v)}`);
    }
  }
}

export const httpBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "http.send",
    args: [{ name: "request", type: t.object(t.string, t.any) }],
    result: { name: "response", type: t.object() },
    categories: ["http"],
    description: "Returns a HTTP response to the given HTTP request.",
    nondeterministic: true,
    impl: (args) => {
      const req = object(args, 1);
      const raise = objectGet(req, "raise_error");
      if (raise !== undefined && typeof raise !== "boolean") throw new BuiltinError("invalid value for raise_error field");
      const keyError = checkKeys(req);
      if (keyError) {
        if (raise !== false) throw keyError;
        return {
          status_code: 0,
          error: { code: "eval_http_send_internal_error", message: `eval_type_error: http.send: ${keyError.message}` },
        };
      }
      checkParameters(req);
      throw new BuiltinError("sending requests needs an asynchronous engine and is not supported yet");
    },
  }),
  defineBuiltin({
    name: "opa.runtime",
    args: [],
    result: { name: "output", type: t.object(t.string, t.any) },
    categories: ["opa"],
    description: "Returns an object that describes the runtime environment, as the host gives it (empty when it gives none).",
    nondeterministic: true,
    impl: (_args, ctx) => ctx.runtime ?? {},
  }),
  defineBuiltin({
    name: "trace",
    args: [{ name: "note", type: t.string, description: "the note to include" }],
    result: { name: "result", type: t.boolean },
    categories: ["tracing"],
    description: "Emits `note` as a `Note` event in the query explanation. This engine records no explanations, so the note is checked and dropped.",
    impl: (args) => {
      string(args, 1);
      return true;
    },
  }),
];
