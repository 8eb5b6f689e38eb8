/** Cloudflare token facts: resource keys parsed into scopes, read/write classification, summaries. */
import t from "tap";
import { accessOf, parseResources, tokenFact, widestScope, type Names } from "@regolith/snapshot-cloudflare";

const ACC = "9f1a2b3c4d5e6f708192a3b4c5d6e7f8";
const ZONE = "eb78d65290b24279ba6f44721b3ea3c4";
const names: Names = { accounts: new Map([[ACC, "Acme Prod"]]), zones: new Map([[ZONE, "acme.example"]]) };

t.test("every resource key form", async (t) => {
  const parsed = parseResources(
    {
      [`com.cloudflare.api.account.zone.${ZONE}`]: "*",
      "com.cloudflare.api.account.zone.*": "*",
      [`com.cloudflare.api.account.${ACC}`]: "*",
      "com.cloudflare.api.account.*": "*",
      "com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a": "*",
      [`com.cloudflare.edge.r2.bucket.${ACC}_eu_build-cache`]: "*",
      "com.cloudflare.api.something.new": "*",
    },
    names,
  );
  const byKey = new Map(parsed.map((r) => [r.key, r]));
  t.match(byKey.get(`com.cloudflare.api.account.zone.${ZONE}`), { scope: "zone", zone_id: ZONE, zone_name: "acme.example", account_id: null });
  t.match(byKey.get("com.cloudflare.api.account.zone.*"), { scope: "all_zones" });
  t.match(byKey.get(`com.cloudflare.api.account.${ACC}`), { scope: "account", account_id: ACC, account_name: "Acme Prod" });
  t.match(byKey.get("com.cloudflare.api.account.*"), { scope: "all_accounts" });
  t.match(byKey.get("com.cloudflare.api.user.7c5dae5552338874e5053f2534d2767a"), { scope: "user", user_id: "7c5dae5552338874e5053f2534d2767a" });
  t.match(byKey.get(`com.cloudflare.edge.r2.bucket.${ACC}_eu_build-cache`), { scope: "r2_bucket", account_id: ACC, jurisdiction: "eu", bucket: "build-cache" });
  t.match(byKey.get("com.cloudflare.api.something.new"), { scope: "unknown", value: "*" }, "an unrecognized key is kept, not dropped");
});

t.test("nested account-to-zone maps", async (t) => {
  const parsed = parseResources({ [`com.cloudflare.api.account.${ACC}`]: { "com.cloudflare.api.account.zone.*": "*", [`com.cloudflare.api.account.zone.${ZONE}`]: "*" } }, names);
  t.same(
    parsed.map((r) => [r.scope, r.account_id, r.zone_id]),
    [
      ["zones_in_account", ACC, null],
      ["zone", ACC, ZONE],
    ],
  );
  t.same(parsed[0]!.value, { "com.cloudflare.api.account.zone.*": "*" });
});

t.test("read, write and other", async (t) => {
  t.equal(accessOf("Zone Read"), "read");
  t.equal(accessOf("DNS Write"), "write");
  t.equal(accessOf("Workers Scripts Edit"), "write");
  t.equal(accessOf("Cache Purge"), "write", "an override: purging changes state");
  t.equal(accessOf("Zone Token Revoke"), "write");
  t.equal(accessOf("Load Balancing: Monitors and Pools Read"), "read");
  t.equal(accessOf("Something Odd"), "other");
  t.equal(accessOf(null), "other");
});

t.test("widest scope", async (t) => {
  t.equal(widestScope(["zone", "all_accounts", "account"]), "all_accounts");
  t.equal(widestScope(["zones_in_account", "zone"]), "zones_in_account");
  t.equal(widestScope(["user", "zone"]), "zone", "the zone/account chain wins over users and buckets");
  t.equal(widestScope(["r2_bucket", "unknown"]), "unknown");
  t.equal(widestScope([]), "none");
});

t.test("a token's facts and summary", async (t) => {
  const token = tokenFact(
    {
      id: "0b5e1f2a3c4d4e5f8a9b0c1d2e3f4a5b",
      name: "wrangler",
      status: "active",
      issued_on: "2023-04-01T00:00:00Z",
      "request.ip": { in: ["192.0.2.0/24"], not_in: [] },
      policies: [
        { id: "b", effect: "deny", permission_groups: [{ id: "g2" }], resources: { [`com.cloudflare.api.account.zone.${ZONE}`]: "*" } },
        { id: "a", effect: "allow", permission_groups: [{ id: "g1" }, { id: "g2", name: "DNS Write" }], resources: { "com.cloudflare.api.account.*": "*" } },
      ],
    },
    { kind: "user", user_id: null },
    new Map([["g1", "Zone Read"]]),
    names,
  );
  t.same(token.ip_condition, { in: ["192.0.2.0/24"], not_in: [] }, "the legacy request.ip spelling is read");
  t.same(token.policies.map((p) => p.id), ["a", "b"]);
  t.same(token.policies[0]!.permission_groups, [
    { id: "g1", name: "Zone Read", access: "read" },
    { id: "g2", name: "DNS Write", access: "write" },
  ], "names come from the catalogue when the policy omits them");
  t.same(token.summary, { max_access: "write", widest_resource: "all_accounts", has_deny_policy: true, ip_restricted: true, time_bounded: false });
  t.equal(token.expires_on, null);
  t.equal(token.provisioner, null);
});
