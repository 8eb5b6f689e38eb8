# METADATA
# title: GitHub Actions workflows
# description: |
#   GH-WF checks over the workflow files of github-snapshot documents (default branch
#   only): untrusted paths to credentials, over-broad secrets and token permissions,
#   credentials outside environments, self-hosted runners on pull requests, GitHub App
#   tokens, stored publishing tokens, and credentials that can reach the job log.
#   Job findings go on the job (`…/FILE.yml#jobs/JOB`), workflow findings on the file;
#   identities never include line numbers. The detection markers they share live in
#   lib/workflows.rego.
package regolith.checks.gh_wf

import data.regolith.lib
import data.regolith.lib.github as gh
import data.regolith.lib.workflows as wf

# METADATA
# title: Fork-reachable job holds credentials
# description: |
#   `pull_request_target`, `workflow_run` and `issue_comment` run in the base
#   repository with its secrets and can mint OIDC tokens while they handle input a fork
#   controls (the pull request's code, branch name, title, artifacts). A job on such a
#   trigger that references secrets other than GITHUB_TOKEN, passes `secrets: inherit`
#   or holds `id-token: write` gives any fork author a path to those credentials. So
#   does a `pull_request` job in a private repository whose fork pull-request settings
#   send secrets or write tokens to fork workflows.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/securely-using-pull_request_target
#     description: GitHub, "Securely using pull_request_target"
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference" (untrusted input, secrets)
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
#     description: GitHub, events that trigger workflows (which run with base-repository secrets)
# custom:
#   id: GH-WF-001
#   severity: critical
#   remediation: |
#     Split the workflow: build and test fork code in a `pull_request` workflow that holds
#     no secrets and no `id-token: write`, upload what it produces as an artifact, and let a
#     trusted workflow act on the artifact without checking out or running fork code. If the
#     job must stay on this trigger, remove its `secrets.*` references, `secrets: inherit`
#     and `id-token: write`, never check out `github.event.pull_request.head.*`, and gate it
#     on an environment with required reviewers. In private repositories, clear Settings >
#     Actions > General > "Send secrets and variables to workflows from fork pull requests"
#     and "Send write tokens to workflows from fork pull requests".
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s is reachable from fork pull requests and holds credentials", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": array.concat(array.concat(array.concat(sort(paths), wf.credential_evidence(j.job)), sort(wf.checks_out_pr_head(j.job))), job_condition(j.job)),
	"identity": j.identity,
	"source": j.source,
}) if {
	some pos in fork_reachable_workflows
	repo := input.github[pos[0]].repositories[pos[1]]
	workflow := repo.workflows[pos[2]]
	some k, job in workflow.jobs
	gh.holds_credentials(job)
	j := wf.job_entry(pos[0], pos[1], pos[2], k, repo, workflow, job)
	paths := fork_paths(j)
	count(paths) > 0
}

# fork_reachable_workflows: positions [d, r, w] of the workflows that fork-controlled
# runs can reach, found with lookups in one walk: an untrusted trigger, or
# `pull_request` in a repository that runs fork pull-request workflows.
fork_reachable_workflows contains [d, r, w] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some trigger in ["pull_request_target", "workflow_run", "issue_comment"]
	workflow.triggers[trigger]
}

fork_reachable_workflows contains [d, r, w] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	repo.actions.fork_pr_workflows_private_repos.run_workflows_from_fork_pull_requests == true
	some w, workflow in repo.workflows
	workflow.triggers.pull_request
}

# fork_paths: how fork-controlled runs reach the job, as evidence strings. (A bare
# `on: pull_request` has a null configuration, which still satisfies the reference.)
fork_paths(j) := ({sprintf("on: %s", [t]) | some t in wf.fork_triggers(j.workflow)} | {"on: pull_request, and the repository sends secrets to fork pull request workflows" |
	j.workflow.triggers.pull_request
	wf.fork_pr_sends_secrets(j.repo)
	holds_secrets(j.job)
}) | {"on: pull_request, and the repository sends write tokens (id-token: write) to fork pull request workflows" |
	j.workflow.triggers.pull_request
	wf.fork_pr_sends_write_tokens(j.repo)
	j.job.requests_id_token
}

# job_condition: the job's `if:`, shown so that a reviewer can see a guard such as
# `github.event.pull_request.head.repo.full_name == github.repository` (not evaluated).
job_condition(job) := [sprintf("if: %s", [job["if"]]) | is_string(job["if"])]

# holds_secrets: credentials that come from the secret store (not an OIDC token).
holds_secrets(job) if {
	some ref in job.secret_refs
	ref.name != "GITHUB_TOKEN"
}

