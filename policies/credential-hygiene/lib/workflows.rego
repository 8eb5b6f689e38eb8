# METADATA
# title: Workflow detection markers
# description: |
#   The heuristics of CHECKS.md §2.7 over the workflow facts of github-snapshot
#   documents: where a secret or variable reference flows, long-lived OpenAI keys,
#   OpenAI workload identity federation in use, Cloudflare tokens in CI, static cloud
#   keys, fork reachability, SHA pinning, and the OIDC audience a job requests.
#   Adapters record neutral facts; every judgment of this kind lives here, so that all
#   checks share one definition. Functions take the snapshot's own objects (a job,
#   a step, a workflow, a repository); `j` stands for an entry in the lib.github.jobs
#   shape (see job_entry). Values of the input are classified once and cached; the
#   functions give the same answers for objects that are not in the input.
package regolith.lib.workflows

import data.regolith.lib
import data.regolith.lib.github as gh

# ---------------------------------------------------------------------------
# Every job and step of the input, and their distinct values
# ---------------------------------------------------------------------------
# Checks run over 25,000 jobs. Builtins cost far more than lookups, so the values
# they would be applied to (reference paths, names, `uses`, `run`, `shell`, runner
# labels) are collected once, classified once per distinct value, and looked up.

all_jobs := [job |
	some doc in input.github
	some repo in doc.repositories
	some workflow in repo.workflows
	some job in workflow.jobs
]

all_steps := [step | some job in all_jobs; some step in job.steps]

# (`!= null` rather than is_string: the schema makes these strings or null, and a
# comparison costs less than a builtin call.)
uses_values := {step.uses | some step in all_steps; step.uses != null}

run_values := {step.run | some step in all_steps; step.run != null}

shell_values := {step.shell | some step in all_steps; step.shell != null}

label_values := {label | some job in all_jobs; some label in job.runs_on}

ref_wheres := {ref.where | some job in all_jobs; some ref in job.secret_refs} | {ref.where | some job in all_jobs; some ref in job.var_refs}

# ---------------------------------------------------------------------------
# Where a reference sits (`secret_refs[].where`, `var_refs[].where`)
# ---------------------------------------------------------------------------

# step_index is N for a `steps[N]....` path; undefined for job- and workflow-level paths.
step_index(where) := to_number(trim_prefix(split(where, "]")[0], "steps[")) if startswith(where, "steps[")

# local_path is the path inside the step (`env.X`, `with.X`, `run`, `if`) for a step
# path, and the path itself otherwise (`env.X`, `workflow.env.X`, `secrets.X`, …).
local_path(where) := substring(where, indexof(where, "].") + 2, -1) if startswith(where, "steps[")

else := where

# env_key is the variable name of an `…env.KEY` path.
env_key(where) := substring(path, indexof(path, "env.") + 4, -1) if {
	path := local_path(where)
	strings.any_prefix_match(path, ["env.", "workflow.env."])
}

# parse_where: the facts of a path. `step` is -1 and `env_key` "" when they do not apply.
#   flows     the value reaches a process environment (`env:` of the workflow, job or
#             step) or an input (`with:` of a step or reusable call, or the `secrets:` a
#             reusable call passes), rather than only a condition or a label
#   step_env  it sits in the step's own `env:`
#   job_env   it sits in the job's or the workflow's `env:` (every step sees it)
#   run       it is inlined in the step's script
parse_where(where) := {
	"step": object.get({"i": i | i := step_index(where)}, "i", -1),
	"env_key": object.get({"k": k | k := env_key(where)}, "k", ""),
	"flows": strings.any_prefix_match(path, ["env.", "with.", "workflow.env.", "secrets."]),
	"step_env": startswith(path, "env.") != startswith(where, "env."),
	"job_env": strings.any_prefix_match(where, ["env.", "workflow.env."]),
	"run": path == "run",
} if path := local_path(where)

where_facts := {where: parse_where(where) | some where in ref_wheres}

# where_fact: the facts of a path, from the cache when the input references it.
where_fact(where) := where_facts[where]

