package regolith.checks.gh_wf_test

import data.regolith.checks.gh_wf

# --- Minimal github-snapshot documents: only the fields the checks read ---------------

snapshot(repos) := snapshot_with_org({}, repos)

snapshot_with_org(overrides, repos) := {"github": [{
	"kind": "github-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": [],
	"org": object.union(
		{
			"login": "acme", "id": 100,
			"actions": {"default_workflow_permissions": "read"},
			"secrets": [], "variables": [],
		},
		overrides,
	),
	"repositories": repos,
}]}

repo(overrides) := object.union(
	{
		"full_name": "acme/app", "name": "app", "id": 200, "owner_id": 100, "visibility": "private",
		"actions": {"default_workflow_permissions": "read", "fork_pr_workflows_private_repos": null},
		"secrets": [], "variables": [], "org_secrets_available": [], "org_variables_available": [],
		"environments": [], "workflows": [],
	},
	overrides,
)

workflow(triggers, permissions, jobs) := {
	"path": ".github/workflows/ci.yml", "name": "CI", "parse_error": null,
	"triggers": triggers, "permissions": permissions, "env": {}, "jobs": jobs,
}

job(overrides) := object.union(
	{
		"id": "build", "name": null, "environment": null, "runs_on": ["ubuntu-latest"], "uses": null,
		"permissions": null, "effective_permissions": null, "permissions_source": "default",
		"requests_id_token": false, "secrets_inherit": false, "secrets_passed": {},
		"secret_refs": [], "var_refs": [], "context_refs": [], "env": {}, "with": {}, "steps": [],
		"oidc_sub_candidates": [],
	},
	overrides,
)

step(index, overrides) := object.union(
	{
		"index": index, "id": null, "name": null, "uses": null, "pinned_sha": null,
		"with": {}, "env": {}, "run": null, "shell": null, "if": null,
	},
	overrides,
)

secret(name, where) := {"name": name, "where": where, "dynamic": false, "expression": sprintf("secrets.%s", [name])}

# One repository with one workflow.
single(triggers, jobs) := snapshot([repo({"workflows": [workflow(triggers, null, jobs)]})])

job_uri := "github://acme/app/.github/workflows/ci.yml#jobs/build"

workflow_uri := "github://acme/app/.github/workflows/ci.yml"

fired(findings, id) := {f.resource | some f in findings; f.rule == id; f.status == "fail"}

unknown(findings, id) := {f.resource | some f in findings; f.rule == id; f.status == "unknown"}

the(findings, id) := f if {
	some f in findings
	f.rule == id
}

push := {"push": {"branches": ["main"]}}

prt := {"pull_request_target": {"types": ["opened"]}}

with_secret := job({"secret_refs": [secret("NPM_TOKEN", "steps[0].env.NPM_TOKEN")]})

# --- GH-WF-001 ----------------------------------------------------------------------

test_wf_001_fires_on_pull_request_target_with_a_secret if {
	findings := gh_wf.findings with input as single(prt, [with_secret])
	fired(findings, "GH-WF-001") == {job_uri}
	"on: pull_request_target" in the(findings, "GH-WF-001").evidence
}

test_wf_001_fires_on_issue_comment_with_id_token if {
	j := job({"requests_id_token": true, "permissions_source": "job"})
	findings := gh_wf.findings with input as single({"issue_comment": null}, [j])
	fired(findings, "GH-WF-001") == {job_uri}
}

test_wf_001_names_a_checkout_of_the_pull_request_head if {
	j := job({
		"secrets_inherit": true,
		"if": "github.actor != 'dependabot[bot]'",
		"steps": [step(0, {"uses": "actions/checkout@v4", "pinned_sha": false, "with": {"ref": "${{ github.event.pull_request.head.sha }}"}})],
	})
	findings := gh_wf.findings with input as single({"workflow_run": {"workflows": ["CI"]}}, [j])
	"steps[0] checks out ${{ github.event.pull_request.head.sha }}" in the(findings, "GH-WF-001").evidence
	"if: github.actor != 'dependabot[bot]'" in the(findings, "GH-WF-001").evidence
}

