# METADATA
# title: OIDC trust analysis
# description: |
#   Federation rules of openai-federation documents read against GitHub facts: which
#   claims a rule's `attribute_matchers` constrain, which repositories of the
#   github-snapshot documents it can match, and which OIDC subjects the jobs there can
#   present (`oidc_sub_candidates`). Matcher values are exact matches (CHECKS.md §2.8),
#   except a string containing `*`, which is read as a glob. A claim the snapshot cannot
#   know for a job (a ref under an environment subject, `actor`, a transformed attribute)
#   never matches, so GitHub-side joins only report what the facts show.
package regolith.lib.oidc

import data.regolith.lib
import data.regolith.lib.github as gh
import data.regolith.lib.workflows as wf

github_issuer := "https://token.actions.githubusercontent.com"

# is_github_provider: the provider trusts GitHub Actions tokens (the shared issuer, or
# an enterprise's own `…/ENTERPRISE_SLUG` issuer).
is_github_provider(provider) if provider.issuer == github_issuer

is_github_provider(provider) if startswith(provider.issuer, concat("", [github_issuer, "/"]))

# ---------------------------------------------------------------------------
# Matchers
# ---------------------------------------------------------------------------

is_wildcard(value) if {
	is_string(value)
	contains(value, "*")
}

# exact(rule, key): the rule's matcher value for `key` when it is not a wildcard.
exact(rule, key) := value if {
	value := rule.attribute_matchers[key]
	not is_wildcard(value)
}

# text(value): a matcher value as text for evidence and id comparisons.
text(value) := value if is_string(value)

else := json.marshal(value)

matcher_evidence(rule) := sort([sprintf("%s: %s", [key, text(value)]) | some key, value in rule.attribute_matchers])

# Claims that say which repository or owner a token comes from.
identity_claims := {"sub", "repository", "repository_id", "repository_owner", "repository_owner_id", "workflow_ref", "job_workflow_ref"}

# Claims that bind the caller's repository or owner (job_workflow_ref names the called
# workflow, which any repository may call, so it binds nothing about the caller).
binding_claims := {"sub", "repository", "repository_id", "repository_owner", "repository_owner_id", "workflow_ref"}

wildcard_identity_matchers(rule) := {sprintf("%s: %s", [key, value]) |
	some key, value in rule.attribute_matchers
	key in identity_claims
	is_wildcard(value)
}

# bound: the rule names the repository or owner a token must come from (a bare `*`
# names nothing).
bound(rule) if {
	some key, value in rule.attribute_matchers
	key in binding_claims
	not value in {"*", "**"}
}

# pins_ids: the rule pins a numeric repository or owner id (which survive renames and
# re-creation), directly or through an immutable-form `sub` (`repo:OWNER@ID/REPO@ID:…`).
pins_ids(rule) if exact(rule, "repository_id")

pins_ids(rule) if exact(rule, "repository_owner_id")

pins_ids(rule) if regex.match(`^repo:[^:/]+@[0-9]+/[^:/]+@[0-9]+:`, exact(rule, "sub"))

# env_constrained: only tokens of jobs in a deployment environment can match (an
# `environment` matcher other than a bare `*`, or an environment `sub`).
env_constrained(rule) if {
	value := rule.attribute_matchers.environment
	not value in {"*", "**"}
}

env_constrained(rule) if contains(exact(rule, "sub"), ":environment:")

# context_constrained: the rule constrains the environment or the ref (`ref`,
# `job_workflow_ref`, or a `sub` with a context).
context_constrained(rule) if env_constrained(rule)

context_constrained(rule) if {
	some key in {"ref", "job_workflow_ref"}
	value := rule.attribute_matchers[key]
	not value in {"*", "**"}
}

context_constrained(rule) if {
	sub := exact(rule, "sub")
	regex.match(`:(ref|pull_request)(:|$)`, sub)
}

# The environment names a rule admits: its `environment` matcher, or the environment of
# an environment `sub` (`%3A` decoded back to `:`).
environments(rule) := {v | v := rule.attribute_matchers.environment; is_string(v)} | {replace(parts[1], "%3A", ":") |
	sub := exact(rule, "sub")
	parts := split(sub, ":environment:")
	count(parts) == 2
}

