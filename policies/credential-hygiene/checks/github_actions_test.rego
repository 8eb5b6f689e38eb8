package regolith.checks.gh_act_test

import data.regolith.checks.gh_act

# Minimal github-snapshot documents: only the fields the GH-ACT checks read. The
# defaults are the compliant settings, so each test changes one thing.

good_fork_settings := {
	"run_workflows_from_fork_pull_requests": true,
	"send_write_tokens_to_workflows": false,
	"send_secrets_and_variables": false,
	"require_approval_for_fork_pr_workflows": true,
}

org_actions(overrides) := object.union(
	{
		"permissions": {"enabled_repositories": "selected", "allowed_actions": "local_only", "sha_pinning_required": true},
		"default_workflow_permissions": "read",
		"can_approve_pull_request_reviews": false,
		"fork_pr_contributor_approval": "all_external_contributors",
		"fork_pr_workflows_private_repos": good_fork_settings,
	},
	overrides,
)

repo(name, overrides) := object.union(
	{
		"full_name": sprintf("acme/%s", [name]),
		"name": name,
		"id": 100 + count(name),
		"visibility": "private",
		"archived": false,
		"actions": {
			"permissions": {"enabled": true, "allowed_actions": "local_only", "sha_pinning_required": true},
			"default_workflow_permissions": "read",
			"can_approve_pull_request_reviews": false,
			"fork_pr_contributor_approval": null,
			"fork_pr_workflows_private_repos": good_fork_settings,
		},
	},
	overrides,
)

public_repo(name, overrides) := repo(name, object.union(
	{"visibility": "public", "actions": {"fork_pr_contributor_approval": "all_external_contributors", "fork_pr_workflows_private_repos": null}},
	overrides,
))

snapshot(org_overrides, repos) := {"github": [{
	"kind": "github-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": [],
	"org": {"login": "acme", "id": 1234567, "actions": org_actions(org_overrides), "secrets": [], "rulesets": []},
	"repositories": repos,
}]}

# [resource, status] of one check's findings.
results(input_doc, id) := {[f.resource, f.status] |
	some f in gh_act.findings with input as input_doc
	f.rule == id
}

# [resource, setting, status, severity] for the checks with facets.
facets(input_doc, id) := {[f.resource, f.identity.setting, f.status, f.severity] |
	some f in gh_act.findings with input as input_doc
	f.rule == id
}

# --- GH-ACT-001 -------------------------------------------------------------------------

test_act_001_fires_on_a_write_org_default if {
	results(snapshot({"default_workflow_permissions": "write"}, []), "GH-ACT-001") == {["github://acme", "fail"]}
}

test_act_001_quiet_on_read if {
	results(snapshot({}, [repo("app", {})]), "GH-ACT-001") == set()
}

test_act_001_unknown_when_unread if {
	results(snapshot({"default_workflow_permissions": null}, []), "GH-ACT-001") == {["github://acme", "unknown"]}
}

test_act_001_fires_on_a_repo_that_overrides_a_read_org if {
	doc := snapshot({}, [repo("app", {"actions": {"default_workflow_permissions": "write"}})])
	results(doc, "GH-ACT-001") == {["github://acme/app", "fail"]}
}

test_act_001_reports_an_inherited_value_once_on_the_org if {
	doc := snapshot({"default_workflow_permissions": "write"}, [repo("app", {"actions": {"default_workflow_permissions": "write"}})])
	results(doc, "GH-ACT-001") == {["github://acme", "fail"]}
}

test_act_001_skips_archived_and_disabled_repos if {
	write := {"default_workflow_permissions": "write"}
	doc := snapshot({}, [
		repo("old", {"archived": true, "actions": write}),
		repo("off", {"actions": object.union(write, {"permissions": {"enabled": false}})}),
	])
	results(doc, "GH-ACT-001") == set()
}

test_act_001_unknown_on_an_unread_repo_only_when_the_org_was_read if {
	unread := {"actions": {"default_workflow_permissions": null}}
	results(snapshot({}, [repo("app", unread)]), "GH-ACT-001") == {["github://acme/app", "unknown"]}
	results(snapshot({"default_workflow_permissions": null}, [repo("app", unread)]), "GH-ACT-001") == {["github://acme", "unknown"]}
}