fork_settings(secrets, tokens) := {"fork_pr_workflows_private_repos": {
	"run_workflows_from_fork_pull_requests": true,
	"send_secrets_and_variables": secrets,
	"send_write_tokens_to_workflows": tokens,
	"require_approval_for_fork_pr_workflows": true,
}}

test_wf_001_fires_on_pull_request_when_forks_get_secrets if {
	r := repo({"actions": fork_settings(true, false), "workflows": [workflow({"pull_request": {"branches": ["main"]}}, null, [with_secret])]})
	findings := gh_wf.findings with input as snapshot([r])
	fired(findings, "GH-WF-001") == {job_uri}
}

test_wf_001_fires_on_bare_pull_request_when_forks_get_write_tokens if {
	j := job({"requests_id_token": true, "permissions_source": "job"})
	r := repo({"actions": fork_settings(false, true), "workflows": [workflow({"pull_request": null}, null, [j])]})
	findings := gh_wf.findings with input as snapshot([r])
	fired(findings, "GH-WF-001") == {job_uri}
}

test_wf_001_quiet_on_pull_request_when_forks_get_no_secrets if {
	r := repo({"actions": fork_settings(false, false), "workflows": [workflow({"pull_request": null}, null, [with_secret])]})
	findings := gh_wf.findings with input as snapshot([r])
	fired(findings, "GH-WF-001") == set()
}

test_wf_001_quiet_on_pull_request_target_with_only_github_token if {
	j := job({"secret_refs": [secret("GITHUB_TOKEN", "steps[0].with.token")]})
	findings := gh_wf.findings with input as single(prt, [j])
	fired(findings, "GH-WF-001") == set()
}

test_wf_001_quiet_on_push_with_a_secret if {
	findings := gh_wf.findings with input as single(push, [with_secret])
	fired(findings, "GH-WF-001") == set()
}

test_wf_001_unknown_once_for_an_unparseable_workflow if {
	broken := object.union(workflow({}, null, []), {"parse_error": {"message": "bad indentation", "line": 3, "column": 5}})
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [broken]})])
	{f.rule | some f in findings} == {"GH-WF-001"}
	unknown(findings, "GH-WF-001") == {workflow_uri}
	the(findings, "GH-WF-001").evidence == ["parse error at line 3, column 5: bad indentation"]
	the(findings, "GH-WF-001").identity == {"repository_id": 200, "workflow": ".github/workflows/ci.yml"}
}

test_wf_001_unknown_parse_error_without_position if {
	broken := object.union(workflow({}, null, []), {"parse_error": {"message": "binary file", "line": null, "column": null}})
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [broken]})])
	the(findings, "GH-WF-001").evidence == ["parse error: binary file"]
}

test_wf_001_unknown_when_workflows_could_not_be_read if {
	findings := gh_wf.findings with input as snapshot([repo({"workflows": null})])
	unknown(findings, "GH-WF-001") == {"github://acme/app"}
}

test_wf_001_no_unknown_for_a_parsed_workflow if {
	findings := gh_wf.findings with input as single(push, [job({})])
	unknown(findings, "GH-WF-001") == set()
}

# --- GH-WF-002 ----------------------------------------------------------------------

reusable(overrides) := job(object.union({"runs_on": [], "uses": "acme/shared/.github/workflows/release.yml@main"}, overrides))

test_wf_002_fires_on_secrets_inherit if {
	findings := gh_wf.findings with input as single(push, [reusable({"secrets_inherit": true})])
	fired(findings, "GH-WF-002") == {job_uri}
	the(findings, "GH-WF-002").evidence == ["secrets: inherit -> acme/shared/.github/workflows/release.yml@main"]
}

test_wf_002_quiet_on_explicit_secrets if {
	j := reusable({"secrets_passed": {"TOKEN": "${{ secrets.DEPLOY_TOKEN }}"}, "secret_refs": [secret("DEPLOY_TOKEN", "secrets.TOKEN")]})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-002") == set()
}

# --- GH-WF-003 ----------------------------------------------------------------------

test_wf_003_fires_on_to_json_secrets if {
	j := job({"secret_refs": [{"name": null, "where": "steps[1].env.ALL", "dynamic": true, "expression": "toJSON(secrets)"}]})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-003") == {job_uri}
	the(findings, "GH-WF-003").evidence == ["toJSON(secrets) -> steps[1].env.ALL"]
}

