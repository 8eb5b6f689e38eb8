/**
 * The token routes, user-owned and account-owned (VENDOR-APIS §3.1): verify, list,
 * get and the permission-group catalogue. Lists hide expired tokens unless
 * `include_expired=true`, order by `issued_on` (then id) with `direction`
 * [unverified: Cloudflare does not document the sort key], and page per `TOKEN_PAGES`.
 */
import { callerToken, forbidden, refuseUserRoute, tokenAccess, visibleAccount } from "../access.js";
import { CF_ERRORS, failure, notFound, ok, VERIFIED, type Reply } from "../envelope.js";
import type { FakeToken } from "../model.js";
import { ordered, paginate, TOKEN_PAGES } from "../paginate.js";
import { route, type Route, type RouteRequest } from "../router.js";

function expired(t: FakeToken, now: number): boolean {
  return t.status === "expired" || (t.expires_on !== undefined && Date.parse(t.expires_on) <= now);
}

function listTokens(req: RouteRequest, tokens: readonly FakeToken[]): Reply {
  const includeExpired = req.query.get("include_expired") === "true";
  const shown = tokens.filter((t) => includeExpired || !expired(t, req.now));
  return paginate(req.query, ordered(shown, (t) => `${t.issued_on} ${t.id}`, req.query), TOKEN_PAGES);
}

/** `TokenVerifyResponse`: the id, status and time bounds, never the policies. */
function verified(req: RouteRequest): Reply {
  const t = callerToken(req.model, req.caller);
  const result: Record<string, string> = { id: req.caller.tokenId, status: t?.status ?? "active" };
  if (t?.expires_on) result["expires_on"] = t.expires_on;
  if (t?.not_before) result["not_before"] = t.not_before;
  return ok(result, [VERIFIED]);
}

/** Exact `name` match and membership of `scope` [unverified: Cloudflare may match differently]. */
function permissionGroups(req: RouteRequest): Reply {
  const name = req.query.get("name");
  const scope = req.query.get("scope");
  return ok(
    req.model.permissionGroups.filter(
      (g) => (name === null || g.name === name) && (scope === null || (g.scopes as string[]).includes(scope)),
    ),
  );
}

function userOnly(handler: (req: RouteRequest) => Reply): (req: RouteRequest) => Reply {
  return (req) => (req.caller.kind === "user" ? handler(req) : refuseUserRoute(req.refusal));
}

/** The account's tokens this caller may read, or the refusal. */
function readableTokens(req: RouteRequest): FakeToken[] | Reply {
  const account = visibleAccount(req.model, req.caller, req.params["account_id"]!);
  const access = account ? tokenAccess(req.caller, account.id) : "forbidden";
  if (!account || access === "forbidden") return forbidden();
  return access === "all" ? account.tokens : account.tokens.filter((t) => req.caller.createdTokenIds.includes(t.id));
}

function oneToken(req: RouteRequest, tokens: readonly FakeToken[]): Reply {
  const t = tokens.find((x) => x.id === req.params["token_id"]);
  return t ? ok(t) : notFound(req.path);
}

// Fixed paths precede their `{token_id}` siblings.
export const tokenRoutes: readonly Route[] = [
  route("/user/tokens/verify", userOnly(verified)),
  route("/user/tokens/permission_groups", userOnly(permissionGroups)),
  route(
    "/user/tokens",
    userOnly((req) => (req.caller.userTokens === "all" ? listTokens(req, req.model.userTokens) : forbidden())),
  ),
  route(
    "/user/tokens/{token_id}",
    userOnly((req) => (req.caller.userTokens === "all" ? oneToken(req, req.model.userTokens) : forbidden())),
  ),
  // Only the owning account verifies an account token; anything else is an invalid token here [unverified].
  route("/accounts/{account_id}/tokens/verify", (req) =>
    req.caller.kind === "account" && req.caller.accountId === req.params["account_id"] ? verified(req) : failure(401, [CF_ERRORS.invalidToken]),
  ),
  route("/accounts/{account_id}/tokens/permission_groups", (req) =>
    visibleAccount(req.model, req.caller, req.params["account_id"]!) ? permissionGroups(req) : forbidden(),
  ),
  route("/accounts/{account_id}/tokens", (req) => {
    const tokens = readableTokens(req);
    return Array.isArray(tokens) ? listTokens(req, tokens) : tokens;
  }),
  route("/accounts/{account_id}/tokens/{token_id}", (req) => {
    const tokens = readableTokens(req);
    return Array.isArray(tokens) ? oneToken(req, tokens) : tokens;
  }),
];
