/**
 * REST pagination as GitHub does it: `per_page` (default 30, or 10 on the variables
 * endpoints; silently capped at 100, or 30) and 1-based `page`, with a `link` header
 * of absolute URLs on the fake's own host, so clients can follow `rel="next"` as is.
 * Past the end, GitHub answers an empty page, not an error.
 */
import type { Reply, RestRequest } from "./router.js";

export interface PageLimits {
  /** Default `per_page`. */
  size: number;
  /** Largest `per_page` honoured. */
  max: number;
}

export const LIST_PAGES: PageLimits = { size: 30, max: 100 };
export const VARIABLE_PAGES: PageLimits = { size: 10, max: 30 };

function positiveInt(text: string | null, fallback: number): number {
  const n = Number.parseInt(text ?? "", 10);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/**
 * `{ total_count, [key]: page }`, GitHub's envelope for Actions list endpoints, or
 * the bare page when `key` is `null` (older endpoints such as `GET /orgs/{org}/repos`).
 */
export function paginate<T>(req: RestRequest, items: readonly T[], key: string | null, limits = LIST_PAGES): Reply {
  const perPage = Math.min(positiveInt(req.query.get("per_page"), limits.size), limits.max);
  const page = positiveInt(req.query.get("page"), 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set("per_page", String(perPage));
    q.set("page", String(n));
    return `<${req.base}${req.path}?${q.toString()}>; rel="${rel}"`;
  };
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return {
    status: 200,
    body: key === null ? slice : { total_count: items.length, [key]: slice },
    headers: links.length > 0 ? { link: links.join(", ") } : {},
  };
}