test_wf_003_quiet_on_named_secrets if {
	findings := gh_wf.findings with input as single(push, [with_secret])
	fired(findings, "GH-WF-003") == set()
}

# --- GH-WF-004 ----------------------------------------------------------------------

facet(findings, id, name) := f if {
	some f in findings
	f.rule == id
	f.identity.facet == name
}

test_wf_004_no_permissions_is_medium_with_a_read_default if {
	findings := gh_wf.findings with input as single(push, [job({})])
	f := facet(findings, "GH-WF-004", "no_permissions")
	f.resource == workflow_uri
	f.severity == "medium"
	f.evidence == ["no permissions at workflow or job level: build", "default workflow permissions: read"]
}

test_wf_004_no_permissions_is_high_with_a_write_default if {
	r := repo({"actions": {"default_workflow_permissions": "write"}, "workflows": [workflow(push, null, [job({})])]})
	findings := gh_wf.findings with input as snapshot([r])
	facet(findings, "GH-WF-004", "no_permissions").severity == "high"
}

test_wf_004_no_permissions_falls_back_to_the_org_default if {
	r := repo({"actions": {"default_workflow_permissions": null}, "workflows": [workflow(push, null, [job({})])]})
	findings := gh_wf.findings with input as snapshot_with_org({"actions": {"default_workflow_permissions": "write"}}, [r])
	facet(findings, "GH-WF-004", "no_permissions").severity == "high"
}

test_wf_004_no_permissions_with_an_unknown_default if {
	r := repo({"actions": {"default_workflow_permissions": null}, "workflows": [workflow(push, null, [job({})])]})
	findings := gh_wf.findings with input as snapshot_with_org({"actions": {"default_workflow_permissions": null}}, [r])
	f := facet(findings, "GH-WF-004", "no_permissions")
	f.severity == "medium"
	"default workflow permissions: unknown (could not be read)" in f.evidence
}

test_wf_004_quiet_when_every_job_declares_permissions if {
	j := job({"permissions": {"contents": "read"}, "effective_permissions": {"contents": "read"}, "permissions_source": "job"})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-004") == set()
}

inherits(perms) := job({"effective_permissions": perms, "permissions_source": "workflow", "requests_id_token": id_token(perms)})

id_token(perms) if perms == "write-all"

else if perms["id-token"] == "write"

else := false

test_wf_004_fires_on_workflow_write_all if {
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, "write-all", [inherits("write-all")])]})])
	f := facet(findings, "GH-WF-004", "write_all")
	f.resource == workflow_uri
	f.severity == "high"
}

test_wf_004_quiet_on_workflow_write_all_that_no_job_inherits if {
	j := job({"permissions": {"contents": "read"}, "effective_permissions": {"contents": "read"}, "permissions_source": "job"})
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, "write-all", [j])]})])
	fired(findings, "GH-WF-004") == set()
}

test_wf_004_fires_on_job_write_all if {
	j := job({"permissions": "write-all", "effective_permissions": "write-all", "permissions_source": "job", "requests_id_token": true})
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, {}, [j])]})])
	fired(findings, "GH-WF-004") == {job_uri}
}

test_wf_004_quiet_on_job_level_write_scopes if {
	perms := {"contents": "write", "pull-requests": "write"}
	j := job({"permissions": perms, "effective_permissions": perms, "permissions_source": "job"})
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, {"contents": "read"}, [j])]})])
	fired(findings, "GH-WF-004") == set()
}

test_wf_004_fires_on_workflow_level_write_scopes if {
	perms := {"contents": "write", "packages": "read"}
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, perms, [inherits(perms)])]})])
	f := facet(findings, "GH-WF-004", "write_scopes")
	f.severity == "medium"
	f.evidence == ["contents: write", "inherited by: build"]
}

test_wf_004_quiet_on_workflow_level_read_scopes if {
	perms := {"contents": "read"}
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, perms, [inherits(perms)])]})])
	fired(findings, "GH-WF-004") == set()
}

