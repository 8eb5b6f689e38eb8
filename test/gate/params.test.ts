/** Parameters: the user's -d data deep-merged over the bundle's, validated, with the file that set a bad value named. */
import t from "tap";
import { gate, githubDoc, inputProblems, named, shippedData } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app", { name: "pub", visibility: "public" }]))];

const problems = inputProblems;

t.test("the shipped data.json is valid parameters", async (t) => {
  t.doesNotThrow(() => gate({ documents: docs }));
});

t.test("an overlay's bad values are reported with the overlay that set them, and their pointer in it", async (t) => {
  const org = named("org.yaml", { regolith: { params: { waiver_max_days: 0, severity_overrides: { "T-001": "urgent" } } } });
  const repo = named("repo.json", { regolith: { params: { coverage_severity: "loud", production_environments: "prod" } } });
  t.same([...problems(() => gate({ documents: docs, overlays: [org, repo] }))].sort(), [
    'org.yaml: /regolith/params/severity_overrides/T-001: must be one of "info", "low", "medium", "high", "critical"',
    "org.yaml: /regolith/params/waiver_max_days: must be >= 1",
    'repo.json: /regolith/params/coverage_severity: must be one of "info", "low", "medium", "high", "critical"',
    "repo.json: /regolith/params/production_environments: must be array",
  ]);
});

t.test("a bad list element is blamed on the overlay that gave the list", async (t) => {
  const repo = named("repo.yaml", { regolith: { params: { production_environments: ["prod", 7] } } });
  t.same(problems(() => gate({ documents: docs, overlays: [repo] })), ["repo.yaml: /regolith/params/production_environments/1: must be string"]);
});

t.test("a bad value in the bundle's own data is reported as such, and an overlay that overrides it wins", async (t) => {
  const data = shippedData();
  data.regolith.params.cf_unused_days = "ninety";
  t.same(problems(() => gate({ documents: docs, data })), ["the bundles' data.json: /regolith/params/cf_unused_days: must be integer"]);
  t.doesNotThrow(() => gate({ documents: docs, data, overlays: [named("fix.yaml", { regolith: { params: { cf_unused_days: 60 } } })] }));
  const twice = [named("a.yaml", { regolith: { params: { cf_unused_days: -1 } } }), named("b.yaml", { regolith: { params: { cf_unused_days: -2 } } })];
  t.same(problems(() => gate({ documents: docs, overlays: twice })), ["b.yaml: /regolith/params/cf_unused_days: must be >= 1"], "the file whose value won");
});

t.test("parameters other bundles add are allowed; a bundle without params is fine", async (t) => {
  t.doesNotThrow(() => gate({ documents: docs, overlays: [named("x.json", { regolith: { params: { my_bundle_threshold: 3 } } })] }));
  t.equal(gate({ documents: docs, data: {} }).summary.blocking, 1);
});

t.test("a data file that is not an object is refused", async (t) => {
  t.same(problems(() => gate({ documents: docs, overlays: [named("list.json", [1])] })), ["list.json: a data file must hold an object (its top level is data; parameters go under regolith.params)"]);
});

t.test("a lock the bundle sets survives overlays: -d may add locks, never remove one", async (t) => {
  const data = shippedData();
  data.regolith.params.locked_checks = ["T-001"];
  const emptied = named("repo.yaml", { regolith: { params: { locked_checks: [] } } });
  t.ok(gate({ documents: docs, data, overlays: [emptied] }).findings.find((f) => f.rule === "T-001")!.locked, "an empty list in an overlay leaves T-001 locked");
  const other = named("repo.yaml", { regolith: { params: { locked_checks: ["T-002"] } } });
  const both = gate({ documents: docs, data, overlays: [other] }).findings;
  t.ok(both.find((f) => f.rule === "T-001")!.locked, "the bundle's lock stays");
  t.ok(both.find((f) => f.rule === "T-002")!.locked, "the overlay's lock is added");
  const disable = named("repo.yaml", { regolith: { params: { locked_checks: [], disabled_checks: ["T-001"] } } });
  t.same(problems(() => gate({ documents: docs, data, overlays: [disable] })), ["parameters: disabled_checks names T-001, which is locked (locked_checks): a locked check cannot be disabled"]);
  const lower = named("repo.yaml", { regolith: { params: { locked_checks: [], severity_overrides: { "T-001": "info" } } } });
  t.equal(gate({ documents: docs, data, overlays: [lower] }).findings.find((f) => f.rule === "T-001")!.severity, "high", "nor lowered");
  const waiver = { rule: "T-001", resource: "github://acme/bad-app", reason: "r", owner: "o", created: "2026-11-01", expires: "2026-11-30" };
  t.same(problems(() => gate({ documents: docs, data, overlays: [emptied], waivers: named("w.yaml", { version: 1, waivers: [waiver] }) })), [
    "w.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner o): T-001 is a locked check (locked_checks): no waiver may cover it; fix the finding instead",
  ]);
});

t.test("a bundle's locked_checks that is not a list of check ids is refused", async (t) => {
  const data = shippedData();
  data.regolith.params.locked_checks = "T-001";
  t.same(problems(() => gate({ documents: docs, data, overlays: [named("fix.yaml", { regolith: { params: { locked_checks: ["T-001"] } } })] })), [
    "the bundles' data.json: /regolith/params/locked_checks: must be an array of check ids",
  ]);
});

t.test("patterns the checks could not use are refused with their pointer: RE2, globs, CIDRs", async (t) => {
  const bad = named("p.yaml", {
    regolith: {
      params: {
        credential_name_exceptions: ["^GITHUB_TOKEN$", "("],
        static_cloud_key_patterns: { "AWS (legacy)": ["(?<=AWS)_KEY"] },
        credential_owners: [{ name_pattern: "[a-", team: "platform" }],
        production_environments: ["prod", "["],
        allowed_egress_cidrs: ["203.0.113.0/24", "192.0.2.1"],
      },
    },
  });
  t.same([...problems(() => gate({ documents: docs, overlays: [bad] }))].sort(), [
    "p.yaml: /regolith/params/allowed_egress_cidrs/1: not a valid CIDR (e.g. 203.0.113.0/24; one address is /32, or /128 for IPv6)",
    "p.yaml: /regolith/params/credential_name_exceptions/1: not a valid RE2 regular expression: error parsing regexp: missing closing ): `(`",
    "p.yaml: /regolith/params/credential_owners/0/name_pattern: not a valid RE2 regular expression: error parsing regexp: missing closing ]: `[a-`",
    "p.yaml: /regolith/params/production_environments/1: not a valid glob: unexpected end of input",
    "p.yaml: /regolith/params/static_cloud_key_patterns/AWS (legacy)/0: not a valid RE2 regular expression: error parsing regexp: invalid named capture: `(?<=AWS)_KEY`",
  ]);
  const unusual = named("p.yaml", {
    regolith: { params: { credential_name_exceptions: ["(?i)^github_token$", ".*"], production_environments: ["*", "prod-{eu,us}"], allowed_egress_cidrs: ["2001:db8::/32", "192.0.2.1/32"] } },
  });
  t.doesNotThrow(() => gate({ documents: docs, overlays: [unusual] }), "valid ones pass");
});

t.test("a locked check cannot be disabled", async (t) => {
  const overlay = named("p.yaml", { regolith: { params: { locked_checks: ["T-001"], disabled_checks: ["T-001"] } } });
  t.same(problems(() => gate({ documents: docs, overlays: [overlay] })), ["parameters: disabled_checks names T-001, which is locked (locked_checks): a locked check cannot be disabled"]);
});
