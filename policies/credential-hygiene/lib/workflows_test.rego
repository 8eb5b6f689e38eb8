package regolith.lib.workflows_test

import data.regolith.lib.workflows as wf

# Jobs and steps with only the fields the markers read.
job(overrides) := object.union(
	{
		"id": "deploy", "environment": null, "uses": null, "permissions_source": "job",
		"requests_id_token": false, "secrets_inherit": false,
		"secret_refs": [], "var_refs": [], "steps": [],
	},
	overrides,
)

step(index, overrides) := object.union({"index": index, "uses": null, "pinned_sha": null, "with": {}, "env": {}, "run": null}, overrides)

ref(name, where) := {"name": name, "where": where, "dynamic": false, "expression": sprintf("secrets.%s", [name])}

# The name caches come from the jobs of the input; an input with one job of a
# repository keeps them realistic.
with_job(j) := {"github": [{
	"org": {"login": "acme", "id": 1},
	"repositories": [{"full_name": "acme/app", "id": 2, "workflows": [{"path": ".github/workflows/d.yml", "jobs": [j]}]}],
}]}

# --- where a reference sits ---

test_step_paths if {
	wf.step_index("steps[12].env.X") == 12
	not wf.step_index("env.X")
	wf.local_path("steps[3].with.api-key") == "with.api-key"
	wf.local_path("workflow.env.X") == "workflow.env.X"
	wf.env_key("steps[0].env.TOKEN") == "TOKEN"
	wf.env_key("workflow.env.TOKEN") == "TOKEN"
	not wf.env_key("steps[0].with.token")
}

test_flows_into_env_or_with if {
	wf.flows_into_env_or_with("steps[3].env.OPENAI_API_KEY")
	wf.flows_into_env_or_with("with.token")
	wf.flows_into_env_or_with("workflow.env.KEY")
	wf.flows_into_env_or_with("secrets.KEY")
	not wf.flows_into_env_or_with("steps[1].if")
	not wf.flows_into_env_or_with("steps[1].run")
}

test_in_step_env if {
	wf.in_step_env("steps[2].env.T", 2)
	not wf.in_step_env("steps[2].env.T", 1)
	wf.in_step_env("env.T", 7)
	wf.in_step_env("workflow.env.T", 0)
	not wf.in_step_env("steps[2].with.t", 2)
}

# --- long-lived OpenAI key ---

test_openai_key_flows_into_env_and_with if {
	j := job({
		"secret_refs": [ref("OPENAI_API_KEY", "steps[3].env.OPENAI_API_KEY"), ref("OPENAI_API_KEY", "steps[3].if")],
		"var_refs": [{"name": "OPENAI_FALLBACK_KEY", "where": "steps[1].with.key", "dynamic": false, "expression": "vars.OPENAI_FALLBACK_KEY"}],
	})
	flows := wf.openai_key_flows(j) with input as with_job(j)
	flows == {"secrets.OPENAI_API_KEY -> steps[3].env.OPENAI_API_KEY", "vars.OPENAI_FALLBACK_KEY -> steps[1].with.key"}
}

test_openai_key_names_outside_the_input if {
	wf.is_openai_key("MY_OPENAI_TOKEN") with input as {"github": []}
	not wf.is_openai_key("ANTHROPIC_API_KEY") with input as {"github": []}
	wf.is_credential("DEPLOY_PASSWORD") with input as {"github": []}
	not wf.is_credential("GITHUB_TOKEN") with input as {"github": []}
}

# --- OpenAI WIF in use ---

wif_job := job({
	"requests_id_token": true,
	"var_refs": [{"name": "OPENAI_WIF_PROVIDER_ID", "where": "steps[1].env.P", "dynamic": false, "expression": "vars.OPENAI_WIF_PROVIDER_ID"}],
	"steps": [step(0, {"run": "curl -X POST https://auth.openai.com/oauth/token -d @body.json"})],
})

test_uses_openai_wif if {
	wf.uses_openai_wif(wif_job)
	wf.openai_wif_markers(wif_job) == {"steps[0] mentions auth.openai.com/oauth/token", "vars.OPENAI_WIF_PROVIDER_ID -> steps[1].env.P"}
}

