/**
 * `collect` against the loopback Cloudflare fake, through the real SDK: every fact
 * the document promises, several pages of tokens, a refused account (recorded, the
 * run goes on), 429 and 502 (retried), an invalid token (fatal, no echo), each
 * resource-key form, IP conditions and expiry, and that nothing is ever written.
 */
import t from "tap";
import { collect, snapshotProblems, FatalCloudflareError, API_VERSION, type CloudflareSnapshot } from "@regolith/snapshot-cloudflare";
import {
  defaultPermissionGroups,
  fakeAccount,
  fakeAccountCaller,
  fakeCloudflare,
  fakePolicy,
  fakeToken,
  fakeUserCaller,
  fakeZone,
  policyGroup,
  resource,
  startCloudflareFake,
  type CloudflareFake,
  type FakeCloudflare,
} from "../_lib/cloudflare-fake/index.js";

const SECRET = "cf-test";
const NOW = new Date("2026-11-25T17:00:00Z");

// The SDK falls back to CLOUDFLARE_* variables; the adapter must not depend on them.
for (const key of Object.keys(process.env)) if (key.startsWith("CLOUDFLARE_")) delete process.env[key];

const groups = defaultPermissionGroups();
const group = (name: string) => {
  const g = groups.find((x) => x.name === name);
  if (!g) throw new Error(`no permission group ${name} in the fake's catalogue`);
  return g;
};

function acme(): { model: FakeCloudflare; prod: string; staging: string; zone: string } {
  const prod = fakeAccount("Acme Prod", {
    tokens: [
      fakeToken("gha-dns-deploy", {
        expires_on: "2027-06-01T00:00:00Z",
        condition: { request_ip: { in: ["192.0.2.0/24"], not_in: ["192.0.2.1/32"] } },
        creator_email_at_creation: "ops@acme.example",
        policies: [fakePolicy({ permission_groups: [policyGroup(group("DNS Write"))], resources: resource.zone("eb78d65290b24279ba6f44721b3ea3c4") })],
      }),
      fakeToken("oauth-provisioned", { provisioner_type: "oauth", provisioner_id: "client-123" }),
    ],
  });
  const staging = fakeAccount("Acme Staging", { tokens: [fakeToken("staging-ci")] });
  const zone = fakeZone("acme.example", prod, { id: "eb78d65290b24279ba6f44721b3ea3c4" });
  const userTokens = [
    fakeToken("wrangler-all-accounts", {
      policies: [
        fakePolicy({ permission_groups: [policyGroup(group("Workers Scripts Write"), false)], resources: resource.allAccounts() }),
        fakePolicy({ permission_groups: [policyGroup(group("DNS Write"))], resources: resource.zonesInAccount(prod.id) }),
        fakePolicy({ effect: "deny", resources: { ...resource.r2Bucket(prod.id, "build-cache", "eu"), ...resource.unknown() } }),
      ],
    }),
    fakeToken("old-disabled", { status: "disabled", condition: { "request.ip": { in: ["203.0.113.0/24"] } } as never }),
    ...Array.from({ length: 60 }, (_, i) => fakeToken(`bulk-${String(i).padStart(2, "0")}`, { policies: [fakePolicy({ resources: resource.user("u") })] })),
  ];
  const model = fakeCloudflare({
    accounts: [prod, staging],
    zones: [zone],
    userTokens,
    callers: [fakeUserCaller({ accounts: [prod.id, staging.id], tokenAccess: { [staging.id]: "forbidden" } })],
  });
  return { model, prod: prod.id, staging: staging.id, zone: zone.id };
}

async function start(t: { teardown(f: () => unknown): void }, model: FakeCloudflare): Promise<CloudflareFake> {
  const server = await startCloudflareFake(model);
  t.teardown(() => server.close());
  return server;
}

const run = (server: CloudflareFake, extra: { accounts?: string[] } = {}, token = SECRET): Promise<CloudflareSnapshot> =>
  collect({ token, apiUrl: server.url, ...extra }, { now: () => NOW });

