/**
 * A small permission-group catalogue in the shape of `GET …/tokens/permission_groups`
 * (VENDOR-APIS §3.1): read and write pairs across the scopes a token can name, the
 * "API Tokens" groups that decide what the adapter itself may list, groups whose
 * names end in neither Read nor Write, and one that is not selectable.
 *
 * The two ids Cloudflare's docs use as examples (Zone Read, DNS Read) are kept;
 * the rest are derived from the name, so they are stable but not Cloudflare's.
 */
import type { FakePermissionGroup, PermissionScope } from "./model.js";
import { hexId } from "./ids.js";

const ACCOUNT: PermissionScope = "com.cloudflare.api.account";
const ZONE: PermissionScope = "com.cloudflare.api.account.zone";
const USER: PermissionScope = "com.cloudflare.api.user";
const R2: PermissionScope = "com.cloudflare.edge.r2.bucket";

const DOCUMENTED_IDS: Record<string, string> = {
  "Zone Read": "c8fed203ed3043cba015a93ad1616f1f",
  "DNS Read": "82e64a83756745bbbb1c9c2701bf816b",
};

function group(name: string, category: string, scopes: PermissionScope[], is_selectable = true): FakePermissionGroup {
  return { id: DOCUMENTED_IDS[name] ?? hexId(`permission-group:${name}`), name, category, scopes, is_selectable };
}

export function defaultPermissionGroups(): FakePermissionGroup[] {
  return [
    group("Zone Read", "dns_and_zones", [ZONE]),
    group("Zone Write", "dns_and_zones", [ZONE]),
    group("DNS Read", "dns_and_zones", [ZONE]),
    group("DNS Write", "dns_and_zones", [ZONE]),
    group("Zone Settings Write", "dns_and_zones", [ZONE]),
    group("Cache Purge", "cache_and_performance", [ZONE]),
    group("Workers Scripts Read", "developer_platform", [ACCOUNT]),
    group("Workers Scripts Write", "developer_platform", [ACCOUNT]),
    group("Workers R2 Storage Read", "developer_platform", [ACCOUNT]),
    group("Workers R2 Storage Bucket Item Read", "developer_platform", [R2]),
    group("Workers R2 Storage Bucket Item Write", "developer_platform", [R2]),
    group("Account Settings Read", "account_and_billing", [ACCOUNT]),
    group("Account API Tokens Read", "account_and_billing", [ACCOUNT]),
    group("Account API Tokens Write", "account_and_billing", [ACCOUNT]),
    group("API Tokens Read", "account_and_billing", [USER]),
    group("API Tokens Write", "account_and_billing", [USER]),
    group("User Details Read", "account_and_billing", [USER]),
    group("Access: Apps and Policies Revoke", "cloudflare_one_and_zero_trust", [ACCOUNT]),
    group("Logs Read", "analytics_and_logs", [ACCOUNT, ZONE]),
    group("Billing Read (legacy)", "account_and_billing", [ACCOUNT], false),
  ];
}