test_act_001_finding_carries_metadata_and_evidence if {
	some f in gh_act.findings with input as snapshot({"default_workflow_permissions": "write"}, [])
	f.rule == "GH-ACT-001"
	f.severity == "medium"
	f.identity == {"org_id": "1234567"}
	f.evidence == ["default_workflow_permissions: write"]
	f.source == {"document": "github", "index": 0, "pointer": "/org/actions/default_workflow_permissions"}
	contains(f.remediation, "Read repository contents and packages permissions")
}

# --- GH-ACT-002 -------------------------------------------------------------------------

test_act_002_fires_when_the_org_lets_workflows_approve if {
	results(snapshot({"can_approve_pull_request_reviews": true}, []), "GH-ACT-002") == {["github://acme", "fail"]}
}

test_act_002_quiet_when_workflows_cannot_approve if {
	results(snapshot({}, [repo("app", {})]), "GH-ACT-002") == set()
}

test_act_002_unknown_when_unread if {
	results(snapshot({"can_approve_pull_request_reviews": null}, []), "GH-ACT-002") == {["github://acme", "unknown"]}
}

test_act_002_fires_on_an_overriding_repo_only if {
	doc := snapshot({}, [repo("app", {"actions": {"can_approve_pull_request_reviews": true}}), repo("lib", {})])
	results(doc, "GH-ACT-002") == {["github://acme/app", "fail"]}
}

test_act_002_reports_an_inherited_value_once if {
	doc := snapshot({"can_approve_pull_request_reviews": true}, [repo("app", {"actions": {"can_approve_pull_request_reviews": true}})])
	results(doc, "GH-ACT-002") == {["github://acme", "fail"]}
}

# --- GH-ACT-003 -------------------------------------------------------------------------

test_act_003_secrets_to_forks_is_critical if {
	doc := snapshot({"fork_pr_workflows_private_repos": {"send_secrets_and_variables": true}}, [])
	facets(doc, "GH-ACT-003") == {["github://acme", "send_secrets_and_variables", "fail", "critical"]}
}

test_act_003_each_bad_setting_is_its_own_facet if {
	doc := snapshot({"fork_pr_workflows_private_repos": {"send_write_tokens_to_workflows": true, "require_approval_for_fork_pr_workflows": false}}, [])
	facets(doc, "GH-ACT-003") == {
		["github://acme", "send_write_tokens_to_workflows", "fail", "high"],
		["github://acme", "require_approval_for_fork_pr_workflows", "fail", "medium"],
	}
}

test_act_003_quiet_when_forks_run_no_workflows if {
	settings := {"run_workflows_from_fork_pull_requests": false, "send_secrets_and_variables": true}
	doc := snapshot({"fork_pr_workflows_private_repos": settings}, [repo("app", {"actions": {"fork_pr_workflows_private_repos": settings}})])
	facets(doc, "GH-ACT-003") == set()
}

test_act_003_quiet_on_good_settings if {
	facets(snapshot({}, [repo("app", {})]), "GH-ACT-003") == set()
}

test_act_003_unknown_when_the_org_setting_is_unread if {
	doc := snapshot({"fork_pr_workflows_private_repos": null}, [])
	facets(doc, "GH-ACT-003") == {["github://acme", "fork_pr_workflows_private_repos", "unknown", "critical"]}
}

test_act_003_fires_on_a_private_repo_that_sends_secrets if {
	doc := snapshot({}, [repo("app", {"actions": {"fork_pr_workflows_private_repos": {"send_secrets_and_variables": true}}})])
	facets(doc, "GH-ACT-003") == {["github://acme/app", "send_secrets_and_variables", "fail", "critical"]}
}

test_act_003_inherited_repo_setting_is_not_repeated if {
	bad := {"fork_pr_workflows_private_repos": {"send_secrets_and_variables": true}}
	doc := snapshot(bad, [repo("app", {"actions": bad}), repo("internal-tool", {"visibility": "internal", "actions": bad})])
	facets(doc, "GH-ACT-003") == {["github://acme", "send_secrets_and_variables", "fail", "critical"]}
}

test_act_003_public_repo_is_not_applicable if {
	# Public repositories report null with a not_applicable coverage entry: no unknown.
	facets(snapshot({}, [public_repo("site", {})]), "GH-ACT-003") == set()
}

