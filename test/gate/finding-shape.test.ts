/** Findings from a (third-party) bundle are checked against lib.finding's shape; a malformed one is a clear error. */
import t from "tap";
import { gate, githubDoc, inputProblems, named, smallModules } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["app"]))];
const bundle = (finding: string, identity = "[repo_id]") => [
  ...smallModules(),
  {
    file: "checks/third.rego",
    source: `package regolith.checks.third

# METADATA
# title: Third-party check
# custom:
#   id: TP-001
#   severity: medium
#   remediation: Fix it.
#   identity: ${identity}
findings contains ${finding} if true
`,
  },
];
const problems = (finding: string, identity?: string) => inputProblems(() => gate({ documents: docs, modules: bundle(finding, identity) }));
const base = { rule: "TP-001", title: "T", severity: "medium", remediation: "R", status: "fail", resource: "github://acme/app", message: "M", evidence: ["e"], identity: { repo_id: 1000 } };
/** The finding as a Rego object literal (JSON is one), with fields replaced. */
const finding = (changes: Record<string, unknown> = {}) => JSON.stringify({ ...base, ...changes });

t.test("a hand-made finding with the right shape is accepted, without a source", async (t) => {
  const r = gate({ documents: docs, modules: bundle(finding()) });
  t.match(r.findings.find((f) => f.rule === "TP-001"), { resource: "github://acme/app", location: null, evidence: ["e"], identity: { repo_id: 1000 } });
});

t.test("each malformed field is named, with the check and the resource", async (t) => {
  const where = "data.regolith.checks.third.findings: a finding of TP-001 on github://acme/app";
  t.same(problems(finding({"severity": "severe"})), [`${where}: "severity" must be one of info, low, medium, high, critical, not "severe"`]);
  t.same(problems(finding({"status": "pass", "message": ""})), [`${where}: "message" must be a non-empty string`, `${where}: "status" must be "fail" or "unknown", not "pass"`]);
  t.same(problems(finding({"identity": {"repo": 1}})), [`${where}: "identity" has the fields [repo] but the check's METADATA custom.identity is [repo_id]`]);
  t.same(problems(finding({"evidence": "one"})), [`${where}: "evidence" must be a list of strings`]);
  t.same(problems(finding({"source": {"document": "github", "index": 3, "pointer": "x"}})), [`${where}: "source.index" 3 names no github document`, `${where}: "source.pointer" must be a JSON pointer`]);
  t.same(problems(finding({"source": {"document": "gitlab", "index": 0, "pointer": ""}})), [`${where}: "source.document" must be one of github, cloudflare, openai`]);
});

t.test("a finding whose rule no METADATA declares, or that is not an object, is refused", async (t) => {
  t.same(problems(finding({"rule": "TP-999"})), ['data.regolith.checks.third.findings: a finding of TP-999 on github://acme/app: "rule" "TP-999" is not a check id declared in METADATA (custom.id)']);
  t.same(problems(`"just a string"`), ['data.regolith.checks.third.findings: a finding must be an object, not "just a string"']);
});

t.test("a finding's source becomes its location: the document's file and the pointer", async (t) => {
  const r = gate({ documents: [named("a.json", githubDoc("acme", [])), named("b.json", githubDoc("umbrella", ["x"]))], modules: bundle(finding({ source: { document: "github", index: 1, pointer: "/repositories/0" } })) });
  t.same(r.findings.find((f) => f.rule === "TP-001")!.location, { file: "b.json", kind: "github-snapshot", pointer: "/repositories/0" });
});
