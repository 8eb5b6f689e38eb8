package regolith.checks.gh_env_test

import data.regolith.checks.gh_env

# Minimal github-snapshot documents with one repository and the given environments; the
# default environment is a well-protected production environment without secrets.

environment(name, overrides) := object.union(
	{
		"name": name,
		"required_reviewers": {
			"prevent_self_review": true,
			"reviewers": [{"type": "Team", "name": "release-managers", "id": 5551234}],
		},
		"wait_timer_minutes": 0,
		"deployment_branch_policy": {"mode": "protected_branches", "patterns": []},
		"custom_protection_apps": [],
		"secrets": [],
	},
	overrides,
)

# An environment with no protection rule at all.
bare(name, overrides) := environment(name, object.union(
	{
		"required_reviewers": {"prevent_self_review": false, "reviewers": []},
		"deployment_branch_policy": {"mode": "any", "patterns": []},
	},
	overrides,
))

snapshot(envs) := snapshot_of(false, envs)

snapshot_of(archived, envs) := {"github": [{
	"kind": "github-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": [],
	"org": {"login": "acme", "id": 1234567},
	"repositories": [{"full_name": "acme/app", "name": "app", "id": 987654321, "archived": archived, "environments": envs}],
}]}

results(input_doc, id) := {[f.resource, f.status] |
	some f in gh_env.findings with input as input_doc
	f.rule == id
}

prod := "github://acme/app/environments/production"

a_secret := [{"name": "DEPLOY_TOKEN", "created_at": "2026-10-01T00:00:00Z", "updated_at": "2026-10-01T00:00:00Z"}]

# --- GH-ENV-001 -------------------------------------------------------------------------

test_env_001_fires_on_production_without_reviewers if {
	doc := snapshot([environment("production", {"required_reviewers": {"prevent_self_review": false, "reviewers": []}})])
	results(doc, "GH-ENV-001") == {[prod, "fail"]}
}

test_env_001_uses_the_production_name_globs if {
	doc := snapshot([bare("prod-eu", {}), bare("Live", {}), bare("staging", {})])
	results(doc, "GH-ENV-001") == {
		["github://acme/app/environments/prod-eu", "fail"],
		["github://acme/app/environments/Live", "fail"],
	}
}

test_env_001_quiet_with_reviewers if {
	results(snapshot([environment("production", {})]), "GH-ENV-001") == set()
}

test_env_001_follows_the_production_parameter if {
	doc := snapshot([bare("release", {}), bare("production", {})])
	results(doc, "GH-ENV-001") with data.regolith.params.production_environments as ["release"] == {["github://acme/app/environments/release", "fail"]}
}

test_env_001_skips_archived_repositories if {
	results(snapshot_of(true, [bare("production", {})]), "GH-ENV-001") == set()
}

# --- GH-ENV-002 -------------------------------------------------------------------------

test_env_002_fires_when_self_review_is_allowed if {
	reviewers := {"required_reviewers": {"prevent_self_review": false}}
	doc := snapshot([environment("production", reviewers)])
	results(doc, "GH-ENV-002") == {[prod, "fail"]}
	some f in gh_env.findings with input as doc
	f.rule == "GH-ENV-002"
	f.evidence == ["required_reviewers.prevent_self_review: false", "reviewers: Team release-managers"]
}

test_env_002_admin_bypass_is_unknown_when_self_review_is_prevented if {
	doc := snapshot([environment("production", {})])
	results(doc, "GH-ENV-002") == {[prod, "unknown"]}
	some f in gh_env.findings with input as doc
	f.rule == "GH-ENV-002"
	contains(f.message, "not collected yet")
}

test_env_002_quiet_without_reviewers_or_outside_production if {
	# No reviewers: GH-ENV-001 reports it; a staging environment is not checked.
	doc := snapshot([bare("production", {}), environment("staging", {"required_reviewers": {"prevent_self_review": false}})])
	results(doc, "GH-ENV-002") == set()
}

# --- GH-ENV-003 -------------------------------------------------------------------------

test_env_003_fires_when_any_branch_may_deploy if {
	doc := snapshot([environment("production", {"deployment_branch_policy": {"mode": "any", "patterns": []}})])
	results(doc, "GH-ENV-003") == {[prod, "fail"]}
}