# pull_request_matchers: matchers that can only be satisfied by pull request runs.
pull_request_matchers(rule) := (({sprintf("sub: %s", [v]) |
	v := rule.attribute_matchers.sub
	is_string(v)
	regex.match(`:pull_request(\*)?$|pull_request\*?$`, v)
} | {sprintf("event_name: %s", [v]) |
	v := rule.attribute_matchers.event_name
	v in {"pull_request", "pull_request_target"}
}) | {sprintf("ref: %s", [v]) |
	v := rule.attribute_matchers.ref
	is_string(v)
	startswith(v, "refs/pull/")
}) | {sprintf("%s: %s", [key, text(rule.attribute_matchers[key])]) |
	some key in {"base_ref", "head_ref"}
	rule.attribute_matchers[key]
	rule.attribute_matchers[key] != ""
}

# ---------------------------------------------------------------------------
# Claim matching
# ---------------------------------------------------------------------------

# claim_matches(matcher, claim): GitHub sends every claim as a string, so only a string
# matcher can match; one containing `*` is a glob over the whole value.
claim_matches(matcher, claim) if {
	is_string(matcher)
	not contains(matcher, "*")
	matcher == claim
}

claim_matches(matcher, claim) if {
	is_wildcard(matcher)
	glob.match(matcher, [], claim)
}

matches_claims(rule, claims) if {
	every key, value in rule.attribute_matchers {
		claim_matches(value, claims[key])
	}
}

# ---------------------------------------------------------------------------
# Repositories a rule can match
# ---------------------------------------------------------------------------
# Repositories are named by their position [d, r] in `input.github` (a repository
# can appear in several documents; sets of positions never conflict), and looked up
# through indexes built in one walk.

repo_at(pos) := input.github[pos[0]].repositories[pos[1]]

repos_by_id[sprintf("%d", [repo.id])] contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
}

repos_by_name[lower(repo.full_name)] contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
}

repos_by_owner_id[owner_id(repo)] contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
}

repos_by_owner[lower(split(repo.full_name, "/")[0])] contains [d, r] if {
	some d, doc in input.github
	some r, repo in doc.repositories
}

all_repos := {[d, r] | some d, doc in input.github; some r, _ in doc.repositories}

# repo_claims: the claims every token minted in the repository carries.
repo_claims(repo) := {
	"repository": repo.full_name,
	"repository_id": sprintf("%d", [repo.id]),
	"repository_owner": split(repo.full_name, "/")[0],
	"repository_owner_id": owner_id(repo),
}

owner_id(repo) := sprintf("%d", [repo.owner_id]) if is_number(repo.owner_id)

else := ""

repo_keys := {"repository", "repository_id", "repository_owner", "repository_owner_id"}

# sub_repo(sub): the `OWNER/REPO` of a `repo:` subject, with `@ID`s of the immutable
# form removed; and sub_prefix: the `repo:…` part before the context.
sub_repo(sub) := regex.replace(split(sub, ":")[1], `@[0-9]+`, "") if startswith(sub, "repo:")

sub_prefix(sub) := concat(":", array.slice(split(sub, ":"), 0, 2)) if startswith(sub, "repo:")

# candidate_repos(rule): positions of the repositories to test, from the most specific
# exact matcher (every repository for an owner-wide rule; none for an unbound one).
# (object.get keeps a pinned repository that is not in the snapshot from falling
# through to a wider branch.)
candidate_repos(rule) := object.get(repos_by_id, text(exact(rule, "repository_id")), set()) if exact(rule, "repository_id")

else := object.get(repos_by_name, lower(exact(rule, "repository")), set()) if exact(rule, "repository")

else := object.get(repos_by_name, lower(sub_repo(exact(rule, "sub"))), set()) if exact(rule, "sub")

else := object.get(repos_by_owner_id, exact(rule, "repository_owner_id"), set()) if exact(rule, "repository_owner_id")

else := object.get(repos_by_owner, lower(exact(rule, "repository_owner")), set()) if exact(rule, "repository_owner")

else := all_repos if owner_wide(rule)

else := set()

owner_wide(rule) if rule.attribute_matchers.repository_owner

owner_wide(rule) if rule.attribute_matchers.repository_owner_id

# matched_repos(rule): positions of the snapshot's repositories whose repository and
# owner claims satisfy the rule's matchers on those claims.
matched_repos(rule) := {pos |
	some pos in candidate_repos(rule)
	claims := repo_claims(repo_at(pos))
	every key, value in rule.attribute_matchers {
		repo_claim_ok(key, value, claims)
	}
}

repo_claim_ok(key, _, _) if not key in repo_keys

repo_claim_ok(key, value, claims) if claim_matches(value, claims[key])

# pins_one_repository: the rule names a single repository (by id, name or subject).
pins_one_repository(rule) if {
	some key in {"repository_id", "repository", "sub"}
	exact(rule, key)
}