t.test("tokens and what they reach, valid against the schema", async (t) => {
  const { model, prod, staging, zone } = acme();
  const server = await start(t, model);
  const doc = await run(server);
  t.same(snapshotProblems(doc), [], "valid against schemas/cloudflare-snapshot.schema.json");
  t.match(doc, { kind: "cloudflare-snapshot", schema_version: 1, generated_at: "2026-11-25T17:00:00Z", source: { base_url: server.url, api_version: API_VERSION } });
  t.match(doc.caller, { kind: "user", status: "active", account_id: null });
  t.same(doc.accounts?.map((a) => a.name).sort(), ["Acme Prod", "Acme Staging"]);
  t.match(doc.zones, [{ id: zone, name: "acme.example", account_id: prod }]);
  t.ok(doc.permission_groups?.some((g) => g.name === "DNS Write" && g.access === "write"));
  t.ok(doc.permission_groups?.some((g) => g.name === "Zone Read" && g.access === "read"));

  const userTokens = doc.tokens.filter((x) => x.owner.kind === "user");
  t.equal(userTokens.length, 62, "several pages of user tokens (50 a page) are all read");
  t.match(doc.coverage.find((c) => c.resource === "user/tokens"), { status: "ok", visibility: "own_tokens_only" });

  const broad = doc.tokens.find((x) => x.name === "wrangler-all-accounts")!;
  t.same(broad.summary, { max_access: "write", widest_resource: "all_accounts", has_deny_policy: true, ip_restricted: false, time_bounded: false });
  const workers = broad.policies.flatMap((p) => p.permission_groups).find((g) => g.id === group("Workers Scripts Write").id);
  t.match(workers, { name: "Workers Scripts Write", access: "write" }, "a nameless group is named from the catalogue");
  const scopes = broad.policies.flatMap((p) => p.resources.map((r) => r.scope)).sort();
  t.same(scopes, ["all_accounts", "r2_bucket", "unknown", "zones_in_account"]);
  t.same(doc.tokens.find((x) => x.name === "old-disabled")!.ip_condition, { in: ["203.0.113.0/24"], not_in: [] }, "the legacy request.ip spelling");

  const ci = doc.tokens.find((x) => x.name === "gha-dns-deploy")!;
  t.match(ci, {
    owner: { kind: "account", account_id: prod },
    expires_on: "2027-06-01T00:00:00Z",
    creator_email_at_creation: "ops@acme.example",
    ip_condition: { in: ["192.0.2.0/24"], not_in: ["192.0.2.1/32"] },
    summary: { max_access: "write", widest_resource: "zone", ip_restricted: true, time_bounded: true },
  });
  t.match(ci.policies[0]!.resources[0], { scope: "zone", zone_id: zone, zone_name: "acme.example" });
  t.match(doc.tokens.find((x) => x.name === "oauth-provisioned"), { provisioner: { type: "oauth", id: "client-123" } });

  t.match(doc.coverage.find((c) => c.resource === `accounts/${staging}/tokens`), {
    status: "forbidden",
    http_status: 403,
    cf_errors: [{ code: 9109 }],
  }, "a refused account is recorded and the run goes on");
  t.notOk(doc.tokens.some((x) => x.name === "staging-ci"));
  t.notOk(JSON.stringify(doc).includes(SECRET), "the token value is nowhere in the document");
  server.requests.assertNoWrites();
  server.requests.assertNoTokenValueRequests();
  t.ok(server.requests.entries.every((r) => r.headers.apiVersion === API_VERSION), "every request pins the API version");
});

t.test("an account token, and a chosen account", async (t) => {
  const prod = fakeAccount("Acme Prod", { tokens: [fakeToken("deploy")] });
  const other = fakeAccount("Other");
  const server = await start(t, fakeCloudflare({ accounts: [prod, other], callers: [fakeAccountCaller(prod)] }));
  const doc = await run(server);
  t.match(doc.caller, { kind: "account", account_id: prod.id });
  t.match(doc.coverage.find((c) => c.resource === "user/tokens"), { status: "not_applicable" });
  t.same(doc.tokens.map((x) => x.name), ["deploy"]);
  t.same(snapshotProblems(doc), []);
  const chosen = await run(server, { accounts: [prod.id, "0000000000000000000000000000dead"] });
  t.same(chosen.scope.accounts, ["0000000000000000000000000000dead", prod.id].sort());
  t.match(chosen.coverage.find((c) => c.resource === "accounts/0000000000000000000000000000dead"), { status: "not_found" });
});

t.test("429 with retry-after and 502 are retried", async (t) => {
  const { model, prod } = acme();
  const server = await start(t, model);
  server.faults.rateLimited("/user/tokens", { retryAfterMs: 10 });
  server.faults.serverError(`/accounts/${prod}/tokens`, { times: 1 });
  const doc = await run(server);
  t.equal(doc.stats.retries, 2);
  t.equal(doc.tokens.filter((x) => x.owner.kind === "user").length, 62);
  t.ok(doc.tokens.some((x) => x.name === "gha-dns-deploy"));
  t.same(server.faults.pending(), []);
});

t.test("an invalid token ends the run with what to check, without echoing it", async (t) => {
  const { model } = acme();
  const server = await start(t, model);
  const wrong = "cf-wrong-token-value";
  const error = await run(server, {}, wrong).catch((e: unknown) => e);
  t.ok(error instanceof FatalCloudflareError);
  t.match((error as Error).message, /Cloudflare rejected the token .*check that CLOUDFLARE_API_TOKEN holds an active API token/);
  t.notOk((error as Error).message.includes(wrong));
});