test_wf_004_workflow_id_token_is_medium_for_one_job if {
	perms := {"contents": "read", "id-token": "write"}
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, perms, [inherits(perms)])]})])
	facet(findings, "GH-WF-004", "id_token").severity == "medium"
	not facet(findings, "GH-WF-004", "write_scopes")
}

test_wf_004_workflow_id_token_is_high_for_several_jobs if {
	perms := {"id-token": "write"}
	jobs := [inherits(perms), object.union(inherits(perms), {"id": "test"})]
	findings := gh_wf.findings with input as snapshot([repo({"workflows": [workflow(push, perms, jobs)]})])
	f := facet(findings, "GH-WF-004", "id_token")
	f.severity == "high"
	f.evidence == ["permissions: id-token: write (workflow level)", "inherited by: build, test"]
}

# --- GH-WF-005 ----------------------------------------------------------------------

test_wf_005_fires_on_a_credential_secret_without_environment if {
	findings := gh_wf.findings with input as single(push, [with_secret])
	fired(findings, "GH-WF-005") == {job_uri}
	the(findings, "GH-WF-005").evidence == ["secrets.NPM_TOKEN -> steps[0].env.NPM_TOKEN"]
}

test_wf_005_fires_on_id_token_without_environment if {
	j := job({"permissions_source": "job", "requests_id_token": true})
	findings := gh_wf.findings with input as single(push, [j])
	the(findings, "GH-WF-005").evidence == ["id-token: write (permissions from job)"]
}

test_wf_005_fires_on_a_mapped_secret_with_a_plain_name if {
	j := job({"secret_refs": [secret("DEPLOY_HOOK", "steps[0].env.HOOK")]})
	mappings := [{"scope": "repo", "repository": "acme/app", "secret": "deploy_hook", "cloudflare_token_id": "abc"}]
	findings := gh_wf.findings with input as single(push, [j]) with data.regolith.params.credential_mappings as mappings
	fired(findings, "GH-WF-005") == {job_uri}
}

test_wf_005_quiet_on_a_plain_secret if {
	j := job({"secret_refs": [secret("DEPLOY_HOOK", "steps[0].env.HOOK"), secret("GITHUB_TOKEN", "steps[0].env.GH")]})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-005") == set()
}

test_wf_005_quiet_in_an_environment if {
	j := object.union(with_secret, {"environment": "production", "requests_id_token": true, "permissions_source": "job"})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-005") == set()
}

test_wf_005_quiet_on_a_reusable_workflow_call if {
	j := reusable({"requests_id_token": true, "permissions_source": "workflow", "secret_refs": [secret("DEPLOY_TOKEN", "secrets.TOKEN")]})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-005") == set()
}

# --- GH-WF-006 ----------------------------------------------------------------------

self_hosted := object.union(with_secret, {"runs_on": ["self-hosted", "linux"]})

test_wf_006_fires_on_a_pull_request_job_on_a_self_hosted_runner if {
	findings := gh_wf.findings with input as single({"pull_request": null}, [self_hosted])
	fired(findings, "GH-WF-006") == {job_uri}
	"runs-on: self-hosted, linux" in the(findings, "GH-WF-006").evidence
}

test_wf_006_quiet_on_github_hosted_runners if {
	findings := gh_wf.findings with input as single({"pull_request": null}, [with_secret])
	fired(findings, "GH-WF-006") == set()
}

test_wf_006_quiet_on_push if {
	findings := gh_wf.findings with input as single(push, [self_hosted])
	fired(findings, "GH-WF-006") == set()
}

test_wf_006_quiet_on_an_allowed_runner_label if {
	j := object.union(with_secret, {"runs_on": ["self-hosted", "Ephemeral-Linux"]})
	findings := gh_wf.findings with input as single({"pull_request": null}, [j]) with data.regolith.params.allowed_runner_labels as ["ephemeral-*"]
	fired(findings, "GH-WF-006") == set()
}

test_wf_006_quiet_without_credentials if {
	j := job({"runs_on": ["self-hosted"]})
	findings := gh_wf.findings with input as single({"pull_request": null}, [j])
	fired(findings, "GH-WF-006") == set()
}

# --- GH-WF-007 ----------------------------------------------------------------------

