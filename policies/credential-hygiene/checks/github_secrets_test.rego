package regolith.checks.gh_sec_test

import data.regolith.checks.gh_sec
import data.regolith.lib.secrets

# --- Minimal documents: only the fields the checks and helpers read ---------------------

now := "2026-11-25T12:00:00Z"

secret(name) := {"name": name, "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z"}

dated(name, updated) := {"name": name, "created_at": updated, "updated_at": updated}

org_secret(name, visibility, selected) := object.union(secret(name), {"visibility": visibility, "selected_repositories": selected})

reviewers := [{"type": "Team", "name": "release", "id": 5}]

env(name, people, env_secrets) := {
	"name": name,
	"required_reviewers": {"prevent_self_review": true, "reviewers": people},
	"secrets": env_secrets,
	"variables": [],
}

ref(name) := {"name": name, "where": sprintf("steps[0].env.%s", [name]), "dynamic": false, "expression": sprintf("secrets.%s", [name])}

job(id, environment, names) := {
	"id": id, "environment": environment, "runs_on": ["ubuntu-latest"], "runs_on_group": null,
	"secret_refs": [ref(n) | some n in names], "steps": [],
}

workflow(path, triggers, jobs) := {"path": path, "triggers": triggers, "jobs": jobs}

push := {"push": {"branches": ["main"]}}

deploy(names) := workflow(".github/workflows/deploy.yml", push, [job("deploy", "production", names)])

ci(names) := workflow(".github/workflows/ci.yml", {"pull_request": null}, [job("test", null, names)])

repo(overrides) := object.union(
	{
		"full_name": "acme/app", "name": "app", "id": 200, "owner_id": 100, "visibility": "private",
		"secrets": [], "variables": [], "org_secrets_available": null,
		"environments": [], "workflows": [],
	},
	overrides,
)

org(overrides) := object.union({"login": "acme", "id": 100, "secrets": [], "variables": []}, overrides)

github(org_overrides, repos) := {"github": [{
	"kind": "github-snapshot",
	"generated_at": now,
	"coverage": [],
	"org": org(org_overrides),
	"repositories": repos,
}]}

one_repo(overrides) := github({}, [repo(overrides)])

with_openai(inp, rules, consumers) := object.union(inp, {"openai": [{
	"kind": "openai-federation",
	"declared_at": now,
	"owner": {"kind": "team", "name": "acme/security", "contact": "security@acme.example"},
	"providers": [{"id": "wip_1", "name": "github-actions", "enabled": true, "federation_rules": rules}],
	"expected_consumers": consumers,
}]})

rule(matchers) := {"id": "r1", "name": "app-deploy", "enabled": true, "project_id": "proj_1", "service_account_id": "svc_acct_1", "attribute_matchers": matchers}

# results(inp, id): the (resource, status) pairs check `id` gives on `inp`.
results(inp, id) := {[f.resource, f.status] | some f in gh_sec.findings with input as inp; f.rule == id}

finding(inp, id, resource) := f if {
	some f in gh_sec.findings with input as inp
	f.rule == id
	f.resource == resource
}

app_key := "github://acme/app/secrets/OPENAI_API_KEY"

# --- GH-SEC-001 ----------------------------------------------------------------------

test_001_migration_candidate_without_federation if {
	inp := one_repo({"secrets": [secret("OPENAI_API_KEY")]})
	results(inp, "GH-SEC-001") == {[app_key, "fail"]}
	f := finding(inp, "GH-SEC-001", app_key)
	f.severity == "high"
	contains(f.message, "no OpenAI workload identity federation rule covers it")
	f.identity == {"scope": "repo", "owner": "200", "name": "OPENAI_API_KEY"}
}

test_001_migration_candidate_names_jobs_that_already_look_federated if {
	wif := object.union(job("evals", null, []), {
		"requests_id_token": true,
		"var_refs": [],
		"steps": [{"index": 0, "uses": "acme/openai-login@v1", "with": {}, "env": {}, "run": null}],
	})
	plain := object.union(job("test", null, []), {"requests_id_token": true, "var_refs": [], "steps": [{"index": 0, "uses": null, "with": {}, "env": {}, "run": "npm test"}]})
	inp := one_repo({"secrets": [secret("OPENAI_API_KEY")], "workflows": [workflow(".github/workflows/evals.yml", push, [wif, plain])]})
	f := finding(inp, "GH-SEC-001", app_key) with data.regolith.params.openai_wif_actions as ["Acme/OpenAI-Login"]
	f.evidence[count(f.evidence) - 1] == "github://acme/app/.github/workflows/evals.yml#jobs/evals appears to use workload identity federation already (steps[0] uses acme/openai-login@v1)"
	g := finding(inp, "GH-SEC-001", app_key)
	every e in g.evidence { not contains(e, "appears to use workload identity federation") }
}

