/**
 * The Cloudflare fake itself, driven by the real `cloudflare` SDK (7.3.0) the adapter
 * uses, so that what passes here is what the adapter's tests will meet: the SDK's
 * paging must end, its errors must carry Cloudflare's `errors[]`, and its retries
 * must see the headers they honour.
 */
import t from "tap";
import Cloudflare from "cloudflare";
import {
  DEFAULT_SECRET,
  defaultPermissionGroups,
  fakeAccount,
  fakeAccountCaller,
  fakeCloudflare,
  fakePolicy,
  fakeToken,
  fakeUserCaller,
  fakeZone,
  generateCloudflare,
  resource,
  startCloudflareFake,
  type CloudflareFake,
  type FakeCloudflare,
  type FakeToken,
} from "../_lib/cloudflare-fake/index.js";

// The SDK's constructor falls back to CLOUDFLARE_* variables; none may steer this run.
for (const name of Object.keys(process.env)) if (name.startsWith("CLOUDFLARE_")) delete process.env[name];

const API_VERSION = "2026-11-01";
const NOW = Date.UTC(2026, 10, 25);

/** Every option explicit, so nothing comes from the environment. */
function sdk(fake: CloudflareFake, apiToken = DEFAULT_SECRET, maxRetries = 2): Cloudflare {
  return new Cloudflare({
    apiToken,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: fake.url,
    maxRetries,
    timeout: 5000,
    apiVersion: API_VERSION,
    fetch: globalThis.fetch,
    logLevel: "off",
    defaultHeaders: {},
    defaultQuery: {},
  });
}