app_token(inputs) := job({"steps": [step(0, {"uses": "actions/create-github-app-token@v2", "pinned_sha": false, "with": inputs})]})

test_wf_007_fires_on_owner_without_repositories if {
	findings := gh_wf.findings with input as single(push, [app_token({"owner": "acme", "client-id": "Iv1"})])
	fired(findings, "GH-WF-007") == {job_uri}
	the(findings, "GH-WF-007").evidence == ["steps[0] actions/create-github-app-token@v2: owner acme without repositories (every repository of the installation)"]
}

test_wf_007_fires_on_skip_token_revoke if {
	findings := gh_wf.findings with input as single(push, [app_token({"skip-token-revoke": "True"})])
	the(findings, "GH-WF-007").evidence == ["steps[0] actions/create-github-app-token@v2: skip-token-revoke: true"]
}

test_wf_007_quiet_on_scoped_repositories if {
	findings := gh_wf.findings with input as single(push, [app_token({"owner": "acme", "repositories": "app", "skip-token-revoke": "false"})])
	fired(findings, "GH-WF-007") == set()
}

test_wf_007_fires_on_empty_repositories if {
	findings := gh_wf.findings with input as single(push, [app_token({"owner": "acme", "repositories": " "})])
	fired(findings, "GH-WF-007") == {job_uri}
}

test_wf_007_quiet_on_the_current_repository if {
	findings := gh_wf.findings with input as single(push, [app_token({"client-id": "Iv1"})])
	fired(findings, "GH-WF-007") == set()
}

# --- GH-WF-008 ----------------------------------------------------------------------

