package regolith.checks.gh_bp_test

import data.regolith.checks.gh_bp

# Minimal github-snapshot (and openai-federation) documents: only the fields the GH-BP
# checks read.

repo(name, overrides) := object.union(
	{
		"full_name": sprintf("acme/%s", [name]),
		"name": name,
		"id": 987654321,
		"archived": false,
		"default_branch": "main",
		"environments": [],
		"branch_protection_rules": [],
		"rulesets": [],
	},
	overrides,
)

snapshot(repos) := snapshot_with([], [], repos)

snapshot_with(org_rulesets, coverage, repos) := {"github": [{
	"kind": "github-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": coverage,
	"org": {"login": "acme", "id": 1234567, "rulesets": org_rulesets},
	"repositories": repos,
}]}

# A classic rule that blocks force pushes and deletion, requires a review and binds
# admins; overrides weaken it.
classic(pattern, overrides) := object.union(
	{
		"pattern": pattern,
		"is_admin_enforced": true,
		"allows_force_pushes": false,
		"allows_deletions": false,
		"requires_approving_reviews": true,
		"required_approving_review_count": 1,
	},
	overrides,
)

full_rules := [
	{"type": "deletion", "parameters": null},
	{"type": "non_fast_forward", "parameters": null},
	{"type": "pull_request", "parameters": {"required_approving_review_count": 1}},
]

ruleset(id, overrides) := object.union(
	{
		"id": id,
		"name": sprintf("ruleset-%d", [id]),
		"source": {"type": "Repository", "name": "acme/app"},
		"enforcement": "active",
		"target": "branch",
		"ref_include": ["~DEFAULT_BRANCH"],
		"ref_exclude": [],
		"bypass_actors": [],
		"rules": full_rules,
	},
	overrides,
)

admin_always := {"type": "OrganizationAdmin", "name": null, "mode": "always"}

federation(matchers) := [{
	"kind": "openai-federation",
	"declared_at": "2026-11-20T00:00:00Z",
	"providers": [{"id": "wip_1", "enabled": true, "federation_rules": [{"id": "wifr_1", "enabled": true, "attribute_matchers": matchers}]}],
	"expected_consumers": [],
}]

# [rule, branch, status] of the GH-BP-001 and -003 findings on github://acme/app.
branch_results(doc) := {[f.rule, f.identity.branch, f.status] |
	some f in gh_bp.findings with input as doc
	f.rule in {"GH-BP-001", "GH-BP-003"}
	f.resource == "github://acme/app"
}

finding(doc, id) := f if {
	some f in gh_bp.findings with input as doc
	f.rule == id
}

# --- GH-BP-001 -------------------------------------------------------------------------

test_bp_001_fires_on_an_unprotected_default_branch if {
	doc := snapshot([repo("app", {})])
	branch_results(doc) == {["GH-BP-001", "main", "fail"]}
	f := finding(doc, "GH-BP-001")
	f.identity == {"repository_id": 987654321, "branch": "main"}
	contains(f.message, "missing: a required approving review, deletion blocking, force-push blocking")
	f.evidence == ["no branch protection rule or active ruleset covers the branch"]
}

test_bp_001_quiet_on_a_full_classic_rule if {
	branch_results(snapshot([repo("app", {"branch_protection_rules": [classic("main", {})]})])) == set()
}

test_bp_001_quiet_on_a_full_active_ruleset if {
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {})]})])) == set()
}

test_bp_001_leaves_ruleset_bypass_lists_to_bp_002 if {
	# The org ruleset protects the branch; its admin bypass is judged once, on the org.
	org_rs := ruleset(1, {"source": {"type": "Organization", "name": "acme"}, "bypass_actors": [admin_always]})
	doc := snapshot_with([org_rs], [], [repo("app", {"rulesets": [org_rs]})])
	branch_results(doc) == set()
	{f.rule | some f in gh_bp.findings with input as doc} == {"GH-BP-002"}
}

test_bp_001_repo_rulesets_use_their_own_profile if {
	# A repository ruleset (not in org.rulesets) is profiled on its own.
	partial := ruleset(5, {"rules": [{"type": "non_fast_forward", "parameters": null}]})
	doc := snapshot([repo("app", {"rulesets": [partial]})])
	contains(finding(doc, "GH-BP-001").message, "missing: a required approving review, deletion blocking")
	"ruleset \"ruleset-5\" (Repository acme/app) enforces: force-push blocking" in finding(doc, "GH-BP-001").evidence
}

test_bp_001_non_admin_bypass_is_not_an_admin_gap if {
	actor := {"type": "Team", "name": "release", "mode": "always"}
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"bypass_actors": [actor]})]})])) == set()
}

