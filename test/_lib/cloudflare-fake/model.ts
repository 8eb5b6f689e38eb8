/**
 * The state a Cloudflare fake serves: one user, the accounts and zones the callers
 * may see, the permission-group catalogue, the user's tokens and each account's
 * tokens, and the callers (the bearer tokens the fake accepts).
 *
 * Tokens, accounts and permission groups are kept in Cloudflare's JSON shape
 * (snake_case, VENDOR-APIS §3.1), so a test can set any documented field, or an
 * undocumented one, and see it back unchanged. Fields that exist only to steer the
 * fake (who may read what) live on `FakeCaller`, never on the wire objects.
 */

/** A CIDR list in a token's IP condition. */
export interface FakeIpCondition {
  in?: string[];
  not_in?: string[];
}

/**
 * `condition.request_ip` is the current spelling; `condition["request.ip"]` is the
 * legacy one, which old tokens might still come back with [unverified].
 */
export interface FakeTokenCondition {
  request_ip?: FakeIpCondition;
  "request.ip"?: FakeIpCondition;
}

export interface FakePolicyPermissionGroup {
  id: string;
  /** Cloudflare sometimes leaves it out: consumers resolve names through the catalogue. */
  name?: string;
  meta?: Record<string, string>;
}

/** A resource value: `"*"`, or the nested account → zones map. */
export type FakeResourceValue = string | Record<string, string>;

export interface FakeTokenPolicy {
  id: string;
  effect: "allow" | "deny";
  permission_groups: FakePolicyPermissionGroup[];
  /** Keys in any form of VENDOR-APIS §3.2, including ones the adapter does not know. */
  resources: Record<string, FakeResourceValue>;
}

export type TokenStatus = "active" | "disabled" | "expired";

/**
 * A token as `GET …/tokens` returns it. Optional fields are left out of the JSON
 * when absent; `last_used_on` may also be `null` (never used).
 */
export interface FakeToken {
  id: string;
  name: string;
  status: TokenStatus;
  issued_on: string;
  modified_on: string;
  last_used_on?: string | null;
  not_before?: string;
  expires_on?: string;
  condition?: FakeTokenCondition;
  policies: FakeTokenPolicy[];
  /** Account-owned tokens only, when known. */
  creator_email_at_creation?: string;
  /** Provisioned account-owned tokens only (e.g. `"oauth"`). */
  provisioner_type?: string;
  provisioner_id?: string | null;
  /** Anything else, passed through verbatim. */
  [extra: string]: unknown;
}

export interface FakeAccount {
  id: string;
  name: string;
  type: "standard" | "enterprise";
  created_on: string;
  /** The account-owned tokens (`GET /accounts/{id}/tokens`). */
  tokens: FakeToken[];
}

export type ZoneStatus = "initializing" | "pending" | "active" | "moved";

export interface FakeZone {
  id: string;
  name: string;
  /** The owning account's id. */
  account: string;
  status: ZoneStatus;
  created_on: string;
}

export type PermissionScope =
  | "com.cloudflare.api.account"
  | "com.cloudflare.api.account.zone"
  | "com.cloudflare.api.user"
  | "com.cloudflare.edge.r2.bucket";

export interface FakePermissionGroup {
  id: string;
  name: string;
  category: string;
  scopes: PermissionScope[];
  is_selectable: boolean;
}

/** The one user behind every user token (`GET /user`). */
export interface FakeUser {
  id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
}

/**
 * How much of an account's token list a caller may read: everything ("Account API
 * Tokens Read"), only the tokens it created (`…account.token.list_self`), or none
 * (403 9109).
 */
export type TokenAccess = "all" | "list_self" | "forbidden";

/** A bearer token the fake accepts, and what it may see. */
export interface FakeCaller {
  /** The bearer value the client sends. Never logged. */
  secret: string;
  /** The token's id (tag); its status and dates come from the matching token in the model, if any. */
  tokenId: string;
  kind: "user" | "account";
  /** The owning account of an account token; `null` for a user token. */
  accountId: string | null;
  /** Accounts it can see in `GET /accounts`, `GET /zones` and the account routes. */
  accounts: string[];
  /** Per account id; an account missing here is `forbidden`. */
  tokenAccess: Record<string, TokenAccess>;
  /** Whether `GET /user/tokens` answers (user tokens only; "API Tokens Read"). */
  userTokens: "all" | "forbidden";
  /** The account tokens this caller created: all that `list_self` shows. */
  createdTokenIds: string[];
}

export interface FakeCloudflare {
  user: FakeUser;
  accounts: FakeAccount[];
  zones: FakeZone[];
  permissionGroups: FakePermissionGroup[];
  /** The user's own tokens (`GET /user/tokens`). */
  userTokens: FakeToken[];
  callers: FakeCaller[];
}
