/**
 * The runtime boundary: `http.send`, `opa.runtime` and `trace`.
 *
 * `http.send` checks its request as OPA does before any network traffic (unknown
 * and missing parameters, `raise_error`, parameter types), then sends it only to
 * hosts the evaluation was allowed to reach (`allow_net`): with no hosts allowed,
 * which is the default, nothing is ever sent. Tests replace it with
 * `with http.send as …`.
 */
import { RSet, objectGet, objectKeys, type ObjectValue, type Value } from "../../ast/value.js";
import { valueToString } from "../../ast/value-string.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { BuiltinError, OperandError, object, string } from "../operands.js";
import { readRequest } from "../support/http/request.js";
import { NetworkError, send } from "../support/http/send.js";
import { HostNotAllowed } from "../support/http/permission.js";

const ALLOWED_KEYS = new Set([
  "method", "url", "body", "enable_redirect", "force_json_decode", "force_yaml_decode", "headers", "raw_body",
  "tls_use_system_certs", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
  "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
  "tls_client_key_env_variable", "tls_insecure_skip_verify", "tls_server_name", "timeout", "cache", "force_cache",
  "force_cache_duration_seconds", "raise_error", "caching_mode", "max_retry_attempts", "cache_ignored_headers",
]);

const REQUIRED_KEYS = ["method", "url"];

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

/** The caching parameters OPA validates before sending (this engine caches within a query only). */
function checkCaching(req: ObjectValue): void {
  for (const key of ["cache", "force_cache"]) {
    const v = objectGet(req, key);
    if (v !== undefined && typeof v !== "boolean") throw new BuiltinError(`invalid value for "${key}" field`);
  }
  if (objectGet(req, "force_cache") === true && objectGet(req, "force_cache_duration_seconds") === undefined) {
    throw new BuiltinError("'force_cache' set but 'force_cache_duration_seconds' parameter is missing");
  }
  const mode = objectGet(req, "caching_mode");
  if (mode !== undefined) {
    if (typeof mode !== "string") throw new BuiltinError('invalid value for "caching_mode" field');
    if (mode !== "serialized" && mode !== "deserialized") throw new BuiltinError(`invalid value specified for "caching_mode" field: ${mode}`);
  }
  const ignored = objectGet(req, "cache_ignored_headers");
  if (ignored !== undefined && objectGet(req, "headers") !== undefined) {
    if (!Array.isArray(ignored) || ignored.some((h) => typeof h !== "string")) throw new BuiltinError("cache_ignored_headers must be an array of strings");
  }
}

/** With `raise_error: false`, a failure is a response with status 0 and the error inside it. */
function errorResponse(code: "eval_http_send_network_error" | "eval_http_send_internal_error", message: string): Value {
  return { status_code: 0, error: { code, message } };
}

export const httpBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "http.send",
    args: [{ name: "request", type: t.object(t.string, t.any) }],
    result: { name: "response", type: t.object() },
    categories: ["http"],
    description: "Returns a HTTP response to the given HTTP request.",
    nondeterministic: true,
    impl: (args, ctx) => {
      const req = object(args, 1);
      const raise = objectGet(req, "raise_error");
      if (raise !== undefined && typeof raise !== "boolean") throw new BuiltinError("invalid value for raise_error field");
      const keyError = checkKeys(req);
      if (keyError) {
        if (raise !== false) throw keyError;
        return errorResponse("eval_http_send_internal_error", `eval_type_error: http.send: ${keyError.message}`);
      }
      try {
        checkCaching(req);
        return send(readRequest(req, ctx.allowNet), { allowNet: ctx.allowNet, deadline: ctx.deadline });
      } catch (e) {
        if (raise !== false) throw e;
        if (e instanceof HostNotAllowed) return errorResponse("eval_http_send_internal_error", `eval_builtin_error: http.send: ${e.message}`);
        if (!(e instanceof BuiltinError || e instanceof OperandError)) throw e;
        if (e instanceof NetworkError) return errorResponse("eval_http_send_network_error", e.responseMessage);
        const code = e instanceof OperandError ? "eval_type_error" : "eval_builtin_error";
        return errorResponse("eval_http_send_internal_error", `${code}: http.send: ${e.message}`);
      }
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