test_bp_001_fires_when_a_classic_rule_exempts_admins if {
	doc := snapshot([repo("app", {"branch_protection_rules": [classic("main", {"is_admin_enforced": false})]})])
	f := finding(doc, "GH-BP-001")
	"branch protection rule \"main\": does not include administrators" in f.evidence
}

test_bp_001_protection_is_the_union_of_classic_rules_and_rulesets if {
	# The classic rule exempts admins and requires no review; the ruleset adds both.
	weak := classic("main", {"is_admin_enforced": false, "requires_approving_reviews": false, "required_approving_review_count": null})
	doc := snapshot([repo("app", {"branch_protection_rules": [weak], "rulesets": [ruleset(1, {})]})])
	branch_results(doc) == set()
	alone := snapshot([repo("app", {"branch_protection_rules": [weak]})])
	contains(finding(alone, "GH-BP-001").message, "missing: a required approving review")
}

test_bp_001_zero_required_reviews_is_no_review if {
	doc := snapshot([repo("app", {"rulesets": [ruleset(1, {"rules": [
		{"type": "deletion", "parameters": null},
		{"type": "non_fast_forward", "parameters": null},
		{"type": "pull_request", "parameters": {"required_approving_review_count": 0}},
	]})]})])
	contains(finding(doc, "GH-BP-001").message, "missing: a required approving review")
	classic_zero := snapshot([repo("app", {"branch_protection_rules": [classic("main", {"required_approving_review_count": 0})]})])
	contains(finding(classic_zero, "GH-BP-001").message, "missing: a required approving review")
}

test_bp_001_evaluate_and_disabled_rulesets_do_not_protect if {
	doc := snapshot([repo("app", {"rulesets": [ruleset(1, {"enforcement": "evaluate"}), ruleset(2, {"enforcement": "disabled"})]})])
	branch_results(doc) == {["GH-BP-001", "main", "fail"]}
	"ruleset \"ruleset-1\" (Repository acme/app): evaluate mode, enforces nothing" in finding(doc, "GH-BP-001").evidence
}

test_bp_001_ruleset_targets if {
	# A tag ruleset protects no branch; one with an unreported target is taken as a branch ruleset.
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"target": "tag"})]})])) == {["GH-BP-001", "main", "fail"]}
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"target": null})]})])) == set()
}

test_bp_001_ruleset_ref_patterns if {
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"ref_include": ["~ALL"]})]})])) == set()
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"ref_include": ["refs/heads/ma*"]})]})])) == set()
	branch_results(snapshot([repo("app", {"rulesets": [ruleset(1, {"ref_include": ["refs/heads/release/*"]})]})])) == {["GH-BP-001", "main", "fail"]}
	excluded := ruleset(1, {"ref_include": ["~ALL"], "ref_exclude": ["refs/heads/main"]})
	branch_results(snapshot([repo("app", {"rulesets": [excluded]})])) == {["GH-BP-001", "main", "fail"]}
}

test_bp_001_covers_deployment_branches_with_some_protection if {
	env := {"name": "production", "deployment_branch_policy": {"mode": "custom", "patterns": [
		{"name": "release/*", "type": "branch"},
		{"name": "v*", "type": "tag"},
	]}}
	rules := [classic("main", {}), classic("release/*", {"is_admin_enforced": false})]
	doc := snapshot([repo("app", {"environments": [env], "branch_protection_rules": rules})])
	branch_results(doc) == {["GH-BP-001", "release/*", "fail"]}
	contains(finding(doc, "GH-BP-001").message, "(deploys to environment production)")
}

test_bp_org_ruleset_profiles_respect_their_ref_patterns if {
	release_env := {"name": "production", "deployment_branch_policy": {"mode": "custom", "patterns": [{"name": "release/*", "type": "branch"}]}}
	default_only := ruleset(1, {"source": {"type": "Organization", "name": "acme"}})
	release_only := ruleset(2, {"source": {"type": "Organization", "name": "acme"}, "ref_include": ["refs/heads/release/*"]})
	# The default-branch ruleset protects main but not the deployment branch.
	doc := snapshot_with([default_only], [], [repo("app", {"environments": [release_env], "rulesets": [default_only]})])
	branch_results(doc) == {["GH-BP-003", "release/*", "fail"]}
	# A ruleset on release/* protects the deployment branch and not main.
	doc2 := snapshot_with([release_only], [], [repo("app", {"environments": [release_env], "rulesets": [release_only]})])
	branch_results(doc2) == {["GH-BP-001", "main", "fail"]}
	# An org ruleset without an id is profiled from the repository's copy.
	no_id := object.union(default_only, {"id": null})
	branch_results(snapshot_with([no_id], [], [repo("app", {"rulesets": [no_id]})])) == set()
}