test_001_leftover_when_a_rule_pins_the_repository_id if {
	inp := with_openai(one_repo({"secrets": [secret("OPENAI_API_KEY")]}), [rule({"repository_id": "200", "environment": "production"})], [])
	f := finding(inp, "GH-SEC-001", app_key)
	contains(f.message, "already covers it")
	f.evidence[0] == "covered by openai://providers/wip_1/rules/r1"
}

test_001_leftover_by_repository_name_and_sub_forms if {
	every matchers in [
		{"repository": "ACME/app"},
		{"sub": "repo:acme/app:environment:production"},
		{"sub": "repo:acme@100/app@200:ref:refs/heads/main"},
		{"repository_owner_id": "100"},
		{"repository_owner": "acme"},
	] {
		inp := with_openai(one_repo({"secrets": [secret("OPENAI_API_KEY")]}), [rule(matchers)], [])
		contains(finding(inp, "GH-SEC-001", app_key).message, "already covers it")
	}
}

test_001_leftover_by_expected_consumer if {
	consumer := {"repository": "acme/app", "repository_id": 200, "workflow": ".github/workflows/deploy.yml", "job": "deploy", "environment": null, "provider_id": "wip_1", "service_account_id": "svc_acct_1"}
	inp := with_openai(one_repo({"secrets": [secret("OPENAI_API_KEY")]}), [], [consumer])
	contains(finding(inp, "GH-SEC-001", app_key).evidence[0], "expected consumer acme/app/.github/workflows/deploy.yml#jobs/deploy")
}

test_001_disabled_rule_and_other_repository_do_not_cover if {
	disabled := object.union(rule({"repository_id": "200"}), {"enabled": false})
	other := object.union(rule({"repository_id": "999"}), {"id": "r2"})
	inp := with_openai(one_repo({"secrets": [secret("OPENAI_API_KEY")]}), [disabled, other], [])
	contains(finding(inp, "GH-SEC-001", app_key).message, "no OpenAI workload identity federation rule")
}

test_001_environment_secret_with_reviewers_is_medium if {
	uri := "github://acme/app/environments/staging/secrets/OPENAI_API_KEY"
	inp := with_openai(one_repo({"environments": [env("staging", reviewers, [secret("OPENAI_API_KEY")])]}), [rule({"repository_id": "200", "environment": "production"})], [])
	f := finding(inp, "GH-SEC-001", uri)
	f.severity == "medium"
	contains(f.message, "no OpenAI workload identity federation rule") # the rule is for production only
}

test_001_environment_secret_covered_by_its_environment_is_leftover_and_high_without_reviewers if {
	uri := "github://acme/app/environments/production/secrets/OPENAI_API_KEY"
	inp := with_openai(one_repo({"environments": [env("production", [], [secret("OPENAI_API_KEY")])]}), [rule({"repository_id": "200", "environment": "Production"})], [])
	f := finding(inp, "GH-SEC-001", uri)
	f.severity == "high"
	contains(f.message, "already covers it")
}

test_001_broad_org_secret_reported_once_on_the_org_secret if {
	inp := with_openai(
		github({"secrets": [org_secret("OPENAI_API_KEY", "all", null)]}, [repo({"org_secrets_available": ["OPENAI_API_KEY"], "workflows": [deploy(["OPENAI_API_KEY"])]})]),
		[rule({"repository_id": "200"})], [],
	)
	results(inp, "GH-SEC-001") == {["github://acme/secrets/OPENAI_API_KEY", "fail"]}
	f := finding(inp, "GH-SEC-001", "github://acme/secrets/OPENAI_API_KEY")
	contains(f.message, "shared with all repositories")
	f.evidence == [
		"visibility: all",
		"leftover: federation already covers it (openai://providers/wip_1/rules/r1)",
		"secrets.OPENAI_API_KEY -> steps[0].env.OPENAI_API_KEY in acme/app/.github/workflows/deploy.yml#jobs/deploy",
	]
}

test_001_selected_org_secret_is_leftover_when_a_selected_repository_is_covered if {
	inp := with_openai(
		github({"secrets": [org_secret("OPENAI_API_KEY", "selected", [{"id": 200, "full_name": "acme/app"}])]}, [repo({})]),
		[rule({"repository_id": "200"})], [],
	)
	contains(finding(inp, "GH-SEC-001", "github://acme/secrets/OPENAI_API_KEY").message, "already covers it")
	not_covered := with_openai(
		github({"secrets": [org_secret("OPENAI_API_KEY", "selected", [])]}, [repo({})]),
		[rule({"repository_id": "200"})], [],
	)
	contains(finding(not_covered, "GH-SEC-001", "github://acme/secrets/OPENAI_API_KEY").message, "no OpenAI workload identity")
}

