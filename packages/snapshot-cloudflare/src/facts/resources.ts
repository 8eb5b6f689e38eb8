/**
 * Cloudflare's policy resource keys (VENDOR-APIS §3.2) parsed into explicit scopes:
 *
 *   com.cloudflare.api.account.zone.<ZONE>        one zone
 *   com.cloudflare.api.account.zone.*             every zone of every account
 *   com.cloudflare.api.account.<ACCOUNT>: "*"     one account
 *   com.cloudflare.api.account.<ACCOUNT>: { com.cloudflare.api.account.zone.*: "*" }   every zone of one account
 *   com.cloudflare.api.account.*                  every account
 *   com.cloudflare.api.user.<USER>                the user
 *   com.cloudflare.edge.r2.bucket.<ACCOUNT>_<JURISDICTION>_<BUCKET>   one R2 bucket
 *
 * Anything else is kept verbatim with scope `unknown`, never dropped.
 */
import type { ResourceFact, ResourceScope } from "../document.js";

const ACCOUNT = "com.cloudflare.api.account.";
const ZONE = "com.cloudflare.api.account.zone.";
const USER = "com.cloudflare.api.user.";
const R2 = "com.cloudflare.edge.r2.bucket.";

/** Names for ids, from the accounts and zones the snapshot read. */
export interface Names {
  readonly accounts: ReadonlyMap<string, string>;
  readonly zones: ReadonlyMap<string, string>;
}

type Ids = Pick<ResourceFact, "account_id" | "zone_id" | "user_id" | "bucket" | "jurisdiction">;

const NO_IDS: Ids = { account_id: null, zone_id: null, user_id: null, bucket: null, jurisdiction: null };

function fact(scope: ResourceScope, ids: Partial<Ids>, key: string, value: ResourceFact["value"], names: Names): ResourceFact {
  const all = { ...NO_IDS, ...ids };
  return {
    scope,
    account_id: all.account_id,
    account_name: all.account_id ? (names.accounts.get(all.account_id) ?? null) : null,
    zone_id: all.zone_id,
    zone_name: all.zone_id ? (names.zones.get(all.zone_id) ?? null) : null,
    user_id: all.user_id,
    bucket: all.bucket,
    jurisdiction: all.jurisdiction,
    key,
    value,
  };
}

/** A top-level key whose value is `"*"` (or anything not a nested map). */
function flatKey(key: string, value: string, names: Names): ResourceFact {
  if (key === `${ZONE}*`) return fact("all_zones", {}, key, value, names);
  if (key.startsWith(ZONE)) return fact("zone", { zone_id: key.slice(ZONE.length) }, key, value, names);
  if (key === `${ACCOUNT}*`) return fact("all_accounts", {}, key, value, names);
  if (key.startsWith(ACCOUNT) && !key.slice(ACCOUNT.length).includes(".")) return fact("account", { account_id: key.slice(ACCOUNT.length) }, key, value, names);
  if (key.startsWith(USER)) return fact("user", { user_id: key.slice(USER.length) }, key, value, names);
  if (key.startsWith(R2)) {
    // Bucket names cannot contain "_", so the first two separate account and jurisdiction.
    const [account, jurisdiction, ...rest] = key.slice(R2.length).split("_");
    if (account && jurisdiction && rest.length > 0) return fact("r2_bucket", { account_id: account, jurisdiction, bucket: rest.join("_") }, key, value, names);
  }
  return fact("unknown", {}, key, value, names);
}

/** One nested entry of `com.cloudflare.api.account.<ACCOUNT>: { … }`. */
function nestedKey(key: string, accountId: string, inner: string, innerValue: string, names: Names): ResourceFact {
  const value = { [inner]: innerValue };
  if (inner === `${ZONE}*`) return fact("zones_in_account", { account_id: accountId }, key, value, names);
  if (inner.startsWith(ZONE)) return fact("zone", { account_id: accountId, zone_id: inner.slice(ZONE.length) }, key, value, names);
  return fact("unknown", { account_id: accountId }, key, value, names);
}

export function parseResources(resources: Readonly<Record<string, unknown>> | undefined, names: Names): ResourceFact[] {
  const out: ResourceFact[] = [];
  for (const [key, value] of Object.entries(resources ?? {})) {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      const accountId = key.startsWith(ACCOUNT) ? key.slice(ACCOUNT.length) : null;
      for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
        if (accountId && !accountId.includes(".") && accountId !== "*") out.push(nestedKey(key, accountId, inner, String(innerValue), names));
        else out.push(fact("unknown", {}, key, { [inner]: String(innerValue) }, names));
      }
      continue;
    }
    out.push(flatKey(key, String(value), names));
  }
  return out.sort((a, b) => (a.key === b.key ? JSON.stringify(a.value).localeCompare(JSON.stringify(b.value)) : a.key < b.key ? -1 : 1));
}
