package regolith.checks.gh_oidc_test

import data.regolith.checks.gh_oidc

# --- Minimal documents: only the fields the checks read ---------------------------------

org(overrides) := object.union(
	{
		"login": "acme", "id": 100,
		"actions": {"oidc": {"sub_template": {"include_claim_keys": ["repo", "context"], "use_immutable_subject": false}}},
	},
	overrides,
)

oidc_default(prefix) := {"use_default": true, "include_claim_keys": null, "sub_claim_prefix": prefix, "effective_sub_template": ["repo", "context"]}

protected_env(name) := {
	"name": name,
	"required_reviewers": {"prevent_self_review": true, "reviewers": [{"type": "Team", "name": "release", "id": 5}]},
	"deployment_branch_policy": {"mode": "protected_branches", "patterns": []},
}

repo(overrides) := object.union(
	{
		"full_name": "acme/app", "name": "app", "id": 200, "owner_id": 100,
		"actions": {"oidc": oidc_default("repo:acme@100/app@200")},
		"environments": [protected_env("production")], "workflows": [],
	},
	overrides,
)

github(org_overrides, coverage, repos) := [{
	"kind": "github-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": coverage,
	"org": org(org_overrides),
	"repositories": repos,
}]

# A job that mints OIDC tokens with the given subjects.
minting_job(id, environment, subs) := {
	"id": id, "environment": environment, "requests_id_token": true, "permissions_source": "job",
	"uses": null, "secret_refs": [], "var_refs": [], "steps": [], "oidc_sub_candidates": subs,
}

workflow(path, jobs) := {"path": path, "parse_error": null, "triggers": {}, "permissions": null, "jobs": jobs}

deploy_job := minting_job("deploy", "production", ["repo:acme@100/app@200:environment:production"])

ci_job := minting_job("test", null, ["repo:acme@100/app@200:pull_request", "repo:acme@100/app@200:ref:refs/heads/main"])

provider(rules) := {
	"id": "wip_1", "name": "github-actions", "type": "oidc", "enabled": true,
	"issuer": "https://token.actions.githubusercontent.com",
	"audience": "https://api.openai.com/v1",
	"federation_rules": rules,
}

rule(id, sa, matchers) := {
	"id": id, "name": sprintf("rule-%s", [id]), "enabled": true, "project_id": "proj_1",
	"service_account_id": sa, "attribute_matchers": matchers, "permissions": {"type": "service_account_default"},
}

# The tight rule the OpenAI guide recommends.
tight := {"repository_id": "200", "repository_owner_id": "100", "environment": "production"}

openai(providers, consumers) := [{"kind": "openai-federation", "declared_at": "2026-11-20T00:00:00Z", "providers": providers, "expected_consumers": consumers}]

consumer(job, rule_id, environment) := {
	"repository": "acme/app", "repository_id": 200, "workflow": ".github/workflows/deploy.yml", "job": job,
	"environment": environment, "provider_id": "wip_1", "federation_rule_id": rule_id, "service_account_id": "svc_acct_1",
}

# An input with the default repository (deploy and CI workflows) and one rule.
with_rule(matchers) := with_rules([rule("r1", "svc_acct_1", matchers)])

with_rules(rules) := {
	"github": github({}, [], [repo({"workflows": [workflow(".github/workflows/deploy.yml", [deploy_job]), workflow(".github/workflows/ci.yml", [ci_job])]})]),
	"openai": openai([provider(rules)], []),
}

rule_uri(id) := sprintf("openai://providers/wip_1/rules/%s", [id])

facets(findings) := {f.identity.facet | some f in findings; f.rule == "GH-OIDC-002"; f.status == "fail"}

facet(findings, name) := f if {
	some f in findings
	f.rule == "GH-OIDC-002"
	f.identity.facet == name
}

fired(findings, id) := {f.resource | some f in findings; f.rule == id; f.status == "fail"}

unknown(findings, id) := {f.resource | some f in findings; f.rule == id; f.status == "unknown"}

# --- GH-OIDC-001: org template ----------------------------------------------------------

org_template(keys) := {"github": github({"actions": {"oidc": {"sub_template": {"include_claim_keys": keys}}}}, [], [])}

test_oidc_001_fires_on_an_owner_only_org_template if {
	findings := gh_oidc.findings with input as org_template(["repository_owner"])
	fired(findings, "GH-OIDC-001") == {"github://acme"}
	some f in findings
	f.rule == "GH-OIDC-001"
	f.message == "The OIDC subject template of organization acme identifies only the owner"
	f.identity == {"org_id": "100"}
}

