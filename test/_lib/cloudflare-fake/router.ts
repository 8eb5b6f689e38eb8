/**
 * Routes in the notation of Cloudflare's API reference (`/accounts/{account_id}/tokens`),
 * matched against the path below `/client/v4`. Every route is a `GET`: the fake is
 * read-only, and the server refuses writes before routing.
 */
import type { UserRouteRefusal } from "./access.js";
import type { Reply } from "./envelope.js";
import type { FakeCaller, FakeCloudflare } from "./model.js";

export interface RouteRequest {
  /** The path below `/client/v4`, as received. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  model: FakeCloudflare;
  /** The authenticated caller (routes run only after authentication). */
  caller: FakeCaller;
  /** The clock that decides which tokens have expired, in epoch milliseconds. */
  now: number;
  refusal: UserRouteRefusal;
}

export type Handler = (req: RouteRequest) => Reply;

export interface Route {
  pattern: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

/** Percent-decoding that leaves a malformed escape as it is, rather than throwing. */
export function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function route(pattern: string, handler: Handler): Route {
  const names: string[] = [];
  const source = pattern.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { pattern, re: new RegExp(`^${source}/?$`), names, handler };
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => {
      params[name] = decoded(m[i + 1]!);
    });
    return { route: r, params };
  }
  return undefined;
}