else := parse_where(where)

flows_into_env_or_with(where) if where_fact(where).flows

# in_step_env: the reference sits in an environment the processes of step `index` see:
# the step's own `env:`, the job's, or the workflow's.
in_step_env(where, index) if {
	f := where_fact(where)
	f.step_env
	f.step == index
}

in_step_env(where, _) if where_fact(where).job_env

# ref_label names a reference for evidence: `secrets.NAME` / `vars.NAME`, or the
# expression itself for a dynamic reference (`toJSON(secrets)`).
ref_label(context, ref) := sprintf("%s.%s", [context, ref.name]) if is_string(ref.name)

else := ref.expression

ref_evidence(context, ref) := sprintf("%s -> %s", [ref_label(context, ref), ref.where])

# ---------------------------------------------------------------------------
# Name classification, computed once per distinct name
# ---------------------------------------------------------------------------

# Every secret or variable name any job references.
referenced_names := {ref.name | some job in all_jobs; some ref in job.secret_refs; ref.name != null} | {ref.name | some job in all_jobs; some ref in job.var_refs; ref.name != null}

credential_names := {name | some name in referenced_names; lib.is_credential_name(name)}

openai_key_names := {name | some name in referenced_names; lib.is_openai_key_name(name)}

# Secret names that `credential_mappings` declare to hold a Cloudflare token or an
# OpenAI key (each mapping names its GitHub secret in `secret`; see lib/mappings.rego).
mapped_secret_names := {upper(m.secret) | some m in object.get(lib.params, "credential_mappings", []); is_string(m.secret)}

# is_credential: the name holds a bearer credential by the org's naming convention or
# by a credential mapping. Works for any name; referenced names hit the cache.
is_credential(name) if name in credential_names

is_credential(name) if name in mapped_secret_names

is_credential(name) if {
	not name in referenced_names
	lib.is_credential_name(name)
}

is_openai_key(name) if name in openai_key_names

is_openai_key(name) if {
	not name in referenced_names
	lib.is_openai_key_name(name)
}

# credential_refs: the job's named references to credential secrets (GITHUB_TOKEN
# excluded by the naming convention's exceptions).
credential_refs(job) := [ref | some ref in job.secret_refs; is_string(ref.name); is_credential(ref.name)]

dynamic_refs(job) := [ref | some ref in job.secret_refs; ref.dynamic]

# credential_evidence: how a job holds credentials (lib.github.holds_credentials), as
# evidence strings, sorted.
credential_evidence(job) := sort((({ref_evidence("secrets", ref) |
	some ref in job.secret_refs
	is_string(ref.name)
	ref.name != "GITHUB_TOKEN"
} | {ref_evidence("secrets", ref) | some ref in dynamic_refs(job)}) | {sprintf("secrets: inherit -> %s", [job.uses]) | job.secrets_inherit}) | {sprintf("id-token: write (permissions from %s)", [job.permissions_source]) | job.requests_id_token})

# ---------------------------------------------------------------------------
# Long-lived OpenAI key
# ---------------------------------------------------------------------------

# openai_key_flows: a secret or variable named like an OpenAI key
# (`openai_key_patterns`) flowing into `env` or `with`, as evidence strings
# ("secrets.OPENAI_API_KEY -> steps[3].env.OPENAI_API_KEY").
openai_key_flows(job) := {ref_evidence("secrets", ref) |
	some ref in job.secret_refs
	is_string(ref.name)
	is_openai_key(ref.name)
	flows_into_env_or_with(ref.where)
} | {ref_evidence("vars", ref) |
	some ref in job.var_refs
	is_string(ref.name)
	is_openai_key(ref.name)
	flows_into_env_or_with(ref.where)
}

# ---------------------------------------------------------------------------
# OpenAI workload identity federation in use
# ---------------------------------------------------------------------------

# Text that a step exchanging a GitHub OIDC token with OpenAI typically contains.
openai_wif_text_markers := ["ACTIONS_ID_TOKEN_REQUEST_URL", "auth.openai.com/oauth/token", "identity_provider_id", "workloadIdentity"]

