/**
 * `schemas/github-snapshot.schema.json`: it compiles under ajv's strict mode (as the
 * adapter and the gate load it), the example documents validate, documents with the
 * adapter bugs it exists to catch are rejected at the right JSON pointer, and every
 * property it declares is described for policy authors.
 *
 * Reads the schema file directly (not through @regolith/snapshot-github), so it runs
 * without a build.
 */
import { readFileSync } from "node:fs";
import t from "tap";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";

const SCHEMAS = new URL("../../schemas/", import.meta.url);

function readJson(relative: string): unknown {
  return JSON.parse(readFileSync(new URL(relative, SCHEMAS), "utf8")) as unknown;
}

/** RFC 3339 date-time, as the adapter's validator registers `format: date-time`. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const schema = readJson("github-snapshot.schema.json") as JsonObject;

function compile(): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}

const validate = compile();

function example(name: "acme" | "minimal"): JsonObject {
  return readJson(`examples/github-snapshot.${name}.json`) as JsonObject;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a JSON pointer (RFC 6901) inside `doc`. */
function at(doc: Json, pointer: string): Json {
  let node: Json = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    const next: Json | undefined = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (next === undefined) throw new Error(`no value at ${pointer}`);
    node = next;
  }
  return node;
}

/** The parent container of a pointer's target, and the target's key in it. */
function parentOf(doc: Json, pointer: string): [JsonObject | Json[], string] {
  const cut = pointer.lastIndexOf("/");
  const parent = at(doc, pointer.slice(0, cut));
  if (!isObject(parent) && !Array.isArray(parent)) throw new Error(`${pointer} is not inside a container`);
  return [parent, pointer.slice(cut + 1)];
}

function set(doc: Json, pointer: string, value: Json): void {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent[Number(key)] = value;
  else parent[key] = value;
}