test_env_003_fires_on_a_catch_all_custom_pattern if {
	policy := {"mode": "custom", "patterns": [{"name": "*", "type": "branch"}, {"name": "v*", "type": "tag"}]}
	doc := snapshot([environment("production", {"deployment_branch_policy": policy})])
	some f in gh_env.findings with input as doc
	f.rule == "GH-ENV-003"
	f.status == "fail"
	f.evidence == ["deployment_branch_policy.mode: custom", `branch pattern "*" matches every branch`]
}

test_env_003_quiet_on_protected_branches_or_explicit_patterns if {
	custom := {"mode": "custom", "patterns": [{"name": "main", "type": "branch"}, {"name": "*", "type": "tag"}]}
	doc := snapshot([
		environment("production", {}),
		environment("prod-eu", {"deployment_branch_policy": custom}),
		environment("staging", {"deployment_branch_policy": {"mode": "any", "patterns": []}}),
	])
	results(doc, "GH-ENV-003") == set()
}

test_env_003_unknown_when_custom_patterns_are_unread if {
	doc := snapshot([environment("production", {"deployment_branch_policy": {"mode": "custom", "patterns": null}})])
	results(doc, "GH-ENV-003") == {[prod, "unknown"]}
}

# --- GH-ENV-004 -------------------------------------------------------------------------

test_env_004_fires_on_an_unprotected_environment_with_secrets if {
	doc := snapshot([bare("staging", {"secrets": a_secret})])
	results(doc, "GH-ENV-004") == {["github://acme/app/environments/staging", "fail"]}
	some f in gh_env.findings with input as doc
	f.rule == "GH-ENV-004"
	f.evidence[0] == "secrets: DEPLOY_TOKEN"
}

test_env_004_quiet_without_secrets if {
	results(snapshot([bare("staging", {})]), "GH-ENV-004") == set()
}

test_env_004_quiet_with_any_protection_rule if {
	doc := snapshot([
		bare("a", {"secrets": a_secret, "wait_timer_minutes": 5}),
		bare("b", {"secrets": a_secret, "custom_protection_apps": ["deploy-gate"]}),
		bare("c", {"secrets": a_secret, "deployment_branch_policy": {"mode": "protected_branches", "patterns": []}}),
		bare("d", {"secrets": a_secret, "required_reviewers": {"reviewers": [{"type": "User", "name": "octocat", "id": 1}]}}),
		bare("e", {"secrets": null, "wait_timer_minutes": 1}),
	])
	results(doc, "GH-ENV-004") == set()
}

test_env_004_unknown_when_a_deciding_fact_is_unread if {
	doc := snapshot([
		bare("secrets-unread", {"secrets": null}),
		bare("apps-unread", {"secrets": a_secret, "custom_protection_apps": null}),
		bare("both-unread", {"secrets": null, "custom_protection_apps": null}),
		bare("settled", {"secrets": [], "custom_protection_apps": null}),
	])
	results(doc, "GH-ENV-004") == {
		["github://acme/app/environments/secrets-unread", "unknown"],
		["github://acme/app/environments/apps-unread", "unknown"],
		["github://acme/app/environments/both-unread", "unknown"],
	}
}

test_env_004_skips_archived_repositories if {
	results(snapshot_of(true, [bare("staging", {"secrets": a_secret})]), "GH-ENV-004") == set()
}

test_env_findings_use_environment_identity if {
	doc := snapshot([bare("production", {"secrets": a_secret})])
	findings := gh_env.findings with input as doc
	{f.rule | some f in findings} == {"GH-ENV-001", "GH-ENV-003", "GH-ENV-004"}
	every f in findings {
		f.identity == {"repository_id": 987654321, "environment": "production"}
		f.resource == prod
	}
}

# --- Environments that could not be read ---------------------------------------------------

test_env_unreadable_environments_are_unknown_for_every_check if {
	findings := gh_env.findings with input as snapshot(null)
	{[f.rule, f.resource, f.status] | some f in findings} == {
		["GH-ENV-001", "github://acme/app", "unknown"],
		["GH-ENV-002", "github://acme/app", "unknown"],
		["GH-ENV-003", "github://acme/app", "unknown"],
		["GH-ENV-004", "github://acme/app", "unknown"],
	}
	every f in findings {
		f.identity == {"repository_id": 987654321, "environment": "*"}
	}
}

test_env_unreadable_environments_of_archived_repositories_are_skipped if {
	count(gh_env.findings) == 0 with input as snapshot_of(true, null)
}

test_env_no_environments_is_no_finding if {
	count(gh_env.findings) == 0 with input as snapshot([])
}
