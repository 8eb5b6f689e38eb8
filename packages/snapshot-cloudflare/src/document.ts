/**
 * The `cloudflare-snapshot` document (schema_version 1): Cloudflare API tokens and
 * what they can reach, as `schemas/cloudflare-snapshot.schema.json` describes them.
 * Facts, not judgments: policies decide what is too broad, too old or unprotected.
 *
 * Conventions (as for github-snapshot): a list the adapter could not read is `null`
 * with a `coverage` entry; `[]` means "read, found none"; collections are sorted by a
 * stable key; no token value is ever requested or stored.
 */

export const SCHEMA_VERSION = 1;

export type CoverageStatus = "ok" | "forbidden" | "not_found" | "not_applicable" | "error";

export interface CoverageEntry {
  /** What was read: `user/tokens`, `accounts/ACCOUNT_ID/tokens`, `zones`, … */
  readonly resource: string;
  readonly status: CoverageStatus;
  readonly http_status?: number;
  /**
   * Which tokens a token list can show: `own_tokens_only` (the user list: only the
   * caller's own tokens; or an account list seen with `list_self` only) or `all`.
   */
  readonly visibility?: "own_tokens_only" | "all";
  /** Cloudflare's `errors[]` for the failed read. */
  readonly cf_errors?: readonly { readonly code: number; readonly message: string }[];
  readonly message?: string;
}

/** Read versus write, from the permission group's name (and a few overrides). */
export type Access = "read" | "write" | "other";

export interface PermissionGroupFact {
  readonly id: string;
  readonly name: string;
  /** `com.cloudflare.api.account`, `com.cloudflare.api.account.zone`, `com.cloudflare.api.user`, `com.cloudflare.edge.r2.bucket`. */
  readonly scopes: readonly string[];
  readonly category: string | null;
  readonly access: Access;
}

/**
 * One entry of a policy's `resources`, parsed from Cloudflare's key grammar.
 * `scope` is the kind of reach, from narrowest to widest: `zone` (one zone),
 * `zones_in_account` (every zone of one account), `account` (one account),
 * `all_zones` (every zone of every account), `all_accounts`; plus `user`,
 * `r2_bucket` and `unknown` (a key the adapter does not recognize, kept verbatim).
 */
export type ResourceScope = "zone" | "zones_in_account" | "account" | "all_zones" | "all_accounts" | "user" | "r2_bucket" | "unknown";

export interface ResourceFact {
  readonly scope: ResourceScope;
  readonly account_id: string | null;
  readonly account_name: string | null;
  readonly zone_id: string | null;
  readonly zone_name: string | null;
  readonly user_id: string | null;
  readonly bucket: string | null;
  readonly jurisdiction: string | null;
  /** The key as Cloudflare wrote it, and its value (`"*"`, or the nested map for account-to-zone entries). */
  readonly key: string;
  readonly value: string | Readonly<Record<string, string>>;
}

export interface PolicyFact {
  readonly id: string;
  readonly effect: "allow" | "deny";
  readonly permission_groups: readonly { readonly id: string; readonly name: string | null; readonly access: Access }[];
  readonly resources: readonly ResourceFact[];
}

/**
 * Time-independent derived facts, each a pure function of the token's policies,
 * IP condition and validity window (documented in summary.ts).
 */
export interface TokenSummary {
  /** The highest access any allow policy grants: write > other > read; `none` without allow policies. */
  readonly max_access: Access | "none";
  /** The widest resource scope any allow policy reaches (see ResourceScope's order); `none` without any. */
  readonly widest_resource: ResourceScope | "none";
  readonly has_deny_policy: boolean;
  /** `ip_condition.in` is not empty: only listed addresses may use the token. */
  readonly ip_restricted: boolean;
  /** The token has an `expires_on`. */
  readonly time_bounded: boolean;
}

export interface TokenFact {
  readonly id: string;
  readonly owner: { readonly kind: "user"; readonly user_id: string | null } | { readonly kind: "account"; readonly account_id: string };
  readonly name: string;
  /** `active`, `disabled` or `expired` (kept open: Cloudflare may add states). */
  readonly status: string;
  readonly issued_on: string | null;
  readonly modified_on: string | null;
  readonly last_used_on: string | null;
  readonly not_before: string | null;
  readonly expires_on: string | null;
  readonly creator_email_at_creation: string | null;
  readonly provisioner: { readonly type: string; readonly id: string | null } | null;
  /** The client IP condition (`condition.request_ip`, or the legacy `request.ip` spelling). */
  readonly ip_condition: { readonly in: readonly string[]; readonly not_in: readonly string[] };
  readonly policies: readonly PolicyFact[];
  readonly summary: TokenSummary;
}

export interface AccountFact {
  readonly id: string;
  readonly name: string;
  readonly type: string | null;
}

export interface ZoneFact {
  readonly id: string;
  readonly name: string;
  readonly account_id: string | null;
  readonly status: string | null;
}

export interface CloudflareSnapshot {
  readonly kind: "cloudflare-snapshot";
  readonly schema_version: typeof SCHEMA_VERSION;
  readonly generated_at: string;
  readonly adapter: { readonly name: string; readonly version: string; readonly libs: Readonly<Record<string, string>> };
  readonly source: { readonly base_url: string; readonly api_version: string };
  /** The token the snapshot was taken with (its id and kind, never its value). */
  readonly caller: {
    readonly token_id: string | null;
    readonly kind: "user" | "account";
    readonly status: string | null;
    /** For an account token: the account that owns it. */
    readonly account_id: string | null;
    readonly expires_on: string | null;
  };
  readonly scope: { readonly accounts: "all" | readonly string[] };
  readonly coverage: readonly CoverageEntry[];
  readonly stats: { readonly requests: number; readonly retries: number };
  readonly accounts: readonly AccountFact[] | null;
  readonly zones: readonly ZoneFact[] | null;
  readonly permission_groups: readonly PermissionGroupFact[] | null;
  /** Every token the caller could see, user- and account-owned, sorted by owner then id. */
  readonly tokens: readonly TokenFact[];
}
