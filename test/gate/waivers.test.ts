/** The waivers file: schema, dates, the maximum duration and locked checks; any invalid waiver stops the run. */
import t from "tap";
import { gate, githubDoc, inputProblems, named, shippedData } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app"]))];
const base = { rule: "T-001", resource: "github://acme/bad-app", reason: "migrating in Q1", owner: "platform-team", created: "2026-11-01", expires: "2026-12-20" };

function problems(waivers: unknown, data = shippedData()): readonly string[] {
  return inputProblems(() => gate({ documents: docs, waivers: named("waivers.yaml", waivers), data }));
}

t.test("a valid file is accepted", async (t) => {
  const r = gate({ documents: docs, waivers: named("w.json", { version: 1, waivers: [{ ...base, ticket: "SEC-12", approved_by: "ciso" }] }) });
  t.equal(r.summary.waived, 1);
});

t.test("schema problems name the waiver's pointer", async (t) => {
  const { expires: _, ...noExpiry } = base;
  t.same(problems({ version: 1, waivers: [base, noExpiry] }), ["waivers.yaml: /waivers/1/expires: required property is missing"]);
  t.same(problems({ version: 1, waivers: [{ ...base, resource: "acme/bad-app", reason: "  " }] }), [
    'waivers.yaml: /waivers/0/resource: must match pattern "^[a-z][a-z0-9+.-]*://"',
    'waivers.yaml: /waivers/0/reason: must match pattern "\\S"',
  ]);
  t.same(problems({ waivers: [] }), ["waivers.yaml: /version: required property is missing"]);
  t.same(problems({ version: 1, waivers: [{ ...base, until: "2027-01-01" }] }), ["waivers.yaml: /waivers/0/until: unexpected property (not in the schema)"]);
});

t.test("a waiver running longer than waiver_max_days is invalid, naming it", async (t) => {
  t.same(problems({ version: 1, waivers: [base, { ...base, created: "2026-09-01", expires: "2026-12-01" }] }), [
    "waivers.yaml: /waivers/1 (T-001 on github://acme/bad-app, owner platform-team): runs 91 days (created 2026-09-01, expires 2026-12-01); a waiver may run at most 90 days (waiver_max_days)",
  ]);
  const data = shippedData();
  data.regolith.params.waiver_max_days = 120;
  t.equal(gate({ documents: docs, data, waivers: named("w.yaml", { version: 1, waivers: [{ ...base, created: "2026-09-01", expires: "2026-12-01" }] }) }).summary.waived, 1, "params allow more");
  t.equal(gate({ documents: docs, waivers: named("w.yaml", { version: 1, waivers: [{ ...base, created: "2026-09-01", expires: "2026-11-30" }] }) }).summary.waived, 1, "exactly 90 days is allowed");
  t.same(problems({ version: 1, waivers: [{ ...base, created: "2026-11-01T00:00:00Z", expires: "2027-01-30T00:00:01Z" }] }).length, 1, "date-times count to the second");
});

t.test("waiver_max_days_by_severity: shorter limits by the severity of the findings a waiver covers", async (t) => {
  const data = shippedData();
  data.regolith.params.waiver_max_days_by_severity = { high: 30, critical: 7 };
  // T-001 is high: base runs 49 days (2026-11-01 to 2026-12-20).
  t.same(problems({ version: 1, waivers: [base] }, data), [
    "waivers.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner platform-team): covers high finding T-001 on github://acme/bad-app for 49 days; a waiver of a high finding may run at most 30 days (waiver_max_days_by_severity)",
  ]);
  const short = { ...base, created: "2026-11-20", expires: "2026-12-20" };
  t.equal(gate({ documents: docs, data, waivers: named("w.yaml", { version: 1, waivers: [short] }) }).summary.waived, 1, "exactly 30 days is allowed");
  // The severity is the one after severity_overrides.
  data.regolith.params.severity_overrides = { "T-001": "medium" };
  t.equal(gate({ documents: docs, data, waivers: named("w.yaml", { version: 1, waivers: [base] }) }).summary.waived, 1, "a medium finding has no limit of its own");
  data.regolith.params.severity_overrides = { "T-001": "critical" };
  t.same(problems({ version: 1, waivers: [short] }, data), [
    "waivers.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner platform-team): covers critical finding T-001 on github://acme/bad-app for 30 days; a waiver of a critical finding may run at most 7 days (waiver_max_days_by_severity)",
  ]);
});

t.test("waiver_max_days_by_severity: an expired waiver or one that matches nothing is not held to it", async (t) => {
  const data = shippedData();
  data.regolith.params.waiver_max_days_by_severity = { high: 7 };
  const expired = { ...base, created: "2026-09-01", expires: "2026-10-01" };
  const elsewhere = { ...base, resource: "github://acme/other" };
  const r = gate({ documents: docs, data, waivers: named("w.yaml", { version: 1, waivers: [expired, elsewhere] }) });
  t.same(r.findings.map((f) => f.rule).sort(), ["T-001", "WAIVER-EXPIRED", "WAIVER-UNMATCHED"]);
});

t.test("a waiver naming a locked check is invalid", async (t) => {
  const data = shippedData();
  data.regolith.params.locked_checks = ["T-001"];
  t.same(problems({ version: 1, waivers: [base] }, data), [
    "waivers.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner platform-team): T-001 is a locked check (locked_checks): no waiver may cover it; fix the finding instead",
  ]);
});

t.test("impossible dates and a waiver that ends before it starts are invalid", async (t) => {
  t.same(problems({ version: 1, waivers: [{ ...base, expires: "2026-02-30" }] }), [
    'waivers.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner platform-team): expires: "2026-02-30" is not a valid date',
  ]);
  t.same(problems({ version: 1, waivers: [{ ...base, created: "2026-12-20", expires: "2026-12-01" }] }), [
    "waivers.yaml: /waivers/0 (T-001 on github://acme/bad-app, owner platform-team): expires 2026-12-01 is not after created 2026-12-20",
  ]);
});