test_act_003_unknown_on_an_unread_private_repo if {
	doc := snapshot({}, [repo("app", {"actions": {"fork_pr_workflows_private_repos": null}})])
	facets(doc, "GH-ACT-003") == {["github://acme/app", "fork_pr_workflows_private_repos", "unknown", "critical"]}
}

test_act_003_repo_setting_compared_with_an_unread_org if {
	doc := snapshot({"fork_pr_workflows_private_repos": null}, [repo("app", {"actions": {"fork_pr_workflows_private_repos": {"send_write_tokens_to_workflows": true}}})])
	facets(doc, "GH-ACT-003") == {
		["github://acme", "fork_pr_workflows_private_repos", "unknown", "critical"],
		["github://acme/app", "send_write_tokens_to_workflows", "fail", "high"],
	}
}

# --- GH-ACT-004 -------------------------------------------------------------------------

test_act_004_fires_on_a_weaker_org_policy if {
	some f in gh_act.findings with input as snapshot({"fork_pr_contributor_approval": "first_time_contributors"}, [])
	f.rule == "GH-ACT-004"
	f.resource == "github://acme"
	f.status == "fail"
	contains(f.message, "unless the author is a first-time contributor")
}

test_act_004_quiet_when_all_external_contributors_need_approval if {
	results(snapshot({}, [public_repo("site", {})]), "GH-ACT-004") == set()
}

test_act_004_unknown_when_unread if {
	results(snapshot({"fork_pr_contributor_approval": null}, []), "GH-ACT-004") == {["github://acme", "unknown"]}
}

test_act_004_names_an_unrecognized_policy if {
	some f in gh_act.findings with input as snapshot({"fork_pr_contributor_approval": "some_future_policy"}, [])
	f.rule == "GH-ACT-004"
	contains(f.message, `"some_future_policy"`)
}

test_act_004_fires_on_an_overriding_public_repo if {
	doc := snapshot({}, [public_repo("site", {"actions": {"fork_pr_contributor_approval": "first_time_contributors_new_to_github"}})])
	results(doc, "GH-ACT-004") == {["github://acme/site", "fail"]}
}

test_act_004_inherited_public_repo_policy_is_not_repeated if {
	weak := {"fork_pr_contributor_approval": "first_time_contributors"}
	doc := snapshot(weak, [public_repo("site", {"actions": weak})])
	results(doc, "GH-ACT-004") == {["github://acme", "fail"]}
}

test_act_004_private_repo_is_not_applicable if {
	# Private repositories carry null (not_applicable), which is no finding.
	results(snapshot({}, [repo("app", {})]), "GH-ACT-004") == set()
}

test_act_004_quiet_when_actions_is_off_for_the_org if {
	off := {"permissions": {"enabled_repositories": "none"}, "fork_pr_contributor_approval": "first_time_contributors"}
	results(snapshot(off, []), "GH-ACT-004") == set()
}

# --- GH-ACT-005 -------------------------------------------------------------------------

test_act_005_fires_when_any_action_may_run if {
	doc := snapshot({"permissions": {"allowed_actions": "all"}}, [])
	facets(doc, "GH-ACT-005") == {["github://acme", "allowed_actions", "fail", "medium"]}
}

test_act_005_fires_when_sha_pinning_is_not_required if {
	doc := snapshot({"permissions": {"sha_pinning_required": false}}, [])
	facets(doc, "GH-ACT-005") == {["github://acme", "sha_pinning_required", "fail", "medium"]}
}

test_act_005_quiet_on_local_only_with_pinning if {
	facets(snapshot({}, [repo("app", {})]), "GH-ACT-005") == set()
}

test_act_005_selected_allowlist_is_unknown_once_per_org if {
	selected := {"permissions": {"allowed_actions": "selected"}}
	doc := snapshot(selected, [repo("app", {"actions": selected}), repo("lib", {"actions": selected})])
	facets(doc, "GH-ACT-005") == {["github://acme", "selected_actions", "unknown", "medium"]}
}

test_act_005_unknown_facts_at_org_level if {
	facets(snapshot({"permissions": null}, []), "GH-ACT-005") == {["github://acme", "permissions", "unknown", "medium"]}
	facets(snapshot({"permissions": {"allowed_actions": null, "sha_pinning_required": null}}, []), "GH-ACT-005") == {
		["github://acme", "allowed_actions", "unknown", "medium"],
		["github://acme", "sha_pinning_required", "unknown", "medium"],
	}
}

