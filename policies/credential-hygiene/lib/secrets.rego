# METADATA
# title: GitHub secret usage
# description: |
#   Which secret each workflow job actually reads, which holders' secret lists could not
#   be read, and who can use an org secret: the facts the GH-SEC and X checks share.
#   Everything here is computed once per evaluation and looked up by resource URI.
package regolith.lib.secrets

import data.regolith.lib
import data.regolith.lib.github as gh

# --- Holders whose secret list is null (a coverage gap) ------------------------------
# Checks that need every secret of a scope report `unknown` on the holder (org,
# repository or environment) instead of passing. The identity keeps the secret
# fingerprint's fields, with name "*" standing for "every secret of this holder".

unreadable_holders contains {
	"resource": gh.org_uri(doc),
	"scope": "org",
	"what": sprintf("the secrets of organization %s", [doc.org.login]),
	"identity": {"scope": "org", "owner": gh.org_key(doc), "name": "*"},
	"source": lib.source("github", d, "/org/secrets"),
} if {
	some d, doc in input.github
	doc.org.secrets == null
}

unreadable_holders contains {
	"resource": gh.repo_uri(repo),
	"scope": "repo",
	"what": sprintf("the secrets of repository %s", [repo.full_name]),
	"identity": {"scope": "repo", "owner": sprintf("%d", [repo.id]), "name": "*"},
	"source": lib.source("github", d, sprintf("/repositories/%d/secrets", [r])),
} if {
	some d, doc in input.github
	some r, repo in doc.repositories
	repo.secrets == null
}

unreadable_holders contains {
	"resource": gh.environment_uri(repo, env),
	"scope": "environment",
	"what": sprintf("the secrets of environment %s of %s", [env.name, repo.full_name]),
	"identity": {"scope": "environment", "owner": sprintf("%d/%s", [repo.id, env.name]), "name": "*"},
	"source": lib.source("github", d, sprintf("/repositories/%d/environments/%d/secrets", [r, e])),
} if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some e, env in repo.environments
	env.secrets == null
}

# holder_gaps: the fields of the `unknown` finding each check that needs those secrets
# gives on the holder, built once (the finding's title names the check).
holder_gaps contains {
	"resource": h.resource,
	"message": sprintf("Could not run this check on %s: they could not be read", [h.what]),
	"evidence": [sprintf("%s: null in the snapshot (see its coverage entry)", [trim_prefix(h.source.pointer, "/")])],
	"identity": h.identity,
	"source": h.source,
	"status": "unknown",
} if some h in unreadable_holders

# unreadable_uris: the resource URIs of those holders, for membership tests.
unreadable_uris := {h.resource | some h in unreadable_holders}

# holder_uri(secret_uri): the resource that holds a secret (the part before /secrets/).
holder_uri(secret_uri) := substring(secret_uri, 0, indexof(secret_uri, "/secrets/"))

# --- Who can use an org secret --------------------------------------------------------

# reaches(org_secret, repo): the repository's workflows can read the org secret. The
# repository's own list of available org secrets decides when it was read; otherwise the
# secret's visibility does (`private` reaches private and internal repositories).
reaches(secret, repo) if secret.name in repo.org_secrets_available

reaches(secret, repo) if {
	repo.org_secrets_available == null
	secret.visibility == "all"
}

reaches(secret, repo) if {
	repo.org_secrets_available == null
	secret.visibility == "private"
	repo.visibility != "public"
}

reaches(secret, repo) if {
	repo.org_secrets_available == null
	secret.visibility == "selected"
	some selected in secret.selected_repositories
	selected.id == repo.id
}

# --- Which secret a job reads ---------------------------------------------------------
# GitHub resolves `secrets.NAME` at the lowest level that defines it: the job's
# environment, then the repository, then the organization. Jobs are walked straight
# from the input (most have no named secret reference), and every lookup goes to a
# set or object built once.

secret_uris := {uri | some uri, _ in gh.secrets}

org_secrets := {uri: s.secret | some uri, s in gh.secrets; s.scope == "org"}

# resolve(doc, repo, environment, name): the URI of the secret a job of `repo` with
# `environment` (a string or null) reads as `secrets.NAME`; null when it cannot be told
# (the environments, the environment's or the repository's secrets could not be read);
# undefined when no scope defines it (a
# typo, or a secret a reusable workflow's caller passes in).
resolve(doc, repo, environment, name) := uri if {
	is_string(environment)
	uri := sprintf("github://%s/environments/%s/secrets/%s", [repo.full_name, environment, name])
	uri in secret_uris
} else := null if {
	is_string(environment)
	environment_unread(repo, environment)
} else := uri if {
	uri := sprintf("github://%s/secrets/%s", [repo.full_name, name])
	uri in secret_uris
} else := null if {
	gh.repo_uri(repo) in unreadable_uris
} else := uri if {
	uri := sprintf("github://%s/secrets/%s", [doc.org.login, name])
	reaches(org_secrets[uri], repo)
}