test_oidc_001_fires_on_a_template_without_repository if {
	findings := gh_oidc.findings with input as org_template(["repository_owner", "context"])
	some f in findings
	f.rule == "GH-OIDC-001"
	f.message == "The OIDC subject template of organization acme does not identify the repository"
}

test_oidc_001_fires_on_a_template_without_context if {
	findings := gh_oidc.findings with input as org_template(["repository_id", "repository_owner_id"])
	some f in findings
	f.rule == "GH-OIDC-001"
	f.evidence == ["include_claim_keys: [repository_id, repository_owner_id]", "no context (context, environment or ref)"]
}

test_oidc_001_quiet_on_tight_templates if {
	fired(gh_oidc.findings, "GH-OIDC-001") == set() with input as org_template(["repo", "context", "job_workflow_ref"])
	fired(gh_oidc.findings, "GH-OIDC-001") == set() with input as org_template(["repository_owner_id", "repository_id", "environment"])
	fired(gh_oidc.findings, "GH-OIDC-001") == set() with input as org_template([])
}

unread_template(coverage) := {"github": github({"actions": {"oidc": {"sub_template": null}}}, coverage, [])}

test_oidc_001_unknown_when_the_org_template_is_forbidden if {
	coverage := [{"resource": "org:acme/actions/oidc/customization/sub", "status": "forbidden"}]
	findings := gh_oidc.findings with input as unread_template(coverage)
	unknown(findings, "GH-OIDC-001") == {"github://acme"}
	some f in findings
	f.rule == "GH-OIDC-001"
	f.evidence == ["sub_template: null (coverage: forbidden)"]
}

test_oidc_001_unknown_without_a_coverage_entry if {
	findings := gh_oidc.findings with input as unread_template([])
	unknown(findings, "GH-OIDC-001") == {"github://acme"}
}

test_oidc_001_no_unknown_when_the_template_was_never_set if {
	coverage := [{"resource": "org:acme/actions/oidc/customization/sub", "status": "not_found"}]
	findings := gh_oidc.findings with input as unread_template(coverage)
	unknown(findings, "GH-OIDC-001") == set()
}

# --- GH-OIDC-001: repository template ---------------------------------------------------

repo_template(oidc) := {"github": github({}, [], [repo({"actions": {"oidc": oidc}})])}

test_oidc_001_fires_on_a_repository_template if {
	oidc := {"use_default": false, "include_claim_keys": ["repository_owner", "context"], "sub_claim_prefix": "repository_owner:acme", "effective_sub_template": ["repository_owner", "context"]}
	findings := gh_oidc.findings with input as repo_template(oidc)
	fired(findings, "GH-OIDC-001") == {"github://acme/app"}
}

test_oidc_001_quiet_on_a_repository_that_inherits_the_org_template if {
	oidc := {"use_default": false, "include_claim_keys": null, "sub_claim_prefix": "repo:acme/app", "effective_sub_template": ["repo", "context"]}
	findings := gh_oidc.findings with input as repo_template(oidc)
	fired(findings, "GH-OIDC-001") == set()
}

test_oidc_001_unknown_when_the_repository_customization_is_unreadable if {
	findings := gh_oidc.findings with input as repo_template(null)
	unknown(findings, "GH-OIDC-001") == {"github://acme/app"}
}

# --- GH-OIDC-002 -------------------------------------------------------------------------

test_oidc_002_quiet_on_a_tight_rule if {
	findings := gh_oidc.findings with input as with_rule(tight)
	facets(findings) == set()
}

test_oidc_002_wildcard_subject_is_critical if {
	findings := gh_oidc.findings with input as with_rule({"sub": "repo:acme/*", "environment": "production"})
	f := facet(findings, "wildcard_subject")
	f.severity == "critical"
	f.resource == rule_uri("r1")
	f.evidence == ["sub: repo:acme/*"]
	f.identity == {"provider_id": "wip_1", "rule_id": "r1", "facet": "wildcard_subject"}
}

test_oidc_002_wildcard_ref_is_not_a_wildcard_subject if {
	findings := gh_oidc.findings with input as with_rule({"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/release/*"})
	not facet(findings, "wildcard_subject")
}

test_oidc_002_unbound_rules_are_critical if {
	f := facet(gh_oidc.findings, "unbound") with input as with_rule({"environment": "production"})
	f.severity == "critical"
	f.evidence == ["no repository or owner matcher", "environment: production"]
	facet(gh_oidc.findings, "unbound") with input as with_rule({})
}

