/**
 * `collect(options, deps)`: Cloudflare API tokens (user- and account-owned) and what
 * they can reach, as a `cloudflare-snapshot` document validated against its schema.
 * Read-only: it never creates, rolls or deletes a token, and never asks for a value.
 */
import type Cloudflare from "cloudflare";
import { API_VERSION, DEFAULT_BASE_URL, makeCloudflareClient } from "./client.js";
import { identifyCaller } from "./caller.js";
import { Coverage } from "./coverage.js";
import type { AccountFact, CloudflareSnapshot, PermissionGroupFact, TokenFact, ZoneFact } from "./document.js";
import { SCHEMA_VERSION } from "./document.js";
import { accessOf } from "./facts/access.js";
import type { Names } from "./facts/resources.js";
import { tokenFact, type Owner, type RawToken } from "./facts/token.js";
import { assertValidSnapshot } from "./validate.js";
import { ADAPTER_NAME, ADAPTER_VERSION, LIBRARY_VERSIONS } from "./version.js";

export interface CollectOptions {
  readonly token: string;
  /** Base URL including `/client/v4`. */
  readonly apiUrl?: string;
  /** Only these accounts; every account the token can see when empty. */
  readonly accounts?: readonly string[];
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly account: string | null;
}

export interface CollectDeps {
  readonly fetch?: typeof globalThis.fetch;
  readonly now?: () => Date;
  readonly maxRetries?: number;
  readonly onProgress?: (p: Progress) => void;
}

/** Page size for token lists (Cloudflare allows 5–50). */
const TOKENS_PER_PAGE = 50;

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export async function collect(options: CollectOptions, deps: CollectDeps = {}): Promise<CloudflareSnapshot> {
  const baseUrl = (options.apiUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const generatedAt = (deps.now ?? (() => new Date()))();
  const { client, stats } = makeCloudflareClient({
    token: options.token,
    baseUrl,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.maxRetries !== undefined ? { maxRetries: deps.maxRetries } : {}),
  });
  const coverage = new Coverage();
  const wanted = options.accounts && options.accounts.length > 0 ? new Set(options.accounts) : null;

  let accountList: { id: string; name: string; type?: string }[] | undefined;
  const listAccounts = async () => (accountList ??= (await all(client.accounts.list())) as { id: string; name: string; type?: string }[]);
  const caller = await identifyCaller(client, async () => (await listAccounts()).map((a) => a.id));

  const visible = await coverage.read("accounts", listAccounts);
  const accounts: AccountFact[] | null = visible && visible.filter((a) => !wanted || wanted.has(a.id)).map((a) => ({ id: a.id, name: a.name, type: a.type ?? null })).sort(byId);
  if (wanted) {
    for (const id of [...wanted].sort()) {
      if (!visible?.some((a) => a.id === id)) coverage.note({ resource: `accounts/${id}`, status: "not_found", message: "the account is not visible to the token" });
    }
  }
  const accountIds = accounts ? accounts.map((a) => a.id) : wanted ? [...wanted].sort() : caller.account_id ? [caller.account_id] : [];

  const zones = await readZones(client, coverage, accountIds, wanted !== null);
  const groups = await readPermissionGroups(client, coverage, caller.kind === "account" ? caller.account_id : null);
  const names: Names = {
    accounts: new Map((accounts ?? []).map((a) => [a.id, a.name])),
    zones: new Map((zones ?? []).map((z) => [z.id, z.name])),
  };
  const groupNames = new Map((groups ?? []).map((g) => [g.id, g.name]));

  const tokens: TokenFact[] = [];
  if (caller.kind === "user") {
    const userTokens = await coverage.read("user/tokens", () => all(client.user.tokens.list({ per_page: TOKENS_PER_PAGE, include_expired: true })));
    if (userTokens) {
      coverage.note({ resource: "user/tokens", status: "ok", visibility: "own_tokens_only", message: "Cloudflare lists only the calling user's own user tokens; other members' user tokens cannot be seen" });
      const owner: Owner = { kind: "user", user_id: await userId(client) };
      tokens.push(...userTokens.map((t) => tokenFact(t as RawToken, owner, groupNames, names)));
    }
  } else {
    coverage.note({ resource: "user/tokens", status: "not_applicable", message: "an account token cannot list user tokens" });
  }
  let done = 0;
  deps.onProgress?.({ done, total: accountIds.length, account: null });
  for (const account_id of accountIds) {
    const list = await coverage.read(`accounts/${account_id}/tokens`, () =>
      all(client.accounts.tokens.list({ account_id, per_page: TOKENS_PER_PAGE, include_expired: true })),
    );
    const owner: Owner = { kind: "account", account_id };
    if (list) tokens.push(...list.map((t) => tokenFact(t as RawToken, owner, groupNames, names)));
    deps.onProgress?.({ done: ++done, total: accountIds.length, account: account_id });
  }

  const snapshot: CloudflareSnapshot = {
    kind: "cloudflare-snapshot",
    schema_version: SCHEMA_VERSION,
    generated_at: generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    adapter: { name: ADAPTER_NAME, version: ADAPTER_VERSION, libs: LIBRARY_VERSIONS },
    source: { base_url: baseUrl, api_version: API_VERSION },
    caller,
    scope: { accounts: wanted ? [...wanted].sort() : "all" },
    coverage: coverage.entries,
    stats: { ...stats },
    accounts,
    zones,
    permission_groups: groups,
    tokens: tokens.sort((a, b) => ownerKey(a).localeCompare(ownerKey(b)) || byId(a, b)),
  };
  assertValidSnapshot(snapshot);
  return snapshot;
}