# Actions (`owner/repo`, lowercase) known to perform the exchange: none is published
# by OpenAI, so the list comes from the org (`openai_wif_actions`).
openai_wif_actions := {lower(a) | some a in object.get(lib.params, "openai_wif_actions", [])}

# Variables holding a provider or service-account id support the marker.
openai_wif_var_pattern := `(?i)^OPENAI_.*(PROVIDER|SERVICE_ACCOUNT|SVC_ACCT|WIF|WORKLOAD)`

# step_texts: the run script and the text values of `with:` and `env:`.
step_texts(step) := array.concat(
	[step.run | is_string(step.run)],
	array.concat([v | some v in step.with; is_string(v)], [v | some v in step.env; is_string(v)]),
)

# openai_wif_markers: why the job looks like it exchanges a GitHub OIDC token with
# OpenAI, as evidence strings. Heuristic; `expected_consumers` is the authoritative link.
openai_wif_markers(job) := ({sprintf("steps[%d] mentions %s", [step.index, marker]) |
	some step in job.steps
	some text in step_texts(step)
	some marker in openai_wif_text_markers
	contains(text, marker)
} | {sprintf("steps[%d] uses %s", [step.index, step.uses]) |
	some step in job.steps
	is_string(step.uses)
	action_name(step.uses) in openai_wif_actions
}) | {ref_evidence("vars", ref) |
	some ref in job.var_refs
	is_string(ref.name)
	regex.match(openai_wif_var_pattern, ref.name)
}

# uses_openai_wif: the job can mint an OIDC token and shows a WIF marker.
uses_openai_wif(job) if {
	job.requests_id_token
	count(openai_wif_markers(job)) > 0
}

# The jobs `expected_consumers` of openai-federation documents declare, keyed by
# "OWNER/REPO|WORKFLOW|JOB" (and "#REPO_ID|WORKFLOW|JOB" when the id is given).
consumer_keys(c) := {sprintf("%s|%s|%s", [lower(c.repository), c.workflow, c.job])} | {sprintf("#%d|%s|%s", [c.repository_id, c.workflow, c.job]) | is_number(c.repository_id)}

declared_keys contains key if {
	some doc in input.openai
	some c in doc.expected_consumers
	some key in consumer_keys(c)
}

consumers_by_key[key] := [c |
	some doc in input.openai
	some c in doc.expected_consumers
	key in consumer_keys(c)
] if some key in declared_keys

# declared_consumers: the expected consumers that name this job (by id or by name).
declared_consumers(repo, workflow, job) := {c |
	some key in {sprintf("%s|%s|%s", [lower(repo.full_name), workflow.path, job.id]), sprintf("#%d|%s|%s", [repo.id, workflow.path, job.id])}
	some c in consumers_by_key[key]
}

# ---------------------------------------------------------------------------
# OIDC audience a job requests
# ---------------------------------------------------------------------------

# Literal audiences in scripts: `core.getIDToken("AUD")`, `AUDIENCE="AUD"`,
# `audience: AUD`, and `&audience=AUD` on the request URL (URL-encoded or not).
audience_patterns := [
	`getIDToken\(\s*["']([^"']+)["']`,
	`(?i)audience["']?\s*[=:]\s*["']?([a-z][a-z0-9+.-]*://[^"'\s&$)]+)`,
	`(?i)audience=([a-z][a-z0-9+.-]*%3A[^"'\s&$)]+)`,
]

# requested_audiences: the literal audiences the job's steps request, as
# {"audience", "step"} objects; empty when none can be read (a variable, an
# expression, or GitHub's default audience).
requested_audiences(job) := {{"audience": decode_audience(m[1]), "step": step.index} |
	some step in job.steps
	is_string(step.run)
	contains(lower(step.run), "audience")
	some pattern in audience_patterns
	some m in regex.find_all_string_submatch_n(pattern, step.run, -1)
} | {{"audience": v, "step": step.index} |
	some step in job.steps
	some key, v in object.union(step.with, step.env)
	contains(lower(key), "audience")
	is_string(v)
	not contains(v, "${{")
	regex.match(`^[a-z][a-z0-9+.-]*://`, v)
}

