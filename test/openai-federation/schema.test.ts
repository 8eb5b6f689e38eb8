/**
 * `schemas/openai-federation.schema.json`, the user-declared OpenAI workload identity
 * federation document: it compiles under ajv's strict mode (as the gate loads it), the
 * example validates and agrees with the github-snapshot example it is meant to be read
 * with, mistakes a user is likely to make are rejected at the right JSON pointer, and
 * every property is described for the people who write the file and the policies that
 * read it.
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
  remove,
  set,
  undescribed,
  type Broken,
  type JsonObject,
} from "../_lib/schema-harness.js";

const schema = loadSchema("openai-federation");
const validate = compileSchema(schema);

type Example = "acme";

function example(name: Example): JsonObject {
  return loadExample("openai-federation", name);
}

t.test("the schema is a 2020-12 document with a stable $id", async (t) => {
  t.equal(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  t.equal(schema["$id"], "https://regolith.dev/schemas/openai-federation/v1.json");
  t.ok(validate, "compiles with ajv strict: true");
});

t.test("the example validates", async (t) => {
  t.ok(validate(example("acme")), "openai-federation.acme.json", { problems: describeErrors(validate.errors) });
});

t.test("optional parts may be left out", async (t) => {
  const doc = example("acme");
  // GOV-001 reports a document without an owner, so the schema must accept one.
  remove(doc, "/owner");
  remove(doc, "/description");
  remove(doc, "/providers/0/description");
  remove(doc, "/providers/0/created_at");
  remove(doc, "/providers/0/updated_at");
  remove(doc, "/providers/0/federation_rules/0/description");
  remove(doc, "/providers/0/federation_rules/0/created_at");
  remove(doc, "/providers/0/federation_rules/0/updated_at");
  remove(doc, "/expected_consumers/0/repository_id");
  remove(doc, "/expected_consumers/0/federation_rule_id");
  remove(doc, "/expected_consumers/0/description");
  t.ok(validate(doc), "without owner, descriptions, dates and optional links", { problems: describeErrors(validate.errors) });

  const empty = example("acme");
  set(empty, "/providers", []);
  set(empty, "/expected_consumers", []);
  t.ok(validate(empty), "an organization that trusts no provider", { problems: describeErrors(validate.errors) });
});

t.test("matcher values may be strings, booleans or numbers", async (t) => {
  const doc = example("acme");
  set(doc, "/providers/0/federation_rules/0/attribute_matchers", { repository_id: 987654321, ref_protected: true, ref: "refs/heads/main" });
  t.ok(validate(doc), "number, boolean and string", { problems: describeErrors(validate.errors) });
});

t.test("uploaded keys instead of discovery", async (t) => {
  const doc = example("acme");
  set(doc, "/providers/0/verification", {
    type: "uploaded_jwks",
    jwks: { keys: [{ kty: "RSA", kid: "fake-key-1", alg: "RS256", use: "sig", n: "0vx7agoebGcQSuuPiLJXZptN", e: "AQAB" }] },
  });
  t.ok(validate(doc), "uploaded_jwks with a key set", { problems: describeErrors(validate.errors) });
});

const RULE = "/providers/0/federation_rules/0"; // restricted, production
const STAGING = "/providers/0/federation_rules/1"; // service_account_default, pinned to refs/heads/staging
const CONSUMER = "/expected_consumers/0";

const broken: readonly Broken<Example>[] = [
  {
    name: "a provider without its audience",
    doc: "acme",
    change: (d) => remove(d, "/providers/0/audience"),
    pointer: "/providers/0",
    keyword: "required",
  },
  {
    name: "a missing required top-level field",
    doc: "acme",
    change: (d) => remove(d, "/expected_consumers"),
    pointer: "",
    keyword: "required",
  },
  {
    name: "an extra property (a key next to a rule)",
    doc: "acme",
    change: (d) => set(d, `${RULE}/api_key`, "not-a-real-value"),
    pointer: RULE,
    keyword: "additionalProperties",
  },
  {
    name: "an extra top-level property",
    doc: "acme",
    change: (d) => set(d, "/generated_at", "2026-11-25T17:00:00Z"),
    pointer: "",
    keyword: "additionalProperties",
  },
  {
    name: "a wrong kind",
    doc: "acme",
    change: (d) => set(d, "/kind", "cloudflare-snapshot"),
    pointer: "/kind",
    keyword: "const",
  },
  {
    name: "a source other than declared",
    doc: "acme",
    change: (d) => set(d, "/source", "admin_api"),
    pointer: "/source",
    keyword: "const",
  },
  {
    name: "a bad declared_at",
    doc: "acme",
    change: (d) => set(d, "/declared_at", "2026-11-20"),
    pointer: "/declared_at",
    keyword: "format",
  },
  {
    name: "an organization name instead of its id",
    doc: "acme",
    change: (d) => set(d, "/organization_id", "acme"),
    pointer: "/organization_id",
    keyword: "pattern",
  },
  {
    name: "an issuer that is not a URL",
    doc: "acme",
    change: (d) => set(d, "/providers/0/issuer", "token.actions.githubusercontent.com"),
    pointer: "/providers/0/issuer",
    keyword: "format",
  },
  {
    name: "a provider type other than oidc",
    doc: "acme",
    change: (d) => set(d, "/providers/0/type", "saml"),
    pointer: "/providers/0/type",
    keyword: "const",
  },
  {
    name: "an enabled flag written as text",
    doc: "acme",
    change: (d) => set(d, `${RULE}/enabled`, "yes"),
    pointer: `${RULE}/enabled`,
    keyword: "type",
  },
  {
    name: "discovery with an uploaded key set",
    doc: "acme",
    change: (d) => set(d, "/providers/0/verification/jwks", { keys: [{ kty: "RSA" }] }),
    pointer: "/providers/0/verification/jwks",
    keyword: "false schema",
  },
  {
    name: "uploaded_jwks without the keys",
    doc: "acme",
    change: (d) => set(d, "/providers/0/verification", { type: "uploaded_jwks" }),
    pointer: "/providers/0/verification",
    keyword: "required",
  },
  {
    name: "more attribute transformations than OpenAI allows",
    doc: "acme",
    change: (d) => set(d, "/providers/0/attribute_transformations", Array.from({ length: 21 }, (_, i) => ({ attribute: `a${i}`, expression: "claims.sub" }))),
    pointer: "/providers/0/attribute_transformations",
    keyword: "maxItems",
  },
  {
    name: "a list of values as a matcher (exact match takes one value)",
    doc: "acme",
    change: (d) => set(d, `${RULE}/attribute_matchers/environment`, ["production", "staging"]),
    pointer: `${RULE}/attribute_matchers/environment`,
    keyword: "anyOf",
  },
  {
    name: "a null matcher value",
    doc: "acme",
    change: (d) => set(d, `${RULE}/attribute_matchers/environment`, null),
    pointer: `${RULE}/attribute_matchers/environment`,
    keyword: "anyOf",
  },
  {
    name: "restricted permissions without scopes",
    doc: "acme",
    change: (d) => remove(d, `${RULE}/permissions/scopes`),
    pointer: `${RULE}/permissions`,
    keyword: "required",
  },
  {
    name: "default permissions with scopes",
    doc: "acme",
    change: (d) => set(d, `${STAGING}/permissions/scopes`, ["api.model.request"]),
    pointer: `${STAGING}/permissions/scopes`,
    keyword: "false schema",
  },
  {
    name: "a service account id that is not one",
    doc: "acme",
    change: (d) => set(d, `${RULE}/service_account_id`, "deploy-bot"),
    pointer: `${RULE}/service_account_id`,
    keyword: "pattern",
  },
  {
    name: "a project name instead of its id",
    doc: "acme",
    change: (d) => set(d, `${RULE}/project_id`, "app"),
    pointer: `${RULE}/project_id`,
    keyword: "pattern",
  },
  {
    name: "an owner without a contact",
    doc: "acme",
    change: (d) => remove(d, "/owner/contact"),
    pointer: "/owner",
    keyword: "required",
  },
  {
    name: "an owner of an unknown kind",
    doc: "acme",
    change: (d) => set(d, "/owner/kind", "bot"),
    pointer: "/owner/kind",
    keyword: "enum",
  },
  {
    name: "a consumer repository without its owner",
    doc: "acme",
    change: (d) => set(d, `${CONSUMER}/repository`, "app"),
    pointer: `${CONSUMER}/repository`,
    keyword: "pattern",
  },
  {
    name: "a consumer workflow outside .github/workflows",
    doc: "acme",
    change: (d) => set(d, `${CONSUMER}/workflow`, "deploy.yml"),
    pointer: `${CONSUMER}/workflow`,
    keyword: "pattern",
  },
  {
    name: "a consumer that leaves its environment unsaid",
    doc: "acme",
    change: (d) => remove(d, `${CONSUMER}/environment`),
    pointer: CONSUMER,
    keyword: "required",
  },
  {
    name: "a consumer repository id written as text",
    doc: "acme",
    change: (d) => set(d, `${CONSUMER}/repository_id`, "987654321"),
    pointer: `${CONSUMER}/repository_id`,
    keyword: "type",
  },
];

t.test("broken documents are rejected at the expected pointer", async (t) => {
  checkBroken(t, validate, example, broken);
});

t.test("every property at every level is described", async (t) => {
  t.same(undescribed(schema), [], "no undescribed property");
  const count = countProperties(schema);
  t.ok(count > 40, `the walk saw the schema's properties (${count})`);
});

t.test("every object with known keys is closed, and lists what it requires", async (t) => {
  t.same(openObjects(schema), []);
});

/**
 * Links the schema cannot check (JSON Schema has no references between values): ids
 * are unique, consumers name a provider, rule and service account of the document,
 * and the consumer is the job of the github-snapshot example it is read with.
 */
