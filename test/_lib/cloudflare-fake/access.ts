/**
 * What a caller may see, in one place, so every route applies the same rules
 * (VENDOR-APIS §3.3): a user token reads `/user/…`; an account token does not; an
 * account is visible only if listed on the caller; its token list needs
 * "Account API Tokens Read", or shows only the caller's own tokens with `list_self`.
 */
import { CF_ERRORS, failure, type Reply } from "./envelope.js";
import type { FakeAccount, FakeCaller, FakeCloudflare, FakeToken, TokenAccess } from "./model.js";

/** How the fake refuses an account token on `/user/…` routes. */
export interface UserRouteRefusal {
  status: 401 | 403;
}

/**
 * Account tokens on `/user/…`: 401 with code 1000 by default, as one public report
 * describes `/user/tokens/verify`; another reports 403 [unverified], hence the option.
 */
export function refuseUserRoute(refusal: UserRouteRefusal): Reply {
  return refusal.status === 401 ? failure(401, [CF_ERRORS.invalidToken]) : failure(403, [CF_ERRORS.unauthorized]);
}

export const forbidden = (): Reply => failure(403, [CF_ERRORS.unauthorized]);

/**
 * The account, if the caller may see it. An unknown account and one the caller
 * cannot see answer alike (403 9109), so existence does not leak [unverified].
 */
export function visibleAccount(model: FakeCloudflare, caller: FakeCaller, accountId: string): FakeAccount | undefined {
  return caller.accounts.includes(accountId) ? model.accounts.find((a) => a.id === accountId) : undefined;
}

export function tokenAccess(caller: FakeCaller, accountId: string): TokenAccess {
  return caller.tokenAccess[accountId] ?? "forbidden";
}

/** The token behind the caller, if the model holds it: verify reports its status and dates. */
export function callerToken(model: FakeCloudflare, caller: FakeCaller): FakeToken | undefined {
  const pool = caller.kind === "user" ? model.userTokens : (model.accounts.find((a) => a.id === caller.accountId)?.tokens ?? []);
  return pool.find((t) => t.id === caller.tokenId);
}
