/**
 * `startCloudflareFake(model)`: Cloudflare's v4 API on 127.0.0.1, served from a
 * `FakeCloudflare`. Point the SDK's `baseURL` at `url` (it ends in `/client/v4`).
 * Every request passes the gates in this order: authentication, injected faults,
 * the read-only rule (every write is refused with 403 and logged), routing, then the
 * caller's rights. The server runs on the test's own thread (the SDK is async), so
 * tests may change the model, arm faults and read the log between requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import { forbidden, type UserRouteRefusal } from "./access.js";
import { authenticate } from "./auth.js";
import { CF_ERRORS, failure, type Reply } from "./envelope.js";
import { faultReply } from "./fault-replies.js";
import { createFaults, type FaultControl, type FaultKind } from "./faults.js";
import type { FakeCloudflare } from "./model.js";
import { createRequestLog, isWrite, type RequestLog } from "./request-log.js";
import { decoded, matchRoute } from "./router.js";
import { routes } from "./routes/routes.js";

export interface CloudflareFakeOptions {
  /** The clock that decides which tokens have expired, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** How account tokens are refused on `/user/…` routes (default 401, code 1000) [unverified]. */
  userRouteRefusal?: UserRouteRefusal["status"];
}

export interface CloudflareFake {
  /** The SDK's `baseURL`, e.g. `http://127.0.0.1:54321/client/v4`. */
  url: string;
  requests: RequestLog;
  faults: FaultControl;
  close(): Promise<void>;
}

const PREFIX = "/client/v4";

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

/** The body is never read by a route, but must be drained before answering. */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _ of req) void _;
}

export async function startCloudflareFake(model: FakeCloudflare, options: CloudflareFakeOptions = {}): Promise<CloudflareFake> {
  const now = options.now ?? Date.now;
  const refusal: UserRouteRefusal = { status: options.userRouteRefusal ?? 401 };
  const requests = createRequestLog();
  const faults = createFaults();
  let seq = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await drain(req);
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const inside = url.pathname === PREFIX || url.pathname.startsWith(`${PREFIX}/`);
    const path = inside ? url.pathname.slice(PREFIX.length) || "/" : url.pathname;
    const authorization = header(req, "authorization");
    let fault: FaultKind | null = null;

    const answer = (): Reply | undefined => {
      if (!inside) return failure(404, [CF_ERRORS.noRoute]);
      const auth = authenticate(authorization, model);
      if ("refused" in auth) return auth.refused;
      const armed = faults.take(decoded(path));
      if (armed) {
        fault = armed.kind;
        return faultReply(armed);
      }
      // Read-only: a write is refused as a token without write permission would be.
      if (isWrite(method)) return forbidden();
      const match = matchRoute(routes, path);
      if (!match) return failure(404, [CF_ERRORS.noRoute]);
      return match.route.handler({ path, params: match.params, query: url.searchParams, model, caller: auth.caller, now: now(), refusal });
    };

    const reply = answer();
    const retryCount = header(req, "x-stainless-retry-count");
    // Logged before the answer leaves, so a client never sees a response the log lacks.
    requests.record({
      method,
      path,
      search: url.search.slice(1),
      query: Object.fromEntries(url.searchParams),
      status: reply?.status ?? 0,
      write: isWrite(method),
      fault,
      headers: {
        apiVersion: header(req, "api-version"),
        userAgent: header(req, "user-agent"),
        retryCount: retryCount === null ? null : Number(retryCount),
        authorization: { present: authorization !== null, scheme: authorization?.split(/\s+/)[0]?.toLowerCase() ?? null },
        legacyAuth: header(req, "x-auth-key") !== null || header(req, "x-auth-email") !== null,
      },
    });
    if (!reply) {
      req.socket.destroy();
      return;
    }
    const text = typeof reply.body === "string";
    res.writeHead(reply.status, {
      "content-type": text ? "text/html" : "application/json; charset=UTF-8",
      "cf-ray": `${(++seq).toString(16).padStart(16, "0")}-FAKE`,
      ...reply.headers,
    });
    res.end(method === "HEAD" ? undefined : text ? (reply.body as string) : JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // A bug in the fake: answer 500 so the test fails loudly rather than hangs.
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(e instanceof Error ? e.stack : e));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${base}${PREFIX}`,
    requests,
    faults,
    async close() {
      const closed = once(server, "close");
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
