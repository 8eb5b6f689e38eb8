# METADATA
# title: GitHub snapshot helpers
# description: |
#   The entities of every github-snapshot document in `input.github`, flattened into
#   one shape each, keyed by their resource URI (CLI.md, "Resource identifiers"), with
#   the JSON pointer of their facts. Values hold references to the snapshot's own
#   objects; nothing is copied.
package regolith.lib.github

import data.regolith.lib

org_uri(doc) := sprintf("github://%s", [doc.org.login])

repo_uri(repo) := sprintf("github://%s", [repo.full_name])

environment_uri(repo, env) := sprintf("github://%s/environments/%s", [repo.full_name, env.name])

workflow_uri(repo, workflow) := sprintf("github://%s/%s", [repo.full_name, workflow.path])

job_uri(repo, workflow, job) := sprintf("github://%s/%s#jobs/%s", [repo.full_name, workflow.path, job.id])

# The org's stable identity: its numeric id, or its login when the id could not be read.
org_key(doc) := sprintf("%d", [doc.org.id]) if is_number(doc.org.id)

else := doc.org.login

# Where each resource URI occurs, as [document, position…]. A URI met more than once
# (a list that repeats an entry, documents that overlap) keeps its first occurrence,
# so each map below has one entry per URI instead of a conflict that would stop the
# whole evaluation. The maps are built from these, so each URI is computed once.
org_at[uri] contains d if {
	some d, doc in input.github
	uri := org_uri(doc)
}

repository_at[uri] contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	uri := repo_uri(repo)
}

environment_at[uri] contains [d, r, e] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some e, env in repo.environments
	uri := environment_uri(repo, env)
}

workflow_at[uri] contains [d, r, w] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	uri := workflow_uri(repo, workflow)
}

job_at[uri] contains [d, r, w, k] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	uri := job_uri(repo, workflow, job)
}

orgs[uri] := {
	"index": d,
	"org": doc.org,
	"resource": uri,
	"source": lib.source("github", d, "/org"),
	"identity": {"org_id": org_key(doc)},
} if {
	some uri, positions in org_at
	d := min(positions)
	doc := input.github[d]
}

repositories[uri] := {
	"index": d,
	"repo": repo,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d", [r])),
	"identity": {"repository_id": repo.id},
} if {
	some uri, positions in repository_at
	[d, r] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
}

environments[uri] := {
	"index": d,
	"repo": repo,
	"environment": env,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d/environments/%d", [r, e])),
	"identity": {"repository_id": repo.id, "environment": env.name},
} if {
	some uri, positions in environment_at
	[d, r, e] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
	env := repo.environments[e]
}

workflows[uri] := {
	"index": d,
	"repo": repo,
	"workflow": workflow,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d/workflows/%d", [r, w])),
	"identity": {"repository_id": repo.id, "workflow": workflow.path},
} if {
	some uri, positions in workflow_at
	[d, r, w] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
	workflow := repo.workflows[w]
}

# jobs: every job of every parsed workflow. Identity never includes a line number.
jobs[uri] := {
	"index": d,
	"repo": repo,
	"workflow": workflow,
	"job": job,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d/workflows/%d/jobs/%d", [r, w, k])),
	"identity": {"repository_id": repo.id, "workflow": workflow.path, "job": job.id},
} if {
	some uri, positions in job_at
	[d, r, w, k] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
	workflow := repo.workflows[w]
	job := workflow.jobs[k]
}

# Where each secret URI occurs, by scope (org, repository, environment: the URIs of
# different scopes never coincide).
org_secret_at[uri] contains [d, i] if {
	some d, doc in input.github
	some i, secret in doc.org.secrets
	uri := sprintf("github://%s/secrets/%s", [doc.org.login, secret.name])
}

repo_secret_at[uri] contains [d, r, i] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some i, secret in repo.secrets
	uri := sprintf("github://%s/secrets/%s", [repo.full_name, secret.name])
}

environment_secret_at[uri] contains [d, r, e, i] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some e, env in repo.environments
	some i, secret in env.secrets
	uri := sprintf("github://%s/environments/%s/secrets/%s", [repo.full_name, env.name, secret.name])
}

# secrets: every secret at every scope (org, repo, environment), in one shape.
# `owner` is the stable id of what holds the secret: the org id, the repository id, or
# "REPO_ID/ENVIRONMENT" for an environment.
secrets[uri] := {
	"index": d,
	"scope": "org",
	"name": secret.name,
	"secret": secret,
	"repo": null,
	"environment": null,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/org/secrets/%d", [i])),
	"identity": {"scope": "org", "owner": org_key(doc), "name": secret.name},
} if {
	some uri, positions in org_secret_at
	[d, i] := min(positions)
	doc := input.github[d]
	secret := doc.org.secrets[i]
}

secrets[uri] := {
	"index": d,
	"scope": "repo",
	"name": secret.name,
	"secret": secret,
	"repo": repo,
	"environment": null,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d/secrets/%d", [r, i])),
	"identity": {"scope": "repo", "owner": sprintf("%d", [repo.id]), "name": secret.name},
} if {
	some uri, positions in repo_secret_at
	[d, r, i] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
	secret := repo.secrets[i]
}

secrets[uri] := {
	"index": d,
	"scope": "environment",
	"name": secret.name,
	"secret": secret,
	"repo": repo,
	"environment": env,
	"resource": uri,
	"source": lib.source("github", d, sprintf("/repositories/%d/environments/%d/secrets/%d", [r, e, i])),
	"identity": {"scope": "environment", "owner": sprintf("%d/%s", [repo.id, env.name]), "name": secret.name},
} if {
	some uri, positions in environment_secret_at
	[d, r, e, i] := min(positions)
	doc := input.github[d]
	repo := doc.repositories[r]
	env := repo.environments[e]
	secret := env.secrets[i]
}

# Fork reachability: triggers that run with the base repository's secrets and can
# request OIDC tokens while processing fork content.
untrusted_triggers := {"pull_request_target", "workflow_run", "issue_comment"}

pr_triggers := {"pull_request", "pull_request_target", "workflow_run", "issue_comment"}

fork_reachable(workflow) if {
	some trigger, _ in workflow.triggers
	trigger in untrusted_triggers
}

pr_triggered(workflow) if {
	some trigger, _ in workflow.triggers
	trigger in pr_triggers
}

# Names of the secrets a job references by name (dynamic references have no name).
secret_names(job) := {ref.name | some ref in job.secret_refs; is_string(ref.name)}

# The job holds credentials: a named secret other than GITHUB_TOKEN, the whole secrets
# context, inherited secrets, or an OIDC token.
holds_credentials(job) if {
	some name in secret_names(job)
	name != "GITHUB_TOKEN"
}

holds_credentials(job) if {
	some ref in job.secret_refs
	ref.dynamic
}

holds_credentials(job) if job.secrets_inherit

holds_credentials(job) if job.requests_id_token
