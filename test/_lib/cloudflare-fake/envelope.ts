/**
 * Cloudflare's v4 envelope, `{ success, errors, messages, result, result_info? }`, on
 * every answer, and the errors the fake gives. Codes marked [unverified] are our best
 * reading of third-party reports; the adapter should key on the HTTP status and keep
 * `errors[]` as evidence rather than branch on a code.
 */

export interface CfMessage {
  code: number;
  message: string;
  error_chain?: CfMessage[];
}

export interface ResultInfo {
  page: number;
  per_page: number;
  count: number;
  total_count: number;
  total_pages: number;
}

export interface Reply {
  status: number;
  /** JSON, or a string sent as is (the edge's HTML error pages). */
  body: unknown;
  headers?: Record<string, string>;
}

export function ok(result: unknown, messages: CfMessage[] = [], resultInfo?: ResultInfo): Reply {
  const body: Record<string, unknown> = { success: true, errors: [], messages, result };
  if (resultInfo) body["result_info"] = resultInfo;
  return { status: 200, body };
}

export function failure(status: number, errors: CfMessage[], headers: Record<string, string> = {}): Reply {
  return { status, body: { success: false, errors, messages: [], result: null }, headers };
}

/** The error bodies, by situation. */
export const CF_ERRORS = {
  /** A bearer value no caller holds (401) [unverified code]. */
  invalidToken: { code: 1000, message: "Invalid API Token" },
  /** No credentials at all (401 here) [unverified code and status]. */
  missingAuth: { code: 9106, message: "Missing X-Auth-Key, X-Auth-Email or Authorization headers" },
  /** An `authorization` header that is not `Bearer …` (400); seen in a public issue report. */
  badAuthHeader: {
    code: 6003,
    message: "Invalid request headers",
    error_chain: [{ code: 6111, message: "Invalid format for Authorization header" }],
  },
  /** A token that lacks the permission (403); VENDOR-APIS §3.1 [unverified code]. */
  unauthorized: { code: 9109, message: "Unauthorized to access requested resource" },
  /** 429 [unverified code]. */
  rateLimited: { code: 971, message: "Please wait and consider throttling your request speed" },
  /** A path the API does not serve (404) [unverified code]. */
  noRoute: { code: 7000, message: "No route for that URI" },
} satisfies Record<string, CfMessage>;

/** A well-formed path naming an object that does not exist (404) [unverified code]. */
export function notFound(path: string): Reply {
  return failure(404, [{ code: 7003, message: `Could not route to ${path}, perhaps your object identifier is invalid?` }]);
}

/** 400 for a paging parameter out of bounds; the shape of a reported billing-history answer [unverified here]. */
export function invalidParameter(detail: string): Reply {
  return failure(400, [{ code: 6008, message: "Invalid request parameters", error_chain: [{ code: 11000, message: detail }] }]);
}

/** `GET …/tokens/verify` on success (VENDOR-APIS §3.1). */
export const VERIFIED: CfMessage & { type: null } = { code: 10000, message: "This API Token is valid and active", type: null };