test_oidc_002_bare_wildcard_binds_nothing if {
	findings := gh_oidc.findings with input as with_rule({"sub": "*"})
	facets(findings) == {"wildcard_subject", "unbound"}
}

test_oidc_002_non_production_names_are_not_production if {
	matchers := {"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/main"}
	doc := object.union(with_rules([]), {"github": github({}, [], [repo({})]), "openai": openai([provider([object.union(rule("r1", "svc_acct_1", matchers), {"name": "non-prod-ci"})])], [])})
	not facet(gh_oidc.findings, "production_without_environment") with input as doc
	doc2 := object.union(doc, {"openai": openai([provider([object.union(rule("r1", "svc_acct_1", matchers), {"name": "deploy-prod"})])], [])})
	facet(gh_oidc.findings, "production_without_environment") with input as doc2
}

test_oidc_002_audience_not_pinned if {
	doc := object.union(with_rule(tight), {"openai": openai([object.union(provider([rule("r1", "svc_acct_1", tight)]), {"audience": "https://github.com/acme"})], [])})
	f := facet(gh_oidc.findings, "audience_not_pinned") with input as doc
	f.evidence == ["provider audience: https://github.com/acme"]
}

test_oidc_002_audience_wildcard_is_not_pinned if {
	doc := object.union(with_rule(tight), {"openai": openai([object.union(provider([rule("r1", "svc_acct_1", tight)]), {"audience": "https://*"})], [])})
	facet(gh_oidc.findings, "audience_not_pinned") with input as doc
}

test_oidc_002_production_identity_without_environment if {
	matchers := {"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/main"}
	doc := object.union(with_rule(matchers), {"openai": openai([provider([rule("r1", "svc_acct_1", matchers)])], [consumer("deploy", "r1", "production")])})
	f := facet(gh_oidc.findings, "production_without_environment") with input as doc
	"declared consumer acme/app .github/workflows/deploy.yml#jobs/deploy runs in environment production" in f.evidence
}

test_oidc_002_production_identity_from_matching_jobs if {
	f := facet(gh_oidc.findings, "production_without_environment") with input as with_rule({"repository_id": "200", "repository_owner_id": "100"})
	"accepts repo:acme@100/app@200:environment:production (github://acme/app/.github/workflows/deploy.yml#jobs/deploy)" in f.evidence
}

test_oidc_002_staging_rule_is_not_a_production_identity if {
	matchers := {"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/staging"}
	findings := gh_oidc.findings with input as with_rule(matchers)
	not facet(findings, "production_without_environment")
}

test_oidc_002_pull_request_subject_matchers if {
	f := facet(gh_oidc.findings, "pull_request") with input as with_rule({"sub": "repo:acme@100/app@200:pull_request"})
	f.severity == "critical"
	f.evidence == [
		"accepts repo:acme@100/app@200:pull_request (github://acme/app/.github/workflows/ci.yml#jobs/test)",
		"sub: repo:acme@100/app@200:pull_request",
	]
	facet(gh_oidc.findings, "pull_request") with input as with_rule({"repository_id": "200", "event_name": "pull_request_target"})
	facet(gh_oidc.findings, "pull_request") with input as with_rule({"repository_id": "200", "ref": "refs/pull/1/merge"})
	facet(gh_oidc.findings, "pull_request") with input as with_rule({"repository_id": "200", "base_ref": "main"})
}

test_oidc_002_pull_request_subject_a_job_presents if {
	f := facet(gh_oidc.findings, "pull_request") with input as with_rule({"repository_id": "200", "repository_owner_id": "100"})
	f.evidence == ["accepts repo:acme@100/app@200:pull_request (github://acme/app/.github/workflows/ci.yml#jobs/test)"]
}

test_oidc_002_quiet_on_branch_only_rules_for_pull_requests if {
	findings := gh_oidc.findings with input as with_rule({"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/main"})
	not facet(findings, "pull_request")
}

test_oidc_002_repository_named_only_by_name if {
	f := facet(gh_oidc.findings, "repository_id_not_pinned") with input as with_rule({"repository": "acme/app", "environment": "production"})
	f.evidence == ["environment: production", "repository: acme/app"]
}

test_oidc_002_immutable_subject_pins_ids if {
	findings := gh_oidc.findings with input as with_rule({"sub": "repo:acme@100/app@200:environment:production"})
	not facet(findings, "repository_id_not_pinned")
	not facet(findings, "no_context")
}

