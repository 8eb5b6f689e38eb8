/**
 * `schemas/cloudflare-snapshot.schema.json`: it compiles under ajv's strict mode (as the
 * adapter and the gate load it), the example documents validate, documents with the
 * adapter bugs it exists to catch are rejected at the right JSON pointer, every
 * property it declares is described for policy authors, and each token's `summary`
 * is pinned to the facts it is derived from.
 *
 * Reads the schema file directly (not through @regolith/snapshot-cloudflare), so it
 * runs without a build.
 */
import t from "tap";
import {
  at,
  checkBroken,
  compileSchema,
  countProperties,
  CREDENTIAL_SHAPED,
  describeErrors,
  isObject,
  loadExample,
  loadSchema,
  openObjects,
  readSchemaText,
  related,
  remove,
  set,
  undescribed,
  type Broken,
  type Json,
  type JsonObject,
} from "../_lib/schema-harness.js";

const schema = loadSchema("cloudflare-snapshot");
const validate = compileSchema(schema);

type Example = "acme" | "minimal";
const EXAMPLES: readonly Example[] = ["acme", "minimal"];

function example(name: Example): JsonObject {
  return loadExample("cloudflare-snapshot", name);
}

t.test("the schema is a 2020-12 document with a stable $id", async (t) => {
  t.equal(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  t.equal(schema["$id"], "https://regolith.dev/schemas/cloudflare-snapshot/v1.json");
  t.ok(validate, "compiles with ajv strict: true");
});

t.test("the examples validate", async (t) => {
  for (const name of EXAMPLES) {
    const ok = validate(example(name));
    t.ok(ok, `cloudflare-snapshot.${name}.json`, { problems: describeErrors(validate.errors) });
  }
});

// Tokens of the acme example, by position (user-owned first, then account-owned).
const WRANGLER = "/tokens/0"; // user, Workers Scripts Write and Account API Tokens Write on all accounts, no IP filter, no expiry
const OLD_CLI = "/tokens/1"; // user, disabled
const AUDIT = "/tokens/2"; // user, the caller: read-only, IP-restricted, expiring
const GHA = "/tokens/3"; // account, DNS Write on one zone, IP condition, expiry
const TERRAFORM = "/tokens/4"; // account, nested account → all zones
const PURGE = "/tokens/5"; // account, allow on all zones, deny on one
const ACCOUNT_A = "9f1a2b3c4d5e6f708192a3b4c5d6e7f8";

const broken: readonly Broken<Example>[] = [
  {
    name: "a missing required token field",
    doc: "acme",
    change: (d) => remove(d, `${WRANGLER}/last_used_on`),
    pointer: WRANGLER,
    keyword: "required",
  },
  {
    name: "a missing required top-level field",
    doc: "minimal",
    change: (d) => remove(d, "/coverage"),
    pointer: "",
    keyword: "required",
  },
  {
    name: "an extra property (a token value next to a token)",
    doc: "acme",
    change: (d) => set(d, `${GHA}/value`, "not-a-real-value"),
    pointer: GHA,
    keyword: "additionalProperties",
  },
  {
    name: "an extra top-level property",
    doc: "minimal",
    change: (d) => set(d, "/rate_limit", { remaining: 1199 }),
    pointer: "",
    keyword: "additionalProperties",
  },
  {
    name: "a wrong kind",
    doc: "minimal",
    change: (d) => set(d, "/kind", "github-snapshot"),
    pointer: "/kind",
    keyword: "const",
  },
  {
    name: "a wrong coverage status",
    doc: "acme",
    change: (d) => set(d, "/coverage/1/status", "denied"),
    pointer: "/coverage/1/status",
    keyword: "enum",
  },
  {
    name: "a wrong access class in the catalogue",
    doc: "acme",
    change: (d) => set(d, "/permission_groups/0/access", "admin"),
    pointer: "/permission_groups/0/access",
    keyword: "enum",
  },
  {
    name: "a bad date",
    doc: "acme",
    change: (d) => set(d, "/generated_at", "2026-11-25 17:00"),
    pointer: "/generated_at",
    keyword: "format",
  },
  {
    name: "a bad timestamp inside a token",
    doc: "acme",
    change: (d) => set(d, `${GHA}/expires_on`, "next year"),
    pointer: `${GHA}/expires_on`,
    keyword: "format",
  },
  {
    name: "a negative count",
    doc: "minimal",
    change: (d) => set(d, "/stats/requests", -1),
    pointer: "/stats/requests",
    keyword: "minimum",
  },
  {
    name: "a token id that is not a 32-hex id (a name in its place)",
    doc: "acme",
    change: (d) => set(d, `${GHA}/id`, "gha-dns-deploy"),
    pointer: `${GHA}/id`,
    keyword: "pattern",
  },
  {
    name: "an uppercase id",
    doc: "acme",
    change: (d) => set(d, "/accounts/0/id", ACCOUNT_A.toUpperCase()),
    pointer: "/accounts/0/id",
    keyword: "pattern",
  },
  {
    name: "null where a list is never null (tokens)",
    doc: "minimal",
    change: (d) => set(d, "/tokens", null),
    pointer: "/tokens",
    keyword: "type",
  },
  {
    name: "a coverage resource that is not a Cloudflare API path",
    doc: "acme",
    change: (d) => set(d, "/coverage/0/resource", "repo:acme/app/graphql"),
    pointer: "/coverage/0/resource",
    keyword: "pattern",
  },
  {
    name: "a visibility on a failed read",
    doc: "acme",
    change: (d) => set(d, "/coverage/1/visibility", "all"),
    pointer: "/coverage/1/status",
    keyword: "const",
  },
  {
    name: "the user token list claiming to show every token",
    doc: "acme",
    change: (d) => set(d, "/coverage/2/visibility", "all"),
    pointer: "/coverage/2/visibility",
    keyword: "const",
  },
  {
    name: "a user-owned token with an owning account",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/owner/account_id`, ACCOUNT_A),
    pointer: `${WRANGLER}/owner/account_id`,
    keyword: "false schema",
  },
  {
    name: "an account-owned token without its account",
    doc: "acme",
    change: (d) => remove(d, `${GHA}/owner/account_id`),
    pointer: `${GHA}/owner`,
    keyword: "required",
  },
  {
    name: "an account-owned caller without its account",
    doc: "minimal",
    change: (d) => set(d, "/caller/account_id", null),
    pointer: "/caller/account_id",
    keyword: "type",
  },
  {
    name: "a user caller with an account",
    doc: "acme",
    change: (d) => set(d, "/caller/account_id", ACCOUNT_A),
    pointer: "/caller/account_id",
    keyword: "type",
  },
  {
    name: "a zone resource without its zone",
    doc: "acme",
    change: (d) => {
      set(d, `${GHA}/policies/0/resources/0/zone_id`, null);
      set(d, `${GHA}/policies/0/resources/0/zone_name`, null);
    },
    pointer: `${GHA}/policies/0/resources/0/zone_id`,
    keyword: "type",
  },
  {
    name: "an all-accounts resource naming an account",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/policies/0/resources/0/account_id`, ACCOUNT_A),
    pointer: `${WRANGLER}/policies/0/resources/0/account_id`,
    keyword: "type",
  },
  {
    name: "a resource name without its id",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/policies/0/resources/0/account_name`, "Acme Prod"),
    pointer: `${WRANGLER}/policies/0/resources/0/account_name`,
    keyword: "type",
  },
  {
    name: "a nested all-zones resource without its nested map",
    doc: "acme",
    change: (d) => set(d, `${TERRAFORM}/policies/0/resources/0/value`, "*"),
    pointer: `${TERRAFORM}/policies/0/resources/0/value`,
    keyword: "type",
  },
  {
    name: "a nested resource map with a non-string value",
    doc: "acme",
    change: (d) => set(d, `${TERRAFORM}/policies/0/resources/0/value/com.cloudflare.api.account.zone.*`, 1),
    pointer: `${TERRAFORM}/policies/0/resources/0/value`,
    keyword: "anyOf",
  },
  {
    name: "ip_restricted without an allow-list",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/summary/ip_restricted`, true),
    pointer: `${WRANGLER}/summary/ip_restricted`,
    keyword: "const",
  },
  {
    name: "an IP allow-list the summary does not report",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/ip_condition/in`, ["192.0.2.0/24"]),
    pointer: `${WRANGLER}/summary/ip_restricted`,
    keyword: "const",
  },
  {
    name: "time_bounded without an expiry",
    doc: "acme",
    change: (d) => set(d, `${OLD_CLI}/summary/time_bounded`, true),
    pointer: `${OLD_CLI}/summary/time_bounded`,
    keyword: "const",
  },
  {
    name: "a deny policy the summary does not report",
    doc: "acme",
    change: (d) => set(d, `${PURGE}/summary/has_deny_policy`, false),
    pointer: `${PURGE}/summary/has_deny_policy`,
    keyword: "const",
  },
  {
    name: "max_access below a granted write group",
    doc: "acme",
    change: (d) => set(d, `${GHA}/summary/max_access`, "read"),
    pointer: `${GHA}/summary/max_access`,
    keyword: "const",
  },
  {
    name: "max_access above what a read-only token grants",
    doc: "acme",
    change: (d) => set(d, `${AUDIT}/summary/max_access`, "write"),
    pointer: `${AUDIT}/summary/max_access`,
    keyword: "const",
  },
  {
    name: "widest_resource taken from a deny policy",
    doc: "acme",
    change: (d) => set(d, `${PURGE}/summary/widest_resource`, "zone"),
    pointer: `${PURGE}/summary/widest_resource`,
    keyword: "const",
  },
  {
    name: "widest_resource narrower than an all-accounts grant",
    doc: "acme",
    change: (d) => set(d, `${WRANGLER}/summary/widest_resource`, "account"),
    pointer: `${WRANGLER}/summary/widest_resource`,
    keyword: "const",
  },
];

t.test("broken documents are rejected at the expected pointer", async (t) => {
  checkBroken(t, validate, example, broken);
});

t.test("each token's summary is pinned to the facts it derives from", async (t) => {
  // Any other value of any summary field is rejected, exactly there: the schema
  // states the whole derivation, so a drifting adapter cannot pass.
  const alternatives: Readonly<Record<string, readonly Json[]>> = {
    max_access: ["read", "write", "other", "none"],
    widest_resource: ["zone", "zones_in_account", "account", "all_zones", "all_accounts", "user", "r2_bucket", "unknown", "none"],
    has_deny_policy: [true, false],
    ip_restricted: [true, false],
    time_bounded: [true, false],
  };
  const tokens = at(example("acme"), "/tokens");
  if (!Array.isArray(tokens)) throw new Error("no tokens");
  let checked = 0;
  tokens.forEach((_, i) => {
    for (const [field, values] of Object.entries(alternatives)) {
      const pointer = `/tokens/${i}/summary/${field}`;
      for (const value of values) {
        const doc = example("acme");
        if (at(doc, pointer) === value) continue;
        set(doc, pointer, value);
        const ok = validate(doc);
        const errors = validate.errors ?? [];
        checked++;
        if (ok || !errors.some((e) => e.instancePath === pointer && e.keyword === "const") || errors.some((e) => !related(e.instancePath, pointer))) {
          t.fail(`${pointer} = ${JSON.stringify(value)} is not rejected there`, { errors: describeErrors(errors) });
        }
      }
    }
  });
  const expected = tokens.length * Object.values(alternatives).reduce((n, values) => n + values.length - 1, 0);
  t.equal(checked, expected, `every other value of every summary field tried (${checked})`);
});

t.test("summary rules: other access, outside-chain scopes, and tokens without grants", async (t) => {
  // Variants of the acme CI token that exercise the branches the example does not.
  const variant = (change: (token: JsonObject) => void): JsonObject => {
    const doc = example("acme");
    const token = at(doc, GHA);
    if (!isObject(token)) throw new Error("no token");
    change(token);
    return doc;
  };
  const other = variant((tok) => {
    set(tok, "/policies/0/permission_groups/0", { id: "7f9ab1d4e6a85203b5f7a9d1e3f5c7a9", name: "Magic Network Monitoring Admin", access: "other" });
    set(tok, "/summary/max_access", "other");
  });
  t.ok(validate(other), "an `other` group gives max_access other", { errors: describeErrors(validate.errors) });

  const unknownOnly = variant((tok) => {
    set(tok, "/policies/0/resources/0", {
      scope: "unknown",
      account_id: null,
      account_name: null,
      zone_id: null,
      zone_name: null,
      user_id: null,
      bucket: null,
      jurisdiction: null,
      key: "com.cloudflare.api.future.thing",
      value: "*",
    });
    set(tok, "/summary/widest_resource", "unknown");
  });
  t.ok(validate(unknownOnly), "an unknown key alone gives widest_resource unknown", { errors: describeErrors(validate.errors) });

  const unknownAndZone = variant((tok) => {
    const resources = at(tok, "/policies/0/resources");
    if (!Array.isArray(resources)) throw new Error("no resources");
    resources.push({
      scope: "unknown",
      account_id: ACCOUNT_A,
      account_name: "Acme Prod",
      zone_id: null,
      zone_name: null,
      user_id: null,
      bucket: null,
      jurisdiction: null,
      key: `com.cloudflare.api.account.${ACCOUNT_A}`,
      value: { "com.cloudflare.api.account.future.*": "*" },
    });
  });
  t.ok(validate(unknownAndZone), "a chain scope wins over an unknown key (widest_resource stays zone)", { errors: describeErrors(validate.errors) });

  const noPolicies = variant((tok) => {
    set(tok, "/policies", []);
    set(tok, "/summary/max_access", "none");
    set(tok, "/summary/widest_resource", "none");
  });
  t.ok(validate(noPolicies), "a token without policies has max_access and widest_resource none", { errors: describeErrors(validate.errors) });

  const denyOnly = variant((tok) => {
    set(tok, "/policies/0/effect", "deny");
    set(tok, "/summary/max_access", "none");
    set(tok, "/summary/widest_resource", "none");
    set(tok, "/summary/has_deny_policy", true);
  });
  t.ok(validate(denyOnly), "deny policies grant nothing", { errors: describeErrors(validate.errors) });
});

t.test("every property at every level is described", async (t) => {
  t.same(undescribed(schema), [], "no undescribed property");
  const count = countProperties(schema);
  t.ok(count > 80, `the walk saw the schema's properties (${count})`);
});