holds_secrets(job) if job.secrets_inherit

# A workflow whose file could not be parsed cannot be judged by any workflow check.
# To avoid one `unknown` per check for the same file, only GH-WF-001 reports it, once.
#
# METADATA
# title: Workflow file could not be parsed
# description: |
#   The snapshot lists a workflow file whose YAML (or job structure) could not be read,
#   so none of its jobs can be checked. The GitHub Actions runner rejects such a file too,
#   but a later fix to the file brings its jobs back unreviewed.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
#     description: GitHub, "Workflow syntax for GitHub Actions"
# custom:
#   id: GH-WF-001
#   severity: critical
#   remediation: |
#     Fix the file so it parses (run `actionlint` or open it in the repository's Actions tab,
#     which shows the error), or delete it if it is dead; then take a new snapshot.
#   identity: [repository_id, workflow]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": w.resource,
	"message": sprintf("Workflow %s %s could not be parsed, so its jobs cannot be checked", [w.repo.full_name, w.workflow.path]),
	"evidence": [parse_error_evidence(w.workflow.parse_error)],
	"identity": w.identity,
	"source": w.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some x, workflow in repo.workflows
	workflow.parse_error != null
	w := wf.workflow_entry(d, r, x, repo, workflow)
}

parse_error_evidence(e) := sprintf("parse error at line %d, column %d: %s", [e.line, e.column, e.message]) if {
	is_number(e.line)
	is_number(e.column)
}

else := sprintf("parse error: %s", [e.message])

# A repository whose workflow list could not be read: every workflow check is blind
# there; reported once, from GH-WF-001, like an unparseable file.
#
# METADATA
# title: Workflow files could not be read
# description: |
#   The snapshot could not list the repository's workflow files, so none of its jobs can
#   be checked for paths from fork pull requests to credentials.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference"
# custom:
#   id: GH-WF-001
#   severity: critical
#   remediation: |
#     Give the snapshot token read access to the repository's contents (fine-grained
#     permission "Contents: read", or the classic `repo` scope) and take a new snapshot.
#   identity: [repository_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": r.resource,
	"message": sprintf("The workflow files of %s could not be read, so its jobs cannot be checked", [r.repo.full_name]),
	"evidence": ["workflows: null"],
	"identity": r.identity,
	"source": r.source,
}) if {
	some d, doc in input.github
	some i, repo in doc.repositories
	repo.workflows == null
	r := wf.repo_entry(d, i, repo)
}

# METADATA
# title: Reusable workflow call passes all secrets
# description: |
#   `secrets: inherit` hands every secret the caller can read (organization, repository
#   and environment secrets) to the called workflow, whatever it actually needs. A change
#   to the called workflow, or to the ref it is called at, can then read them all.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/reuse-automations/reuse-workflows
#     description: GitHub, "Reuse workflows" (passing secrets to reusable workflows)
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference"
# custom:
#   id: GH-WF-002
#   severity: high
#   remediation: |
#     Replace `secrets: inherit` with an explicit `secrets:` map that passes only the
#     secrets the called workflow declares under `on.workflow_call.secrets`, e.g.
#     `secrets: { DEPLOY_TOKEN: "${{ secrets.DEPLOY_TOKEN }}" }`, and pin the called
#     workflow to a commit SHA.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s passes all of its secrets to %s", [j.job.id, j.repo.full_name, j.workflow.path, j.job.uses]),
	"evidence": [sprintf("secrets: inherit -> %s", [j.job.uses])],
	"identity": j.identity,
	"source": j.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	job.secrets_inherit == true
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

# METADATA
# title: Whole secrets context exposed
# description: |
#   An expression such as `toJSON(secrets)` or `secrets[format(...)]` can reach every
#   secret the job can read, not one named secret. Whatever receives it (an environment
#   variable, an action input, a log line) receives all of them.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference" (use secrets for sensitive information)
#   - ref: https://docs.github.com/en/actions/concepts/security/secrets
#     description: GitHub, "Secrets"
# custom:
#   id: GH-WF-003
#   severity: high
#   remediation: |
#     Reference each secret the step needs by name (`${{ secrets.NAME }}`) and pass only
#     those, e.g. as separate `env:` entries; remove `toJSON(secrets)` and
#     `secrets[...]` expressions.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s exposes the whole secrets context", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": sort({wf.ref_evidence("secrets", ref) | some ref in refs}),
	"identity": j.identity,
	"source": j.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some ref in job.secret_refs
	ref.dynamic
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
	refs := wf.dynamic_refs(job)
}

