/** A builtin error inside a check does not pass in silence: the run says where it happened, in its warnings. */
import t from "tap";
import { TEST_CHECKS, gate, githubDoc, named, pairs, smallModules } from "../_lib/gate-fixtures.js";

// T-009 reads each repository's end date from a parameter; a value that is not a date
// makes the call fail, and T-009 can find nothing for that repository.
const DATED = `${TEST_CHECKS}
# METADATA
# title: Repository past its end date
# custom:
#   id: T-009
#   severity: high
#   remediation: Archive it.
#   identity: [repo_id]
findings contains lib.finding(rego.metadata.rule(), fields(d, i, repo)) if {
	some [d, i, repo] in repos
	time.parse_rfc3339_ns(lib.params.t_end_dates[repo.name]) < time.parse_rfc3339_ns(input.github[d].generated_at)
}
`;

const row = DATED.split("\n").findIndex((line) => line.includes("time.parse_rfc3339_ns(lib.params.t_end_dates")) + 1;

t.test("builtin errors become one warning per place, with a count; findings are unchanged", async (t) => {
  const doc = githubDoc("acme", ["bad-app", "good", "other"]);
  const dates = named("dates.json", { regolith: { params: { t_end_dates: { "bad-app": "a service", good: "a service", other: "a service" } } } });
  const result = gate({ documents: [named("gh.json", doc)], modules: smallModules(DATED), overlays: [dates] });
  t.same(pairs(result), ["T-001 github://acme/bad-app"]);
  t.same(result.warnings, [
    `checks/t.rego:${row}:2: eval_builtin_error: time.parse_rfc3339_ns: parsing time "a service" as "2006-01-02T15:04:05Z07:00": cannot parse "a service" as "2006" (the call was undefined 3 times, so a check may have missed findings)`,
  ]);
});

t.test("no builtin errors, no warnings", async (t) => {
  const doc = githubDoc("acme", ["bad-app", "good"]);
  const dates = named("dates.json", { regolith: { params: { t_end_dates: { "bad-app": "2020-01-01T00:00:00Z", good: "2030-01-01T00:00:00Z" } } } });
  const result = gate({ documents: [named("gh.json", doc)], modules: smallModules(DATED), overlays: [dates] });
  t.same(pairs(result), ["T-001 github://acme/bad-app", "T-009 github://acme/bad-app"]);
  t.same(result.warnings, []);
});