test_001_quiet_on_identifiers_and_other_secrets if {
	inp := one_repo({"secrets": [secret("OPENAI_SERVICE_ACCOUNT_ID"), secret("SLACK_WEBHOOK_URL")]})
	results(inp, "GH-SEC-001") == set()
}

test_001_unknown_on_a_repository_whose_secrets_could_not_be_read if {
	inp := one_repo({"secrets": null})
	results(inp, "GH-SEC-001") == {["github://acme/app", "unknown"]}
	f := finding(inp, "GH-SEC-001", "github://acme/app")
	f.identity == {"scope": "repo", "owner": "200", "name": "*"}
	f.source.pointer == "/repositories/0/secrets"
}

test_001_unknown_on_org_and_environment_holders if {
	inp := github({"secrets": null}, [repo({"environments": [env("production", [], null)]})])
	results(inp, "GH-SEC-001") == {["github://acme", "unknown"], ["github://acme/app/environments/production", "unknown"]}
}

# --- GH-SEC-002 ----------------------------------------------------------------------

test_002_fires_on_static_cloud_key_names if {
	inp := one_repo({"secrets": [secret("AWS_ACCESS_KEY_ID"), secret("GCP_SA_KEY"), secret("AZURE_CREDENTIALS"), secret("PROD_AWS_SECRET_ACCESS_KEY")]})
	results(inp, "GH-SEC-002") == {
		["github://acme/app/secrets/AWS_ACCESS_KEY_ID", "fail"],
		["github://acme/app/secrets/GCP_SA_KEY", "fail"],
		["github://acme/app/secrets/AZURE_CREDENTIALS", "fail"],
		["github://acme/app/secrets/PROD_AWS_SECRET_ACCESS_KEY", "fail"],
	}
	contains(finding(inp, "GH-SEC-002", "github://acme/app/secrets/GCP_SA_KEY").message, "static Google Cloud access key")
}

test_002_quiet_on_cloud_identifiers if {
	inp := one_repo({"secrets": [secret("AWS_REGION"), secret("AWS_ROLE_ARN"), secret("GCP_PROJECT_ID")]})
	results(inp, "GH-SEC-002") == set()
}

test_002_patterns_come_from_params if {
	inp := one_repo({"secrets": [secret("DO_SPACES_KEY")]})
	fs := gh_sec.findings with input as inp with data.regolith.params.static_cloud_key_patterns as {"DigitalOcean": ["^DO_SPACES_KEY$"]}
	{f.resource | some f in fs; f.rule == "GH-SEC-002"} == {"github://acme/app/secrets/DO_SPACES_KEY"}
}

# A provider an overlay adds beside the defaults may match the same names: one finding
# per secret, naming every provider, instead of a conflict that stops the evaluation.
test_002_providers_whose_patterns_overlap if {
	inp := one_repo({"secrets": [secret("AWS_SECRET_ACCESS_KEY"), secret("GCP_SA_KEY")]})
	patterns := object.union(gh_sec.default_static_cloud_key_patterns, {"AWS (legacy)": ["(?i)^AWS_SECRET_ACCESS_KEY$"]})
	fs := {f | some f in gh_sec.findings; f.rule == "GH-SEC-002"} with input as inp with data.regolith.params.static_cloud_key_patterns as patterns
	{[f.resource, f.message] | some f in fs} == {
		["github://acme/app/secrets/AWS_SECRET_ACCESS_KEY", "Repository secret AWS_SECRET_ACCESS_KEY of acme/app looks like a static AWS / AWS (legacy) access key"],
		["github://acme/app/secrets/GCP_SA_KEY", "Repository secret GCP_SA_KEY of acme/app looks like a static Google Cloud access key"],
	}
}

login_step(uses, inputs) := {"index": 1, "uses": uses, "with": inputs, "env": {}, "run": null}

with_steps(steps) := one_repo({"workflows": [workflow(".github/workflows/deploy.yml", push, [object.union(job("deploy", null, []), {"steps": steps})])]})

job_uri := "github://acme/app/.github/workflows/deploy.yml#jobs/deploy"

