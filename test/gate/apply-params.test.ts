/** severity_overrides, enabled_checks, disabled_checks and locked_checks applied to findings, from the bundle's data and -d overlays. */
import t from "tap";
import { gate, githubDoc, inputProblems, named, pairs } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app", "odd-x", { name: "pub", visibility: "public" }]))];
const withParams = (params: Record<string, unknown>, ...more: Record<string, unknown>[]) =>
  gate({ documents: docs, overlays: [params, ...more].map((p, i) => named(`p${i}.yaml`, { regolith: { params: p } })) });

t.test("severity_overrides remap a check's severity, and the verdict follows", async (t) => {
  const r = withParams({ severity_overrides: { "T-001": "low", "T-002": "critical" } });
  t.same(r.findings.map((f) => `${f.severity} ${f.rule}`), ["critical T-002", "low T-001", "low T-003"]);
  t.match(r.summary, { blocking: 1, by_severity: { critical: 1, high: 0, low: 1 } });
});

t.test("disabled_checks drop a check's findings", async (t) => {
  t.same(pairs(withParams({ disabled_checks: ["T-001", "T-003"] })), ["T-002 github://acme/pub"]);
});

t.test("enabled_checks keep only the checks they select, by id or by prefix", async (t) => {
  t.same(pairs(withParams({ enabled_checks: ["T-002"] })), ["T-002 github://acme/pub"]);
  t.same(pairs(withParams({ enabled_checks: ["T-00*"] })), ["T-001 github://acme/bad-app", "T-002 github://acme/pub", "T-003 github://acme/odd-x"]);
  t.same(pairs(withParams({ enabled_checks: [] })).length, 3, "an empty list keeps every check");
  t.same(pairs(withParams({ enabled_checks: ["T-*"], disabled_checks: ["T-003"] })), ["T-001 github://acme/bad-app", "T-002 github://acme/pub"], "disabled_checks still drop");
});

t.test("enabled_checks never leave out a locked check or the gate's own findings", async (t) => {
  const gh = githubDoc("acme", ["bad-app", "odd-x", { name: "pub", visibility: "public" }]);
  gh.coverage = [{ resource: "repo:acme/pub/actions/secrets", status: "forbidden", http_status: 403 }];
  const r = gate({ documents: [named("gh.json", gh)], overlays: [named("p.yaml", { regolith: { params: { enabled_checks: ["T-002"], locked_checks: ["T-001"] } } })] });
  t.same(pairs(r), ["COVERAGE github://acme/pub", "T-001 github://acme/bad-app", "T-002 github://acme/pub"]);
  t.same(r.warnings, ["params.enabled_checks leaves out T-001, which is locked (locked_checks): a locked check always runs"]);
});

t.test("an enabled_checks entry that selects nothing is warned about; a malformed one is refused", async (t) => {
  t.same(withParams({ enabled_checks: ["T-002", "GH-*", "T-404"] }).warnings, [
    "params.enabled_checks names GH-*, which selects no check in the bundles",
    "params.enabled_checks names T-404, which selects no check in the bundles",
  ]);
  t.same(inputProblems(() => withParams({ enabled_checks: ["*"] })), ['p0.yaml: /regolith/params/enabled_checks/0: must match pattern "^[A-Za-z0-9][A-Za-z0-9_.-]*\\*?$"']);
});

t.test("locked_checks mark findings locked; an override may raise a locked check, never lower it", async (t) => {
  const raised = withParams({ locked_checks: ["T-002"], severity_overrides: { "T-002": "critical" } });
  t.match(raised.findings[0], { rule: "T-002", severity: "critical", locked: true });
  const lowered = withParams({ locked_checks: ["T-001"], severity_overrides: { "T-001": "info" } });
  t.match(lowered.findings.find((f) => f.rule === "T-001"), { severity: "high", locked: true });
  t.same(lowered.warnings, ["params.severity_overrides lowers locked check T-001 to info: a locked check may only be raised, so findings keep the severity the check reports"]);
  t.notOk(lowered.findings.find((f) => f.rule === "T-002")!.locked);
});

t.test("later overlays win: a list replaces the list before it", async (t) => {
  const r = withParams({ disabled_checks: ["T-001", "T-002"] }, { disabled_checks: ["T-003"] });
  t.same(pairs(r), ["T-001 github://acme/bad-app", "T-002 github://acme/pub"]);
});

t.test("parameters naming checks that no bundle declares are warned about", async (t) => {
  const r = withParams({ disabled_checks: ["T-404"], locked_checks: ["COVERAGE"], severity_overrides: { "TT-001": "low" } });
  t.same(r.warnings, [
    "params.severity_overrides names TT-001, which no check in the bundles declares",
    "params.disabled_checks names T-404, which no check in the bundles declares",
  ]);
});