# --- GH-WF-004: token permissions ------------------------------------------------------
# Workflow-level facets go on the workflow file and carry a `facet` in their identity,
# because several can hold for the same file.

# jobs_with_source: the ids of the workflow's jobs whose permissions come from `source`.
jobs_with_source(workflow, source) := [job.id | some job in workflow.jobs; job.permissions_source == source]

# The default token permissions jobs without `permissions:` get: the repository's
# setting, else the organization's; undefined when neither could be read.
default_permissions(w) := w.repo.actions.default_workflow_permissions if w.repo.actions.default_workflow_permissions != null

else := input.github[w.index].org.actions.default_workflow_permissions if input.github[w.index].org.actions.default_workflow_permissions != null

default_evidence(w) := sprintf("default workflow permissions: %s", [default_permissions(w)])

else := "default workflow permissions: unknown (could not be read)"

# METADATA
# title: Workflow declares no token permissions
# description: |
#   Without a `permissions:` key at workflow or job level, the GITHUB_TOKEN gets the
#   repository's default, which is read and write on most scopes when the default is
#   `write`, and which can change under the workflow when an admin changes the setting.
#   Declaring permissions keeps the token to what the jobs need.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/github_token
#     description: GitHub, "GITHUB_TOKEN"
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
#     description: GitHub, workflow syntax, `permissions`
# custom:
#   id: GH-WF-004
#   severity: medium
#   remediation: |
#     Add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow
#     file and grant write scopes only on the jobs that need them, e.g.
#     `jobs.release.permissions: { contents: write }`. Also set Settings > Actions >
#     General > Workflow permissions to "Read repository contents and packages permissions".
#   identity: [repository_id, workflow, facet]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": w.resource,
	"message": sprintf("Workflow %s %s declares no token permissions for %d job(s)", [w.repo.full_name, w.workflow.path, count(jobs)]),
	"severity": severity,
	"evidence": [sprintf("no permissions at workflow or job level: %s", [concat(", ", jobs)]), default_evidence(w)],
	"identity": object.union(w.identity, {"facet": "no_permissions"}),
	"source": w.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some x, workflow in repo.workflows
	workflow.permissions == null
	jobs := jobs_with_source(workflow, "default")
	count(jobs) > 0
	w := wf.workflow_entry(d, r, x, repo, workflow)
	severity := no_permissions_severity(w)
}

no_permissions_severity(w) := "high" if default_permissions(w) == "write"

else := "medium"

# METADATA
# title: Workflow grants write-all
# description: |
#   `permissions: write-all` at workflow level gives every job that declares no
#   permissions of its own a token that can write to every scope, `id-token: write`
#   included.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/github_token
#     description: GitHub, "GITHUB_TOKEN"
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
#     description: GitHub, workflow syntax, `permissions`
# custom:
#   id: GH-WF-004
#   severity: high
#   remediation: |
#     Replace `permissions: write-all` with `permissions: contents: read` at the top of the
#     file and give each job the write scopes it needs under `jobs.<id>.permissions`
#     (`id-token: write` only on the job that exchanges an OIDC token).
#   identity: [repository_id, workflow, facet]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": w.resource,
	"message": sprintf("Workflow %s %s grants write-all to %d job(s)", [w.repo.full_name, w.workflow.path, count(jobs)]),
	"evidence": ["permissions: write-all (includes id-token: write)", sprintf("inherited by: %s", [concat(", ", jobs)])],
	"identity": object.union(w.identity, {"facet": "write_all"}),
	"source": w.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some x, workflow in repo.workflows
	workflow.permissions == "write-all"
	jobs := jobs_with_source(workflow, "workflow")
	count(jobs) > 0
	w := wf.workflow_entry(d, r, x, repo, workflow)
}

# METADATA
# title: Job grants write-all
# description: |
#   `permissions: write-all` on a job gives its token write access to every scope,
#   `id-token: write` included, where a job needs only a few.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/github_token
#     description: GitHub, "GITHUB_TOKEN"
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
#     description: GitHub, workflow syntax, `permissions`
# custom:
#   id: GH-WF-004
#   severity: high
#   remediation: |
#     Replace the job's `permissions: write-all` with the scopes it uses, e.g.
#     `permissions: { contents: write, pull-requests: write }`.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s grants write-all", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": ["jobs permissions: write-all (includes id-token: write)"],
	"identity": j.identity,
	"source": j.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	job.permissions == "write-all"
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