test_002_fires_on_login_steps_with_stored_keys if {
	inp := with_steps([
		login_step("aws-actions/configure-aws-credentials@v4", {"aws-access-key-id": "${{ secrets.K }}", "aws-region": "eu-west-1"}),
		login_step("Azure/login@v2", {"creds": "${{ secrets.AZURE_CREDENTIALS }}"}),
	])
	results(inp, "GH-SEC-002") == {[job_uri, "fail"]}
	f := finding(inp, "GH-SEC-002", job_uri)
	f.identity == {"repository_id": 200, "workflow": ".github/workflows/deploy.yml", "job": "deploy"}
	f.evidence == ["steps[1]: aws-actions/configure-aws-credentials with aws-access-key-id", "steps[1]: azure/login with creds"]
	f.source.pointer == "/repositories/0/workflows/0/jobs/0"
}

test_002_quiet_on_oidc_login_steps if {
	inp := with_steps([
		login_step("aws-actions/configure-aws-credentials@v4", {"role-to-assume": "arn:aws:iam::1:role/deploy"}),
		login_step("google-github-actions/auth@v2", {"workload_identity_provider": "projects/1/locations/global/workloadIdentityPools/p/providers/gh"}),
		login_step("some/other-action@v1", {"creds": "x"}),
		{"index": 3, "uses": null, "with": {"creds": "x"}, "env": {}, "run": "echo"},
	])
	results(inp, "GH-SEC-002") == set()
}

test_002_unknown_on_unreadable_holders if {
	results(one_repo({"secrets": null}), "GH-SEC-002") == {["github://acme/app", "unknown"]}
}

# --- GH-SEC-003 ----------------------------------------------------------------------

public_site := repo({"full_name": "acme/site", "name": "site", "id": 300, "visibility": "public"})

test_003_fires_on_visibility_all_with_public_repositories if {
	inp := github({"secrets": [org_secret("SENTRY_AUTH_TOKEN", "all", null), org_secret("SLACK_CHANNEL", "all", null)]}, [repo({}), public_site])
	results(inp, "GH-SEC-003") == {["github://acme/secrets/SENTRY_AUTH_TOKEN", "fail"], ["github://acme/secrets/SLACK_CHANNEL", "fail"]}
	token := finding(inp, "GH-SEC-003", "github://acme/secrets/SENTRY_AUTH_TOKEN")
	token.severity == "high"
	token.evidence == ["visibility: all", "public repositories: acme/site"]
	finding(inp, "GH-SEC-003", "github://acme/secrets/SLACK_CHANNEL").severity == "medium"
}

test_003_fires_on_selected_public_repositories if {
	inp := github({"secrets": [org_secret("NPM_TOKEN", "selected", [{"id": 200, "full_name": "acme/app"}, {"id": 300, "full_name": "acme/site"}])]}, [repo({}), public_site])
	results(inp, "GH-SEC-003") == {["github://acme/secrets/NPM_TOKEN", "fail"]}
	finding(inp, "GH-SEC-003", "github://acme/secrets/NPM_TOKEN").evidence == ["visibility: selected", "public repositories: acme/site"]
}

test_003_quiet_on_private_and_selected_private if {
	inp := github({"secrets": [org_secret("NPM_TOKEN", "selected", [{"id": 200, "full_name": "acme/app"}]), org_secret("DEPLOY_KEY", "private", null)]}, [repo({}), public_site])
	results(inp, "GH-SEC-003") == set()
}

test_003_unknown_on_unreadable_org_secrets_and_selected_lists if {
	results(github({"secrets": null}, [repo({"secrets": null})]), "GH-SEC-003") == {["github://acme", "unknown"]}
	results(github({"secrets": [org_secret("NPM_TOKEN", "selected", null)]}, []), "GH-SEC-003") == {["github://acme/secrets/NPM_TOKEN", "unknown"]}
}

# --- GH-SEC-004 ----------------------------------------------------------------------

test_004_fires_on_repo_credential_read_by_a_production_job if {
	inp := one_repo({"secrets": [secret("DEPLOY_TOKEN")], "workflows": [deploy(["DEPLOY_TOKEN"])]})
	results(inp, "GH-SEC-004") == {["github://acme/app/secrets/DEPLOY_TOKEN", "fail"]}
	finding(inp, "GH-SEC-004", "github://acme/app/secrets/DEPLOY_TOKEN").evidence == ["read by a production job: secrets.DEPLOY_TOKEN -> steps[0].env.DEPLOY_TOKEN in acme/app/.github/workflows/deploy.yml#jobs/deploy"]
}

test_004_fires_on_org_credential_read_by_a_production_job if {
	inp := github({"secrets": [org_secret("DEPLOY_TOKEN", "private", null)]}, [repo({"workflows": [deploy(["DEPLOY_TOKEN"])]})])
	results(inp, "GH-SEC-004") == {["github://acme/secrets/DEPLOY_TOKEN", "fail"]}
}

