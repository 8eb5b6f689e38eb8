/**
 * An `http.send` request object read the way OPA's `createHTTPRequest` reads it:
 * parameter by parameter, with OPA's checks and messages, into a request the
 * network worker can make. Reading files and environment variables for TLS
 * material happens here, so the worker only ever sees what to send.
 */
import { readFileSync } from "node:fs";
import { isObject, objectGet, objectKeys, typeName, type ObjectValue, type Value } from "../../../ast/value.js";
import { goQuote, valueToString } from "../../../ast/value-string.js";
import { isInteger, isNumber, toDouble } from "../../../ast/number.js";
import { stringifyValue } from "../../../ast/json.js";
import { BuiltinError, OperandError } from "../../operands.js";
import { DurationError, parseDuration } from "../gotime/duration.js";
import { checkHost } from "./permission.js";
import type { WireHTTPRequest, WireTLS } from "./wire.js";

/** Go's `http.Client` default in OPA, unless the request says otherwise. */
const DEFAULT_TIMEOUT_MS = 5_000;

const USER_AGENT = "Regolith (http.send)";

/** Parameters that must be strings when given. */
const STRING_KEYS = new Set([
  "method", "url", "raw_body", "tls_ca_cert", "tls_ca_cert_file", "tls_ca_cert_env_variable", "tls_client_cert",
  "tls_client_cert_file", "tls_client_cert_env_variable", "tls_client_key", "tls_client_key_file",
  "tls_client_key_env_variable", "tls_server_name",
]);

const GO_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const GO_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

export interface HTTPSendRequest {
  readonly wire: WireHTTPRequest;
  readonly enableRedirect: boolean;
  readonly maxRetryAttempts: number;
  readonly forceJSONDecode: boolean;
  readonly forceYAMLDecode: boolean;
}

/** Go's `strconv.ParseBool` on the term's text, as OPA reads `enable_redirect` and friends. */
function goBool(v: Value): boolean {
  const text = valueToString(v);
  if (GO_TRUE.has(text)) return true;
  if (GO_FALSE.has(text)) return false;
  throw new BuiltinError(`strconv.ParseBool: parsing ${goQuote(text)}: invalid syntax`);
}

/** A boolean-only parameter (`force_json_decode`, `cache`, …): absent means false. */
function flag(req: ObjectValue, key: string): boolean {
  const v = objectGet(req, key);
  if (v === undefined) return false;
  if (typeof v !== "boolean") throw new BuiltinError(`invalid value for ${goQuote(key)} field`);
  return v;
}

/** OPA's `parseTimeout`: a number of nanoseconds, or a string with or without a unit. */
function timeoutMs(v: Value): number {
  if (isNumber(v)) {
    if (!isInteger(v)) throw new BuiltinError(`invalid timeout number value ${valueToString(v)}, must be int64`);
    return toDouble(v) / 1e6;
  }
  if (typeof v === "string") {
    if (/^[+-]?\d+$/.test(v)) return Number(v) / 1e6;
    try {
      return Number(parseDuration(v)) / 1e6;
    } catch (e) {
      if (e instanceof DurationError) throw new BuiltinError(`invalid timeout value ${goQuote(v)}: ${e.message}`);
      throw e;
    }
  }
  throw new OperandError(`operand 1 'timeout' must be one of {string, number} but got ${typeName(v)}`);
}

/** `max_retry_attempts`: a non-negative integer. */
function retries(req: ObjectValue): number {
  const v = objectGet(req, "max_retry_attempts");
  if (v === undefined) return 0;
  const n = isNumber(v) && isInteger(v) ? toDouble(v) : -1;
  if (n < 0) throw new BuiltinError(`invalid value ${valueToString(v)} for field "max_retry_attempts"`);
  return n;
}

/** Go's `http.CanonicalHeaderKey`: `content-type` → `Content-Type`; names with odd characters stay as they are. */
export function canonicalHeaderKey(name: string): string {
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return name;
  return name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

function readFile(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BuiltinError(`open ${path}: ${code === "ENOENT" ? "no such file or directory" : code === "EACCES" ? "permission denied" : String((e as Error).message)}`);
  }
}

function fromEnv(name: string, what: string): string {
  const v = process.env[name];
  if (v === undefined || v === "") throw new BuiltinError(`${what}: environment variable ${goQuote(name)} is not set`);
  return v;
}

/** A `unix://host/path?socket=…` URL: the socket to dial and the HTTP URL to request over it. */
function unixSocket(url: string): { url: string; socketPath: string } | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== "unix:" || u.search === "") return undefined;
  const socketPath = u.searchParams.get("socket") ?? "";
  u.searchParams.delete("socket");
  return { url: `http://${u.host}${u.pathname}${u.search}`, socketPath };
}