function remove(doc: Json, pointer: string): void {
  const [parent, key] = parentOf(doc, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

/** `a` is `b`, or an ancestor or descendant of it, as JSON pointers. */
function related(a: string, b: string): boolean {
  const within = (inner: string, outer: string): boolean => inner === outer || inner.startsWith(`${outer}/`) || outer === "";
  return within(a, b) || within(b, a);
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || "/"} ${e.keyword}: ${e.message ?? ""}`);
}

t.test("the schema is a 2020-12 document with a stable $id", async (t) => {
  t.equal(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  t.equal(schema["$id"], "https://regolith.dev/schemas/github-snapshot/v1.json");
  t.ok(validate, "compiles with ajv strict: true");
});

t.test("the examples validate", async (t) => {
  for (const name of ["acme", "minimal"] as const) {
    const ok = validate(example(name));
    t.ok(ok, `github-snapshot.${name}.json`, { problems: describe(validate.errors) });
  }
});

interface Broken {
  readonly name: string;
  readonly doc: "acme" | "minimal";
  readonly change: (doc: JsonObject) => void;
  /** The pointer and keyword of the error that must be reported. */
  readonly pointer: string;
  readonly keyword: string;
}

const JOB_REPORT = "/repositories/1/workflows/0/jobs/1";
const JOB_CI = "/repositories/0/workflows/0/jobs/0";

const broken: readonly Broken[] = [
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
  for (const b of broken) {
    const doc = example(b.doc);
    b.change(doc);
    const ok = validate(doc);
    const errors = validate.errors ?? [];
    t.notOk(ok, `${b.name}: rejected`);
    t.ok(
      errors.some((e) => e.instancePath === b.pointer && e.keyword === b.keyword),
      `${b.name}: ${b.keyword} at ${b.pointer || "/"}`,
      { errors: describe(errors) },
    );
    const stray = errors.filter((e) => !related(e.instancePath, b.pointer));
    t.same(describe(stray), [], `${b.name}: no error elsewhere`);
  }
});

/** Keywords whose values are subschemas (or maps or lists of them), for the walk below. */
const SUBSCHEMA_MAPS = ["properties", "$defs", "patternProperties"] as const;
const SUBSCHEMA_LISTS = ["anyOf", "allOf", "oneOf", "prefixItems"] as const;
const SUBSCHEMAS = ["items", "additionalProperties", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"] as const;
const CONDITIONALS = ["if", "then", "else", "not"] as const;

interface Problem {
  readonly path: string;
  readonly problem: string;
}

/**
 * Every declared property, at every level, has a description; every `$defs` entry
 * has a title and a description; a map's value schema (`additionalProperties`) is
 * described. Conditional subschemas (`if`/`then`/`else`/`not`) only restate
 * constraints, so they may only name properties that their object declares (and
 * describes) itself.
 */
function walk(node: Json, path: string, problems: Problem[], inherited: readonly string[] = []): void {
  if (!isObject(node)) return;
  const declared = [...inherited, ...(isObject(node["properties"]) ? Object.keys(node["properties"]) : [])];
  for (const keyword of SUBSCHEMA_MAPS) {
    const map = node[keyword];
    if (!isObject(map)) continue;
    for (const [name, sub] of Object.entries(map)) {
      const here = `${path}/${keyword}/${name}`;
      if (!isObject(sub)) {
        problems.push({ path: here, problem: "not a schema object" });
        continue;
      }
      const description = sub["description"];
      if (typeof description !== "string" || description.trim().length < 10) problems.push({ path: here, problem: "no description" });
      if (keyword === "$defs" && typeof sub["title"] !== "string") problems.push({ path: here, problem: "no title" });
      walk(sub, here, problems);
    }
  }
  for (const keyword of SUBSCHEMA_LISTS) {
    const list = node[keyword];
    // Branches of anyOf/allOf/oneOf apply to the same instance: they see its declared properties.
    const same = keyword === "prefixItems" ? [] : declared;
    if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, `${path}/${keyword}/${i}`, problems, same));
  }
  for (const keyword of SUBSCHEMAS) {
    const sub = node[keyword];
    if (!isObject(sub)) continue;
    if (keyword === "additionalProperties" && typeof sub["description"] !== "string") {
      problems.push({ path: `${path}/${keyword}`, problem: "map values without a description" });
    }
    walk(sub, `${path}/${keyword}`, problems);
  }
  for (const keyword of CONDITIONALS) {
    const sub = node[keyword];
    if (!isObject(sub)) continue;
    for (const name of isObject(sub["properties"]) ? Object.keys(sub["properties"]) : []) {
      if (!declared.includes(name)) problems.push({ path: `${path}/${keyword}/properties/${name}`, problem: "constrains a property its object does not declare" });
    }
  }
}

t.test("every property at every level is described", async (t) => {
  const problems: Problem[] = [];
  walk(schema, "#", problems);
  t.same(problems, [], "no undescribed property");
  let count = 0;
  const countProperties = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(countProperties);
    if (!isObject(node)) return;
    if (isObject(node["properties"])) count += Object.keys(node["properties"]).length;
    Object.values(node).forEach(countProperties);
  };
  countProperties(schema);
  t.ok(count > 150, `the walk saw the schema's properties (${count})`);
});

t.test("every object with known keys is closed, and lists what it requires", async (t) => {
  const open: string[] = [];
  const visit = (node: Json, path: string, conditional: boolean): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`, conditional));
    if (!isObject(node)) return;
    if (!conditional && isObject(node["properties"])) {
      if (node["additionalProperties"] !== false) open.push(`${path}: additionalProperties is not false`);
      const required = Array.isArray(node["required"]) ? node["required"] : [];
      for (const name of required) if (typeof name !== "string" || !(name in node["properties"])) open.push(`${path}: requires undeclared ${String(name)}`);
    }
    for (const [key, value] of Object.entries(node)) {
      visit(value, `${path}/${key}`, conditional || (CONDITIONALS as readonly string[]).includes(key));
    }
  };
  visit(schema, "#", false);
  t.same(open, []);
});

t.test("the examples hold no credential-shaped text outside redaction markers", async (t) => {
  // The prefixes the adapter's detectors look for; an example must never carry one.
  const credential = /(?<![A-Za-z0-9_-])(sk-|ghp_|gho_|ghu_|ghs_|ghr_|github_pat_|cfut_|cfat_|cfk_|AKIA|xox[abprs]-|npm_[A-Za-z0-9]{36})/;
  for (const name of ["acme", "minimal"] as const) {
    const text = readFileSync(new URL(`examples/github-snapshot.${name}.json`, SCHEMAS), "utf8");
    t.notOk(credential.test(text), `github-snapshot.${name}.json`);
  }
});
