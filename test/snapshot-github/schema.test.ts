/**
 * `schemas/github-snapshot.schema.json`: it compiles under ajv's strict mode (as the
 * adapter and the gate load it), the example documents validate, documents with the
 * adapter bugs it exists to catch are rejected at the right JSON pointer, and every
 * property it declares is described for policy authors.
 *
 * Reads the schema file directly (not through @regolith/snapshot-github), so it runs
 * without a build.
 */
import t from "tap";
import {
  at,
  checkBroken,
  compileSchema,
  countProperties,
  CREDENTIAL_SHAPED,
  describeErrors,
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

const schema = loadSchema("github-snapshot");
const validate = compileSchema(schema);

type Example = "acme" | "minimal";

function example(name: Example): JsonObject {
  return loadExample("github-snapshot", name);
}

t.test("the schema is a 2020-12 document with a stable $id", async (t) => {
  t.equal(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  t.equal(schema["$id"], "https://regolith.dev/schemas/github-snapshot/v1.json");
  t.ok(validate, "compiles with ajv strict: true");
});

t.test("the examples validate", async (t) => {
  for (const name of ["acme", "minimal"] as const) {
    const ok = validate(example(name));
    t.ok(ok, `github-snapshot.${name}.json`, { problems: describeErrors(validate.errors) });
  }
});

const JOB_REPORT = "/repositories/1/workflows/0/jobs/1";
const JOB_CI = "/repositories/0/workflows/0/jobs/0";

const broken: readonly Broken<Example>[] = [
  {
    name: "a missing required field",
    doc: "acme",
    change: (d) => remove(d, "/repositories/0/actions/default_workflow_permissions"),
    pointer: "/repositories/0/actions",
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
    name: "an extra property (a secret value next to an org secret)",
    doc: "acme",
    change: (d) => set(d, "/org/secrets/0/value", "not-a-real-value"),
    pointer: "/org/secrets/0",
    keyword: "additionalProperties",
  },
  {
    name: "an extra top-level property",
    doc: "minimal",
    change: (d) => set(d, "/rate_limit", { rest_requests: 7 }),
    pointer: "",
    keyword: "additionalProperties",
  },
  {
    name: "a wrong enum value",
    doc: "acme",
    change: (d) => set(d, "/repositories/2/visibility", "secret"),
    pointer: "/repositories/2/visibility",
    keyword: "enum",
  },
  {
    name: "a wrong coverage status",
    doc: "acme",
    change: (d) => set(d, "/coverage/3/status", "denied"),
    pointer: "/coverage/3/status",
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
    name: "a bad timestamp deep inside",
    doc: "acme",
    change: (d) => set(d, "/repositories/0/environments/0/secrets", [{ name: "X", created_at: "yesterday", updated_at: "2026-11-01T00:00:00Z" }]),
    pointer: "/repositories/0/environments/0/secrets/0/created_at",
    keyword: "format",
  },
  {
    name: "a wrong kind",
    doc: "minimal",
    change: (d) => set(d, "/kind", "cloudflare-snapshot"),
    pointer: "/kind",
    keyword: "const",
  },
  {
    name: "a negative count",
    doc: "minimal",
    change: (d) => set(d, "/stats/retries", -1),
    pointer: "/stats/retries",
    keyword: "minimum",
  },
  {
    name: "null where a fact is always present",
    doc: "acme",
    change: (d) => set(d, "/repositories/0/actions", null),
    pointer: "/repositories/0/actions",
    keyword: "type",
  },
  {
    name: "a malformed redaction marker",
    doc: "acme",
    change: (d) => set(d, "/repositories/0/variables/1/value", { redacted: false, looks_like: "openai_api_key" }),
    pointer: "/repositories/0/variables/1/value/redacted",
    keyword: "const",
  },
  {
    name: "a dynamic secret reference with a name",
    doc: "acme",
    change: (d) => set(d, `${JOB_REPORT}/secret_refs/0/name`, "OPENAI_API_KEY"),
    pointer: `${JOB_REPORT}/secret_refs/0/name`,
    keyword: "type",
  },
  {
    name: "permissions from the default with effective permissions",
    doc: "acme",
    change: (d) => set(d, `${JOB_CI}/effective_permissions`, "read-all"),
    pointer: `${JOB_CI}/effective_permissions`,
    keyword: "type",
  },
  {
    name: "a run step with a pinned_sha verdict",
    doc: "acme",
    change: (d) => set(d, `${JOB_CI}/steps/2/pinned_sha`, false),
    pointer: `${JOB_CI}/steps/2/pinned_sha`,
    keyword: "type",
  },
  {
    name: "fork pull-request private-repo settings on a public repository",
    doc: "acme",
    change: (d) => set(d, "/repositories/2/actions/fork_pr_workflows_private_repos", at(d, "/repositories/0/actions/fork_pr_workflows_private_repos")),
    pointer: "/repositories/2/actions/fork_pr_workflows_private_repos",
    keyword: "type",
  },
  {
    name: "selected repositories on an org secret visible to all",
    doc: "acme",
    change: (d) => set(d, "/org/secrets/1/selected_repositories", []),
    pointer: "/org/secrets/1/selected_repositories",
    keyword: "type",
  },
  {
    name: "a use_default repository whose effective template is not the default",
    doc: "acme",
    change: (d) => set(d, "/repositories/0/actions/oidc/effective_sub_template", ["repo"]),
    pointer: "/repositories/0/actions/oidc/effective_sub_template",
    keyword: "const",
  },
  {
    name: "a workflow with a parse error and jobs",
    doc: "acme",
    change: (d) => set(d, "/repositories/1/workflows/1/jobs", at(d, "/repositories/1/workflows/0/jobs")),
    pointer: "/repositories/1/workflows/1/jobs",
    keyword: "maxItems",
  },
];

t.test("broken documents are rejected at the expected pointer", async (t) => {
  checkBroken(t, validate, example, broken);
});

t.test("every property at every level is described", async (t) => {
  t.same(undescribed(schema), [], "no undescribed property");
  const count = countProperties(schema);
  t.ok(count > 150, `the walk saw the schema's properties (${count})`);
});

t.test("every object with known keys is closed, and lists what it requires", async (t) => {
  t.same(openObjects(schema), []);
});

t.test("the examples hold no credential-shaped text outside redaction markers", async (t) => {
  for (const name of ["acme", "minimal"] as const) {
    const text = readSchemaText(`examples/github-snapshot.${name}.json`);
    t.notOk(CREDENTIAL_SHAPED.test(text), `github-snapshot.${name}.json`);
  }
});