test_oidc_002_no_context if {
	facet(gh_oidc.findings, "no_context") with input as with_rule({"repository_id": "200", "repository_owner_id": "100"})
	not facet(gh_oidc.findings, "no_context") with input as with_rule({"repository_id": "200", "job_workflow_ref": "acme/shared/.github/workflows/deploy.yml@refs/heads/main"})
	not facet(gh_oidc.findings, "no_context") with input as with_rule({"repository_id": "200", "sub": "repo:acme@100/app@200:ref:refs/heads/main"})
	facet(gh_oidc.findings, "no_context") with input as with_rule({"repository_id": "200", "environment": "*"})
}

unprotected := {
	"name": "staging",
	"required_reviewers": {"prevent_self_review": false, "reviewers": []},
	"deployment_branch_policy": {"mode": "any", "patterns": []},
}

test_oidc_002_unprotected_environment if {
	doc := object.union(with_rule({"repository_id": "200", "repository_owner_id": "100", "environment": "staging"}), {"github": github({}, [], [repo({"environments": [unprotected]})])})
	f := facet(gh_oidc.findings, "environment_protection") with input as doc
	f.evidence == ["github://acme/app/environments/staging: deployment branch policy: any branch, no required reviewers, prevent_self_review is off"]
}

test_oidc_002_trusted_environment_that_does_not_exist if {
	f := facet(gh_oidc.findings, "environment_protection") with input as with_rule({"repository_id": "200", "environment": "prod-eu"})
	f.evidence == ["github://acme/app/environments/prod-eu: does not exist (a job naming it creates it without protection)"]
}

test_oidc_002_owner_wide_rule_checks_existing_environments_only if {
	matchers := {"repository_owner_id": "100", "environment": "production"}
	doc := object.union(with_rule(matchers), {"github": github({}, [], [repo({}), repo({"full_name": "acme/site", "id": 201, "environments": []})])})
	not facet(gh_oidc.findings, "environment_protection") with input as doc
}

test_oidc_002_owner_rules_by_login_and_by_wildcard if {
	doc := object.union(with_rule({}), {"github": github({}, [], [repo({"environments": [unprotected]})])})
	by_login := facet(gh_oidc.findings, "environment_protection") with input as object.union(doc, {"openai": openai([provider([rule("r1", "svc_acct_1", {"repository_owner": "acme", "environment": "staging"})])], [])})
	by_login.evidence == ["github://acme/app/environments/staging: deployment branch policy: any branch, no required reviewers, prevent_self_review is off"]
	facet(gh_oidc.findings, "environment_protection") with input as object.union(doc, {"openai": openai([provider([rule("r1", "svc_acct_1", {"repository_owner": "ac*", "environment": "staging"})])], [])})
	not facet(gh_oidc.findings, "environment_protection") with input as object.union(doc, {"openai": openai([provider([rule("r1", "svc_acct_1", {"repository_owner": "other", "environment": "staging"})])], [])})
}

test_oidc_002_pinned_repository_missing_from_the_snapshot_matches_nothing if {
	findings := gh_oidc.findings with input as with_rule({"repository_id": "999", "repository_owner_id": "100", "environment": "prod-eu"})
	not facet(findings, "environment_protection")
}

test_oidc_002_unknown_when_environments_are_unreadable if {
	doc := object.union(with_rule(tight), {"github": github({}, [], [repo({"environments": null})])})
	findings := gh_oidc.findings with input as doc
	unknown(findings, "GH-OIDC-002") == {rule_uri("r1")}
	not facet(findings, "environment_protection").status == "fail"
}

test_oidc_002_legacy_sub_against_an_immutable_prefix if {
	f := facet(gh_oidc.findings, "sub_prefix") with input as with_rule({"sub": "repo:acme/app:environment:production"})
	f.evidence == ["sub matcher prefix repo:acme/app; acme/app reports repo:acme@100/app@200"]
}

test_oidc_002_quiet_when_the_sub_prefix_agrees if {
	findings := gh_oidc.findings with input as with_rule({"sub": "repo:acme@100/app@200:environment:production"})
	not facet(findings, "sub_prefix")
}

test_oidc_002_unknown_when_the_sub_prefix_is_unreadable if {
	doc := object.union(with_rule({"sub": "repo:acme/app:environment:production"}), {"github": github({}, [], [repo({"actions": {"oidc": null}})])})
	findings := gh_oidc.findings with input as doc
	some f in findings
	f.rule == "GH-OIDC-002"
	f.status == "unknown"
	f.identity.facet == "sub_prefix"
}

audience_step(audience) := {"index": 0, "uses": null, "with": {}, "env": {}, "run": sprintf("AUDIENCE=\"%s\"\ncurl \"$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$AUDIENCE\"", [audience])}