# Write scopes granted at workflow level, `id-token` aside (it has its own facet).
workflow_write_scopes(workflow) := [sprintf("%s: write", [scope]) |
	some scope, access in workflow.permissions
	access == "write"
	scope != "id-token"
]

# METADATA
# title: Workflow grants write scopes to every job
# description: |
#   Write scopes in the workflow-level `permissions:` apply to every job that declares no
#   permissions of its own, including jobs that only build or test.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/github_token
#     description: GitHub, "GITHUB_TOKEN"
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#permissions
#     description: GitHub, workflow syntax, `permissions`
# custom:
#   id: GH-WF-004
#   severity: medium
#   remediation: |
#     Keep the workflow-level `permissions:` read-only (`contents: read`) and move each write
#     scope to `jobs.<id>.permissions` of the job that needs it.
#   identity: [repository_id, workflow, facet]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": w.resource,
	"message": sprintf("Workflow %s %s grants write scopes at workflow level", [w.repo.full_name, w.workflow.path]),
	"evidence": array.concat(scopes, [sprintf("inherited by: %s", [concat(", ", jobs)])]),
	"identity": object.union(w.identity, {"facet": "write_scopes"}),
	"source": w.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some x, workflow in repo.workflows
	some scope, access in workflow.permissions
	access == "write"
	scope != "id-token"
	scopes := workflow_write_scopes(workflow)
	jobs := jobs_with_source(workflow, "workflow")
	count(jobs) > 0
	w := wf.workflow_entry(d, r, x, repo, workflow)
}

# METADATA
# title: id-token write granted at workflow level
# description: |
#   `id-token: write` in the workflow-level `permissions:` lets every job without its own
#   permissions mint GitHub OIDC tokens, and so exchange them with every cloud or OpenAI
#   trust that matches the repository, when only the job that deploys needs it.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/openid-connect
#     description: GitHub, "OpenID Connect" (adding permissions settings)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-WF-004
#   severity: high
#   remediation: |
#     Remove `id-token: write` from the workflow-level `permissions:` and add it under
#     `jobs.<id>.permissions` of the one job that exchanges the OIDC token (keeping
#     `contents: read` there).
#   identity: [repository_id, workflow, facet]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": w.resource,
	"message": sprintf("Workflow %s %s grants id-token: write to %d job(s) at workflow level", [w.repo.full_name, w.workflow.path, count(jobs)]),
	"severity": id_token_severity(jobs),
	"evidence": ["permissions: id-token: write (workflow level)", sprintf("inherited by: %s", [concat(", ", jobs)])],
	"identity": object.union(w.identity, {"facet": "id_token"}),
	"source": w.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some x, workflow in repo.workflows
	workflow.permissions["id-token"] == "write"
	jobs := jobs_with_source(workflow, "workflow")
	count(jobs) > 0
	w := wf.workflow_entry(d, r, x, repo, workflow)
}

# One inheriting job is the job-level grant in another place; more spread the token.
id_token_severity(jobs) := "high" if count(jobs) > 1

else := "medium"

# METADATA
# title: Job with credentials declares no environment
# description: |
#   A job that can mint an OIDC token or reads a credential secret, but names no
#   `environment:`, runs without environment protection rules (required reviewers,
#   deployment branch policy), its OIDC subject names only a branch or pull request, and
#   its credentials must live at repository or organization scope, where every job of the
#   repository can read them. Reusable workflow calls are left out: the caller cannot
#   name an environment; the called workflow's jobs do.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments
#     description: GitHub, "Deployments and environments"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (environment in the subject claim)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-WF-005
#   severity: high
#   remediation: |
#     Add `environment: <name>` to the job, create the environment (Settings > Environments)
#     with required reviewers and a deployment branch policy, move the job's secrets into
#     that environment, and pin federation rules to `environment: <name>`.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s holds credentials but declares no environment", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": sort(reasons),
	"identity": j.identity,
	"source": j.source,
}) if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	job.environment == null
	job.uses == null
	reasons := environmentless_credentials(job)
	count(reasons) > 0
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

environmentless_credentials(job) := ({wf.ref_evidence("secrets", ref) | some ref in wf.credential_refs(job)} | {wf.ref_evidence("secrets", ref) | some ref in wf.dynamic_refs(job)}) | {sprintf("id-token: write (permissions from %s)", [job.permissions_source]) | job.requests_id_token}

# --- GH-WF-006: self-hosted runners on pull requests -------------------------------------

# Labels of runner pools the org accepts for pull-request jobs with secrets (hardened,
# ephemeral runners), as case-insensitive globs.
allowed_runner_labels := {lower(l) | some l in object.get(lib.params, "allowed_runner_labels", [])}