test_uses_openai_wif_needs_an_id_token if {
	not wf.uses_openai_wif(object.union(wif_job, {"requests_id_token": false}))
	not wf.uses_openai_wif(job({"requests_id_token": true, "steps": [step(0, {"run": "npm test"})]}))
}

test_openai_wif_action_from_params if {
	j := job({"requests_id_token": true, "steps": [step(0, {"uses": "acme/openai-login@v1", "pinned_sha": false})]})
	wf.uses_openai_wif(j) with data.regolith.params.openai_wif_actions as ["Acme/OpenAI-Login"]
	not wf.uses_openai_wif(j)
}

consumer_doc := {"openai": [{"expected_consumers": [
	{"repository": "Acme/App", "workflow": ".github/workflows/d.yml", "job": "deploy", "provider_id": "wip_1", "service_account_id": "svc_acct_1", "environment": null},
	{"repository": "acme/renamed", "repository_id": 2, "workflow": ".github/workflows/d.yml", "job": "deploy", "provider_id": "wip_1", "service_account_id": "svc_acct_2", "environment": null},
	{"repository": "acme/other", "workflow": ".github/workflows/d.yml", "job": "deploy", "provider_id": "wip_1", "service_account_id": "svc_acct_3", "environment": null},
]}]}

test_declared_consumers_by_name_and_id if {
	consumers := wf.declared_consumers({"full_name": "acme/app", "id": 2}, {"path": ".github/workflows/d.yml"}, {"id": "deploy"}) with input as consumer_doc
	{c.service_account_id | some c in consumers} == {"svc_acct_1", "svc_acct_2"}
}

# --- requested audience ---

test_requested_audiences if {
	j := job({"steps": [
		step(0, {"run": "AUDIENCE=\"https://api.openai.com/v1\"\ncurl \"$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$AUDIENCE\""}),
		step(1, {"run": "const t = await core.getIDToken('sts.example.com')  // audience"}),
		step(2, {"run": "curl \"${ACTIONS_ID_TOKEN_REQUEST_URL}&audience=https%3A%2F%2Fapi.example.com\""}),
		step(3, {"uses": "google-github-actions/auth@v2", "with": {"audience": "https://iam.example.com/pool"}}),
		step(4, {"with": {"audience": "${{ vars.AUD }}"}}),
	]})
	wf.requested_audiences(j) == {
		{"audience": "https://api.openai.com/v1", "step": 0},
		{"audience": "sts.example.com", "step": 1},
		{"audience": "https://api.example.com", "step": 2},
		{"audience": "https://iam.example.com/pool", "step": 3},
	}
}

# --- Cloudflare in CI ---

test_cloudflare_in_ci if {
	j := job({
		"secret_refs": [ref("CF_API_TOKEN", "steps[0].with.apiToken"), ref("SENTRY_AUTH_TOKEN", "env.SENTRY")],
		"steps": [step(0, {"uses": "cloudflare/wrangler-action@v3", "pinned_sha": false})],
	})
	wf.cloudflare_in_ci(j) == {"secrets.CF_API_TOKEN -> steps[0].with.apiToken", "steps[0] uses cloudflare/wrangler-action@v3"}
	wf.cloudflare_in_ci(job({})) == set()
}

test_global_api_key_needs_the_email if {
	wf.uses_global_api_key({"CLOUDFLARE_API_KEY", "CLOUDFLARE_EMAIL"})
	wf.uses_global_api_key(["cf_api_key", "CF_EMAIL"])
	not wf.uses_global_api_key({"CLOUDFLARE_API_KEY"})
	not wf.uses_global_api_key({"CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL"})
}

# --- static cloud keys ---

test_static_cloud_key_names if {
	wf.is_static_cloud_key_name("AWS_SECRET_ACCESS_KEY")
	wf.is_static_cloud_key_name("GCP_SA_KEY")
	wf.is_static_cloud_key_name("AZURE_CREDENTIALS")
	not wf.is_static_cloud_key_name("AWS_ROLE_ARN")
}

test_static_key_steps if {
	j := job({"steps": [
		step(0, {"uses": "aws-actions/configure-aws-credentials@v4", "with": {"aws-access-key-id": "${{ secrets.AWS_ACCESS_KEY_ID }}", "aws-region": "eu-west-1"}}),
		step(1, {"uses": "aws-actions/configure-aws-credentials@v4", "with": {"role-to-assume": "arn:aws:iam::1:role/x"}}),
		step(2, {"uses": "Azure/login@v2", "with": {"creds": "${{ secrets.AZURE_CREDENTIALS }}"}}),
	]})
	wf.static_key_steps(j) == {
		"steps[0] aws-actions/configure-aws-credentials@v4 with aws-access-key-id",
		"steps[2] Azure/login@v2 with creds",
	}
}