# ---------------------------------------------------------------------------
# Subjects the jobs of a repository can present
# ---------------------------------------------------------------------------

# subjects(pos): one entry per OIDC subject a job of the repository at `pos` can
# present; only jobs that can mint tokens (`requests_id_token`) count. `kind` is
# `environment`, `pull_request` or `ref`; `claims` holds what the token would carry as
# far as the snapshot knows it.
subjects(pos) := [s |
	repo := repo_at(pos)
	some workflow in repo.workflows
	some job in workflow.jobs
	job.requests_id_token
	some sub in job.oidc_sub_candidates
	s := subject(repo, workflow, job, sub)
]

subject(repo, workflow, job, sub) := {
	"kind": kind,
	"sub": sub,
	"job": gh.job_uri(repo, workflow, job),
	"environment": job.environment,
	"claims": object.union(object.union(repo_claims(repo), {"sub": sub}), context_claims(kind, job, sub)),
} if kind := subject_kind(sub)

subject_kind(sub) := "environment" if contains(sub, ":environment:")

else := "pull_request" if endswith(sub, ":pull_request")

else := "ref" if contains(sub, ":ref:")

context_claims(kind, job, _) := {"environment": job.environment} if kind == "environment"

context_claims(kind, _, _) := {"event_name": "pull_request"} if kind == "pull_request"

context_claims(kind, _, sub) := {"ref": split(sub, ":ref:")[1]} if kind == "ref"

# matching_subjects(rule): the subjects of the snapshot's jobs the rule accepts.
matching_subjects(rule) := [s |
	some pos in matched_repos(rule)
	some s in subjects(pos)
	matches_claims(rule, s.claims)
]

# ---------------------------------------------------------------------------
# Declared consumers
# ---------------------------------------------------------------------------

# consumers(provider, rule): the expected consumers that exchange tokens through the
# rule: named by `federation_rule_id`, or, without one, by the rule's service account.
consumers(provider, rule) := [c |
	some doc in input.openai
	some c in doc.expected_consumers
	c.provider_id == provider.id
	consumer_of(c, rule)
]

consumer_of(c, rule) if c.federation_rule_id == rule.id

consumer_of(c, rule) if {
	not c.federation_rule_id
	c.service_account_id == rule.service_account_id
}

consumer_label(c) := sprintf("%s %s#jobs/%s", [c.repository, c.workflow, c.job])

# consumer_jobs(c): the snapshot's jobs (lib.github.jobs shape) a declared consumer
# names, by repository id when given, else by name.
consumer_jobs(c) := [wf.job_entry(pos[0], pos[1], w, k, repo, workflow, job) |
	some pos in consumer_repos(c)
	repo := repo_at(pos)
	some w, workflow in repo.workflows
	workflow.path == c.workflow
	some k, job in workflow.jobs
	job.id == c.job
]

consumer_repos(c) := object.get(repos_by_id, sprintf("%d", [c.repository_id]), set()) if is_number(c.repository_id)

else := object.get(repos_by_name, lower(c.repository), set())

# ---------------------------------------------------------------------------
# Production and CI admission (GH-OIDC-002, GH-OIDC-003)
# ---------------------------------------------------------------------------

# production_evidence(provider, rule): why the rule grants a production identity.
production_evidence(provider, rule) := (({sprintf("environment %s is production", [name]) |
	some name in environments(rule)
	lib.is_production_environment(name)
} | {sprintf("declared consumer %s runs in environment %s", [consumer_label(c), c.environment]) |
	some c in consumers(provider, rule)
	is_string(c.environment)
	lib.is_production_environment(c.environment)
}) | {sprintf("accepts %s (%s)", [s.sub, s.job]) |
	some s in matching_subjects(rule)
	s.kind == "environment"
	lib.is_production_environment(s.environment)
}) | {sprintf("rule name %q names production", [rule.name]) |
	regex.match(`(?i)(^|[^a-z])(prod|production|live)([^a-z]|$)`, rule.name)
	not regex.match(`(?i)non[-_ ]?prod`, rule.name)
}

# ci_evidence(rule): why the rule accepts pull request or branch subjects: it is not
# tied to an environment (any run of a matched repository, including pull requests and
# pushed branches, can present a matching token), or a job's subject shows it.
ci_evidence(rule) := {"no environment constraint: pull request and branch runs can match" | not env_constrained(rule)} | {sprintf("accepts %s (%s)", [s.sub, s.job]) |
	some s in matching_subjects(rule)
	s.kind in {"pull_request", "ref"}
}