t.test("every object with known keys is closed, and lists what it requires", async (t) => {
  t.same(openObjects(schema), []);
});

/** Conventions the schema cannot state: sort orders, null + coverage, names that agree with ids. */
t.test("the examples follow the document's conventions", async (t) => {
  const sorted = (values: readonly string[]): boolean => values.every((v, i) => i === 0 || values[i - 1]! <= v);
  const strings = (doc: Json, pointer: string, field: string): string[] => {
    const list = at(doc, pointer);
    return Array.isArray(list) ? list.map((x) => (isObject(x) ? String(x[field]) : "")) : [];
  };
  for (const name of EXAMPLES) {
    const doc = example(name);
    t.ok(sorted(strings(doc, "/coverage", "resource")), `${name}: coverage sorted by resource`);
    for (const list of ["accounts", "zones", "permission_groups"]) {
      t.ok(sorted(strings(doc, `/${list}`, "id")), `${name}: ${list} sorted by id`);
    }
    const tokens = at(doc, "/tokens") as JsonObject[];
    const ownerKey = (tok: JsonObject): string => {
      const owner = tok["owner"] as JsonObject;
      return owner["kind"] === "user" ? "0:user" : `1:${String(owner["account_id"])}`;
    };
    t.ok(sorted(tokens.map((tok) => `${ownerKey(tok)}/${String(tok["id"])}`)), `${name}: tokens sorted by owner, then id`);

    const coverage = at(doc, "/coverage") as JsonObject[];
    const resources = coverage.map((c) => String(c["resource"]));
    if (at(doc, "/permission_groups") === null) {
      t.ok(resources.some((r) => r.endsWith("tokens/permission_groups")), `${name}: null permission_groups has a coverage entry`);
    }
    const caller = at(doc, "/caller") as JsonObject;
    const userList = coverage.find((c) => c["resource"] === "user/tokens");
    t.equal(userList?.["status"], caller["kind"] === "user" ? "ok" : "not_applicable", `${name}: user/tokens read exactly for a user caller`);

    const groups = at(doc, "/permission_groups");
    const catalogue = new Map(Array.isArray(groups) ? groups.map((g) => [String((g as JsonObject)["id"]), g as JsonObject]) : []);
    const accounts = new Map(((at(doc, "/accounts") ?? []) as JsonObject[]).map((a) => [String(a["id"]), a["name"]]));
    const zones = new Map(((at(doc, "/zones") ?? []) as JsonObject[]).map((z) => [String(z["id"]), z["name"]]));
    for (const tok of tokens) {
      for (const policy of tok["policies"] as JsonObject[]) {
        for (const group of policy["permission_groups"] as JsonObject[]) {
          const known = catalogue.get(String(group["id"]));
          if (known) t.same([group["name"], group["access"]], [known["name"], known["access"]], `${name}: ${String(tok["name"])}: group ${String(group["name"])} agrees with the catalogue`);
        }
        for (const r of policy["resources"] as JsonObject[]) {
          if (typeof r["account_id"] === "string") t.equal(r["account_name"], accounts.get(r["account_id"]) ?? null, `${name}: ${String(tok["name"])}: account name`);
          if (typeof r["zone_id"] === "string") t.equal(r["zone_name"], zones.get(r["zone_id"]) ?? null, `${name}: ${String(tok["name"])}: zone name`);
        }
      }
    }
    const callerToken = tokens.find((tok) => tok["id"] === caller["token_id"]);
    if (callerToken) t.equal(callerToken["expires_on"], caller["expires_on"], `${name}: the caller's token agrees with caller.expires_on`);
  }
});

t.test("the examples hold no credential-shaped text", async (t) => {
  for (const name of EXAMPLES) {
    const text = readSchemaText(`examples/cloudflare-snapshot.${name}.json`);
    t.notOk(CREDENTIAL_SHAPED.test(text), `cloudflare-snapshot.${name}.json`);
  }
});