# --- References a production job makes that cannot be resolved for sure ----------------
# A job in a production environment reads `secrets.NAME`, but the snapshot cannot tell
# which secret that is: the environment's secrets could not be read (it may define NAME
# itself), or an organization secret's reach could not be read. `uncertain_reads` names
# the repository or organization secret the job reads if the unread fact goes the other
# way, so GH-SEC-004 can say `unknown` about it instead of passing it.

uncertain_reads contains {
	"secret": uri,
	"evidence": sprintf("secrets.%s in %s: %s", [ref.name, trim_prefix(gh.job_uri(repo, workflow, job), "github://"), why]),
} if {
	some doc in input.github
	some repo in doc.repositories
	some workflow in repo.workflows
	some job in workflow.jobs
	is_string(job.environment)
	lib.is_production_environment(job.environment)
	some ref in job.secret_refs
	is_string(ref.name)
	ref.name != "GITHUB_TOKEN"
	[uri, why] := uncertain_resolution(doc, repo, job.environment, upper(ref.name))
}

uncertain_resolution(doc, repo, environment, name) := [uri, sprintf("the secrets of environment %s could not be read", [environment])] if {
	environment_unread(repo, environment)
	uri := fallback_secret(doc, repo, name)
} else := [uri, "the repositories this organization secret reaches could not be read"] if {
	not sprintf("github://%s/environments/%s/secrets/%s", [repo.full_name, environment, name]) in secret_uris
	not sprintf("github://%s/secrets/%s", [repo.full_name, name]) in secret_uris
	uri := sprintf("github://%s/secrets/%s", [doc.org.login, name])
	reach_unread(org_secrets[uri], repo)
}

environment_unread(repo, environment) if sprintf("github://%s/environments/%s", [repo.full_name, environment]) in unreadable_uris

environment_unread(repo, _) if repo.environments == null

# The repository secret of that name, else the organization secret that reaches the
# repository (or may: its reach could not be read).
fallback_secret(doc, repo, name) := uri if {
	uri := sprintf("github://%s/secrets/%s", [repo.full_name, name])
	uri in secret_uris
} else := uri if {
	uri := sprintf("github://%s/secrets/%s", [doc.org.login, name])
	secret := org_secrets[uri]
	reach_possible(secret, repo)
}

reach_possible(secret, repo) if reaches(secret, repo)

reach_possible(secret, repo) if reach_unread(secret, repo)

# Neither the repository's list of available organization secrets nor the secret's
# selected repositories could be read.
reach_unread(secret, repo) if {
	repo.org_secrets_available == null
	secret.visibility == "selected"
	secret.selected_repositories == null
}

# reads: one entry per named secret reference of a job that resolves to a secret, with
# the job facts the checks judge (small values only, so set entries hash cheaply).
# GITHUB_TOKEN is GitHub's own per-run token, never a stored secret.
reads contains {
	"job": gh.job_uri(repo, workflow, job),
	"secret": secret,
	"where": ref.where,
	"name": ref.name,
	"environment": job.environment,
	"pr_triggered": pr,
	"runs_on": job.runs_on,
	"runs_on_group": job.runs_on_group,
} if {
	some doc in input.github
	some repo in doc.repositories
	some workflow in repo.workflows
	some job in workflow.jobs
	some ref in job.secret_refs
	is_string(ref.name)
	ref.name != "GITHUB_TOKEN"
	secret := resolve(doc, repo, job.environment, upper(ref.name))
	secret != null
	pr := gh_pr_triggered(workflow)
}

gh_pr_triggered(workflow) if gh.pr_triggered(workflow)

else := false

# readers[secret_uri]: the reads of one secret.
readers[r.secret] contains r if some r in reads

# --- Production and CI ----------------------------------------------------------------

# Environment names that count as production (`params.production_environments`),
# judged once per distinct name.
production_names := {name |
	some name in {r.environment | some r in reads}
	is_string(name)
	lib.is_production_environment(name)
} | {name |
	some doc in input.github
	some repo in doc.repositories
	some env in repo.environments
	name := env.name
	lib.is_production_environment(name)
}

# production_read(r): the reading job deploys to a production environment.
production_read(r) if r.environment in production_names

# ci_read(r): the reading job is not a production deployment, or runs for pull requests
# (its workflow is PR-triggered), so unreviewed code can run it.
ci_read(r) if not production_read(r)

ci_read(r) if r.pr_triggered

# --- Evidence helpers -----------------------------------------------------------------

# short_list(strings): at most three items of a set, then how many more, so evidence
# stays short on large orgs.
short_list(items) := concat(", ", sorted) if {
	sorted := sort(items)
	count(sorted) <= 3
} else := sprintf("%s (+%d more)", [concat(", ", array.slice(sort(items), 0, 3)), count(items) - 3])

# read_evidence(r): "secrets.NAME -> steps[3].env.NAME in FILE#jobs/JOB".
read_evidence(r) := sprintf("secrets.%s -> %s in %s", [r.name, r.where, trim_prefix(r.job, "github://")])