# Runner labels spelled "self-hosted" in any case, found once among all labels.
self_hosted_labels := {label | some label in wf.label_values; lower(label) == "self-hosted"}

allowed_runner(job) if {
	some label in job.runs_on
	some pattern in allowed_runner_labels
	glob.match(pattern, [], lower(label))
}

pr_trigger_evidence(workflow) := [sprintf("on: %s", [t]) | some t, _ in workflow.triggers; t in gh.pr_triggers]

# METADATA
# title: Pull-request job on a self-hosted runner holds credentials
# description: |
#   A job that pull requests can trigger runs code the pull request controls. On a
#   self-hosted runner that code can persist on the machine, read what later jobs leave
#   behind, and reach the credentials this job holds and the network the runner sits in.
# related_resources:
#   - ref: https://docs.github.com/en/actions/concepts/security/compromised-runners
#     description: GitHub, "Compromised runners"
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference" (hardening for self-hosted runners)
# custom:
#   id: GH-WF-006
#   severity: high
#   remediation: |
#     Run pull-request jobs on GitHub-hosted runners (`runs-on: ubuntu-latest`), or on
#     ephemeral, isolated self-hosted runners whose label you list in the
#     `allowed_runner_labels` parameter; move the credential-holding steps to a job that
#     pull requests cannot trigger.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s runs pull-request code on a self-hosted runner with credentials", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": array.concat(
		array.concat(pr_trigger_evidence(j.workflow), [sprintf("runs-on: %s", [concat(", ", j.job.runs_on)])]),
		wf.credential_evidence(j.job),
	),
	"identity": j.identity,
	"source": j.source,
}) if {
	self_hosted_in_use
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some label in job.runs_on
	label in self_hosted_labels
	gh.pr_triggered(workflow)
	gh.holds_credentials(job)
	not allowed_runner(job)
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

self_hosted_in_use if count(self_hosted_labels) > 0

# --- GH-WF-007: GitHub App tokens -------------------------------------------------------

app_token_problems(job) := {sprintf("steps[%d] %s: owner %s without repositories (every repository of the installation)", [step.index, step.uses, step.with.owner]) |
	some step in app_token_steps(job)
	is_string(step.with.owner)
	step.with.owner != ""
	not names_repositories(step)
} | {sprintf("steps[%d] %s: skip-token-revoke: true", [step.index, step.uses]) |
	some step in app_token_steps(job)
	is_string(step.with["skip-token-revoke"])
	lower(trim_space(step.with["skip-token-revoke"])) == "true"
}

names_repositories(step) if trim_space(step.with.repositories) != ""

app_token_uses := {uses | some uses in wf.uses_values; wf.action_name(uses) == "actions/create-github-app-token"}

app_tokens_in_use if count(app_token_uses) > 0

app_token_steps(job) := [step | some step in job.steps; step.uses in app_token_uses]

# METADATA
# title: GitHub App token minted too broadly
# description: |
#   `actions/create-github-app-token` with `owner` but no `repositories` mints a token for
#   every repository the App's installation can reach; with `skip-token-revoke: true` the
#   token stays valid for its full hour after the job ends instead of being revoked.
# related_resources:
#   - ref: https://github.com/actions/create-github-app-token
#     description: actions/create-github-app-token (inputs owner, repositories, skip-token-revoke)
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference"
# custom:
#   id: GH-WF-007
#   severity: medium
#   remediation: |
#     Add `repositories:` listing only the repositories the job touches (and
#     `permission-<scope>:` inputs for only the scopes it needs), and remove
#     `skip-token-revoke: true` so the token is revoked when the job ends.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s mints a GitHub App token that is broader or longer-lived than needed", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": sort(problems),
	"identity": j.identity,
	"source": j.source,
}) if {
	app_tokens_in_use
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some step in job.steps
	step.uses in app_token_uses
	problems := app_token_problems(job)
	count(problems) > 0
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

# --- GH-WF-008: stored publishing tokens --------------------------------------------------

# Registries with trusted publishing, and the commands that publish to them.
publish_commands := {
	"npm": `\b(npm|pnpm|yarn)\s+(npm\s+)?publish\b`,
	"PyPI": `\btwine\s+upload\b|\b(uv|poetry|flit|hatch)\s+publish\b`,
	"crates.io": `\bcargo\s+publish\b`,
	"RubyGems": `\bgem\s+push\b`,
	"NuGet": `\b(dotnet\s+nuget|nuget)\s+push\b`,
}

publish_actions := {
	"pypa/gh-action-pypi-publish": "PyPI",
	"js-devtools/npm-publish": "npm",
}

# Environment variables the publishing tools read their token from.
registry_token_env := {
	"NODE_AUTH_TOKEN", "NPM_TOKEN", "NPM_AUTH_TOKEN", "TWINE_PASSWORD", "UV_PUBLISH_TOKEN",
	"UV_PUBLISH_PASSWORD", "POETRY_PYPI_TOKEN_PYPI", "FLIT_PASSWORD", "HATCH_INDEX_AUTH",
	"CARGO_REGISTRY_TOKEN", "GEM_HOST_API_KEY", "NUGET_API_KEY", "NUGET_AUTH_TOKEN",
}

# Scripts that publish, with the registries they publish to, and actions that publish,
# each classified once. Publishing to GitHub Packages is left out: trusted publishing
# does not exist there.
run_registries := {run: registries |
	some run in wf.run_values
	regex.match(`publish|upload|push`, run)
	not contains(run, "npm.pkg.github.com")
	registries := {registry | some registry, pattern in publish_commands; regex.match(pattern, run)}
	count(registries) > 0
}

action_registries := {uses: registry | some uses in wf.uses_values; registry := publish_actions[wf.action_name(uses)]}

publishing_in_use if count(run_registries) + count(action_registries) > 0

# publish_registries(step): the registries the step publishes to (an action pointed at
# a private index is left out).
publish_registries(step) := object.get(run_registries, step.run, set()) | {registry |
	registry := action_registries[step.uses]
	not private_index(step)
}

private_index(step) if {
	url := step.with["repository-url"]
	is_string(url)
	not contains(url, "pypi.org")
}

private_index(step) if {
	url := step.with.registry
	is_string(url)
	not contains(url, "registry.npmjs.org")
}

# A secret reaches a step as a registry token when it sits in that step and is a
# credential (or lands in a registry token variable), or when it lands in a registry
# token variable of the job's or workflow's `env:`, which every step sees.
registry_token(name, _) if wf.is_credential(name)

registry_token(name, fact) if {
	name != "GITHUB_TOKEN"
	fact.env_key in registry_token_env
}

publish_evidence(job) := {sprintf("steps[%d] publishes to %s with %s", [step.index, registry, wf.ref_evidence("secrets", ref)]) |
	some ref in job.secret_refs
	is_string(ref.name)
	fact := wf.where_fact(ref.where)
	fact.step >= 0
	registry_token(ref.name, fact)
	step := job.steps[fact.step]
	some registry in publish_registries(step)
} | {sprintf("steps[%d] publishes to %s with %s", [step.index, registry, wf.ref_evidence("secrets", ref)]) |
	some ref in job.secret_refs
	is_string(ref.name)
	ref.name != "GITHUB_TOKEN"
	fact := wf.where_fact(ref.where)
	fact.job_env
	fact.env_key in registry_token_env
	some step in job.steps
	some registry in publish_registries(step)
}

# METADATA
# title: Package published with a stored token
# description: |
#   npm, PyPI, crates.io, RubyGems and NuGet accept GitHub Actions OIDC tokens for
#   publishing ("trusted publishing"): the registry trusts the repository and workflow,
#   and no long-lived registry token has to sit in GitHub secrets, where every job of the
#   repository can read it and where it outlives the people who created it.
# related_resources:
#   - ref: https://docs.npmjs.com/trusted-publishers
#     description: npm, "Trusted publishing for npm packages"
#   - ref: https://docs.pypi.org/trusted-publishers/
#     description: PyPI, "Publishing to PyPI with a Trusted Publisher"
#   - ref: https://crates.io/docs/trusted-publishing
#     description: crates.io, "Trusted Publishing"
#   - ref: https://github.com/rubygems/release-gem
#     description: rubygems/release-gem (RubyGems.org trusted publishing)
#   - ref: https://learn.microsoft.com/en-us/nuget/nuget-org/trusted-publishing
#     description: NuGet, "Trusted publishing"
# custom:
#   id: GH-WF-008
#   severity: medium
#   remediation: |
#     Configure a trusted publisher for the package on the registry (repository, workflow
#     file and environment), give the publishing job `permissions: id-token: write` and an
#     `environment:`, drop the token (`NODE_AUTH_TOKEN`, `password:`, `--api-key`, …) from
#     the step (npm >= 11.5.1 publishes with OIDC; PyPI via pypa/gh-action-pypi-publish
#     without `password`; crates.io via rust-lang/crates-io-auth-action; RubyGems via
#     rubygems/release-gem; NuGet via NuGet/login), then delete the secret and revoke the
#     token on the registry.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s publishes a package with a stored registry token", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": sort(evidence),
	"identity": j.identity,
	"source": j.source,
}) if {
	publishing_in_use
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some step in job.steps
	publishes(step)
	evidence := publish_evidence(job)
	count(evidence) > 0
	j := wf.job_entry(d, r, w, k, repo, workflow, job)
}