test_act_005_fires_on_an_overriding_repo if {
	doc := snapshot({}, [repo("legacy", {"actions": {"permissions": {"allowed_actions": "all", "sha_pinning_required": false}}})])
	facets(doc, "GH-ACT-005") == {
		["github://acme/legacy", "allowed_actions", "fail", "medium"],
		["github://acme/legacy", "sha_pinning_required", "fail", "medium"],
	}
}

test_act_005_inherited_repo_values_are_not_repeated if {
	loose := {"permissions": {"allowed_actions": "all", "sha_pinning_required": false}}
	doc := snapshot(loose, [repo("app", {"actions": loose})])
	facets(doc, "GH-ACT-005") == {
		["github://acme", "allowed_actions", "fail", "medium"],
		["github://acme", "sha_pinning_required", "fail", "medium"],
	}
}

test_act_005_unread_repo_permissions if {
	doc := snapshot({}, [repo("app", {"actions": {"permissions": null}})])
	facets(doc, "GH-ACT-005") == {["github://acme/app", "permissions", "unknown", "medium"]}
	both := snapshot({"permissions": null}, [repo("app", {"actions": {"permissions": null}})])
	facets(both, "GH-ACT-005") == {["github://acme", "permissions", "unknown", "medium"]}
}

test_act_005_repo_compared_with_unread_org_permissions if {
	doc := snapshot({"permissions": null}, [repo("legacy", {"actions": {"permissions": {"allowed_actions": "all"}}})])
	facets(doc, "GH-ACT-005") == {
		["github://acme", "permissions", "unknown", "medium"],
		["github://acme/legacy", "allowed_actions", "fail", "medium"],
	}
}

test_act_005_skips_repos_without_actions if {
	doc := snapshot({}, [repo("off", {"actions": {"permissions": {"enabled": false, "allowed_actions": null}}})])
	facets(doc, "GH-ACT-005") == set()
}

test_act_005_quiet_when_actions_is_off_for_the_org if {
	doc := snapshot({"permissions": {"enabled_repositories": "none", "allowed_actions": null, "sha_pinning_required": null}}, [])
	facets(doc, "GH-ACT-005") == set()
}

# --- GH-ACT-006 -------------------------------------------------------------------------

test_act_006_fires_when_every_repository_may_run_actions if {
	results(snapshot({"permissions": {"enabled_repositories": "all"}}, []), "GH-ACT-006") == {["github://acme", "fail"]}
}

test_act_006_quiet_on_selected_or_none if {
	results(snapshot({}, []), "GH-ACT-006") == set()
	results(snapshot({"permissions": {"enabled_repositories": "none"}}, []), "GH-ACT-006") == set()
}

test_act_006_unknown_when_unread_or_unreported if {
	results(snapshot({"permissions": null}, []), "GH-ACT-006") == {["github://acme", "unknown"]}
	unreported := {"github": [object.union(snapshot({}, []).github[0], {"org": {"actions": {"permissions": {"enabled_repositories": null}}}})]}
	results(json.patch(unreported, [{"op": "remove", "path": "/github/0/org/actions/permissions/enabled_repositories"}]), "GH-ACT-006") == {["github://acme", "unknown"]}
}

# --- GH-ACT-007 -------------------------------------------------------------------------

test_act_007_unknown_once_per_org if {
	doc := snapshot({}, [repo("app", {}), public_repo("site", {})])
	results(doc, "GH-ACT-007") == {["github://acme", "unknown"]}
	some f in gh_act.findings with input as doc
	f.rule == "GH-ACT-007"
	contains(f.message, "not collected yet")
}

test_act_007_nothing_without_a_github_snapshot if {
	results({"github": []}, "GH-ACT-007") == set()
}

# --- every finding names real metadata --------------------------------------------------

test_act_findings_identity_matches_metadata if {
	doc := snapshot(
		{"default_workflow_permissions": "write", "can_approve_pull_request_reviews": true, "permissions": {"enabled_repositories": "all", "allowed_actions": "all"}},
		[repo("app", {"actions": {"fork_pr_workflows_private_repos": {"send_secrets_and_variables": true}}})],
	)
	findings := gh_act.findings with input as doc
	count(findings) >= 6
	every f in findings {
		f.title != ""
		f.remediation != ""
		f.severity in {"info", "low", "medium", "high", "critical"}
	}
}
