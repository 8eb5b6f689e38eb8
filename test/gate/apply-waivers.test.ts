/** Waivers against findings and the gate's clock (the newest generated_at, 2026-11-25T17:00:00Z here). */
import t from "tap";
import { gate, githubDoc, named, pairs, shippedData } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app", "bad-api", "bad-web", "odd-one", { name: "site", visibility: "public" }]))];
const waiver = (w: Record<string, string>) => ({ reason: "accepted for the migration", owner: "platform-team", created: "2026-11-01", expires: "2026-12-20", ...w });
const run = (waivers: Record<string, string>[], data = shippedData()) => gate({ documents: docs, data, waivers: named("waivers.yaml", { version: 1, waivers: waivers.map(waiver) }) });

t.test("a valid waiver waives: still listed, counted as waived, not blocking, carrying the waiver", async (t) => {
  const before = gate({ documents: docs });
  t.equal(before.summary.blocking, 3);
  const r = run([{ rule: "T-001", resource: "github://acme/bad-app", ticket: "SEC-1" }]);
  const f = r.findings.find((x) => x.resource === "github://acme/bad-app")!;
  t.match(f, { rule: "T-001", waived: true, waiver: { rule: "T-001", owner: "platform-team", ticket: "SEC-1" } });
  t.equal(r.findings.length, before.findings.length, "no finding disappears and none is added");
  t.match(r.summary, { waived: 1, blocking: 2, failed: before.summary.failed, by_severity: { high: 2 } });
});

t.test("a waiver that expired yesterday does not waive and adds WAIVER-EXPIRED", async (t) => {
  const r = run([{ rule: "T-001", resource: "github://acme/bad-app", created: "2026-09-01", expires: "2026-11-24" }]);
  t.notOk(r.findings.find((x) => x.resource === "github://acme/bad-app")!.waived);
  t.equal(r.summary.waived, 0);
  t.equal(r.summary.blocking, 3);
  const expired = r.findings.filter((x) => x.rule === "WAIVER-EXPIRED");
  t.equal(expired.length, 1);
  t.match(expired[0], {
    severity: "medium",
    status: "fail",
    resource: "github://acme/bad-app",
    message: "Waiver for T-001 on github://acme/bad-app (owner platform-team, expires 2026-11-24) has expired; the 1 finding it covered count again",
    location: { file: "waivers.yaml", kind: "regolith-waivers", pointer: "/waivers/0" },
    identity: { rule: "T-001", resource: "github://acme/bad-app" },
  });
  t.ok(expired[0]!.evidence.includes("owner: platform-team"));
});

t.test("expiry is measured against the documents' clock, not today: the same waiver is valid on an older snapshot", async (t) => {
  const old = [named("gh.json", githubDoc("acme", ["bad-app"], "2026-11-20T00:00:00Z"))];
  const w = { version: 1, waivers: [waiver({ rule: "T-001", resource: "github://acme/bad-app", created: "2026-09-01", expires: "2026-11-24" })] };
  const r = gate({ documents: old, waivers: named("w.yaml", w) });
  t.equal(r.summary.waived, 1);
  t.same(pairs(r, (f) => f.rule.startsWith("WAIVER")), []);
  t.same(r.expiring_waivers.map((n) => [n.waiver.expires, n.days_left, n.matched, n.location.pointer]), [["2026-11-24", 4, 1, "/waivers/0"]]);
});

t.test("a date-only expiry ends at 00:00 UTC that day", async (t) => {
  const at = (clock: string) => gate({ documents: [named("gh.json", githubDoc("acme", ["bad-app"], clock))], waivers: named("w.yaml", { version: 1, waivers: [waiver({ rule: "T-001", resource: "github://acme/bad-app", expires: "2026-11-26" })] }) });
  t.equal(at("2026-11-25T23:59:59Z").summary.waived, 1);
  t.equal(at("2026-11-26T00:00:00Z").summary.waived, 0);
});

