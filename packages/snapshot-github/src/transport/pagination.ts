/**
 * REST pagination by the `link` header (octokit's paginate plugin needs
 * `@octokit/core`, which this package does not use). Most list endpoints return at
 * most 100 items a page; the Actions variables endpoints at most 30.
 */
import type { RestClient } from "./clients.js";

export const MAX_PAGE = 100;
export const MAX_VARIABLES_PAGE = 30;

function nextLink(link: string | undefined): string | undefined {
  return /<([^>]+)>;\s*rel="next"/.exec(link ?? "")?.[1];
}

/** Every item of a paginated list whose items sit under `key` in each page. */
export async function allPages<T>(rest: RestClient, route: string, params: Record<string, unknown>, key: string, perPage = MAX_PAGE): Promise<T[]> {
  const items: T[] = [];
  let res = await rest(route, { ...params, per_page: perPage });
  for (;;) {
    const page = (res.data as Record<string, unknown>)[key];
    if (!Array.isArray(page)) throw new Error(`${route}: the response has no "${key}" list`);
    items.push(...(page as T[]));
    const next = nextLink(res.headers.link);
    if (!next) return items;
    res = await rest(`GET ${next}`);
  }
}