test_004_fires_on_production_names_at_repo_scope if {
	inp := one_repo({"secrets": [secret("PROD_DB_PASSWORD"), secret("STAGING_DB_PASSWORD")]})
	results(inp, "GH-SEC-004") == {["github://acme/app/secrets/PROD_DB_PASSWORD", "fail"]}
}

test_004_quiet_when_the_environment_holds_it if {
	# The production environment's own secret shadows the repository secret of the same name.
	inp := one_repo({
		"secrets": [secret("DEPLOY_TOKEN")],
		"environments": [env("production", reviewers, [secret("DEPLOY_TOKEN")])],
		"workflows": [deploy(["DEPLOY_TOKEN"])],
	})
	results(inp, "GH-SEC-004") == set()
}

test_004_quiet_on_ci_reads_and_non_credentials if {
	inp := one_repo({"secrets": [secret("DEPLOY_TOKEN"), secret("SLACK_WEBHOOK_URL")], "workflows": [ci(["DEPLOY_TOKEN"]), deploy(["SLACK_WEBHOOK_URL"])]})
	results(inp, "GH-SEC-004") == set()
}

test_004_mapped_secret_counts_as_a_credential if {
	inp := one_repo({"secrets": [secret("SLACK_WEBHOOK_URL")], "workflows": [deploy(["SLACK_WEBHOOK_URL"])]})
	m := [{"scope": "repo", "repository": "acme/app", "secret": "slack_webhook_url", "cloudflare_token_id": "t1"}]
	fs := gh_sec.findings with input as inp with data.regolith.params.credential_mappings as m
	{f.resource | some f in fs; f.rule == "GH-SEC-004"} == {"github://acme/app/secrets/SLACK_WEBHOOK_URL"}
}

test_004_unknown_only_on_org_and_repository_holders if {
	inp := github({"secrets": null}, [repo({"secrets": null, "environments": [env("production", [], null)]})])
	results(inp, "GH-SEC-004") == {["github://acme", "unknown"], ["github://acme/app", "unknown"]}
}

test_004_unknown_when_the_production_environment_secrets_are_unread if {
	# The environment may define DEPLOY_TOKEN itself; if not, the job reads the repository's.
	inp := one_repo({
		"secrets": [secret("DEPLOY_TOKEN")],
		"environments": [env("production", reviewers, null)],
		"workflows": [deploy(["DEPLOY_TOKEN"])],
	})
	results(inp, "GH-SEC-004") == {["github://acme/app/secrets/DEPLOY_TOKEN", "unknown"]}
	finding(inp, "GH-SEC-004", "github://acme/app/secrets/DEPLOY_TOKEN").evidence == ["secrets.DEPLOY_TOKEN in acme/app/.github/workflows/deploy.yml#jobs/deploy: the secrets of environment production could not be read"]
}

test_004_unknown_when_the_environments_are_unread if {
	inp := one_repo({"secrets": [secret("DEPLOY_TOKEN")], "environments": null, "workflows": [deploy(["DEPLOY_TOKEN"])]})
	results(inp, "GH-SEC-004") == {["github://acme/app/secrets/DEPLOY_TOKEN", "unknown"]}
}

test_004_unknown_when_an_org_secret_reach_is_unread if {
	inp := github({"secrets": [org_secret("DEPLOY_TOKEN", "selected", null)]}, [repo({"workflows": [deploy(["DEPLOY_TOKEN"])]})])
	results(inp, "GH-SEC-004") == {["github://acme/secrets/DEPLOY_TOKEN", "unknown"]}
	reached := github({"secrets": [org_secret("DEPLOY_TOKEN", "selected", [{"id": 200, "full_name": "acme/app"}])]}, [repo({"workflows": [deploy(["DEPLOY_TOKEN"])]})])
	results(reached, "GH-SEC-004") == {["github://acme/secrets/DEPLOY_TOKEN", "fail"]}
}

test_004_no_unknown_when_the_answer_is_known if {
	# A readable environment that does not define the name: the repository secret is read, a fail.
	inp := one_repo({
		"secrets": [secret("DEPLOY_TOKEN")],
		"environments": [env("production", reviewers, [])],
		"workflows": [deploy(["DEPLOY_TOKEN"])],
	})
	results(inp, "GH-SEC-004") == {["github://acme/app/secrets/DEPLOY_TOKEN", "fail"]}
}

# --- GH-SEC-005 ----------------------------------------------------------------------

test_005_fires_past_the_credential_limit if {
	inp := one_repo({"secrets": [dated("DEPLOY_TOKEN", "2026-08-26T12:00:00Z")]})
	results(inp, "GH-SEC-005") == {["github://acme/app/secrets/DEPLOY_TOKEN", "fail"]}
	finding(inp, "GH-SEC-005", "github://acme/app/secrets/DEPLOY_TOKEN").message == "Repository secret DEPLOY_TOKEN of acme/app was last set 91 days ago (limit 90 days)"
}

