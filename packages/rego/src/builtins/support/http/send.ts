/**
 * Making an `http.send` request: the host check before every hop, redirects only
 * when asked (each target checked again), retries with back-off on network
 * failures, and a timeout that never outlives the query's own deadline.
 */
import type { Value } from "../../../ast/value.js";
import { BuiltinError, BuiltinHalt } from "../../operands.js";
import { checkHost } from "./permission.js";
import { urlHost, type HTTPSendRequest } from "./request.js";
import { responseValue } from "./response.js";
import { callNetwork, sleepSync } from "./sync-network.js";
import type { WireFailure, WireHTTPRequest, WireHTTPResponse } from "./wire.js";

/** Go's `http.Client` gives up after this many redirects. */
const MAX_REDIRECTS = 10;
const MIN_RETRY_DELAY_MS = 100;
const MAX_RETRY_DELAY_MS = 60_000;

/** A failure of the exchange itself (Go's `*url.Error`): reported as `eval_http_send_network_error`. */
export class NetworkError extends BuiltinError {
  /**
   * The message inside a `raise_error: false` response. OPA rewords timeouts only
   * when it raises them ("request timed out"); the response keeps Go's own words.
   */
  readonly responseMessage: string;
  constructor(message: string, responseMessage = message) {
    super(message);
    this.responseMessage = responseMessage;
  }
}

/** How an exchange may go: within which hosts, and until when. */
export interface SendLimits {
  readonly allowNet: ReadonlySet<string>;
  /** The query's deadline in `performance.now()` milliseconds, if it has one. */
  readonly deadline?: number | undefined;
}

/** Go names the operation after the method: `Get`, `Post`. */
function op(method: string): string {
  return method.charAt(0) + method.slice(1).toLowerCase();
}

/** Node's failure, worded as Go's net package words it where the two agree on the cause. */
function describe(f: WireFailure, url: URL): string {
  const hostPort = `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
  switch (f.code) {
    case "ECONNREFUSED": return `dial tcp ${hostPort}: connect: connection refused`;
    case "ENOTFOUND": return `dial tcp: lookup ${url.hostname}: no such host`;
    case "ECONNRESET": return "read: connection reset by peer";
    default: return f.message;
  }
}

function exchange(wire: WireHTTPRequest, limits: SendLimits): WireHTTPResponse {
  let url: URL;
  try {
    url = new URL(wire.url);
  } catch {
    throw new NetworkError(`${op(wire.method)} ${JSON.stringify(wire.url)}: invalid URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new NetworkError(`${op(wire.method)} ${JSON.stringify(wire.url)}: unsupported protocol scheme ${JSON.stringify(url.protocol.slice(0, -1))}`);
  }
  const left = limits.deadline === undefined ? Infinity : limits.deadline - performance.now();
  if (left <= 0) throw new BuiltinHalt("eval_cancel_error", "timed out (context deadline exceeded)");
  const cutByQuery = left < wire.timeoutMs;
  const answer = callNetwork({ ...wire, timeoutMs: Math.min(wire.timeoutMs, left) }, Math.min(wire.timeoutMs, left));
  if (answer && answer.ok && "response" in answer) return answer.response;
  const failure = answer && !answer.ok ? answer.failure : { code: "ETIMEDOUT", message: "timeout", timedOut: true };
  if (failure.timedOut && cutByQuery) throw new BuiltinHalt("eval_cancel_error", "timed out (context deadline exceeded)");
  if (failure.timedOut) {
    throw new NetworkError(
      `${op(wire.method)} ${wire.url}: request timed out`,
      `${op(wire.method)} ${JSON.stringify(wire.url)}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
    );
  }
  throw new NetworkError(`${op(wire.method)} ${JSON.stringify(wire.url)}: ${describe(failure, url)}`);
}

function withRetries(wire: WireHTTPRequest, attempts: number, limits: SendLimits): WireHTTPResponse {
  for (let i = 0; ; i++) {
    try {
      return exchange(wire, limits);
    } catch (e) {
      if (!(e instanceof NetworkError) || i >= attempts) throw e;
    }
    sleepSync(Math.min(MAX_RETRY_DELAY_MS, MIN_RETRY_DELAY_MS * 2 ** i));
  }
}

/** The next request of a redirect chain, the way Go's client rewrites it. */
function redirected(wire: WireHTTPRequest, status: number, location: string): WireHTTPRequest {
  const url = new URL(location, wire.url).toString();
  const keepMethod = status === 307 || status === 308;
  if (keepMethod || wire.method === "GET" || wire.method === "HEAD") return { ...wire, url };
  const { "Content-Type": _type, "Content-Length": _length, ...headers } = wire.headers;
  return { ...wire, url, method: "GET", body: "", headers };
}

/**
 * Sends the request (its host already checked by `readRequest`) and returns OPA's
 * response object; throws `BuiltinError`s as OPA does.
 */
export function send(req: HTTPSendRequest, limits: SendLimits): Value {
  let wire = req.wire;
  for (let hops = 0; ; hops++) {
    const res = withRetries(wire, req.maxRetryAttempts, limits);
    const location = res.headers["location"]?.[0];
    if (!req.enableRedirect || location === undefined || res.statusCode < 300 || res.statusCode >= 400 || res.statusCode === 304) {
      return responseValue(res, req.forceJSONDecode, req.forceYAMLDecode);
    }
    if (hops + 1 >= MAX_REDIRECTS) throw new NetworkError(`${op(wire.method)} ${JSON.stringify(wire.url)}: stopped after ${MAX_REDIRECTS} redirects`);
    const next = redirected(wire, res.statusCode, location);
    try {
      checkHost(limits.allowNet, urlHost(next.url));
    } catch (e) {
      throw new NetworkError(`${op(wire.method)} ${JSON.stringify(next.url)}: ${(e as Error).message}`);
    }
    wire = next;
  }
}
