/** The verdict: --fail-on thresholds, never, and what never blocks (unknown, waived, baselined). */
import t from "tap";
import { isBlocking, SEVERITIES } from "@regolith/gate";
import { gate, githubDoc, named } from "../_lib/gate-fixtures.js";

// T-001 high (bad-*), T-002 medium (public), T-003 low unknown (odd-*), and a high COVERAGE gap.
const gh = githubDoc("acme", ["bad-app", "odd-x", { name: "pub", visibility: "public" }]);
gh.coverage = [{ resource: "org:acme/rulesets", status: "error", message: "only 100 of 120 rulesets were read" }];
const docs = [named("gh.json", gh)];

t.test("--fail-on: blocking counts fail findings at or above the threshold; never blocks nothing", async (t) => {
  const blocking = Object.fromEntries([...SEVERITIES, "never" as const].map((s) => [s, gate({ documents: docs, failOn: s }).summary.blocking]));
  t.same(blocking, { info: 3, low: 3, medium: 3, high: 2, critical: 0, never: 0 });
  t.match(gate({ documents: docs }).summary, { fail_on: "high", blocking: 2, passed: false });
  t.match(gate({ documents: docs, failOn: "critical" }).summary, { fail_on: "critical", passed: true });
  t.match(gate({ documents: docs, failOn: "never" }).summary, { fail_on: "never", passed: true });
});

t.test("the counts", async (t) => {
  const r = gate({ documents: docs, failOn: "low" });
  t.same(r.summary, {
    total: 4,
    failed: 3,
    unknown: 1,
    waived: 0,
    baselined: 0,
    by_severity: { info: 0, low: 0, medium: 1, high: 2, critical: 0 },
    fail_on: "low",
    blocking: 3,
    passed: false,
  });
  t.same(r.findings.map((f) => `${f.severity} ${f.rule} ${f.status}`), ["high COVERAGE fail", "high T-001 fail", "medium T-002 fail", "low T-003 unknown"]);
});

t.test("status unknown never blocks, even at info", async (t) => {
  const unknown = gate({ documents: docs }).findings.find((f) => f.status === "unknown")!;
  t.notOk(isBlocking(unknown, "info"));
  t.notOk(isBlocking({ ...unknown, status: "fail", waived: true }, "info"));
  t.notOk(isBlocking({ ...unknown, status: "fail", baselined: true }, "info"));
  t.ok(isBlocking({ ...unknown, status: "fail" }, "low"));
  t.notOk(isBlocking({ ...unknown, status: "fail" }, "medium"));
});