test_bp_001_unknown_when_protection_facts_are_missing if {
	branch_results(snapshot([repo("app", {"rulesets": null})])) == {["GH-BP-001", "main", "unknown"]}
	no_review := ruleset(1, {"rules": [{"type": "deletion", "parameters": null}, {"type": "non_fast_forward", "parameters": null}]})
	branch_results(snapshot([repo("app", {"branch_protection_rules": null, "rulesets": [no_review]})])) == {["GH-BP-001", "main", "unknown"]}
	truncated := snapshot_with([], [{"resource": "repo:acme/app/rulesets", "status": "error"}], [repo("app", {})])
	branch_results(truncated) == {["GH-BP-001", "main", "unknown"]}
}

# A pull_request rule whose parameters one copy of an org ruleset could not give: the
# other copy's parameters count, and when no copy has them the review is unknown, and
# the message says so rather than naming no gap at all.
org_ruleset_without_parameters := ruleset(1, {
	"source": {"type": "Organization", "name": "acme"},
	"rules": [
		{"type": "deletion", "parameters": null},
		{"type": "non_fast_forward", "parameters": null},
		{"type": "pull_request", "parameters": null},
	],
})

test_bp_001_a_copy_with_parameters_completes_an_org_ruleset if {
	repo_copy := ruleset(1, {"source": {"type": "Organization", "name": "acme"}})
	branch_results(snapshot_with([org_ruleset_without_parameters], [], [repo("app", {"rulesets": [repo_copy]})])) == set()
}

test_bp_001_unread_review_parameters_are_unknown_and_named if {
	doc := snapshot_with([org_ruleset_without_parameters], [], [repo("app", {"rulesets": [org_ruleset_without_parameters]})])
	branch_results(doc) == {["GH-BP-001", "main", "unknown"]}
	f := finding(doc, "GH-BP-001")
	endswith(f.message, "is not fully protected: not known: a required approving review")
	some line in f.evidence
	contains(line, "the parameters of its pull_request rule were not read")
}

test_bp_001_known_full_protection_passes_despite_a_gap if {
	branch_results(snapshot([repo("app", {"rulesets": null, "branch_protection_rules": [classic("main", {})]})])) == set()
}

test_bp_001_skips_archived_and_empty_repositories if {
	branch_results(snapshot([repo("app", {"archived": true})])) == set()
	branch_results(snapshot([repo("app", {"default_branch": null})])) == set()
}

# --- GH-BP-003 -------------------------------------------------------------------------

test_bp_003_fires_on_an_unprotected_deployment_branch if {
	env := {"name": "production", "deployment_branch_policy": {"mode": "custom", "patterns": [{"name": "release/*", "type": "branch"}]}}
	doc := snapshot([repo("app", {"environments": [env], "branch_protection_rules": [classic("main", {})]})])
	branch_results(doc) == {["GH-BP-003", "release/*", "fail"]}
	f := finding(doc, "GH-BP-003")
	f.severity == "high"
	f.identity == {"repository_id": 987654321, "branch": "release/*"}
}

test_bp_003_owns_an_unprotected_default_branch_that_deploys if {
	env := {"name": "production", "deployment_branch_policy": {"mode": "custom", "patterns": [{"name": "main", "type": "branch"}]}}
	branch_results(snapshot([repo("app", {"environments": [env]})])) == {["GH-BP-003", "main", "fail"]}
}

test_bp_003_fires_on_a_branch_trusted_by_ref if {
	doc := object.union(snapshot([repo("app", {"rulesets": [ruleset(1, {})]})]), {"openai": federation({"repository_id": "987654321", "ref": "refs/heads/staging"})})
	branch_results(doc) == {["GH-BP-003", "staging", "fail"]}
	f := finding(doc, "GH-BP-003")
	"trusted by openai://providers/wip_1/rules/wifr_1 (ref)" in f.evidence
}

test_bp_003_finds_the_repository_of_every_claim_form if {
	forms := [
		{"repository": "ACME/app", "ref": "refs/heads/staging"},
		{"repository_id": 987654321, "ref": "refs/heads/staging"},
		{"job_workflow_ref": "acme/app/.github/workflows/deploy.yml@refs/heads/staging"},
		{"sub": "repo:acme/app:ref:refs/heads/staging"},
		{"sub": "repo:acme@1234567/app@987654321:ref:refs/heads/staging"},
		{"sub": "repository_owner_id:1234567:repository_id:987654321:ref:refs/heads/staging"},
	]
	every matchers in forms {
		doc := object.union(snapshot([repo("app", {"branch_protection_rules": [classic("main", {})]})]), {"openai": federation(matchers)})
		branch_results(doc) == {["GH-BP-003", "staging", "fail"]}
	}
}