publishes(step) if run_registries[step.run]

publishes(step) if action_registries[step.uses]

# --- GH-WF-009: credentials that can reach the job log -----------------------------------

# A line that writes to the log, unless it registers a mask, pipes into another
# command, or redirects to a file (`>> "$GITHUB_ENV"`; `>&2` still reaches the log).
print_commands := `(?i)^\s*(echo|printf|print|puts|write-host|write-output|console\.log)\b`

diverted := `(^|[^|])\|([^|]|$)|>>?\s*[^&\s]`

# Expressions whose value is a credential: a secret, or a step output named like one.
credential_expression := `\$\{\{[^}]*\bsecrets\b|(?i)\$\{\{\s*steps\.[A-Za-z0-9_-]+\.outputs\.[A-Za-z0-9_-]*(token|key|secret|password)`

# Shell variables a script fills from an OIDC or token-exchange request.
token_assignment := `(?m)^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=.*(ACTIONS_ID_TOKEN_REQUEST|oauth/token|getIDToken)`

# The lines of each script that write to the log, found once per distinct script.
print_lines_by_run := {run: lines |
	some run in wf.run_values
	regex.match(`(?i)echo|printf|print|puts|write-|console\.log`, run)
	lines := [line |
		some line in split(run, "\n")
		regex.match(print_commands, line)
		not contains(line, "::add-mask::")
		not regex.match(diverted, line)
	]
	count(lines) > 0
}

