/** Cloud provider request signing (providers.aws.sign_req). */
import { isNumber } from "../../ast/number.js";
import { stringifyValue, toJSONData } from "../../ast/json.js";
import { ObjectBuilder, RSet, isObject, objectGet, objectKeys, objectSome, type ObjectValue, type Value } from "../../ast/value.js";
import { valueToString } from "../../ast/value-string.js";
import { defineBuiltin, t, type Builtin } from "../types.js";
import { OperandError } from "../operands.js";
import { goInt64 } from "../support/crypto/go-int64.js";
import { toBinary } from "../support/gobytes/utf8.js";
import { parseUrl } from "../support/gourl/url.js";
import { signV4, type AWSCredentials } from "../support/providers/aws-sigv4.js";

const REQUIRED_AWS_KEYS = ["aws_access_key", "aws_region", "aws_secret_access_key", "aws_service"];

/** The request keys `http.send` accepts; `sign_req` holds requests to the same set. */
const ALLOWED_REQUEST_KEYS: ReadonlySet<string> = new Set([
  "method",
  "url",
  "body",
  "enable_redirect",
  "force_json_decode",
  "force_yaml_decode",
  "headers",
  "raw_body",
  "tls_use_system_certs",
  "tls_ca_cert",
  "tls_ca_cert_file",
  "tls_ca_cert_env_variable",
  "tls_client_cert",
  "tls_client_cert_file",
  "tls_client_cert_env_variable",
  "tls_client_key",
  "tls_client_key_file",
  "tls_client_key_env_variable",
  "tls_insecure_skip_verify",
  "tls_server_name",
  "timeout",
  "cache",
  "force_cache",
  "force_cache_duration_seconds",
  "raise_error",
  "caching_mode",
  "max_retry_attempts",
  "cache_ignored_headers",
]);

/** A set of keys printed as OPA prints an `ast.Set` in its messages. */
const setText = (keys: Iterable<Value>): string => valueToString(new RSet(keys));

const str = (v: Value | undefined): string => (typeof v === "string" ? v : "");

function validateAWSConfig(o: ObjectValue): void {
  const missing = REQUIRED_AWS_KEYS.filter((k) => objectGet(o, k) === undefined);
  if (missing.length > 0) throw new OperandError(`operand 2 missing required AWS config parameters(s): ${setText(missing)}`);
  const invalid = REQUIRED_AWS_KEYS.filter((k) => typeof objectGet(o, k) !== "string");
  if (invalid.length > 0) throw new OperandError(`operand 2 invalid values for required AWS config parameters(s): ${setText(invalid)}`);
}

function validateRequest(o: ObjectValue): void {
  const keys = objectKeys(o);
  const invalid = keys.filter((k) => typeof k !== "string" || !ALLOWED_REQUEST_KEYS.has(k));
  if (invalid.length > 0) throw new OperandError(`operand 1 invalid request parameters(s): ${setText(invalid)}`);
  const missing = ["method", "url"].filter((k) => objectGet(o, k) === undefined);
  if (missing.length > 0) throw new OperandError(`operand 1 missing required request parameters(s): ${setText(missing)}`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

function signRequest(args: readonly Value[]): Value {
  const req = args[0]!;
  if (!isObject(req)) throw OperandError.type(1, req, "object");
  const config = args[1]!;
  // OPA reports the config and time operands as operand 1 when they have the wrong type.
  if (!isObject(config)) throw OperandError.type(1, config, "object");
  validateAWSConfig(config);
  const service = str(objectGet(config, "aws_service"));
  const creds: AWSCredentials = {
    accessKey: str(objectGet(config, "aws_access_key")),
    secretKey: str(objectGet(config, "aws_secret_access_key")),
    regionName: str(objectGet(config, "aws_region")),
    sessionToken: str(objectGet(config, "aws_session_token")),
  };
  const time = args[2]!;
  if (!isNumber(time)) throw OperandError.type(1, time, "number");
  const ts = goInt64(time);
  if (ts === undefined) throw new OperandError("operand 3 could not convert time_ns value into a unix timestamp");

  validateRequest(req);
  const url = objectGet(req, "url")!;
  const method = objectGet(req, "method")!;
  let headers: ObjectValue = {};
  const headersValue = objectGet(req, "headers");
  if (headersValue !== undefined) {
    if (!isObject(headersValue)) throw OperandError.type(0, headersValue, "object");
    headers = headersValue;
  }
  const invalid: string[] = [];
  if (typeof url !== "string") invalid.push("url");
  if (typeof method !== "string") invalid.push("method");
  if (invalid.length > 0) throw new OperandError(`operand 1 invalid values for required request parameters(s): ${setText(invalid)}`);

  const parsedURL = parseUrl(toBinary(url as string));
  const rawBody = objectGet(req, "raw_body");
  const body = objectGet(req, "body");
  let bodyBytes = Buffer.alloc(0);
  if (rawBody !== undefined) bodyBytes = Buffer.from(str(rawBody), "utf8");
  else if (body !== undefined) bodyBytes = Buffer.from(stringifyValue(toJSONData(body)), "utf8");

  const headerMap = new Map<string, string>();
  objectSome(headers, (k, v) => {
    headerMap.set(str(k), str(v));
    return false;
  });

  let disablePayloadSigning = false;
  const dps = objectGet(config, "disable_payload_signing");
  if (dps !== undefined) {
    if (typeof dps !== "boolean") throw new OperandError("operand 2 invalid value for 'disable_payload_signing' in AWS config");
    disablePayloadSigning = dps;
  }

  const timeMs = Number(floorDiv(ts, 1_000_000n));
  const { authorization, awsHeaders } = signV4(headerMap, method as string, parsedURL, bodyBytes, service, creds, timeMs, disablePayloadSigning);
  const signed = new ObjectBuilder();
  for (const [k, v] of headerMap) signed.set(k, v);
  signed.set("Authorization", authorization);
  for (const [k, v] of awsHeaders) signed.set(k, v);

  const out = new ObjectBuilder();
  objectSome(req, (k, v) => {
    out.set(k, v);
    return false;
  });
  out.set("headers", signed.build());
  return out.build();
}

export const providerBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "providers.aws.sign_req",
    args: [
      { name: "request", type: t.object(t.string, t.any), description: "HTTP request object" },
      { name: "aws_config", type: t.object(t.string, t.any), description: "AWS configuration object" },
      { name: "time_ns", type: t.number, description: "nanoseconds since the epoch" },
    ],
    result: { name: "signed_request", type: t.object(t.any, t.any), description: "HTTP request object with `Authorization` header" },
    categories: ["providers.aws"],
    description:
      "Signs an HTTP request object for Amazon Web Services. Currently implements [AWS Signature Version 4 request signing](https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html) by the `Authorization` header method.",
    impl: signRequest,
  }),
];