test_005_quiet_at_the_limit if {
	# 90 whole days (and 90 days and 23:59:59) are not older than 90 days.
	inp := one_repo({"secrets": [dated("DEPLOY_TOKEN", "2026-08-27T12:00:00Z"), dated("NPM_TOKEN", "2026-08-26T12:00:01Z")]})
	results(inp, "GH-SEC-005") == set()
}

test_005_other_secrets_have_a_year if {
	inp := one_repo({"secrets": [dated("SLACK_WEBHOOK_URL", "2026-03-01T00:00:00Z"), dated("DATABASE_URL", "2025-11-24T00:00:00Z")]})
	results(inp, "GH-SEC-005") == {["github://acme/app/secrets/DATABASE_URL", "fail"]}
}

test_005_limits_come_from_params if {
	inp := one_repo({"secrets": [dated("DEPLOY_TOKEN", "2026-11-01T00:00:00Z")]})
	fs := gh_sec.findings with input as inp with data.regolith.params.secret_max_age_days as {"credential": 7, "other": 30}
	{f.resource | some f in fs; f.rule == "GH-SEC-005"} == {"github://acme/app/secrets/DEPLOY_TOKEN"}
}

test_005_unknown_on_unreadable_holders if {
	results(one_repo({"secrets": null}), "GH-SEC-005") == {["github://acme/app", "unknown"]}
}

# --- GH-SEC-006 ----------------------------------------------------------------------

test_006_fires_when_ci_and_production_jobs_read_one_secret if {
	inp := one_repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci(["CLOUDFLARE_API_TOKEN"]), deploy(["CLOUDFLARE_API_TOKEN"])]})
	results(inp, "GH-SEC-006") == {["github://acme/app/secrets/CLOUDFLARE_API_TOKEN", "fail"]}
	finding(inp, "GH-SEC-006", "github://acme/app/secrets/CLOUDFLARE_API_TOKEN").evidence == [
		"production: secrets.CLOUDFLARE_API_TOKEN -> steps[0].env.CLOUDFLARE_API_TOKEN in acme/app/.github/workflows/deploy.yml#jobs/deploy",
		"CI: secrets.CLOUDFLARE_API_TOKEN -> steps[0].env.CLOUDFLARE_API_TOKEN in acme/app/.github/workflows/ci.yml#jobs/test",
	]
	endswith(finding(inp, "GH-SEC-006", "github://acme/app/secrets/CLOUDFLARE_API_TOKEN").message, "is read by both CI and production jobs")
}

test_006_fires_on_a_production_job_in_a_pr_triggered_workflow if {
	pr_deploy := workflow(".github/workflows/preview.yml", {"pull_request_target": null}, [job("deploy", "production", ["CLOUDFLARE_API_TOKEN"])])
	inp := one_repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [pr_deploy]})
	results(inp, "GH-SEC-006") == {["github://acme/app/secrets/CLOUDFLARE_API_TOKEN", "fail"]}
}

test_006_quiet_when_each_side_has_its_own_secret if {
	# CI reads the repository secret; production reads its environment's secret of the same name.
	inp := one_repo({
		"secrets": [secret("CLOUDFLARE_API_TOKEN")],
		"environments": [env("production", reviewers, [secret("CLOUDFLARE_API_TOKEN")])],
		"workflows": [ci(["CLOUDFLARE_API_TOKEN"]), deploy(["CLOUDFLARE_API_TOKEN"])],
	})
	results(inp, "GH-SEC-006") == set()
}

openai_mapping := [{"scope": "repo", "repository": "acme/app", "secret": "OPENAI_EVAL_KEY", "openai": {"project_id": "proj_1", "service_account_id": "svc_acct_1"}}]

test_006_fires_when_a_ci_secret_holds_a_production_service_account_key if {
	inp := with_openai(one_repo({"secrets": [secret("OPENAI_EVAL_KEY")]}), [rule({"repository_id": "200", "environment": "production"})], [])
	fs := gh_sec.findings with input as inp with data.regolith.params.credential_mappings as openai_mapping
	some f in fs
	f.rule == "GH-SEC-006"
	f.resource == "github://acme/app/secrets/OPENAI_EVAL_KEY"
	f.evidence == ["holds a key of OpenAI service account svc_acct_1: openai://providers/wip_1/rules/r1 trusts environment production"]
	endswith(f.message, "is outside production but holds a credential production uses")
}

