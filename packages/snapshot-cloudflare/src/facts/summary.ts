/**
 * A token's summary: neutral facts policies would otherwise recompute everywhere,
 * each a pure function of the token's policies, IP condition and `expires_on`.
 *
 * - `max_access`: the highest access of any permission group in an allow policy.
 * - `widest_resource`: the widest scope any allow policy reaches, in the order
 *   zone < zones_in_account < account < all_zones < all_accounts; a token that
 *   reaches only users, R2 buckets or unrecognized keys reports that scope
 *   (r2_bucket < user < unknown), since those do not compare with the chain.
 * - `has_deny_policy`, `ip_restricted` (`ip_condition.in` is not empty),
 *   `time_bounded` (`expires_on` is set).
 */
import type { PolicyFact, ResourceScope, TokenFact, TokenSummary } from "../document.js";
import { highestAccess } from "./access.js";

const CHAIN: readonly ResourceScope[] = ["zone", "zones_in_account", "account", "all_zones", "all_accounts"];
const OUTSIDE_CHAIN: readonly ResourceScope[] = ["r2_bucket", "user", "unknown"];

export function widestScope(scopes: Iterable<ResourceScope>): ResourceScope | "none" {
  let chain = -1;
  let outside = -1;
  for (const s of scopes) {
    chain = Math.max(chain, CHAIN.indexOf(s));
    outside = Math.max(outside, OUTSIDE_CHAIN.indexOf(s));
  }
  if (chain >= 0) return CHAIN[chain]!;
  return outside >= 0 ? OUTSIDE_CHAIN[outside]! : "none";
}

export function summarize(policies: readonly PolicyFact[], ip: TokenFact["ip_condition"], expiresOn: string | null): TokenSummary {
  const allow = policies.filter((p) => p.effect === "allow");
  return {
    max_access: highestAccess(allow.flatMap((p) => p.permission_groups.map((g) => g.access))),
    widest_resource: widestScope(allow.flatMap((p) => p.resources.map((r) => r.scope))),
    has_deny_policy: policies.some((p) => p.effect === "deny"),
    ip_restricted: ip.in.length > 0,
    time_bounded: expiresOn !== null,
  };
}