printing_in_use if count(print_lines_by_run) > 0

# Names of the environment variables that hold a secret in the step's processes.
step_secret_env(job, index) := {wf.where_fact(ref.where).env_key |
	some ref in job.secret_refs
	ref.name != "GITHUB_TOKEN"
	wf.in_step_env(ref.where, index)
}

# Token variables the script assigns from a token request and never masks.
unmasked_token_vars(step) := {name |
	some m in regex.find_all_string_submatch_n(token_assignment, step.run, -1)
	name := m[1]
	not masked(step.run, name)
}

masked(run, name) if {
	some line in split(run, "\n")
	contains(line, "::add-mask::")
	mentions_var(line, name)
}

mentions_var(line, name) if regex.match(sprintf(`\$(\{|env:)?%s\b`, [name]), line)

# printed(job, step, line): what credential a log line prints.
printed(job, step, line) := (({"a secret expression" | regex.match(credential_expression, line)} | {"ACTIONS_ID_TOKEN_REQUEST_TOKEN" | contains(line, "ACTIONS_ID_TOKEN_REQUEST_TOKEN")}) | {sprintf("$%s (from a secret)", [name]) |
	some name in step_secret_env(job, step.index)
	mentions_var(line, name)
}) | {sprintf("$%s (a token it requested)", [name]) |
	some name in unmasked_token_vars(step)
	mentions_var(line, name)
}

print_evidence(job) := {sprintf("steps[%d] prints %s: %s", [step.index, what, trim_space(line)]) |
	some step in job.steps
	some line in print_lines_by_run[step.run]
	some what in printed(job, step, line)
}

# Command tracing: `set -x`, `set -o xtrace`, `bash -x`, PowerShell `Set-PSDebug -Trace`;
# the scripts and shells that trace, found once.
tracing := `\bset\s+-[a-zA-Z]*x|\bset\s+-o\s+xtrace\b|\b(bash|sh|zsh|ksh)\s+-[a-zA-Z]*x|(?i)set-psdebug\s+-trace\s+[12]`

tracing_runs := {run | some run in wf.run_values; regex.match(tracing, run)}

tracing_shells := {shell | some shell in wf.shell_values; regex.match(tracing, shell)}

tracing_in_use if count(tracing_runs) + count(tracing_shells) > 0

traces(step) if step.run in tracing_runs

traces(step) if step.shell in tracing_shells

# Secrets in the step's environment or inlined in its script.
step_secrets(job, index) := {wf.ref_label("secrets", ref) |
	some ref in job.secret_refs
	ref.name != "GITHUB_TOKEN"
	step_scoped(wf.where_fact(ref.where), index)
}

step_scoped(fact, _) if fact.job_env

step_scoped(fact, index) if {
	fact.step == index
	fact.step_env
}