# --- fork reachability ---

test_fork_triggers if {
	wf.fork_triggers({"triggers": {"push": null, "pull_request_target": null, "issue_comment": {"types": ["created"]}}}) == {"pull_request_target", "issue_comment"}
	wf.fork_triggers({"triggers": {"pull_request": null}}) == set()
}

test_fork_pr_settings_apply_to_private_repositories_only if {
	settings := {"run_workflows_from_fork_pull_requests": true, "send_secrets_and_variables": true, "send_write_tokens_to_workflows": false}
	wf.fork_pr_sends_secrets({"visibility": "internal", "actions": {"fork_pr_workflows_private_repos": settings}})
	not wf.fork_pr_sends_write_tokens({"visibility": "internal", "actions": {"fork_pr_workflows_private_repos": settings}})
	not wf.fork_pr_sends_secrets({"visibility": "public", "actions": {"fork_pr_workflows_private_repos": settings}})
	not wf.fork_pr_sends_secrets({"visibility": "private", "actions": {"fork_pr_workflows_private_repos": object.union(settings, {"run_workflows_from_fork_pull_requests": false})}})
}

test_checks_out_pr_head_outside_the_input if {
	j := job({"steps": [
		step(0, {"uses": "actions/checkout@v4", "with": {"ref": "${{ github.head_ref }}"}}),
		step(1, {"uses": "actions/checkout@v4", "with": {"ref": "main"}}),
	]})
	wf.checks_out_pr_head(j) == {"steps[0] checks out ${{ github.head_ref }}"} with input as {"github": []}
}

# --- actions and SHA pinning ---

test_action_names_and_refs if {
	wf.action_name("Actions/Checkout@v4") == "actions/checkout"
	wf.action_name("google-github-actions/auth/sub/dir@abc") == "google-github-actions/auth"
	not wf.action_name("./.github/actions/local")
	not wf.action_name("docker://alpine:3")
	not wf.action_name(null)
	wf.action_ref("actions/checkout@v4") == "v4"
	not wf.action_ref("./local")
}

test_sha_pinning if {
	j := job({"steps": [
		step(0, {"uses": "actions/checkout@v4", "pinned_sha": false}),
		step(1, {"uses": "actions/setup-node@a1b2c3d4e5f60718293a4b5c6d7e8f9012345678", "pinned_sha": true}),
		step(2, {"run": "make"}),
	]})
	wf.unpinned_steps(j) == {0}
	wf.is_sha_pinned(j.steps[1])
	not wf.is_sha_pinned(j.steps[2])
	wf.reusable_call_pinned({"uses": "acme/shared/.github/workflows/x.yml@a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"})
	not wf.reusable_call_pinned({"uses": "acme/shared/.github/workflows/x.yml@main"})
}

# --- credential evidence ---

test_credential_evidence if {
	j := job({
		"uses": "acme/shared/.github/workflows/x.yml@main", "secrets_inherit": true, "requests_id_token": true, "permissions_source": "workflow",
		"secret_refs": [ref("GITHUB_TOKEN", "with.token"), ref("NPM_TOKEN", "secrets.NPM"), {"name": null, "where": "with.all", "dynamic": true, "expression": "toJSON(secrets)"}],
	})
	wf.credential_evidence(j) == [
		"id-token: write (permissions from workflow)",
		"secrets.NPM_TOKEN -> secrets.NPM",
		"secrets: inherit -> acme/shared/.github/workflows/x.yml@main",
		"toJSON(secrets) -> with.all",
	]
}

test_labels if {
	wf.job_label({"job": {"id": "deploy"}, "repo": {"full_name": "acme/app"}, "workflow": {"path": ".github/workflows/d.yml"}}) == "job \"deploy\" in acme/app .github/workflows/d.yml"
	wf.workflow_label({"repo": {"full_name": "acme/app"}, "workflow": {"path": ".github/workflows/d.yml"}}) == "acme/app .github/workflows/d.yml"
}