t.test("the example's links hold, within it and to the github-snapshot example", async (t) => {
  const doc = example("acme");
  const providers = at(doc, "/providers") as JsonObject[];
  const rules = providers.flatMap((p) => (p["federation_rules"] as JsonObject[]).map((r) => ({ provider: p, rule: r })));
  const ids = [...providers.map((p) => p["id"]), ...rules.map(({ rule }) => rule["id"])];
  t.equal(new Set(ids).size, ids.length, "provider and rule ids are unique");

  const github = loadExample("github-snapshot", "acme");
  const repos = at(github, "/repositories") as JsonObject[];
  for (const consumer of at(doc, "/expected_consumers") as JsonObject[]) {
    const provider = providers.find((p) => p["id"] === consumer["provider_id"]);
    t.ok(provider, `${String(consumer["job"])}: names a provider of the document`);
    const match = rules.find(({ rule }) => rule["id"] === consumer["federation_rule_id"]);
    t.equal(match?.provider, provider, `${String(consumer["job"])}: its rule belongs to that provider`);
    t.equal(match?.rule["service_account_id"], consumer["service_account_id"], `${String(consumer["job"])}: and grants its service account`);

    const repo = repos.find((r) => r["full_name"] === consumer["repository"]);
    t.ok(repo, `${String(consumer["repository"])} is in the github-snapshot example`);
    if (!repo) continue;
    t.equal(repo["id"], consumer["repository_id"], "the repository id agrees");
    const workflow = (repo["workflows"] as JsonObject[]).find((w) => w["path"] === consumer["workflow"]);
    const job = ((workflow?.["jobs"] ?? []) as JsonObject[]).find((j) => j["id"] === consumer["job"]);
    t.ok(job, `${String(consumer["workflow"])} has job ${String(consumer["job"])}`);
    t.equal(job?.["environment"], consumer["environment"], "the job runs in the declared environment");
    t.equal(job?.["requests_id_token"], true, "the job can mint an OIDC token");

    const matchers = match?.rule["attribute_matchers"];
    if (isObject(matchers)) {
      t.equal(matchers["repository_id"], String(repo["id"]), "the rule pins the repository id, as GitHub's string claim");
      t.equal(matchers["repository_owner_id"], String(repo["owner_id"]), "and the owner id");
      t.equal(matchers["environment"], consumer["environment"], "and the environment");
    }
    const environment = (repo["environments"] as JsonObject[]).find((e) => e["name"] === consumer["environment"]);
    const variables = (environment?.["variables"] ?? []) as JsonObject[];
    t.equal(variables.find((v) => v["name"] === "OPENAI_SERVICE_ACCOUNT_ID")?.["value"], consumer["service_account_id"], "the environment's OPENAI_SERVICE_ACCOUNT_ID variable names the service account");
  }
});

t.test("the example holds no credential-shaped text", async (t) => {
  t.notOk(CREDENTIAL_SHAPED.test(readSchemaText("examples/openai-federation.acme.json")), "openai-federation.acme.json");
});
