/** The rule catalog from METADATA, read statically, and the bundle lint. */
import t from "tap";
import { GATE_RULE_INFOS } from "@regolith/gate";
import { gate, githubDoc, inputProblems, named, smallModules, TEST_CHECKS } from "../_lib/gate-fixtures.js";

const docs = [named("gh.json", githubDoc("acme", ["bad-app"]))];
const check = (meta: string, head = "findings contains lib.finding(rego.metadata.rule(), {}) if false") => `package regolith.checks.lint

import data.regolith.lib

# METADATA
${meta
  .trim()
  .split("\n")
  .map((l) => `# ${l}`)
  .join("\n")}
${head}
`;
const lint = (source: string) => inputProblems(() => gate({ documents: docs, modules: [...smallModules(), { file: "checks/lint.rego", source }] }));
/** `checks/lint.rego:ROW:1`, ROW being the rule's line. */
const at = (source: string) => `checks/lint.rego:${source.split("\n").findIndex((l) => l.startsWith("findings")) + 1}:1`;

t.test("the catalog: every check's METADATA, sorted by id, then the gate's own rules", async (t) => {
  const r = gate({ documents: docs });
  t.same(r.rules.map((x) => x.id), ["T-001", "T-002", "T-003", "COVERAGE", "WAIVER-EXPIRED", "WAIVER-UNMATCHED"]);
  t.same(r.rules[0], {
    id: "T-001",
    title: "Repository named bad",
    description: "A test check.",
    severity: "high",
    remediation: "Rename the repository.",
    identity: ["repo_id"],
    related_resources: [{ ref: "https://example.com/t-001" }],
  });
  t.same(r.rules.slice(3), GATE_RULE_INFOS);
});

t.test("facets of one check: first facet's texts, highest severity, every related resource", async (t) => {
  const facets = `package regolith.checks.f

import data.regolith.lib

# METADATA
# title: First facet
# description: One.
# related_resources:
#   - ref: https://example.com/a
#     description: A
# custom:
#   id: F-001
#   severity: medium
#   remediation: Do A.
#   identity: [repo_id]
findings contains lib.finding(rego.metadata.rule(), {"resource": "github://x", "message": "m", "identity": {"repo_id": 1}}) if false

# METADATA
# title: Second facet
# related_resources:
#   - https://example.com/b
#   - ref: https://example.com/a
# custom:
#   id: F-001
#   severity: critical
#   remediation: Do B.
#   identity: [repo_id, environment]
findings contains lib.finding(rego.metadata.rule(), {"resource": "github://x", "message": "m", "identity": {"repo_id": 1, "environment": "prod"}}) if true
`;
  const r = gate({ documents: docs, modules: [...smallModules(), { file: "checks/f.rego", source: facets }] });
  t.match(r.rules.find((x) => x.id === "F-001"), {
    title: "First facet",
    description: "One.",
    severity: "critical",
    remediation: "Do A.",
    identity: ["repo_id"],
    related_resources: [{ ref: "https://example.com/a", description: "A" }, { ref: "https://example.com/b" }],
  });
  t.match(r.findings.find((f) => f.rule === "F-001"), { title: "Second facet", severity: "critical", remediation: "Do B.", identity: { repo_id: 1, environment: "prod" } }, "a finding keeps its own facet's texts");
});

t.test("lint: a findings rule without the required METADATA is an error at its location", async (t) => {
  const noId = check("title: No id\ncustom:\n  severity: high\n  remediation: Fix.\n  identity: [a]");
  t.same(lint(noId), [`${at(noId)}: regolith_lint_error: check rule without custom.id (a check id such as CF-TOK-002) in its METADATA`]);
  const several = check("custom:\n  id: L-001\n  severity: severe\n  identity: []");
  t.same(lint(several), [
    `${at(several)}: regolith_lint_error: check rule without title, custom.severity (one of info, low, medium, high, critical), custom.remediation, custom.identity (a non-empty list of identity field names) in its METADATA`,
  ]);
  t.same(lint("package regolith.checks.bare\n\nfindings contains 1 if false\n"), ["checks/lint.rego:3:1: regolith_lint_error: check rule without METADATA (title, custom.id, custom.severity, custom.remediation, custom.identity) in its METADATA"]);
});

t.test("lint: findings must be a partial set; gate rule ids are reserved", async (t) => {
  const meta = "title: T\ncustom:\n  id: L-002\n  severity: low\n  remediation: Fix.\n  identity: [a]";
  const complete = check(meta, "findings := set()");
  t.same(lint(complete), [`${at(complete)}: regolith_lint_error: a findings rule must be a partial set: findings contains f if { … }`]);
  const reserved = check(meta.replace("L-002", "COVERAGE"));
  t.same(lint(reserved), [`${at(reserved)}: regolith_lint_error: custom.id COVERAGE is reserved for the gate's own findings`]);
});

t.test("a rule outside data.regolith.checks is not linted unless it declares custom.id; *_test.rego are skipped", async (t) => {
  const helper = "package regolith.lib.extra\n\n# METADATA\n# title: A helper\nhelper := 1\n";
  const testModule = "package regolith.checks.t_test\n\nfindings contains 1 if true\n";
  const r = gate({ documents: docs, modules: [...smallModules(), { file: "lib/extra.rego", source: helper }, { file: "checks/t_test.rego", source: testModule }] });
  t.equal(r.summary.total, 1);
});

t.test("a bundle without any findings rule is refused: it could only ever pass", async (t) => {
  t.same(inputProblems(() => gate({ documents: docs, modules: smallModules().slice(0, 1) })), ["the bundles define no checks: no `findings contains …` rule in a package under data.regolith.checks"]);
  t.ok(TEST_CHECKS.includes("findings contains"));
});