t.test("glob waivers: * within a segment, ** across", async (t) => {
  const star = run([{ rule: "T-001", resource: "github://acme/bad-a*" }]);
  t.same(pairs(star, (f) => f.waived), ["T-001 github://acme/bad-api", "T-001 github://acme/bad-app"]);
  const any = run([{ rule: "T-001", resource: "github://**" }]);
  t.same(pairs(any, (f) => f.waived), ["T-001 github://acme/bad-api", "T-001 github://acme/bad-app", "T-001 github://acme/bad-web"]);
  t.equal(any.summary.blocking, 0);
  t.same(pairs(run([{ rule: "T-001", resource: "github://*" }]), (f) => f.waived), [], "* does not cross /");
});

t.test("a waiver waives only its own rule, and unknown findings too", async (t) => {
  const r = run([{ rule: "T-003", resource: "github://acme/*" }, { rule: "T-002", resource: "github://acme/bad-app" }]);
  t.same(pairs(r, (f) => f.waived), ["T-003 github://acme/odd-one"]);
  t.match(r.findings.find((f) => f.waived), { status: "unknown" });
});

t.test("a waiver that matches nothing adds WAIVER-UNMATCHED (info), saying when the check does not exist", async (t) => {
  const r = run([{ rule: "T-002", resource: "github://acme/bad-app" }, { rule: "GH-NOPE-001", resource: "github://acme/**" }]);
  const unmatched = r.findings.filter((f) => f.rule === "WAIVER-UNMATCHED");
  t.same(unmatched.map((f) => [f.severity, f.resource, f.location!.pointer]), [
    ["info", "github://acme/**", "/waivers/1"],
    ["info", "github://acme/bad-app", "/waivers/0"],
  ]);
  t.equal(unmatched[0]!.message, "Waiver for GH-NOPE-001 on github://acme/** (owner platform-team, expires 2026-12-20) matches no finding; the bundle has no check GH-NOPE-001");
  t.equal(unmatched[1]!.message, "Waiver for T-002 on github://acme/bad-app (owner platform-team, expires 2026-12-20) matches no finding");
  t.equal(r.summary.blocking, 3, "neither blocks at high");
});

t.test("a waiver for a disabled check matches nothing", async (t) => {
  const data = shippedData();
  data.regolith.params.disabled_checks = ["T-001"];
  t.same(pairs(run([{ rule: "T-001", resource: "github://acme/bad-app" }], data), (f) => f.rule.startsWith("T-001") || f.rule.startsWith("WAIVER")), ["WAIVER-UNMATCHED github://acme/bad-app"]);
});

t.test("waivers expiring within 14 days are noted for reporters, soonest first", async (t) => {
  const r = run([
    { rule: "T-001", resource: "github://acme/bad-app", expires: "2026-12-09" },
    { rule: "T-001", resource: "github://acme/bad-api", expires: "2026-12-10" },
    { rule: "T-002", resource: "github://acme/site", expires: "2026-11-26T12:00:00Z" },
    { rule: "T-001", resource: "github://acme/bad-web", expires: "2026-11-24" },
  ]);
  t.same(r.expiring_waivers.map((n) => `${n.waiver.resource} ${n.days_left} ${n.matched}`), ["github://acme/site 0 1", "github://acme/bad-app 13 1"]);
});

t.test("the first matching waiver in the file is the one a finding records", async (t) => {
  const r = run([
    { rule: "T-001", resource: "github://acme/bad-app", owner: "first" },
    { rule: "T-001", resource: "github://acme/**", owner: "second" },
  ]);
  t.equal(r.findings.find((f) => f.resource === "github://acme/bad-app")!.waiver!.owner, "first");
  t.equal(r.findings.find((f) => f.resource === "github://acme/bad-api")!.waiver!.owner, "second");
});

t.test("WAIVER-* findings follow severity_overrides", async (t) => {
  const data = shippedData();
  data.regolith.params.severity_overrides = { "WAIVER-EXPIRED": "critical" };
  const r = run([{ rule: "T-001", resource: "github://acme/bad-app", created: "2026-09-01", expires: "2026-11-24" }], data);
  t.match(r.findings[0], { rule: "WAIVER-EXPIRED", severity: "critical" });
});