step_scoped(fact, index) if {
	fact.step == index
	fact.run
}

trace_evidence(job) := {sprintf("steps[%d] traces commands while %s is in scope", [step.index, secret]) |
	some step in job.steps
	traces(step)
	some secret in step_secrets(job, step.index)
}

# ACTIONS_STEP_DEBUG set as a repository or organization variable (value true) or
# secret turns on step debug logging for every run of the repository. Repositories
# that mention it are found with lookups; their sources are built, by position [d, r].
debug_repos contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some list in [repo.variables, repo.secrets]
	list[_].name == "ACTIONS_STEP_DEBUG"
}

debug_repos contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some list in [repo.org_variables_available, repo.org_secrets_available]
	list[_] == "ACTIONS_STEP_DEBUG"
}

debug_sources := {pos: sources |
	some pos in debug_repos
	doc := input.github[pos[0]]
	sources := step_debug_sources(doc, doc.repositories[pos[1]])
	count(sources) > 0
}

step_debug_sources(doc, repo) := (({"variable ACTIONS_STEP_DEBUG=true" |
	some v in repo.variables
	v.name == "ACTIONS_STEP_DEBUG"
	debug_on(v.value)
} | {"secret ACTIONS_STEP_DEBUG" |
	some s in repo.secrets
	s.name == "ACTIONS_STEP_DEBUG"
}) | {"organization variable ACTIONS_STEP_DEBUG=true" |
	"ACTIONS_STEP_DEBUG" in repo.org_variables_available
	some v in doc.org.variables
	v.name == "ACTIONS_STEP_DEBUG"
	debug_on(v.value)
}) | {"organization secret ACTIONS_STEP_DEBUG" | "ACTIONS_STEP_DEBUG" in repo.org_secrets_available}

debug_on(value) if {
	is_string(value)
	lower(trim_space(value)) == "true"
}

debug_evidence(pos, job) := {sprintf("%s with credentials in scope", [source]) |
	some source in debug_sources[[pos[0], pos[1]]]
	gh.holds_credentials(job)
}

# METADATA
# title: Credential can reach the job log
# description: |
#   GitHub masks secret values in logs only when they appear exactly as stored; a value
#   that is transformed, split or encoded is printed in clear, and logs are readable by
#   everyone with read access to the repository. Neither the GitHub OIDC token nor the
#   token exchanged for it (an OpenAI access token, a registry token) belongs in logs:
#   this check flags `run` lines that print a secret, a token-minting step's output, the
#   OIDC request token or a requested token that was not masked; command tracing (`set
#   -x`, `bash -x`) in a step whose environment holds a secret; and ACTIONS_STEP_DEBUG
#   turned on for a repository whose job holds credentials.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/secure-use
#     description: GitHub, "Secure use reference" (mask sensitive data)
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
#     description: GitHub, workflow commands (`::add-mask::`)
#   - ref: https://docs.github.com/en/actions/how-tos/monitor-workflows/enable-debug-logging
#     description: GitHub, "Enabling debug logging"
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-WF-009
#   severity: high
#   remediation: |
#     Remove the `echo`/`printf` of secrets and tokens; register every token a script
#     obtains with `echo "::add-mask::$TOKEN"` before using it; drop `set -x` / `bash -x`
#     from steps whose `env:` holds secrets (or `set +x` around them); delete the
#     ACTIONS_STEP_DEBUG variable or secret (Settings > Secrets and variables > Actions)
#     and re-run a job with debug logging only when needed. Rotate any credential that
#     already reached a log and delete those logs.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": j.resource,
	"message": sprintf("The job %q in %s %s can write a credential to the job log", [j.job.id, j.repo.full_name, j.workflow.path]),
	"evidence": sort(evidence),
	"identity": j.identity,
	"source": j.source,
}) if {
	some pos in log_candidates
	j := wf.job_at(pos)
	evidence := (print_evidence(j.job) | trace_evidence(j.job)) | debug_evidence(pos, j.job)
	count(evidence) > 0
}

# log_candidates: positions [d, r, w, k] of the jobs worth a closer look: a step whose
# script prints, a step that traces, or a repository with step debug logging on.
log_candidates contains [d, r, w, k] if {
	printing_in_use
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some step in job.steps
	print_lines_by_run[step.run]
}

log_candidates contains [d, r, w, k] if {
	tracing_in_use
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some step in job.steps
	traces(step)
}

log_candidates contains [d, r, w, k] if {
	some pos in object.keys(debug_sources)
	[d, r] := pos
	repo := input.github[d].repositories[r]
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	gh.holds_credentials(job)
}
