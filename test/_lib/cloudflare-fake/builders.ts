/**
 * Builders with sensible defaults, so a test states only what it is about:
 * `fakeCloudflare({ accounts: [fakeAccount("Acme", { tokens: [fakeToken("ci")] })] })`.
 *
 * Ids come from one counter per process, hashed into 32 hex characters, so two
 * builders never hand out the same id; pass `id` explicitly when a test compares ids.
 */
import type {
  FakeAccount,
  FakeCaller,
  FakeCloudflare,
  FakePermissionGroup,
  FakeToken,
  FakeTokenPolicy,
  FakeUser,
  FakeZone,
} from "./model.js";
import { defaultPermissionGroups } from "./catalogue.js";
import { hexId } from "./ids.js";
import { resource } from "./resources.js";

let counter = 0;
export function nextHexId(kind: string): string {
  return hexId(`${kind}:${++counter}`);
}

const CREATED = "2025-02-03T10:11:12Z";
const MODIFIED = "2026-06-01T09:00:00Z";
/** The bearer value the default caller accepts. */
export const DEFAULT_SECRET = "cf-test";

export function fakeUser(overrides: Partial<FakeUser> = {}): FakeUser {
  return { id: nextHexId("user"), email: "ops@acme.example", first_name: "Ops", last_name: "Team", ...overrides };
}

export function fakeAccount(name: string, overrides: Partial<FakeAccount> = {}): FakeAccount {
  return { id: nextHexId("account"), name, type: "standard", created_on: CREATED, tokens: [], ...overrides };
}

export function fakeZone(name: string, account: FakeAccount | string, overrides: Partial<FakeZone> = {}): FakeZone {
  const accountId = typeof account === "string" ? account : account.id;
  return { id: nextHexId("zone"), name, account: accountId, status: "active", created_on: CREATED, ...overrides };
}

/** The group's `{ id, name }` as a policy names it; `withName: false` for the nameless form. */
export function policyGroup(group: FakePermissionGroup, withName = true): FakeTokenPolicy["permission_groups"][number] {
  return withName ? { id: group.id, name: group.name } : { id: group.id };
}

/** Allow "Zone Read" on every zone, unless told otherwise. */
export function fakePolicy(overrides: Partial<FakeTokenPolicy> = {}): FakeTokenPolicy {
  const zoneRead = defaultPermissionGroups()[0]!;
  return {
    id: nextHexId("policy"),
    effect: "allow",
    permission_groups: [policyGroup(zoneRead)],
    resources: resource.allZones(),
    ...overrides,
  };
}

/** An active token that never expires and was never used, with one `fakePolicy()`. */
export function fakeToken(name: string, overrides: Partial<FakeToken> = {}): FakeToken {
  return {
    id: nextHexId("token"),
    name,
    status: "active",
    issued_on: CREATED,
    modified_on: MODIFIED,
    policies: [fakePolicy()],
    ...overrides,
  };
}

/** Each of `accounts` may list every token, unless `overrides.tokenAccess` says otherwise. */
function withAccess(accounts: string[], overrides: Partial<FakeCaller>): Record<string, FakeCaller["tokenAccess"][string]> {
  return { ...Object.fromEntries(accounts.map((id) => [id, "all" as const])), ...overrides.tokenAccess };
}

/** A user token that sees `accounts` (default none) and may list every token in them. */
export function fakeUserCaller(overrides: Partial<FakeCaller> = {}): FakeCaller {
  const accounts = overrides.accounts ?? [];
  return {
    secret: DEFAULT_SECRET,
    tokenId: nextHexId("token"),
    userTokens: "all",
    createdTokenIds: [],
    ...overrides,
    kind: "user",
    accountId: null,
    accounts,
    tokenAccess: withAccess(accounts, overrides),
  };
}

/** An account token: it sees only its own account, and may list its tokens unless told otherwise. */
export function fakeAccountCaller(account: FakeAccount | string, overrides: Partial<FakeCaller> = {}): FakeCaller {
  const accountId = typeof account === "string" ? account : account.id;
  const accounts = overrides.accounts ?? [accountId];
  return {
    secret: DEFAULT_SECRET,
    tokenId: nextHexId("token"),
    userTokens: "forbidden",
    createdTokenIds: [],
    ...overrides,
    kind: "account",
    accountId,
    accounts,
    tokenAccess: withAccess(accounts, overrides),
  };
}

/**
 * A model; without `callers`, one user caller (secret `cf-test`) that sees every
 * account and may list every token.
 */
export function fakeCloudflare(overrides: Partial<FakeCloudflare> = {}): FakeCloudflare {
  const accounts = overrides.accounts ?? [];
  return {
    user: overrides.user ?? fakeUser(),
    accounts,
    zones: overrides.zones ?? [],
    permissionGroups: overrides.permissionGroups ?? defaultPermissionGroups(),
    userTokens: overrides.userTokens ?? [],
    callers: overrides.callers ?? [fakeUserCaller({ accounts: accounts.map((a) => a.id) })],
  };
}
