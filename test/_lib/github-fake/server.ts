/**
 * `startGitHubFake(org)`: GitHub's REST and GraphQL APIs on 127.0.0.1, served from a
 * `FakeOrg`. Point `@octokit/request` at `url`; `@octokit/graphql` then posts to
 * `{url}/graphql` on its own. Every request passes the same gates GitHub applies, in
 * GitHub's order: API version, authentication, injected faults, rate limit, then the
 * answer. The server runs on the test's own thread, so tests may change the model,
 * arm faults and read the log between requests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { once } from "node:events";
import type { FakeOrg } from "./model.js";
import { createFaults, type FaultControl, type FaultKind } from "./faults.js";
import { faultReply, primaryLimitReply } from "./fault-replies.js";
import { answerGraphql, operationNameOf } from "./graphql/handler.js";
import { createBudget, rateLimitHeaders, spend } from "./rate-limit.js";
import { createRequestLog, type RequestLog } from "./request-log.js";
import { errorReply, matchRoute, notFound, type Reply } from "./rest/router.js";
import { restRoutes } from "./rest/routes.js";

export interface GitHubFakeOptions {
  /** Primary rate limits per hour (default 5,000 each). A snapshot of 1,000 repositories needs more `core`. */
  rateLimits?: { core?: number; graphql?: number };
  /** Blob `text` longer than this many bytes is truncated in GraphQL (default 512 KiB) [unverified: GitHub's own cut-off]. */
  blobTextLimit?: number;
  /** Answer 401 to requests without `authorization` (default true). */
  requireAuth?: boolean;
  /** The clock for rate-limit windows, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

export interface GitHubFake {
  /** The REST base URL, e.g. `http://127.0.0.1:54321`; GraphQL is `POST {url}/graphql`. */
  url: string;
  requests: RequestLog;
  faults: FaultControl;
  close(): Promise<void>;
}

const GRAPHQL_AUTH_DOCS = "https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql";

/** The versions GitHub accepts in `x-github-api-version`; none sent means the oldest. */
const API_VERSIONS = ["2022-11-28", "2026-03-10"];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** `owner/name` of a `/repos/{owner}/{repo}/…` path. */
function repoOfPath(path: string): string[] {
  const m = /^\/repos\/([^/]+)\/([^/]+)/.exec(path);
  return m ? [`${decoded(m[1]!)}/${decoded(m[2]!)}`] : [];
}

export async function startGitHubFake(org: FakeOrg, options: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const now = options.now ?? Date.now;
  const core = createBudget("core", options.rateLimits?.core ?? 5000, now());
  const graphqlBudget = createBudget("graphql", options.rateLimits?.graphql ?? 5000, now());
  const env = { org, blobTextLimit: options.blobTextLimit ?? 512 * 1024 };
  const requests = createRequestLog();
  const faults = createFaults();
  let base = "";
  let seq = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? "/", base);
    const method = req.method ?? "GET";
    const graphql = url.pathname === "/graphql" && method === "POST";
    const budget = graphql ? graphqlBudget : core;
    const requestId = `FAKE:${(++seq).toString(16).toUpperCase().padStart(6, "0")}`;
    const authorization = header(req, "authorization");
    const version = header(req, "x-github-api-version");
    const operationName = graphql ? operationNameOf(raw) : null;
    let repositories = graphql ? [] : repoOfPath(url.pathname);
    let fault: FaultKind | null = null;

    const answer = async (): Promise<Reply> => {
      if (version !== null && !API_VERSIONS.includes(version)) {
        return errorReply(400, `API version ${version} is not supported.`, {}, "https://docs.github.com/rest/about-the-rest-api/api-versions");
      }
      if (!authorization && options.requireAuth !== false) {
        return graphql
          ? errorReply(401, "This endpoint requires you to be authenticated.", {}, GRAPHQL_AUTH_DOCS)
          : errorReply(401, "Requires authentication");
      }
      const armed = faults.take(decoded(url.pathname), operationName);
      if (armed) {
        fault = armed.kind;
        return faultReply(armed, graphql, budget, requestId, org.viewer.id);
      }
      if (graphql) {
        const outcome = await answerGraphql(raw, env, graphqlBudget);
        repositories = outcome.repositories;
        return { status: outcome.status, body: outcome.body };
      }
      if (!spend(core, 1)) return primaryLimitReply(403, false, core, requestId, org.viewer.id);
      // The fake is read-only: GitHub answers 404 to methods a route does not serve.
      const match = method === "GET" || method === "HEAD" ? matchRoute(restRoutes, url.pathname) : undefined;
      if (!match) return notFound();
      return match.route.handler({ path: url.pathname, params: match.params, query: url.searchParams, base, accept: header(req, "accept") ?? "" }, org);
    };

    const reply = await answer();
    // Logged before the answer leaves, so a client never sees a response the log lacks.
    requests.record({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: reply.status,
      graphql,
      operationName,
      repositories,
      fault,
      headers: {
        apiVersion: version,
        userAgent: header(req, "user-agent"),
        accept: header(req, "accept"),
        authorization: { present: authorization !== null, scheme: authorization?.split(/\s+/)[0]?.toLowerCase() ?? null },
      },
    });
    const text = typeof reply.body === "string";
    res.writeHead(reply.status, {
      "content-type": text ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
      "x-github-api-version-selected": version ?? API_VERSIONS[0]!,
      "x-github-media-type": "github.v3; format=json",
      "x-github-request-id": requestId,
      ...rateLimitHeaders(budget),
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
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
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