test_006_quiet_when_the_service_account_is_not_a_production_identity if {
	inp := with_openai(one_repo({"secrets": [secret("OPENAI_EVAL_KEY")]}), [rule({"repository_id": "200", "environment": "staging"})], [])
	fs := gh_sec.findings with input as inp with data.regolith.params.credential_mappings as openai_mapping
	{f | some f in fs; f.rule == "GH-SEC-006"} == set()
}

test_006_production_identity_by_consumer_or_environment_mapping if {
	consumer := {"repository": "acme/app", "workflow": ".github/workflows/deploy.yml", "job": "deploy", "environment": "production", "provider_id": "wip_1", "service_account_id": "svc_acct_1"}
	by_consumer := with_openai(one_repo({"secrets": [secret("OPENAI_EVAL_KEY")]}), [], [consumer])
	fs1 := gh_sec.findings with input as by_consumer with data.regolith.params.credential_mappings as openai_mapping
	count({f | some f in fs1; f.rule == "GH-SEC-006"}) == 1
	prod_key := {"scope": "environment", "repository": "acme/app", "environment": "production", "secret": "OPENAI_API_KEY", "openai": {"project_id": "proj_1", "service_account_id": "svc_acct_1"}}
	by_mapping := one_repo({"secrets": [secret("OPENAI_EVAL_KEY")], "environments": [env("production", reviewers, [secret("OPENAI_API_KEY")])]})
	fs2 := gh_sec.findings with input as by_mapping with data.regolith.params.credential_mappings as array.concat(openai_mapping, [prod_key])
	{f.resource | some f in fs2; f.rule == "GH-SEC-006"} == {"github://acme/app/secrets/OPENAI_EVAL_KEY"}
}

test_006_unknown_on_unreadable_holders if {
	results(one_repo({"secrets": null}), "GH-SEC-006") == {["github://acme/app", "unknown"]}
}

# --- GH-SEC-007 ----------------------------------------------------------------------

test_007_fires_on_the_global_api_key_with_its_email if {
	inp := one_repo({"secrets": [secret("CLOUDFLARE_API_KEY")], "variables": [{"name": "CLOUDFLARE_EMAIL"}]})
	results(inp, "GH-SEC-007") == {["github://acme/app/secrets/CLOUDFLARE_API_KEY", "fail"]}
	startswith(finding(inp, "GH-SEC-007", "github://acme/app/secrets/CLOUDFLARE_API_KEY").evidence[0], "stored alongside CLOUDFLARE_EMAIL")
}

test_007_fires_without_email_and_says_so if {
	inp := github({"secrets": [org_secret("CF_API_KEY", "private", null)]}, [])
	startswith(finding(inp, "GH-SEC-007", "github://acme/secrets/CF_API_KEY").evidence[0], "no CLOUDFLARE_EMAIL alongside")
}

test_007_environment_key_sees_the_org_email if {
	inp := github({"secrets": [org_secret("CLOUDFLARE_EMAIL", "all", null)]}, [repo({"environments": [env("production", [], [secret("CLOUDFLARE_API_KEY")])]})])
	startswith(finding(inp, "GH-SEC-007", "github://acme/app/environments/production/secrets/CLOUDFLARE_API_KEY").evidence[0], "stored alongside CLOUDFLARE_EMAIL")
}

test_007_quiet_on_api_tokens if {
	inp := one_repo({"secrets": [secret("CLOUDFLARE_API_TOKEN"), secret("CLOUDFLARE_EMAIL")]})
	results(inp, "GH-SEC-007") == set()
}

test_007_unknown_on_unreadable_holders if {
	results(one_repo({"secrets": null}), "GH-SEC-007") == {["github://acme/app", "unknown"]}
}

# --- GH-SEC-008 ----------------------------------------------------------------------

test_008_fires_on_federation_identifiers if {
	inp := one_repo({"secrets": [secret("OPENAI_SERVICE_ACCOUNT_ID"), secret("OPENAI_WIF_AUDIENCE"), secret("WIF_AUDIENCE")]})
	results(inp, "GH-SEC-008") == {
		["github://acme/app/secrets/OPENAI_SERVICE_ACCOUNT_ID", "fail"],
		["github://acme/app/secrets/OPENAI_WIF_AUDIENCE", "fail"],
		["github://acme/app/secrets/WIF_AUDIENCE", "fail"],
	}
	finding(inp, "GH-SEC-008", "github://acme/app/secrets/WIF_AUDIENCE").severity == "info"
}

test_008_quiet_on_keys if {
	inp := one_repo({"secrets": [secret("OPENAI_API_KEY"), secret("OPENAI_KEY_ID_TOKEN"), secret("AWS_ACCESS_KEY_ID")]})
	results(inp, "GH-SEC-008") == set()
}