test_bp_003_ignores_trust_it_cannot_attribute if {
	forms := [
		{"ref": "refs/heads/staging"},
		{"repository": "acme/other", "ref": "refs/heads/staging"},
		{"repository_id": "987654321", "ref": "refs/tags/v1"},
		{"sub": "repo:acme/app:environment:production"},
		{"job_workflow_ref": "other/tools/.github/workflows/x.yml@refs/heads/staging"},
	]
	every matchers in forms {
		doc := object.union(snapshot([repo("app", {"branch_protection_rules": [classic("main", {})]})]), {"openai": federation(matchers)})
		branch_results(doc) == set()
	}
}

test_bp_003_quiet_when_the_trusted_branch_is_protected if {
	rules := [classic("main", {}), classic("staging", {})]
	doc := object.union(snapshot([repo("app", {"branch_protection_rules": rules})]), {"openai": federation({"repository_id": "987654321", "ref": "refs/heads/staging"})})
	branch_results(doc) == set()
}

test_bp_003_unknown_when_protection_facts_are_missing if {
	doc := object.union(snapshot([repo("app", {"rulesets": null, "branch_protection_rules": [classic("main", {})]})]), {"openai": federation({"repository_id": "987654321", "ref": "refs/heads/staging"})})
	branch_results(doc) == {["GH-BP-003", "staging", "unknown"]}
}

# --- GH-BP-002 -------------------------------------------------------------------------

bypass_results(doc) := {[f.resource, f.identity.ruleset_id] |
	some f in gh_bp.findings with input as doc
	f.rule == "GH-BP-002"
}

org_ruleset := ruleset(4021, {"source": {"type": "Organization", "name": "acme"}, "bypass_actors": [admin_always]})

test_bp_002_fires_on_an_org_ruleset_with_an_always_bypass if {
	doc := snapshot_with([org_ruleset], [], [repo("app", {"rulesets": [org_ruleset]})])
	bypass_results(doc) == {["github://acme", 4021]}
	f := finding(doc, "GH-BP-002")
	f.evidence == ["enforcement: active", "bypass: OrganizationAdmin (always)"]
	f.source.pointer == "/org/rulesets/0"
}

test_bp_002_fires_on_deploy_keys_and_on_a_repository_ruleset if {
	deploy_keys := ruleset(7, {"bypass_actors": [{"type": "DeployKey", "name": null, "mode": "pull_request"}]})
	bypass_results(snapshot([repo("app", {"rulesets": [deploy_keys]})])) == {["github://acme/app", 7]}
}

test_bp_002_quiet_on_pull_request_only_bypass if {
	narrow := ruleset(7, {"bypass_actors": [{"type": "Team", "name": "release", "mode": "pull_request"}]})
	bypass_results(snapshot([repo("app", {"rulesets": [narrow]})])) == set()
}

test_bp_002_quiet_on_inactive_rulesets if {
	evaluate := object.union(org_ruleset, {"enforcement": "evaluate"})
	bypass_results(snapshot_with([evaluate], [], [])) == set()
}

test_bp_002_accepts_bypass_allowed_by_parameter if {
	app := {"type": "Integration", "name": "release-bot", "mode": "always"}
	doc := snapshot_with([ruleset(9, {"bypass_actors": [app, admin_always]})], [], [])
	bypass_results(doc) with data.regolith.params.ruleset_bypass_allowed as ["Integration:release-bot", "OrganizationAdmin"] == set()
	bypass_results(doc) with data.regolith.params.ruleset_bypass_allowed as ["Integration:release-bot"] == {["github://acme", 9]}
}

test_bp_002_reads_org_rulesets_through_repositories_when_the_org_list_is_unread if {
	doc := snapshot_with(null, [], [repo("app", {"rulesets": [org_ruleset]}), repo("lib", {"id": 2, "rulesets": [org_ruleset]})])
	bypass_results(doc) == {["github://acme", 4021]}
}

test_bp_002_names_a_ruleset_without_id if {
	doc := snapshot([repo("app", {"rulesets": [ruleset(1, {"id": null, "bypass_actors": [admin_always]})]})])
	bypass_results(doc) == {["github://acme/app", "acme/app/ruleset-1"]}
}

test_bp_002_skips_archived_repositories if {
	bypass_results(snapshot([repo("app", {"archived": true, "rulesets": [ruleset(1, {"bypass_actors": [admin_always]})]})])) == set()
}