audience_doc(audience) := {
	"github": github({}, [], [repo({"workflows": [workflow(".github/workflows/deploy.yml", [object.union(deploy_job, {"steps": [audience_step(audience)]})])]})]),
	"openai": openai([provider([rule("r1", "svc_acct_1", tight)])], [consumer("deploy", "r1", "production")]),
}

test_oidc_002_workflow_requests_another_audience if {
	f := facet(gh_oidc.findings, "audience_mismatch") with input as audience_doc("https://github.com/acme")
	f.evidence == ["github://acme/app/.github/workflows/deploy.yml#jobs/deploy requests audience https://github.com/acme (steps[0]); provider audience is https://api.openai.com/v1"]
}

test_oidc_002_quiet_when_the_workflow_requests_the_provider_audience if {
	findings := gh_oidc.findings with input as audience_doc("https://api.openai.com/v1")
	facets(findings) == set()
}

test_oidc_002_consumer_found_by_service_account_and_name if {
	c := object.remove(consumer("deploy", "r1", "production"), ["federation_rule_id", "repository_id"])
	doc := object.union(audience_doc("https://sts.example.com"), {"openai": openai([provider([rule("r1", "svc_acct_1", tight)])], [c])})
	facet(gh_oidc.findings, "audience_mismatch") with input as doc
}

test_oidc_002_numeric_matchers_pin_but_never_match if {
	findings := gh_oidc.findings with input as with_rule({"repository_id": 200})
	facet(findings, "no_context").evidence == ["repository_id: 200"]
	not facet(findings, "repository_id_not_pinned")
	not facet(findings, "production_without_environment")
}

test_oidc_002_ignores_providers_of_other_issuers if {
	doc := object.union(with_rule({}), {"openai": openai([object.union(provider([rule("r1", "svc_acct_1", {})]), {"issuer": "https://gitlab.example.com"})], [])})
	findings := gh_oidc.findings with input as doc
	facets(findings) == set()
}

test_oidc_002_enterprise_issuer_is_github if {
	doc := object.union(with_rule({}), {"openai": openai([object.union(provider([rule("r1", "svc_acct_1", {})]), {"issuer": "https://token.actions.githubusercontent.com/acme-corp"})], [])})
	facet(gh_oidc.findings, "unbound") with input as doc
}

# --- GH-OIDC-003 -------------------------------------------------------------------------

test_oidc_003_fires_when_a_branch_rule_shares_the_production_account if {
	branch := {"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/main"}
	findings := gh_oidc.findings with input as with_rules([rule("prod", "svc_acct_1", tight), rule("ci", "svc_acct_1", branch)])
	fired(findings, "GH-OIDC-003") == {rule_uri("ci")}
	some f in findings
	f.rule == "GH-OIDC-003"
	f.identity == {"provider_id": "wip_1", "rule_id": "ci"}
	"production: openai://providers/wip_1/rules/prod" in f.evidence
}

test_oidc_003_fires_on_one_rule_that_admits_both if {
	findings := gh_oidc.findings with input as with_rule({"repository_id": "200", "repository_owner_id": "100"})
	fired(findings, "GH-OIDC-003") == {rule_uri("r1")}
}

test_oidc_003_quiet_when_the_ids_match_no_repository_of_the_snapshot if {
	doc := object.union(with_rule({"repository_id": "200", "repository_owner_id": "100"}), {"github": github({}, [], [repo({"owner_id": null, "workflows": [workflow(".github/workflows/deploy.yml", [deploy_job])]})])})
	findings := gh_oidc.findings with input as doc
	fired(findings, "GH-OIDC-003") == set()
}

test_oidc_003_quiet_when_ci_has_its_own_account if {
	branch := {"repository_id": "200", "repository_owner_id": "100", "ref": "refs/heads/main"}
	findings := gh_oidc.findings with input as with_rules([rule("prod", "svc_acct_1", tight), rule("ci", "svc_acct_2", branch)])
	fired(findings, "GH-OIDC-003") == set()
}

# --- GH-OIDC-004 -------------------------------------------------------------------------

test_oidc_004_unknown_once_per_org if {
	findings := gh_oidc.findings with input as {"github": github({}, [], [repo({}), repo({"full_name": "acme/site", "id": 201})])}
	unknown(findings, "GH-OIDC-004") == {"github://acme"}
	count([f | some f in findings; f.rule == "GH-OIDC-004"]) == 1
}

test_oidc_004_silent_without_github_documents if {
	findings := gh_oidc.findings with input as {"openai": openai([provider([rule("r1", "svc_acct_1", tight)])], [])}
	unknown(findings, "GH-OIDC-004") == set()
}
