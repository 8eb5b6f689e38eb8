/**
 * What each answering fault kind sends. A 5xx comes from Cloudflare's edge as an HTML
 * page, not the JSON envelope, so the SDK's error then has no `errors[]`: the
 * adapter must cope with both.
 */
import { CF_ERRORS, failure, type Reply } from "./envelope.js";
import type { Fault } from "./faults.js";

const REASONS: Record<number, string> = { 500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout" };

/** `undefined` for `connection-reset`: the server drops the socket instead. */
export function faultReply(fault: Fault): Reply | undefined {
  switch (fault.kind) {
    case "rate-limited": {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers["retry-after-ms"] = String(fault.retryAfterMs);
      return failure(429, [CF_ERRORS.rateLimited], headers);
    }
    case "server-error": {
      const title = `${fault.status} ${REASONS[fault.status] ?? "Server Error"}`;
      return {
        status: fault.status,
        body: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`,
        headers: { "content-type": "text/html" },
      };
    }
    case "forbidden":
      return failure(403, [CF_ERRORS.unauthorized]);
    case "connection-reset":
      return undefined;
  }
}