decode_audience(s) := urlquery.decode(s) if contains(s, "%")

else := s

# ---------------------------------------------------------------------------
# Cloudflare token in CI
# ---------------------------------------------------------------------------

cloudflare_token_names := {"CLOUDFLARE_API_TOKEN", "CF_API_TOKEN"}

cloudflare_global_key_names := {"CLOUDFLARE_API_KEY", "CF_API_KEY"}

cloudflare_email_names := {"CLOUDFLARE_EMAIL", "CF_EMAIL", "CF_API_EMAIL"}

is_cloudflare_token_name(name) if upper(name) in cloudflare_token_names

# uses_global_api_key: a set of secret names holding a Cloudflare Global API Key
# (the key and the account email side by side).
uses_global_api_key(names) if {
	some name in names
	upper(name) in cloudflare_global_key_names
	some other in names
	upper(other) in cloudflare_email_names
}

uses_wrangler(step) if action_name(step.uses) == "cloudflare/wrangler-action"

# cloudflare_in_ci: evidence that a job uses a Cloudflare API token.
cloudflare_in_ci(job) := {ref_evidence("secrets", ref) |
	some ref in job.secret_refs
	is_string(ref.name)
	is_cloudflare_token_name(ref.name)
} | {sprintf("steps[%d] uses %s", [step.index, step.uses]) | some step in job.steps; uses_wrangler(step)}

# ---------------------------------------------------------------------------
# Static cloud keys (CHECKS.md GH-SEC-002)
# ---------------------------------------------------------------------------

static_cloud_key_patterns := [
	`(?i)^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$`,
	`(?i)^(GCP|GCLOUD|GOOGLE)_.*(CREDENTIALS|SA_KEY|SERVICE_ACCOUNT_KEY|KEY_JSON)$`,
	`(?i)^GOOGLE_APPLICATION_CREDENTIALS$`,
	`(?i)^(AZURE_CREDENTIALS|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET)$`,
]

is_static_cloud_key_name(name) if lib.matches_any(name, static_cloud_key_patterns)

# Action inputs that take a static key instead of an OIDC role (action -> inputs).
static_key_inputs := {
	"aws-actions/configure-aws-credentials": ["aws-access-key-id", "aws-secret-access-key"],
	"google-github-actions/auth": ["credentials_json"],
	"azure/login": ["creds"],
}

# static_key_steps: steps that log in to a cloud with a static key, as evidence.
static_key_steps(job) := {sprintf("steps[%d] %s with %s", [step.index, step.uses, name]) |
	some step in job.steps
	some name in static_key_inputs[action_name(step.uses)]
	step.with[name]
}

# ---------------------------------------------------------------------------
# Fork reachability
# ---------------------------------------------------------------------------

# fork_triggers: the workflow's triggers that run with the base repository's secrets
# (and can request OIDC tokens) while processing fork-controlled input.
fork_triggers(workflow) := {t | some t, _ in workflow.triggers; t in gh.untrusted_triggers}

fork_pr_settings(repo) := s if {
	repo.visibility != "public"
	s := repo.actions.fork_pr_workflows_private_repos
	s.run_workflows_from_fork_pull_requests == true
}

# A private or internal repository that runs fork pull-request workflows and hands
# them its secrets, or write tokens (which include `id-token: write`).
fork_pr_sends_secrets(repo) if fork_pr_settings(repo).send_secrets_and_variables == true

fork_pr_sends_write_tokens(repo) if fork_pr_settings(repo).send_write_tokens_to_workflows == true

# checks_out_pr_head: steps that check out the pull request's head (fork code).
# (`uses` values of the input are classified once; others, as for any job passed in,
# directly.)
checkout_uses := {uses | some uses in uses_values; action_name(uses) == "actions/checkout"}

is_checkout(uses) if uses in checkout_uses