/** The host `allow_net` is checked against: the URL's host without port or brackets. */
export function urlHost(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/**
 * Reads a request whose keys were already checked against OPA's allowed and required
 * sets. The host is checked when the URL is read, as OPA does, so a refused request
 * reads no files and no environment variables.
 */
export function readRequest(req: ObjectValue, allowNet: ReadonlySet<string>): HTTPSendRequest {
  let method = "";
  let url = "";
  let body = "";
  let rawBody: string | undefined;
  let headers: Record<string, string> = {};
  let timeout = DEFAULT_TIMEOUT_MS;
  let enableRedirect = false;
  const tls: { -readonly [K in keyof WireTLS]: WireTLS[K] } = {};
  const ca: (() => string)[] = [];
  const client: { cert?: string; key?: string; certFile?: string; keyFile?: string; certEnv?: string; keyEnv?: string } = {};

  for (const k of objectKeys(req)) {
    const key = k as string;
    const v = objectGet(req, k)!;
    if (typeof v !== "string" && STRING_KEYS.has(key)) throw new BuiltinError(`${goQuote(key)} must be a string`);
    const s = typeof v === "string" ? v : "";
    switch (key) {
      case "method": method = s.toUpperCase(); break;
      case "url":
        checkHost(allowNet, urlHost(s));
        url = s;
        break;
      case "enable_redirect": enableRedirect = goBool(v); break;
      case "body": body = stringifyValue(v); break;
      case "raw_body": rawBody = s; break;
      case "tls_use_system_certs": tls.useSystemCAs = goBool(v); break;
      case "tls_ca_cert": ca.push(() => s.replaceAll("\\n", "\n")); break;
      case "tls_ca_cert_file": ca.push(() => readFile(s)); break;
      case "tls_ca_cert_env_variable": ca.push(() => fromEnv(s, "could not read CA certificates")); break;
      case "tls_client_cert": client.cert = s; break;
      case "tls_client_cert_file": client.certFile = s; break;
      case "tls_client_cert_env_variable": client.certEnv = s; break;
      case "tls_client_key": client.key = s; break;
      case "tls_client_key_file": client.keyFile = s; break;
      case "tls_client_key_env_variable": client.keyEnv = s; break;
      case "tls_server_name": if (s !== "") tls.serverName = s; break;
      case "tls_insecure_skip_verify": tls.insecureSkipVerify = goBool(v); break;
      case "timeout": timeout = timeoutMs(v); break;
      case "headers":
        if (!isObject(v)) throw new BuiltinError("invalid type for headers key");
        headers = readHeaders(v);
        break;
      default: break; // caching and decoding parameters are read where they are used
    }
  }

  if (client.cert !== undefined && client.key !== undefined) Object.assign(tls, { cert: client.cert, key: client.key });
  else if (client.certFile !== undefined && client.keyFile !== undefined) Object.assign(tls, { cert: readFile(client.certFile), key: readFile(client.keyFile) });
  else if (client.certEnv !== undefined && client.keyEnv !== undefined) {
    const what = `cannot extract public/private key pair from envvars ${goQuote(client.certEnv)}, ${goQuote(client.keyEnv)}`;
    Object.assign(tls, { cert: fromEnv(client.certEnv, what), key: fromEnv(client.keyEnv, what) });
  }
  if (ca.length > 0) tls.ca = ca.map((read) => read());
  const host = headers["Host"];
  if (host !== undefined && tls.serverName === undefined) tls.serverName = host;
  if (headers["User-Agent"] === undefined) headers["User-Agent"] = USER_AGENT;

  const socket = unixSocket(url);
  const wire: WireHTTPRequest = {
    op: "http",
    method,
    url: socket ? socket.url : url,
    headers,
    body: rawBody ?? body,
    timeoutMs: timeout > 0 ? timeout : 2 ** 31 - 1,
    ...(socket ? { socketPath: socket.socketPath } : {}),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  };
  return {
    wire,
    enableRedirect,
    maxRetryAttempts: retries(req),
    forceJSONDecode: flag(req, "force_json_decode"),
    forceYAMLDecode: flag(req, "force_yaml_decode"),
  };
}

function readHeaders(o: ObjectValue): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of objectKeys(o)) {
    const v = objectGet(o, k)!;
    if (typeof k !== "string") throw new BuiltinError("invalid type for headers key");
    if (typeof v !== "string") throw new BuiltinError(`invalid type for headers value ${goQuote(stringifyValue(v))}`);
    out[canonicalHeaderKey(k)] = v;
  }
  return out;
}