function ownerKey(t: TokenFact): string {
  return t.owner.kind === "user" ? "0:user" : `1:${t.owner.account_id}`;
}

/** The user's id, for the owner of user tokens; null when `GET /user` is refused. */
async function userId(client: Cloudflare): Promise<string | null> {
  try {
    return ((await client.user.get()) as { id?: string }).id ?? null;
  } catch {
    return null;
  }
}

async function readZones(client: Cloudflare, coverage: Coverage, accountIds: readonly string[], filtered: boolean): Promise<ZoneFact[] | null> {
  const read = async (query: Parameters<Cloudflare["zones"]["list"]>[0]) =>
    (await all(client.zones.list(query))).map((z) => ({ id: z.id, name: z.name, account_id: z.account?.id ?? null, status: z.status ?? null }));
  if (!filtered) {
    const zones = await coverage.read("zones", () => read({ per_page: 50 }));
    return zones && zones.sort(byId);
  }
  const out: ZoneFact[] = [];
  for (const id of accountIds) {
    const zones = await coverage.read(`zones?account.id=${id}`, () => read({ account: { id }, per_page: 50 }));
    if (!zones) return null;
    out.push(...zones);
  }
  return out.sort(byId);
}

async function readPermissionGroups(client: Cloudflare, coverage: Coverage, accountId: string | null): Promise<PermissionGroupFact[] | null> {
  type Raw = { id?: string; name?: string; scopes?: string[]; category?: string };
  const raw = accountId
    ? await coverage.read(`accounts/${accountId}/tokens/permission_groups`, async () => (await all(client.accounts.tokens.permissionGroups.list({ account_id: accountId }))) as Raw[])
    : await coverage.read("user/tokens/permission_groups", async () => (await all(client.user.tokens.permissionGroups.list())) as Raw[]);
  if (!raw) return null;
  return raw
    .filter((g): g is Raw & { id: string } => typeof g.id === "string")
    .map((g) => ({ id: g.id, name: g.name ?? "", scopes: [...(g.scopes ?? [])].sort(), category: g.category ?? null, access: accessOf(g.name ?? null) }))
    .sort(byId);
}
