/**
 * A small REST router: route patterns in the notation of GitHub's docs
 * (`/repos/{owner}/{repo}/actions/secrets`), `{name+}` for a tail that may hold
 * slashes (`contents/{path+}`). Parameters arrive decoded: octokit percent-encodes
 * them (`%2F` inside `path`, spaces in environment names).
 */
import type { FakeOrg } from "../model.js";

export interface RestRequest {
  /** The request path, as received. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The fake's base URL, for absolute links such as `link` and `*_url` fields. */
  base: string;
  accept: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type Handler = (req: RestRequest, org: FakeOrg) => Reply;

export interface Route {
  pattern: string;
  re: RegExp;
  names: string[];
  handler: Handler;
}

export function route(pattern: string, handler: Handler): Route {
  const names: string[] = [];
  const source = pattern.replace(/\{(\w+)(\+?)\}/g, (_, name: string, tail: string) => {
    names.push(name);
    return tail ? "(.+)" : "([^/]+)";
  });
  return { pattern, re: new RegExp(`^${source}/?$`), names, handler };
}

export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (!m) continue;
    const params: Record<string, string> = {};
    r.names.forEach((name, i) => {
      params[name] = m[i + 1]!.split("/").map(decodeURIComponent).join("/");
    });
    return { route: r, params };
  }
  return undefined;
}

export const DOCS = "https://docs.github.com/rest";

/** GitHub's error body; `status` is a string in it. */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}, docs = DOCS): Reply {
  return { status, body: { message, documentation_url: docs, status: String(status) }, headers };
}

export function notFound(): Reply {
  return errorReply(404, "Not Found");
}

export function ok(body: unknown): Reply {
  return { status: 200, body };
}

/** 200 with the value, or 404 when the model holds `null`: a setting that does not apply. */
export function okOr404(body: unknown): Reply {
  return body === null || body === undefined ? notFound() : ok(body);
}
