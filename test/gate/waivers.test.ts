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