test_wf_008_fires_on_npm_publish_with_a_stored_token if {
	j := job({
		"secret_refs": [secret("NPM_TOKEN", "steps[1].env.NODE_AUTH_TOKEN")],
		"steps": [step(0, {"run": "npm ci"}), step(1, {"run": "npm publish --access public", "env": {"NODE_AUTH_TOKEN": "${{ secrets.NPM_TOKEN }}"}})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == {job_uri}
	the(findings, "GH-WF-008").evidence == ["steps[1] publishes to npm with secrets.NPM_TOKEN -> steps[1].env.NODE_AUTH_TOKEN"]
}

test_wf_008_fires_on_the_pypi_action_with_a_password if {
	j := job({
		"secret_refs": [secret("PYPI_API_TOKEN", "steps[0].with.password")],
		"steps": [step(0, {"uses": "pypa/gh-action-pypi-publish@release/v1", "pinned_sha": false, "with": {"password": "${{ secrets.PYPI_API_TOKEN }}"}})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == {job_uri}
}

test_wf_008_fires_on_a_job_level_registry_token if {
	j := job({
		"env": {"CARGO_REGISTRY_TOKEN": "${{ secrets.CRATES_IO }}"},
		"secret_refs": [secret("CRATES_IO", "env.CARGO_REGISTRY_TOKEN")],
		"steps": [step(0, {"run": "cargo publish"})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	the(findings, "GH-WF-008").evidence == ["steps[0] publishes to crates.io with secrets.CRATES_IO -> env.CARGO_REGISTRY_TOKEN"]
}

test_wf_008_quiet_on_trusted_publishing if {
	j := job({
		"permissions_source": "job", "requests_id_token": true, "environment": "pypi",
		"secret_refs": [secret("SLACK_WEBHOOK_URL", "steps[1].env.HOOK")],
		"steps": [step(0, {"uses": "pypa/gh-action-pypi-publish@release/v1", "pinned_sha": false}), step(1, {"run": "./notify.sh"})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == set()
}

test_wf_008_quiet_on_github_packages if {
	j := job({
		"secret_refs": [secret("GITHUB_TOKEN", "steps[0].env.NODE_AUTH_TOKEN"), secret("NPM_TOKEN", "steps[0].env.OTHER_TOKEN")],
		"steps": [step(0, {"run": "npm publish --registry https://npm.pkg.github.com"})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == set()
}

test_wf_008_quiet_on_a_private_index if {
	j := job({
		"secret_refs": [secret("INDEX_TOKEN", "steps[0].with.password")],
		"steps": [step(0, {"uses": "pypa/gh-action-pypi-publish@release/v1", "pinned_sha": false, "with": {"repository-url": "https://pkgs.example.com/simple"}})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == set()
}

test_wf_008_quiet_on_a_private_npm_registry_action if {
	j := job({
		"secret_refs": [secret("NPM_TOKEN", "steps[0].with.token")],
		"steps": [step(0, {"uses": "JS-DevTools/npm-publish@v3", "pinned_sha": false, "with": {"registry": "https://npm.example.com"}})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-008") == set()
}

# --- GH-WF-009 ----------------------------------------------------------------------

run_job(run, env, refs) := job({"secret_refs": refs, "steps": [step(0, {"run": run, "env": env})]})

# (Tests evaluate the findings in their own body, not in a helper function, so that
# `regolith test --coverage` sees the lines they reach.)
log_evidence(findings) := the(findings, "GH-WF-009").evidence

test_wf_009_fires_on_echoing_a_secret_expression if {
	j := run_job("echo \"key=${{ secrets.API_KEY }}\"", {}, [secret("API_KEY", "steps[0].run")])
	findings := gh_wf.findings with input as single(push, [j])
	log_evidence(findings) == ["steps[0] prints a secret expression: echo \"key=${{ secrets.API_KEY }}\""]
}

test_wf_009_fires_on_printing_a_secret_environment_variable if {
	j := run_job("set -e\nprintf '%s' \"$API_KEY\" >&2", {"API_KEY": "${{ secrets.API_KEY }}"}, [secret("API_KEY", "steps[0].env.API_KEY")])
	findings := gh_wf.findings with input as single(push, [j])
	log_evidence(findings) == ["steps[0] prints $API_KEY (from a secret): printf '%s' \"$API_KEY\" >&2"]
}

test_wf_009_fires_on_printing_an_unmasked_oidc_token if {
	run := "TOKEN=$(curl -sSf -H \"Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN\" \"$ACTIONS_ID_TOKEN_REQUEST_URL\" | jq -r .value)\necho \"token: ${TOKEN}\""
	findings := gh_wf.findings with input as single(push, [run_job(run, {}, [])])
	log_evidence(findings) == ["steps[0] prints $TOKEN (a token it requested): echo \"token: ${TOKEN}\""]
}

test_wf_009_fires_on_printing_the_request_token if {
	findings := gh_wf.findings with input as single(push, [run_job("echo $ACTIONS_ID_TOKEN_REQUEST_TOKEN", {}, [])])
	log_evidence(findings) == ["steps[0] prints ACTIONS_ID_TOKEN_REQUEST_TOKEN: echo $ACTIONS_ID_TOKEN_REQUEST_TOKEN"]
}

test_wf_009_fires_on_printing_a_minted_token_output if {
	findings := gh_wf.findings with input as single(push, [run_job("echo ${{ steps.app.outputs.token }}", {}, [])])
	log_evidence(findings) == ["steps[0] prints a secret expression: echo ${{ steps.app.outputs.token }}"]
}

test_wf_009_quiet_on_masked_tokens_written_to_github_env if {
	run := "TOKEN=$(curl -sSf -H \"Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN\" \"$ACTIONS_ID_TOKEN_REQUEST_URL\" | jq -r .value)\necho \"::add-mask::$TOKEN\"\necho \"GITHUB_OIDC_TOKEN=$TOKEN\" >> \"$GITHUB_ENV\"\necho \"$TOKEN\""
	findings := gh_wf.findings with input as single(push, [run_job(run, {}, [])])
	fired(findings, "GH-WF-009") == set()
}

test_wf_009_quiet_on_a_secret_piped_to_a_command if {
	j := run_job("echo \"$PASSWORD\" | docker login -u bot --password-stdin", {"PASSWORD": "${{ secrets.PASSWORD }}"}, [secret("PASSWORD", "steps[0].env.PASSWORD")])
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-009") == set()
}

test_wf_009_fires_on_set_x_with_a_secret_in_the_environment if {
	j := job({
		"env": {"DEPLOY_TOKEN": "${{ secrets.DEPLOY_TOKEN }}"},
		"secret_refs": [secret("DEPLOY_TOKEN", "env.DEPLOY_TOKEN")],
		"steps": [step(0, {"run": "set -euxo pipefail\n./deploy.sh"})],
	})
	findings := gh_wf.findings with input as single(push, [j])
	log_evidence(findings) == ["steps[0] traces commands while secrets.DEPLOY_TOKEN is in scope"]
}

test_wf_009_fires_on_a_tracing_shell if {
	j := job({"secret_refs": [secret("DEPLOY_TOKEN", "steps[0].run")], "steps": [step(0, {"run": "./deploy.sh ${{ secrets.DEPLOY_TOKEN }}", "shell": "bash -x {0}"})]})
	findings := gh_wf.findings with input as single(push, [j])
	log_evidence(findings) == ["steps[0] traces commands while secrets.DEPLOY_TOKEN is in scope"]
}

test_wf_009_fires_on_xtrace_with_a_secret_in_the_step_environment if {
	j := run_job("set -o xtrace\n./deploy.sh", {"T": "${{ secrets.DEPLOY_TOKEN }}"}, [secret("DEPLOY_TOKEN", "steps[0].env.T"), secret("OTHER_TOKEN", "steps[1].env.T")])
	findings := gh_wf.findings with input as single(push, [j])
	log_evidence(findings) == ["steps[0] traces commands while secrets.DEPLOY_TOKEN is in scope"]
}

test_wf_009_quiet_on_set_e_with_secrets if {
	j := run_job("set -eu\n./deploy.sh", {"T": "${{ secrets.DEPLOY_TOKEN }}"}, [secret("DEPLOY_TOKEN", "steps[0].env.T")])
	findings := gh_wf.findings with input as single(push, [j])
	fired(findings, "GH-WF-009") == set()
}

debug_repo(overrides) := repo(object.union({"workflows": [workflow(push, null, [with_secret])]}, overrides))

test_wf_009_fires_on_step_debug_variable if {
	r := debug_repo({"variables": [{"name": "ACTIONS_STEP_DEBUG", "value": "true"}]})
	findings := gh_wf.findings with input as snapshot([r])
	the(findings, "GH-WF-009").evidence == ["variable ACTIONS_STEP_DEBUG=true with credentials in scope"]
}

test_wf_009_fires_on_step_debug_org_secret if {
	r := debug_repo({"org_secrets_available": ["ACTIONS_STEP_DEBUG"]})
	findings := gh_wf.findings with input as snapshot([r])
	the(findings, "GH-WF-009").evidence == ["organization secret ACTIONS_STEP_DEBUG with credentials in scope"]
}

test_wf_009_fires_on_step_debug_repo_secret_and_org_variable if {
	r := debug_repo({"secrets": [{"name": "ACTIONS_STEP_DEBUG"}], "org_variables_available": ["ACTIONS_STEP_DEBUG"]})
	doc := snapshot_with_org({"variables": [{"name": "ACTIONS_STEP_DEBUG", "value": " TRUE "}]}, [r])
	findings := gh_wf.findings with input as doc
	the(findings, "GH-WF-009").evidence == [
		"organization variable ACTIONS_STEP_DEBUG=true with credentials in scope",
		"secret ACTIONS_STEP_DEBUG with credentials in scope",
	]
}

test_wf_009_quiet_on_step_debug_false if {
	r := debug_repo({"variables": [{"name": "ACTIONS_STEP_DEBUG", "value": "false"}]})
	findings := gh_wf.findings with input as snapshot([r])
	fired(findings, "GH-WF-009") == set()
}

test_wf_009_quiet_on_step_debug_without_credentials if {
	r := repo({"variables": [{"name": "ACTIONS_STEP_DEBUG", "value": "true"}], "workflows": [workflow(push, null, [job({})])]})
	findings := gh_wf.findings with input as snapshot([r])
	fired(findings, "GH-WF-009") == set()
}

# --- Every finding carries the fields the gate reads ----------------------------------

test_findings_carry_identity_fields_named_by_metadata if {
	j := job({"secrets_inherit": true, "runs_on": [], "uses": "./.github/workflows/x.yml"})
	findings := gh_wf.findings with input as single(prt, [j])
	count(findings) > 0
	every f in findings {
		f.title != ""
		f.remediation != ""
		is_string(f.message)
		f.source.document == "github"
	}
}