test_008_unknown_on_unreadable_holders if {
	results(one_repo({"secrets": null}), "GH-SEC-008") == {["github://acme/app", "unknown"]}
}

# --- Which secret a job reads (lib/secrets.rego) ---------------------------------------

reads_of(inp) := {[r.job, r.secret] | some r in secrets.reads with input as inp}

test_reads_follow_github_precedence if {
	inp := github({"secrets": [org_secret("A", "all", null), org_secret("B", "all", null), org_secret("C", "all", null)]}, [repo({
		"secrets": [secret("A"), secret("B")],
		"environments": [env("production", [], [secret("A")])],
		"workflows": [deploy(["A", "B", "c", "D", "GITHUB_TOKEN"])],
	})])
	reads_of(inp) == {
		[job_uri, "github://acme/app/environments/production/secrets/A"],
		[job_uri, "github://acme/app/secrets/B"],
		[job_uri, "github://acme/secrets/C"],
	}
}

test_reads_respect_org_secret_reach if {
	selected := org_secret("S", "selected", [{"id": 999, "full_name": "acme/other"}])
	private := org_secret("P", "private", null)
	listed := org_secret("L", "selected", null)
	public_repo := repo({"visibility": "public", "workflows": [deploy(["S", "P"])]})
	reads_of(github({"secrets": [selected, private]}, [public_repo])) == set()
	# The repository's own list of available org secrets decides when it was read.
	reads_of(github({"secrets": [listed]}, [repo({"org_secrets_available": ["L"], "workflows": [deploy(["L"])]})])) == {[job_uri, "github://acme/secrets/L"]}
}

test_reads_stop_at_an_unreadable_holder if {
	inp := one_repo({"secrets": [secret("A")], "environments": [env("production", [], null)], "workflows": [deploy(["A"])]})
	reads_of(inp) == set()
	# An org secret of the same name may be shadowed by an unreadable repository secret.
	shadowed := github({"secrets": [org_secret("A", "all", null)]}, [repo({"secrets": null, "workflows": [ci(["A"])]})])
	reads_of(shadowed) == set()
}

test_short_list_caps_evidence if {
	secrets.short_list({"a", "b", "c"}) == "a, b, c"
	secrets.short_list({"e", "d", "c", "b", "a"}) == "a, b, c (+2 more)"
}

# --- Less common shapes ---------------------------------------------------------------

test_001_broad_org_secret_without_federation_is_a_migration_candidate if {
	inp := github({"secrets": [org_secret("OPENAI_API_KEY", "private", null)]}, [])
	f := finding(inp, "GH-SEC-001", "github://acme/secrets/OPENAI_API_KEY")
	f.message == "Organization secret OPENAI_API_KEY of acme holds a long-lived OpenAI API key and is shared with all private and internal repositories"
	f.evidence == ["visibility: private", "migration candidate: no OpenAI federation rule covers its repositories yet"]
}

test_001_org_secret_covered_by_an_owner_rule if {
	inp := with_openai(github({"secrets": [org_secret("OPENAI_API_KEY", "selected", [])]}, []), [rule({"repository_owner_id": "100"})], [])
	contains(finding(inp, "GH-SEC-001", "github://acme/secrets/OPENAI_API_KEY").message, "already covers it")
}

test_004_org_mapping_applies_to_every_org_without_org_field if {
	inp := github({"secrets": [org_secret("SLACK_WEBHOOK_URL", "all", null)]}, [repo({"workflows": [deploy(["SLACK_WEBHOOK_URL"])]})])
	m := [{"scope": "org", "secret": "SLACK_WEBHOOK_URL", "cloudflare_token_id": "t1"}]
	fs := gh_sec.findings with input as inp with data.regolith.params.credential_mappings as m
	{f.resource | some f in fs; f.rule == "GH-SEC-004"} == {"github://acme/secrets/SLACK_WEBHOOK_URL"}
	other_org := [{"scope": "org", "org": "other", "secret": "SLACK_WEBHOOK_URL", "cloudflare_token_id": "t1"}]
	fs2 := gh_sec.findings with input as inp with data.regolith.params.credential_mappings as other_org
	{f.resource | some f in fs2; f.rule == "GH-SEC-004"} == set()
}

test_007_unreadable_variables_are_no_email if {
	inp := github({"secrets": [org_secret("CLOUDFLARE_API_KEY", "all", null)], "variables": null}, [])
	startswith(finding(inp, "GH-SEC-007", "github://acme/secrets/CLOUDFLARE_API_KEY").evidence[0], "no CLOUDFLARE_EMAIL alongside")
}