async function start(t: { teardown(fn: () => unknown): void }, model: FakeCloudflare): Promise<CloudflareFake> {
  const fake = await startCloudflareFake(model, { now: () => NOW });
  t.teardown(() => fake.close());
  return fake;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The rejection of `p`, or a failure if it resolved. */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

function tokens(n: number, prefix: string): FakeToken[] {
  // Issued a day apart, so the list order (issued_on) is the creation order.
  return Array.from({ length: n }, (_, i) => fakeToken(`${prefix}-${i + 1}`, { issued_on: `2025-01-${String(i + 1).padStart(2, "0")}T00:00:00Z` }));
}

t.test("for await over user tokens ends on the empty page past the end", async (t) => {
  const userTokens = tokens(12, "user");
  const fake = await start(t, fakeCloudflare({ userTokens }));
  const cf = sdk(fake);
  const seen = await collect(cf.user.tokens.list({ per_page: 5 }));
  t.same(seen.map((x) => x.id), userTokens.map((x) => x.id));
  // 5 + 5 + 2, then page 4 answers `result: []` and the SDK stops.
  t.same(fake.requests.pages("/user/tokens"), [1, 2, 3, 4]);
  const last = await cf.user.tokens.list({ per_page: 5, page: 4 });
  t.same(last.result, []);
  t.same(last.result_info, { page: 4, per_page: 5, count: 0, total_count: 12, total_pages: 3 });
  t.equal(last.hasNextPage(), false);

  const first = fake.requests.entries[0]!;
  t.same(first.headers, {
    apiVersion: API_VERSION,
    userAgent: "Cloudflare/JS 7.3.0",
    retryCount: 0,
    authorization: { present: true, scheme: "bearer" },
    legacyAuth: false,
  });
  t.notMatch(JSON.stringify(fake.requests.entries), DEFAULT_SECRET, "the bearer value is never logged");
  fake.requests.assertApiVersion(API_VERSION);
  fake.requests.assertNoWrites();
  fake.requests.assertNoTokenValueRequests();
});

t.test("an exact multiple of per_page still takes one empty page, and direction=desc reverses", async (t) => {
  const userTokens = tokens(10, "user");
  const fake = await start(t, fakeCloudflare({ userTokens }));
  const seen = await collect(sdk(fake).user.tokens.list({ per_page: 5, direction: "desc" }));
  t.same(seen.map((x) => x.name), userTokens.map((x) => x.name).reverse());
  t.same(fake.requests.pages("/user/tokens"), [1, 2, 3]);
});

t.test("per_page out of bounds is a 400 with Cloudflare's parameter error", async (t) => {
  const fake = await start(t, fakeCloudflare());
  const e = await rejection(sdk(fake).user.tokens.list({ per_page: 100 }));
  t.ok(e instanceof Cloudflare.BadRequestError);
  t.equal((e as InstanceType<typeof Cloudflare.APIError>).errors[0]?.code, 6008);
});

t.test("account tokens: expired ones only with include_expired, list_self, and every token field", async (t) => {
  const active = fakeToken("active", {
    issued_on: "2025-01-01T00:00:00Z",
    last_used_on: "2026-11-24T22:05:01Z",
    not_before: "2025-01-01T00:00:00Z",
    expires_on: "2027-01-01T00:00:00Z",
    condition: { request_ip: { in: ["198.51.100.0/24"], not_in: ["198.51.100.7/32"] } },
    creator_email_at_creation: "ops@acme.example",
    provisioner_type: "oauth",
    provisioner_id: null,
  });
  const legacy = fakeToken("legacy-condition", { issued_on: "2025-01-02T00:00:00Z", last_used_on: null, condition: { "request.ip": { in: ["203.0.113.0/24"] } } });
  const disabled = fakeToken("disabled", { issued_on: "2025-01-03T00:00:00Z", status: "disabled" });
  const expired = fakeToken("expired", { issued_on: "2025-01-04T00:00:00Z", status: "expired", expires_on: "2026-01-01T00:00:00Z" });
  // Still marked active, but past expires_on by the fake's clock.
  const lapsed = fakeToken("lapsed", { issued_on: "2025-01-05T00:00:00Z", expires_on: "2026-11-01T00:00:00Z" });
  const acme = fakeAccount("Acme Prod", { tokens: [active, legacy, disabled, expired, lapsed] });
  const other = fakeAccount("Acme Dev", { tokens: [fakeToken("a"), fakeToken("b"), fakeToken("c")] });
  const caller = fakeUserCaller({
    accounts: [acme.id, other.id],
    tokenAccess: { [other.id]: "list_self" },
    createdTokenIds: [other.tokens[1]!.id],
  });
  const fake = await start(t, fakeCloudflare({ accounts: [acme, other], callers: [caller] }));
  const cf = sdk(fake);

  const current = await collect(cf.accounts.tokens.list({ account_id: acme.id }));
  t.same(current.map((x) => x.name), ["active", "legacy-condition", "disabled"]);
  const all = await collect(cf.accounts.tokens.list({ account_id: acme.id, include_expired: true }));
  t.same(all.map((x) => x.name), ["active", "legacy-condition", "disabled", "expired", "lapsed"]);
  t.equal(fake.requests.entries.at(-1)!.query["include_expired"], "true");
  t.same(all[0], active, "every field comes back as stored");
  t.same(all[1], legacy, "the legacy request.ip spelling comes back as stored");

  const own = await collect(cf.accounts.tokens.list({ account_id: other.id }));
  t.same(own.map((x) => x.name), ["b"], "list_self shows only the caller's own tokens");
});

t.test("policies carry every resource-key form and nameless permission groups verbatim", async (t) => {
  const account = fakeAccount("Acme Prod");
  const zone = fakeZone("acme.example", account);
  const [zoneRead, , , dnsWrite] = defaultPermissionGroups();
  const policy = fakePolicy({
    effect: "deny",
    permission_groups: [{ id: zoneRead!.id }, { id: dnsWrite!.id, name: "DNS Write" }],
    resources: {
      ...resource.account(account.id),
      ...resource.allAccounts(),
      ...resource.zone(zone.id),
      ...resource.allZones(),
      ...resource.user("7c5dae5552338874e5053f2534d2767a"),
      ...resource.r2Bucket(account.id, "logs", "eu"),
      ...resource.unknown(),
    },
  });
  const nested = fakePolicy({ resources: resource.zonesInAccount(account.id) });
  const token = fakeToken("wide", { policies: [policy, nested] });
  const fake = await start(t, fakeCloudflare({ accounts: [account], zones: [zone], userTokens: [token] }));
  const [got] = await collect(sdk(fake).user.tokens.list());
  t.same(got?.policies, [policy, nested]);
  t.same(await sdk(fake).user.tokens.get(token.id), token);
});

t.test("a 403 on one account's tokens is a PermissionDeniedError with Cloudflare's errors, not retried", async (t) => {
  const open = fakeAccount("Open", { tokens: [fakeToken("x")] });
  const closed = fakeAccount("Closed", { tokens: [fakeToken("y")] });
  const caller = fakeUserCaller({ accounts: [open.id, closed.id], tokenAccess: { [closed.id]: "forbidden" } });
  const fake = await start(t, fakeCloudflare({ accounts: [open, closed], callers: [caller] }));
  const cf = sdk(fake);
  t.equal((await collect(cf.accounts.tokens.list({ account_id: open.id }))).length, 1);
  const e = await rejection(collect(cf.accounts.tokens.list({ account_id: closed.id })));
  t.ok(e instanceof Cloudflare.PermissionDeniedError);
  const denied = e as InstanceType<typeof Cloudflare.PermissionDeniedError>;
  t.equal(denied.status, 403);
  t.same(denied.errors, [{ code: 9109, message: "Unauthorized to access requested resource" }]);
  t.equal(fake.requests.countsByPath().get(`/accounts/${closed.id}/tokens`), 1, "a 403 is not retried");

  // The same refusal as an injected fault, matched by pattern, for one request only.
  fake.faults.forbidden("/accounts/*/tokens");
  t.ok((await rejection(collect(cf.accounts.tokens.list({ account_id: open.id })))) instanceof Cloudflare.PermissionDeniedError);
  t.equal((await collect(cf.accounts.tokens.list({ account_id: open.id }))).length, 1);
  t.same(fake.faults.pending(), []);
});

t.test("a 429 with retry-after-ms or retry-after is retried, then succeeds", async (t) => {
  const fake = await start(t, fakeCloudflare({ userTokens: tokens(2, "user") }));
  const cf = sdk(fake);
  fake.faults.rateLimited("/user/tokens", { retryAfterMs: 10 });
  t.equal((await collect(cf.user.tokens.list())).length, 2);
  fake.faults.rateLimited("/user/tokens/verify", { retryAfter: 0 });
  t.equal((await cf.user.tokens.verify()).status, "active");

  const limited = fake.requests.entries.filter((r) => r.status === 429);
  t.same(limited.map((r) => [r.path, r.fault]), [["/user/tokens", "rate-limited"], ["/user/tokens/verify", "rate-limited"]]);
  const list = fake.requests.entries.filter((r) => r.path === "/user/tokens");
  t.same(list.map((r) => [r.status, r.headers.retryCount]), [[429, 0], [200, 1], [200, 0]]);
});

t.test("a 429 beyond maxRetries surfaces as RateLimitError with the retry headers", async (t) => {
  const fake = await start(t, fakeCloudflare());
  fake.faults.rateLimited("/user/tokens", { times: 2, retryAfter: 0, retryAfterMs: 5 });
  const e = await rejection(collect(sdk(fake, DEFAULT_SECRET, 1).user.tokens.list()));
  t.ok(e instanceof Cloudflare.RateLimitError);
  const limited = e as InstanceType<typeof Cloudflare.RateLimitError>;
  t.equal(limited.headers?.get("retry-after-ms"), "5");
  t.equal(limited.headers?.get("retry-after"), "0");
  t.equal(limited.errors[0]?.code, 971);
});

t.test("a 502 and a connection reset are retried by the SDK, then succeed", async (t) => {
  const acme = fakeAccount("Acme");
  const fake = await start(t, fakeCloudflare({ accounts: [acme] }));
  const cf = sdk(fake);
  fake.faults.serverError("/accounts");
  t.same((await collect(cf.accounts.list())).map((a) => a.name), ["Acme"]);
  fake.faults.connectionReset("/accounts");
  t.same((await collect(cf.accounts.list())).map((a) => a.name), ["Acme"]);
  // Each listing ends on its empty page 2.
  t.same(
    fake.requests.entries.map((r) => [r.status, r.fault, r.query["page"] ?? "1"]),
    [[502, "server-error", "1"], [200, null, "1"], [200, null, "2"], [0, "connection-reset", "1"], [200, null, "1"], [200, null, "2"]],
  );
});

t.test("without retries, a 502 is an InternalServerError and a reset an APIConnectionError", async (t) => {
  const fake = await start(t, fakeCloudflare({ accounts: [fakeAccount("Acme")] }));
  const cf = sdk(fake, DEFAULT_SECRET, 0);
  fake.faults.serverError("/accounts");
  const e = await rejection(cf.accounts.list());
  t.ok(e instanceof Cloudflare.InternalServerError);
  t.equal((e as InstanceType<typeof Cloudflare.APIError>).status, 502);
  fake.faults.connectionReset("/accounts");
  t.ok((await rejection(cf.accounts.list())) instanceof Cloudflare.APIConnectionError);
});

t.test("an unknown bearer token is an AuthenticationError; malformed or missing credentials are refused", async (t) => {
  const fake = await start(t, fakeCloudflare());
  const e = await rejection(sdk(fake, "not-a-token").user.tokens.verify());
  t.ok(e instanceof Cloudflare.AuthenticationError);
  t.same((e as InstanceType<typeof Cloudflare.APIError>).errors, [{ code: 1000, message: "Invalid API Token" }]);
  // The SDK always sends a Bearer header, so these go around it.
  const missing = await fetch(`${fake.url}/user/tokens/verify`);
  t.equal(missing.status, 401);
  const basic = await fetch(`${fake.url}/user/tokens/verify`, { headers: { authorization: "Basic eDp5" } });
  t.equal(basic.status, 400);
  t.match(await basic.json(), { success: false, errors: [{ code: 6003 }], result: null });
  t.same(fake.requests.entries.map((r) => r.headers.authorization), [
    { present: true, scheme: "bearer" },
    { present: false, scheme: null },
    { present: true, scheme: "basic" },
  ]);
});

t.test("verify: user tokens on /user, account tokens on their own account only", async (t) => {
  const userToken = fakeToken("me", { expires_on: "2027-02-03T00:00:00Z", not_before: "2025-02-03T00:00:00Z" });
  const acme = fakeAccount("Acme");
  const other = fakeAccount("Other");
  const accountToken = fakeToken("acct", { status: "active" });
  acme.tokens.push(accountToken);
  const model = fakeCloudflare({
    accounts: [acme, other],
    userTokens: [userToken],
    callers: [
      fakeUserCaller({ tokenId: userToken.id, accounts: [acme.id, other.id] }),
      fakeAccountCaller(acme, { secret: "cf-account", tokenId: accountToken.id }),
    ],
  });
  const fake = await start(t, model);
  const asUser = sdk(fake);
  const asAccount = sdk(fake, "cf-account");

  t.same(await asUser.user.tokens.verify(), { id: userToken.id, status: "active", expires_on: "2027-02-03T00:00:00Z", not_before: "2025-02-03T00:00:00Z" });
  const raw = await asUser.user.tokens.verify().asResponse();
  t.match(await raw.json(), { success: true, messages: [{ code: 10000, message: "This API Token is valid and active" }] });
  t.same(await asUser.user.get(), {
    id: model.user.id,
    email: model.user.email,
    first_name: model.user.first_name,
    last_name: model.user.last_name,
    suspended: false,
    two_factor_authentication_enabled: true,
  });
  t.equal((await rejection(asUser.accounts.tokens.verify({ account_id: acme.id })) as { status: number }).status, 401);

  t.ok((await rejection(asAccount.user.tokens.verify())) instanceof Cloudflare.AuthenticationError);
  t.ok((await rejection(asAccount.user.get())) instanceof Cloudflare.AuthenticationError);
  t.ok((await rejection(collect(asAccount.user.tokens.list()))) instanceof Cloudflare.AuthenticationError);
  t.same(await asAccount.accounts.tokens.verify({ account_id: acme.id }), { id: accountToken.id, status: "active" });
  t.ok((await rejection(asAccount.accounts.tokens.verify({ account_id: other.id }))) instanceof Cloudflare.AuthenticationError);
  t.same((await collect(asAccount.accounts.list())).map((a) => a.id), [acme.id], "an account token sees its own account");

  const strict = await startCloudflareFake(model, { userRouteRefusal: 403 });
  t.teardown(() => strict.close());
  t.ok((await rejection(sdk(strict, "cf-account").user.tokens.verify())) instanceof Cloudflare.PermissionDeniedError);
});

t.test("permission groups: one page, with name and scope filters, on both routes", async (t) => {
  const acme = fakeAccount("Acme");
  const fake = await start(t, fakeCloudflare({ accounts: [acme] }));
  const cf = sdk(fake);
  const catalogue = defaultPermissionGroups();
  t.same(await collect(cf.user.tokens.permissionGroups.list()), catalogue);
  t.same(fake.requests.pages("/user/tokens/permission_groups"), [1], "SinglePage never asks for a second page");
  const zoneScoped = await collect(cf.user.tokens.permissionGroups.list({ scope: "com.cloudflare.api.account.zone" }));
  t.same(zoneScoped.map((g) => g.name), catalogue.filter((g) => g.scopes.includes("com.cloudflare.api.account.zone")).map((g) => g.name));
  t.same(await collect(cf.accounts.tokens.permissionGroups.list({ account_id: acme.id, name: "DNS Read" })), [
    { id: "82e64a83756745bbbb1c9c2701bf816b", name: "DNS Read", category: "dns_and_zones", scopes: ["com.cloudflare.api.account.zone"], is_selectable: true },
  ]);
  const e = await rejection(collect(cf.accounts.tokens.permissionGroups.list({ account_id: "0".repeat(32) })));
  t.ok(e instanceof Cloudflare.PermissionDeniedError, "an account the caller cannot see");
});

t.test("accounts page like tokens, and zones filter on account.id as the SDK serializes it", async (t) => {
  const accounts = Array.from({ length: 7 }, (_, i) => fakeAccount(`Account ${i + 1}`));
  const zones = [fakeZone("b.example", accounts[0]!), fakeZone("a.example", accounts[0]!), fakeZone("c.example", accounts[1]!)];
  const hidden = fakeAccount("Hidden");
  const caller = fakeUserCaller({ accounts: accounts.map((a) => a.id) });
  const fake = await start(t, fakeCloudflare({ accounts: [...accounts, hidden], zones: [...zones, fakeZone("h.example", hidden)], callers: [caller] }));
  const cf = sdk(fake);

  t.same((await collect(cf.accounts.list({ per_page: 5 }))).map((a) => a.name), accounts.map((a) => a.name));
  t.same(fake.requests.pages("/accounts"), [1, 2, 3]);

  const own = await collect(cf.zones.list({ account: { id: accounts[0]!.id } }));
  t.same(own.map((z) => [z.name, z.account.id, z.account.name]), [
    ["a.example", accounts[0]!.id, "Account 1"],
    ["b.example", accounts[0]!.id, "Account 1"],
  ]);
  const request = fake.requests.entries.find((r) => r.path === "/zones")!;
  t.equal(request.search, `account.id=${accounts[0]!.id}`, "allowDots: { account: { id } } becomes account.id=…");
  t.same((await collect(cf.zones.list())).map((z) => z.name), ["a.example", "b.example", "c.example"], "zones of hidden accounts stay hidden");
});

t.test("every write is refused with 403 and logged, so tests can prove the adapter made none", async (t) => {
  const acme = fakeAccount("Acme", { tokens: [fakeToken("x")] });
  const mine = fakeToken("mine");
  const fake = await start(t, fakeCloudflare({ accounts: [acme], userTokens: [mine] }));
  const cf = sdk(fake);
  t.ok((await rejection(cf.user.tokens.value.update(mine.id))) instanceof Cloudflare.PermissionDeniedError);
  t.ok((await rejection(cf.accounts.tokens.delete(acme.tokens[0]!.id, { account_id: acme.id }))) instanceof Cloudflare.PermissionDeniedError);
  t.same(fake.requests.writes().map((r) => `${r.method} ${r.path}`), [`PUT /user/tokens/${mine.id}/value`, `DELETE /accounts/${acme.id}/tokens/${acme.tokens[0]!.id}`]);
  t.throws(() => fake.requests.assertNoWrites(), /the fake received writes/);
  t.same(fake.requests.tokenValueRequests().map((r) => r.path), [`/user/tokens/${mine.id}/value`]);
  t.throws(() => fake.requests.assertNoTokenValueRequests(), /token values/);
  t.equal(mine.name, "mine", "the model is untouched");
});

t.test("unknown paths are Cloudflare's 404, inside and outside /client/v4", async (t) => {
  const fake = await start(t, fakeCloudflare());
  const e = await rejection(sdk(fake).user.tokens.get("f".repeat(32)));
  t.ok(e instanceof Cloudflare.NotFoundError);
  const outside = await fetch(fake.url.replace("/client/v4", "/elsewhere"), { headers: { authorization: "Bearer cf-test" } });
  t.equal(outside.status, 404);
  t.match(await outside.json(), { success: false, errors: [{ code: 7000 }] });
});

t.test("generateCloudflare is deterministic and covers every token shape; the SDK reads it all", async (t) => {
  const model = generateCloudflare(4, 30, 7);
  t.same(generateCloudflare(4, 30, 7), model, "same seed, same model");
  t.not(JSON.stringify(generateCloudflare(4, 30, 8)), JSON.stringify(model), "another seed, another model");
  t.equal(model.userTokens.length, 30);
  const all = [...model.userTokens, ...model.accounts.flatMap((a) => a.tokens)];
  const keys = all.flatMap((tk) => tk.policies.flatMap((p) => Object.entries(p.resources)));
  for (const [form, test] of [
    ["one account", /^com\.cloudflare\.api\.account\.[0-9a-f]{32}$/],
    ["all accounts", /^com\.cloudflare\.api\.account\.\*$/],
    ["one zone", /^com\.cloudflare\.api\.account\.zone\.[0-9a-f]{32}$/],
    ["all zones", /^com\.cloudflare\.api\.account\.zone\.\*$/],
    ["user", /^com\.cloudflare\.api\.user\./],
    ["r2 bucket", /^com\.cloudflare\.edge\.r2\.bucket\.[0-9a-f]{32}_(default|eu|fedramp)_/],
  ] as const) {
    t.ok(keys.some(([k]) => test.test(k)), form);
  }
  t.ok(keys.some(([, v]) => typeof v === "object"), "the nested account → zones form");
  t.ok(all.some((tk) => tk.condition?.["request.ip"]), "the legacy request.ip spelling");
  t.ok(all.some((tk) => tk.policies.some((p) => p.permission_groups.some((g) => g.name === undefined))), "nameless permission groups");
  t.ok(all.some((tk) => tk.status === "expired") && all.some((tk) => tk.provisioner_type === "oauth"));

  const fake = await start(t, model);
  const cf = sdk(fake);
  t.equal((await collect(cf.user.tokens.list({ per_page: 50, include_expired: true }))).length, 30);
  for (const account of model.accounts) {
    const listed = await collect(cf.accounts.tokens.list({ account_id: account.id, per_page: 50, include_expired: true }));
    t.equal(listed.length, account.tokens.length, account.name);
  }
  fake.requests.assertNoWrites();
});
