/**
 * Cloudflare's page-number paging: 1-based `page`, `per_page` within the endpoint's
 * bounds, and `result_info` with the totals. Past the last page the answer is
 * `result: []`, not an error: the SDK's `V4PagePaginationArray` ignores
 * `total_pages` and stops only on an empty page, so a fake that answered anything
 * else would make `for await` loop or fail.
 */
import { invalidParameter, ok, type Reply } from "./envelope.js";

export interface PageLimits {
  /** `per_page` when none is sent. */
  size: number;
  min: number;
  max: number;
}

/**
 * Tokens: 5–50 per VENDOR-APIS §3.1 (documented for account tokens, assumed for user
 * tokens); the default of 20 is Cloudflare's usual one [unverified for tokens].
 * Accounts and zones: 5–50, default 20, as documented for zones.
 */
export const TOKEN_PAGES: PageLimits = { size: 20, min: 5, max: 50 };
export const LIST_PAGES: PageLimits = { size: 20, min: 5, max: 50 };

function integer(text: string | null): number | undefined {
  return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The requested page number and size, or the 400 Cloudflare answers for bad ones [unverified]. */
export function pageOf(query: URLSearchParams, limits: PageLimits): { page: number; perPage: number } | Reply {
  const rawPerPage = query.get("per_page");
  const rawPage = query.get("page");
  const perPage = rawPerPage === null ? limits.size : integer(rawPerPage);
  const page = rawPage === null ? 1 : integer(rawPage);
  if (perPage === undefined || perPage < limits.min || perPage > limits.max) {
    return invalidParameter(`per_page must be a number between ${limits.min} and ${limits.max}`);
  }
  if (page === undefined || page < 1) return invalidParameter("page must be a number greater than or equal to 1");
  return { page, perPage };
}

export function paginate<T>(query: URLSearchParams, items: readonly T[], limits: PageLimits): Reply {
  const asked = pageOf(query, limits);
  if ("status" in asked) return asked;
  const { page, perPage } = asked;
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return ok(slice, [], {
    page,
    per_page: perPage,
    count: slice.length,
    total_count: items.length,
    total_pages: Math.ceil(items.length / perPage),
  });
}

/** `direction=desc` reverses the natural order; anything else keeps it. */
export function ordered<T>(items: readonly T[], key: (item: T) => string, query: URLSearchParams): T[] {
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return query.get("direction") === "desc" ? sorted.reverse() : sorted;
}