is_checkout(uses) if {
	not uses in uses_values
	action_name(uses) == "actions/checkout"
}

checks_out_pr_head(job) := {sprintf("steps[%d] checks out %s", [step.index, step.with.ref]) |
	some step in job.steps
	is_checkout(step.uses)
	is_string(step.with.ref)
	regex.match(`github\.event\.pull_request\.head|github\.head_ref|refs/pull/`, step.with.ref)
}

# ---------------------------------------------------------------------------
# Actions and SHA pinning
# ---------------------------------------------------------------------------

# action_name: `owner/repo` of a `uses:` value, lowercase, without path and ref;
# undefined for local (`./…`) actions, `docker://` images and `null`.
action_name(uses) := lower(concat("/", array.slice(split(split(uses, "@")[0], "/"), 0, 2))) if {
	is_string(uses)
	not startswith(uses, "./")
	not startswith(uses, "docker://")
}

# action_ref: what follows `@` (a tag, branch or commit SHA).
action_ref(uses) := substring(uses, indexof(uses, "@") + 1, -1) if contains(uses, "@")

# is_sha_pinned: the step's action is named by a full 40-hex commit SHA.
is_sha_pinned(step) if step.pinned_sha == true

# unpinned_steps: steps whose action is named by a mutable ref (tag or branch).
unpinned_steps(job) := {step.index | some step in job.steps; step.pinned_sha == false}

# A reusable workflow call pinned to a full commit SHA.
reusable_call_pinned(job) if regex.match(`@[0-9a-f]{40}$`, job.uses)

# ---------------------------------------------------------------------------
# Entities a check reports, built only for the jobs it reports
# ---------------------------------------------------------------------------
# Checks walk `input.github` directly (iterating lib.github.jobs costs far more than
# the walk) and build the lib.github shape, with resource URI, identity and JSON
# pointer, only for what they report. `d`, `r`, `w`, `k` are the positions of the
# document, repository, workflow and job.

# (URIs and pointers are written inline rather than through lib.github's helpers: a
# function call costs more than the sprintf it wraps, and checks may report thousands.)
repo_entry(d, r, repo) := {
	"index": d,
	"repo": repo,
	"resource": concat("", ["github://", repo.full_name]),
	"source": {"document": "github", "index": d, "pointer": sprintf("/repositories/%d", [r])},
	"identity": {"repository_id": repo.id},
}

workflow_entry(d, r, w, repo, workflow) := {
	"index": d,
	"repo": repo,
	"workflow": workflow,
	"resource": sprintf("github://%s/%s", [repo.full_name, workflow.path]),
	"source": {"document": "github", "index": d, "pointer": sprintf("/repositories/%d/workflows/%d", [r, w])},
	"identity": {"repository_id": repo.id, "workflow": workflow.path},
}

job_entry(d, r, w, k, repo, workflow, job) := {
	"index": d,
	"repo": repo,
	"workflow": workflow,
	"job": job,
	"resource": sprintf("github://%s/%s#jobs/%s", [repo.full_name, workflow.path, job.id]),
	"source": {"document": "github", "index": d, "pointer": sprintf("/repositories/%d/workflows/%d/jobs/%d", [r, w, k])},
	"identity": {"repository_id": repo.id, "workflow": workflow.path, "job": job.id},
}

# job_at: the entry of the job at position [d, r, w, k].
job_at(pos) := job_entry(pos[0], pos[1], pos[2], pos[3], repo, workflow, workflow.jobs[pos[3]]) if {
	repo := input.github[pos[0]].repositories[pos[1]]
	workflow := repo.workflows[pos[2]]
}

# ---------------------------------------------------------------------------
# Labels for messages
# ---------------------------------------------------------------------------

# job_label names a job in messages: `job "deploy" in acme/app .github/workflows/deploy.yml`.
job_label(j) := sprintf("job %q in %s %s", [j.job.id, j.repo.full_name, j.workflow.path])

workflow_label(w) := sprintf("%s %s", [w.repo.full_name, w.workflow.path])
