/**
 * One authenticated `@octokit/request` function for REST, and `@octokit/graphql`
 * on top of it (`withCustomRequest`), so both share the token, base URL, transport
 * and the hook that bounds concurrency, retries, and counts what the run costs.
 */
import { request } from "@octokit/request";
import { withCustomRequest } from "@octokit/graphql";
import { Limiter } from "./limiter.js";
import { emptyStats, type TransportStats } from "./stats.js";
import { DEFAULT_RETRY, primaryResetWait, retryDecision, type RetrySettings } from "./retry-policy.js";

/** The REST API version every request pins. */
export const REST_API_VERSION = "2022-11-28";

export interface ClientOptions {
  /** REST base URL: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  readonly baseUrl: string;
  readonly token: string;
  readonly userAgent: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Requests in flight at most (default 8). */
  readonly concurrency?: number;
  readonly retry?: RetrySettings;
  /** Waiting between retries; tests make it instant. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  /** Told about each retry (for the progress display). */
  readonly onRetry?: (reason: string, waitMs: number) => void;
}

export type RestClient = typeof request;
export type GraphqlClient = ReturnType<typeof withCustomRequest>;

export interface GithubClients {
  readonly rest: RestClient;
  readonly gql: GraphqlClient;
  readonly stats: TransportStats;
  /** Where GraphQL requests go, as octokit derives it from the base URL. */
  readonly graphqlUrl: string;
}

/** The GraphQL endpoint octokit uses for a REST base URL (GHES: `/api/v3` → `/api/graphql`). */
export function graphqlUrlFor(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return /\/api\/v3$/.test(trimmed) ? trimmed.replace(/\/api\/v3$/, "/api/graphql") : `${trimmed}/graphql`;
}

type Hook = (req: (options: unknown) => Promise<{ headers: Record<string, string | undefined>; data: unknown }>, options: { url?: string }) => Promise<unknown>;

/** GraphQL answers an exhausted primary limit with HTTP 200 and a RATE_LIMITED error. */
function graphqlRateLimited(data: unknown): boolean {
  const errors = (data as { errors?: { type?: string }[] } | undefined)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === "RATE_LIMITED");
}

function graphqlCost(data: unknown): number {
  const cost = (data as { data?: { rateLimit?: { cost?: unknown } } } | undefined)?.data?.rateLimit?.cost;
  return typeof cost === "number" ? cost : 1;
}

export function makeGithubClients(options: ClientOptions): GithubClients {
  const stats = emptyStats();
  const limiter = new Limiter(options.concurrency ?? 8);
  const settings = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;

  const hook: Hook = (req, endpoint) =>
    limiter.run(async () => {
      const isGraphql = /\/graphql$/.test(endpoint.url ?? "");
      for (let attempt = 0; ; attempt++) {
        if (isGraphql) stats.graphql_requests++;
        else stats.rest_requests++;
        let res;
        try {
          res = await req(endpoint);
        } catch (e) {
          const decision = retryDecision(e, attempt, now(), settings);
          if (!decision) throw e;
          await wait(decision);
          continue;
        }
        if (!isGraphql) return res;
        if (!graphqlRateLimited(res.data) || attempt >= settings.maxRetries) {
          stats.graphql_points += graphqlCost(res.data);
          return res;
        }
        await wait(primaryResetWait(res.headers, now(), settings) ?? { waitMs: 60_000, reason: "GraphQL rate limit" });
      }
    });

  async function wait(decision: { waitMs: number; reason: string }): Promise<void> {
    stats.retries++;
    options.onRetry?.(decision.reason, decision.waitMs);
    await sleep(decision.waitMs);
  }

  const rest = request.defaults({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    headers: {
      authorization: `token ${options.token}`,
      "x-github-api-version": REST_API_VERSION,
      "user-agent": options.userAgent,
    },
    request: { hook, ...(options.fetch ? { fetch: options.fetch } : {}) },
  });
  return { rest, gql: withCustomRequest(rest), stats, graphqlUrl: graphqlUrlFor(options.baseUrl) };
}
