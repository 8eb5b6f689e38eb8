# METADATA
# title: GitHub Actions OIDC trust
# description: |
#   GH-OIDC checks: the subject template GitHub puts in OIDC tokens (org and repository
#   settings of github-snapshot documents), and the OpenAI federation rules of
#   openai-federation documents that trust those tokens, judged against GitHub facts
#   (repository ids, sub_claim_prefix, environments, the subjects jobs can present).
#   Rule findings go on `openai://providers/P/rules/R`; the rule analysis lives in
#   lib/oidc.rego.
package regolith.checks.gh_oidc

import data.regolith.lib
import data.regolith.lib.github as gh
import data.regolith.lib.oidc
import data.regolith.lib.openai as oai
import data.regolith.lib.workflows as wf

# --- GH-OIDC-001: the subject template ----------------------------------------------------

keeps_repo_identity(keys) if "repo" in keys

keeps_repo_identity(keys) if {
	"repository_id" in keys
	"repository_owner_id" in keys
}

keeps_context(keys) if {
	some key in keys
	key in {"context", "environment", "ref"}
}

# template_gaps: what a subject template (claim keys, in order) lacks.
template_gaps(keys) := {"no repository identity (repo, or repository_id and repository_owner_id)" | not keeps_repo_identity(keys)} | {"no context (context, environment or ref)" | not keeps_context(keys)}

owner_only(keys) if {
	not keeps_repo_identity(keys)
	every key in keys {
		key in {"repository_owner", "repository_owner_id"}
	}
}

template_message(what, keys) := sprintf("The OIDC subject template of %s identifies only the owner", [what]) if owner_only(keys)

else := sprintf("The OIDC subject template of %s does not identify the repository", [what]) if not keeps_repo_identity(keys)

else := sprintf("The OIDC subject template of %s has no context (environment or ref)", [what])

keys_evidence(keys) := sprintf("include_claim_keys: [%s]", [concat(", ", keys)])

# coverage_status(doc, resource): the status of the coverage entry for a read.
coverage_status(doc, resource) := entry.status if {
	some entry in doc.coverage
	entry.resource == resource
}

# METADATA
# title: OIDC subject template drops repository identity or context
# description: |
#   The `sub` claim is what cloud and OpenAI trust rules match. A template without the
#   repository (`repo`, or `repository_id` with `repository_owner_id`) lets every
#   repository of the owner present the same subject; one without a context
#   (`context`, `environment` or `ref`) makes pull request, branch and production runs
#   indistinguishable. GitHub's default (`repo`, `context`) keeps both.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (customizing the token claims)
#   - ref: https://docs.github.com/en/actions/concepts/security/openid-connect
#     description: GitHub, "OpenID Connect"
# custom:
#   id: GH-OIDC-001
#   severity: high
#   remediation: |
#     Set the template back to include the repository and a context:
#     `PUT /orgs/{org}/actions/oidc/customization/sub` (or
#     `/repos/{owner}/{repo}/actions/oidc/customization/sub`) with
#     `{"include_claim_keys": ["repo", "context"]}` (add keys such as `job_workflow_ref`
#     after them), or `{"use_default": true}` for a repository; then update trust rules
#     to the new subject.
#   identity: [org_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": o.resource,
	"message": template_message(sprintf("organization %s", [o.org.login]), keys),
	"evidence": array.concat([keys_evidence(keys)], sort(gaps)),
	"identity": o.identity,
	"source": lib.source("github", o.index, "/org/actions/oidc/sub_template"),
}) if {
	some o in gh.orgs
	keys := o.org.actions.oidc.sub_template.include_claim_keys
	count(keys) > 0
	gaps := template_gaps(keys)
	count(gaps) > 0
}

# METADATA
# title: OIDC subject template could not be read
# description: |
#   The organization's OIDC subject template is unknown (the read failed), so whether
#   its tokens keep repository identity and a context cannot be judged. A template that
#   was never set (GitHub answers 404) is not unknown: the default applies.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (customizing the token claims)
# custom:
#   id: GH-OIDC-001
#   severity: high
#   remediation: |
#     Give the snapshot token the organization permission "Administration: read" (or the
#     classic `read:org` scope) so it can read `GET /orgs/{org}/actions/oidc/customization/sub`,
#     and take a new snapshot.
#   identity: [org_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": o.resource,
	"message": sprintf("The OIDC subject template of organization %s could not be read", [o.org.login]),
	"evidence": [sprintf("sub_template: null (%s)", [coverage_evidence(input.github[o.index], resource)])],
	"identity": o.identity,
	"source": lib.source("github", o.index, "/org/actions/oidc/sub_template"),
}) if {
	some o in gh.orgs
	o.org.actions.oidc.sub_template == null
	resource := sprintf("org:%s/actions/oidc/customization/sub", [o.org.login])
	not never_set(input.github[o.index], resource)
}

# never_set: GitHub answered 404 for the read, so no template was ever set. (A function,
# so that `not` holds when the document has no coverage entry for the read at all.)
never_set(doc, resource) if coverage_status(doc, resource) == "not_found"

coverage_evidence(doc, resource) := sprintf("coverage: %s", [coverage_status(doc, resource)])

else := "no coverage entry"

# A repository that uses the organization's template (no keys of its own) is judged
# once, on the organization.
#
# METADATA
# title: Repository OIDC subject template drops repository identity or context
# description: |
#   The repository's own subject template (`use_default: false` with its own
#   `include_claim_keys`) lacks the repository (`repo`, or `repository_id` with
#   `repository_owner_id`) or a context (`context`, `environment` or `ref`), so trust
#   rules cannot tell its runs from other repositories' or its pull requests from its
#   deployments.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (customizing the token claims)
# custom:
#   id: GH-OIDC-001
#   severity: high
#   remediation: |
#     `PUT /repos/{owner}/{repo}/actions/oidc/customization/sub` with `{"use_default": true}`,
#     or with `{"use_default": false, "include_claim_keys": ["repo", "context", …]}`;
#     then update trust rules to the new subject.
#   identity: [repository_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": r.resource,
	"message": template_message(sprintf("repository %s", [r.repo.full_name]), keys),
	"evidence": array.concat([keys_evidence(keys)], sort(gaps)),
	"identity": r.identity,
	"source": lib.source("github", r.index, sprintf("%s/actions/oidc", [r.source.pointer])),
}) if {
	some d, doc in input.github
	some i, repo in doc.repositories
	repo.actions.oidc.use_default == false
	keys := repo.actions.oidc.include_claim_keys
	keys[_]
	gaps := template_gaps(keys)
	count(gaps) > 0
	r := wf.repo_entry(d, i, repo)
}

# METADATA
# title: Repository OIDC customization could not be read
# description: |
#   The repository's OIDC subject customization is unknown (the read failed), so the
#   subject its tokens carry, and every check that matches trust rules against it,
#   cannot be judged.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (customizing the token claims)
# custom:
#   id: GH-OIDC-001
#   severity: high
#   remediation: |
#     Give the snapshot token the repository permission "Actions: read" (or the classic
#     `repo` scope) so it can read `GET /repos/{owner}/{repo}/actions/oidc/customization/sub`,
#     and take a new snapshot.
#   identity: [repository_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": r.resource,
	"message": sprintf("The OIDC subject customization of repository %s could not be read", [r.repo.full_name]),
	"evidence": ["actions.oidc: null"],
	"identity": r.identity,
	"source": lib.source("github", r.index, sprintf("%s/actions/oidc", [r.source.pointer])),
}) if {
	some d, doc in input.github
	some i, repo in doc.repositories
	repo.actions.oidc == null
	r := wf.repo_entry(d, i, repo)
}

# --- GH-OIDC-002: federation rule tightness -------------------------------------------------
# Each facet is its own rule definition; `facet` is part of the identity, because
# several facets can hold for the same federation rule.

# github_rules: the federation rules of providers that trust GitHub Actions tokens.
github_rules[uri] := r if {
	some uri, r in oai.federation_rules
	oidc.is_github_provider(r.provider)
}

rule_finding(r, facet, message, evidence) := {
	"resource": r.resource,
	"message": message,
	"evidence": evidence,
	"identity": object.union(r.identity, {"facet": facet}),
	"source": r.source,
}

rule_label(r) := sprintf("Federation rule %q (%s) of provider %q", [r.rule.name, r.rule.id, r.provider.name])

# METADATA
# title: Federation rule accepts a wildcard subject
# description: |
#   A `*` in a matcher on the subject, repository or owner claims lets tokens from
#   repositories nobody reviewed (any repository of the owner, or any owner) act as the
#   service account. OpenAI's matcher semantics are documented as exact; Regolith reads a
#   `*` as a wildcard so that such a rule is never taken for a tight one.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (example subject claims)
# custom:
#   id: GH-OIDC-002
#   severity: critical
#   remediation: |
#     Edit the federation rule (OpenAI Organization Settings > Security > Workload Identity
#     Provider > service account mappings) so every identity matcher is an exact value:
#     `repository_id` and `repository_owner_id` of the one repository, plus `environment`.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "wildcard_subject",
	sprintf("%s accepts a wildcard subject", [rule_label(r)]),
	sort(wildcards),
)) if {
	some r in github_rules
	wildcards := oidc.wildcard_identity_matchers(r.rule)
	count(wildcards) > 0
}

# METADATA
# title: Federation rule is not bound to a repository
# description: |
#   No matcher names the repository or owner a token must come from (`repository_id`,
#   `repository_owner_id`, `repository`, `repository_owner`, `sub` or `workflow_ref`).
#   Every GitHub Actions workflow in the world can request a token with the provider's
#   audience, so any of them that satisfies the remaining matchers (or all of them, when
#   there are none) acts as the service account.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (you must define at least one condition)
# custom:
#   id: GH-OIDC-002
#   severity: critical
#   remediation: |
#     Add `repository_id` and `repository_owner_id` matchers (the numeric ids as strings,
#     e.g. `"987654321"`) and an `environment` matcher to the rule, or disable it until it
#     has them.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "unbound",
	sprintf("%s accepts tokens from any repository", [rule_label(r)]),
	array.concat(["no repository or owner matcher"], oidc.matcher_evidence(r.rule)),
)) if {
	some r in github_rules
	not oidc.bound(r.rule)
}

# METADATA
# title: Provider audience is not pinned
# description: |
#   The provider's `audience` must be a value only workflows meant for OpenAI request
#   (e.g. `https://api.openai.com/v1`). GitHub's default audience is the owner's URL
#   (`https://github.com/OWNER`), which every token of the owner carries unless a workflow
#   asks for another one, so a provider using it accepts tokens minted for any purpose; a
#   `*` in the audience pins nothing.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions" (request the exact audience)
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (aud claim)
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Set the provider's audience to a dedicated value such as `https://api.openai.com/v1`
#     (OpenAI Organization Settings > Security > Workload Identity Provider) and request
#     exactly that audience in the workflow (`core.getIDToken(audience)` or `&audience=` on
#     `ACTIONS_ID_TOKEN_REQUEST_URL`).
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "audience_not_pinned",
	sprintf("%s trusts provider audience %q, which is not pinned", [rule_label(r), r.provider.audience]),
	[sprintf("provider audience: %s", [r.provider.audience])],
)) if {
	some r in github_rules
	audience_not_pinned(r.provider.audience)
}

audience_not_pinned(audience) if contains(audience, "*")

audience_not_pinned(audience) if regex.match(`^https://github\.com/[^/]+/?$`, audience)

# METADATA
# title: Production identity does not require an environment
# description: |
#   The rule grants a production identity (its declared consumers, the jobs it matches
#   or its name say so) but does not require `environment:<prod>`, so any run that matches
#   its other claims (a pushed branch, a pull request, a workflow added on a branch) gets
#   the production service account without passing the environment's reviewers and branch
#   policy.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (filtering for a specific environment)
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments
#     description: GitHub, "Deployments and environments"
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Add an `environment` matcher naming the protected production environment (e.g.
#     `"environment": "production"`) to the rule, and make the deploying job declare
#     `environment: production`; keep branch-only rules on non-production service accounts.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "production_without_environment",
	sprintf("%s grants a production identity without requiring an environment", [rule_label(r)]),
	array.concat(sort(evidence), oidc.matcher_evidence(r.rule)),
)) if {
	some r in github_rules
	not oidc.env_constrained(r.rule)
	evidence := oidc.production_evidence(r.provider, r.rule)
	count(evidence) > 0
}

# METADATA
# title: Federation rule accepts pull request subjects
# description: |
#   A rule that matches pull request runs (a `…:pull_request` subject, `event_name:
#   pull_request`, a `refs/pull/…` ref, `base_ref`/`head_ref`, or a pull request subject
#   a job of the snapshot presents) hands the service account to code nobody has reviewed
#   yet.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (filtering for pull_request events)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-OIDC-002
#   severity: critical
#   remediation: |
#     Remove pull request subjects from the rule: match `environment` (a protected
#     environment) or a protected branch `ref` instead, and keep pull request jobs free of
#     `id-token: write`.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "pull_request",
	sprintf("%s accepts pull request subjects", [rule_label(r)]),
	sort(evidence),
)) if {
	some r in github_rules
	evidence := oidc.pull_request_matchers(r.rule) | {sprintf("accepts %s (%s)", [s.sub, s.job]) |
		some s in oidc.matching_subjects(r.rule)
		s.kind == "pull_request"
	}
	count(evidence) > 0
}

# METADATA
# title: Federation rule does not pin numeric repository ids
# description: |
#   The rule names its repository or owner only by name (`repository`,
#   `repository_owner`, a legacy `sub`). Names can be reused: after a rename, transfer or
#   deletion, someone else can create a repository with the same name and present the
#   same claims. `repository_id` and `repository_owner_id` never change.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (immutable subject claims)
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Add `repository_id` (and `repository_owner_id`) matchers with the numeric ids as
#     strings (`gh api repos/OWNER/REPO --jq .id`), or match the immutable subject form
#     `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "repository_id_not_pinned",
	sprintf("%s names its repository only by name", [rule_label(r)]),
	oidc.matcher_evidence(r.rule),
)) if {
	some r in github_rules
	oidc.bound(r.rule)
	not oidc.pins_ids(r.rule)
}

# METADATA
# title: Federation rule constrains neither environment nor ref
# description: |
#   Without an `environment`, `ref` or `job_workflow_ref` matcher (or a `sub` with a
#   context), every run of the matched repositories can act as the service account: any
#   branch someone pushes, and `pull_request_target` or `workflow_run` runs handling fork
#   input.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (OIDC claims used to define trust conditions)
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Add an `environment` matcher naming a protected environment (preferred), or a `ref`
#     matcher naming a protected branch (`refs/heads/main`) or a `job_workflow_ref`.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "no_context",
	sprintf("%s constrains neither environment nor ref", [rule_label(r)]),
	oidc.matcher_evidence(r.rule),
)) if {
	some r in github_rules
	oidc.bound(r.rule)
	not oidc.context_constrained(r.rule)
}

# environment_gaps(env): the protections an environment a rule trusts lacks.
environment_gaps(env) := ({"no required reviewers" | count(env.required_reviewers.reviewers) == 0} | {"prevent_self_review is off" | env.required_reviewers.prevent_self_review == false}) | {"deployment branch policy: any branch" | env.deployment_branch_policy.mode == "any"}

# protection_evidence(rule): the matched environments (in the matched repositories)
# that lack protection, and, when the rule pins one repository, a trusted environment
# that does not exist there (a job naming it would create it unprotected).
protection_evidence(rule) := {sprintf("%s: %s", [gh.environment_uri(repo, env), concat(", ", sort(gaps))]) |
	some pos in oidc.matched_repos(rule)
	repo := oidc.repo_at(pos)
	some env in repo.environments
	some name in oidc.environments(rule)
	oidc.claim_matches(name, env.name)
	gaps := environment_gaps(env)
	count(gaps) > 0
} | {sprintf("%s: does not exist (a job naming it creates it without protection)", [gh.environment_uri(repo, {"name": name})]) |
	oidc.pins_one_repository(rule)
	some pos in oidc.matched_repos(rule)
	repo := oidc.repo_at(pos)
	is_array(repo.environments)
	some name in oidc.environments(rule)
	not oidc.is_wildcard(name)
	not environment_exists(repo, name)
}

environment_exists(repo, name) if {
	some env in repo.environments
	env.name == name
}

# METADATA
# title: Environment trusted by a federation rule is not protected
# description: |
#   A rule that requires an environment is only as strong as that environment's
#   protection rules: without required reviewers, with self-review allowed, or with a
#   deployment branch policy that admits any branch, anyone who can push a branch can
#   run a job in the environment and obtain the service account's token.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments
#     description: GitHub, "Deployments and environments" (required reviewers, prevent self-review, deployment branches)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     In the repository's Settings > Environments > ENV: add required reviewers, tick
#     "Prevent self-review", and set Deployment branches and tags to "Protected branches
#     only" or "Selected branches and tags" (e.g. `main`, `v*`).
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "environment_protection",
	sprintf("%s trusts an environment without full protection", [rule_label(r)]),
	sort(evidence),
)) if {
	some r in github_rules
	evidence := protection_evidence(r.rule)
	count(evidence) > 0
}

# METADATA
# title: Environments of a federation rule's repository could not be read
# description: |
#   The rule requires an environment, but the environments of a repository it matches
#   could not be read, so their protection cannot be judged.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/workflows-and-actions/deployments-and-environments
#     description: GitHub, "Deployments and environments"
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Give the snapshot token the repository permission "Environments: read" (or the
#     classic `repo` scope) and take a new snapshot.
#   identity: [provider_id, rule_id, facet]
findings contains lib.unknown(rego.metadata.rule(), rule_finding(
	r, "environment_protection",
	sprintf("%s trusts an environment of a repository whose environments could not be read", [rule_label(r)]),
	sort(repos),
)) if {
	some r in github_rules
	count(oidc.environments(r.rule)) > 0
	repos := {sprintf("%s: environments: null", [oidc.repo_at(pos).full_name]) |
		some pos in oidc.matched_repos(r.rule)
		oidc.repo_at(pos).environments == null
	}
	count(repos) > 0
}

# sub_prefix_checks(rule): for an exact `repo:` subject matcher, the repositories it
# names (by name, or by id in the immutable form) and the prefix GitHub reports there.
sub_prefix_checks(rule) := [{"repo": repo, "matcher": prefix, "reported": reported_prefix(repo)} |
	sub := oidc.exact(rule, "sub")
	prefix := oidc.sub_prefix(sub)
	some pos in subject_repos(sub)
	repo := oidc.repo_at(pos)
]

# reported_prefix: the repository's sub_claim_prefix; null when unreadable or unreported.
reported_prefix(repo) := repo.actions.oidc.sub_claim_prefix if is_object(repo.actions.oidc)

else := null

subject_repos(sub) := object.get(oidc.repos_by_name, lower(oidc.sub_repo(sub)), set()) | {pos |
	some m in regex.find_all_string_submatch_n(`^repo:[^:/]+@[0-9]+/[^:/]+@([0-9]+):`, sub, 1)
	some pos in oidc.repos_by_id[m[1]]
}

# METADATA
# title: Subject matcher disagrees with the repository's sub_claim_prefix
# description: |
#   GitHub reports the subject prefix a repository's tokens carry (`repo:OWNER/REPO`, or
#   the immutable `repo:OWNER@OWNER_ID/REPO@REPO_ID` for repositories created, renamed or
#   transferred after 2026-07-15, or opted in). A `sub` matcher in the other form never
#   matches, so the job fails, and teams "fix" it by loosening the rule.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (immutable subject claims)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Rewrite the rule's `sub` matcher with the prefix GitHub reports for the repository
#     (`gh api repos/OWNER/REPO/actions/oidc/customization/sub --jq .sub_claim_prefix`), or
#     replace it with `repository_id`, `repository_owner_id` and `environment` matchers.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "sub_prefix",
	sprintf("%s matches a sub prefix the repository's tokens do not carry", [rule_label(r)]),
	sort(mismatches),
)) if {
	some r in github_rules
	mismatches := {sprintf("sub matcher prefix %s; %s reports %s", [c.matcher, c.repo.full_name, c.reported]) |
		some c in sub_prefix_checks(r.rule)
		is_string(c.reported)
		c.reported != c.matcher
	}
	count(mismatches) > 0
}

# METADATA
# title: Subject prefix of a federation rule's repository could not be read
# description: |
#   The rule matches `sub`, but the repository's OIDC customization (and so the subject
#   prefix its tokens carry) could not be read or was not reported.
# related_resources:
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (immutable subject claims)
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Give the snapshot token the repository permission "Actions: read" so it can read
#     `GET /repos/{owner}/{repo}/actions/oidc/customization/sub`, and take a new snapshot.
#   identity: [provider_id, rule_id, facet]
findings contains lib.unknown(rego.metadata.rule(), rule_finding(
	r, "sub_prefix",
	sprintf("%s matches sub, but the repository's subject prefix is unknown", [rule_label(r)]),
	sort(unknowns),
)) if {
	some r in github_rules
	unknowns := {sprintf("%s: sub_claim_prefix unknown", [c.repo.full_name]) |
		some c in sub_prefix_checks(r.rule)
		not is_string(c.reported)
	}
	count(unknowns) > 0
}

# audience_mismatches(r): declared consumers of the rule whose job, in the snapshot,
# requests a literal audience other than the provider's.
audience_mismatches(r) := {sprintf("%s requests audience %s (steps[%d]); provider audience is %s", [j.resource, a.audience, a.step, r.provider.audience]) |
	some c in oidc.consumers(r.provider, r.rule)
	some j in oidc.consumer_jobs(c)
	audiences := wf.requested_audiences(j.job)
	not r.provider.audience in {a.audience | some a in audiences}
	some a in audiences
}

# METADATA
# title: Workflow requests an audience the provider does not accept
# description: |
#   OpenAI accepts a token only when its `aud` equals the provider's audience. A declared
#   consumer job that requests another audience fails the exchange; the usual workaround
#   (widening the provider's audience, or falling back to an API key) weakens the trust.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions" (request the exact audience)
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (customizing the audience value)
# custom:
#   id: GH-OIDC-002
#   severity: high
#   remediation: |
#     Make the workflow request exactly the provider's audience (`core.getIDToken("AUD")` or
#     `&audience=` + the URL-encoded value on `ACTIONS_ID_TOKEN_REQUEST_URL`), or correct
#     the provider's audience if the workflow's is the intended one.
#   identity: [provider_id, rule_id, facet]
findings contains lib.finding(rego.metadata.rule(), rule_finding(
	r, "audience_mismatch",
	sprintf("%s is used by a job that requests another audience", [rule_label(r)]),
	sort(mismatches),
)) if {
	some r in github_rules
	mismatches := audience_mismatches(r)
	count(mismatches) > 0
}

# --- GH-OIDC-003: CI and production identities --------------------------------------------

# Per service account: the rules (of GitHub providers) that grant it to production
# runs, and those that grant it to pull request or branch runs.
production_rules[sa] contains r.resource if {
	some r in github_rules
	sa := r.rule.service_account_id
	count(oidc.production_evidence(r.provider, r.rule)) > 0
}

ci_rules[sa] contains r.resource if {
	some r in github_rules
	sa := r.rule.service_account_id
	count(oidc.ci_evidence(r.rule)) > 0
}

# METADATA
# title: CI and production share a service account
# description: |
#   One OpenAI service account is trusted both for production-environment subjects and,
#   through this rule, for pull request or branch subjects. Whatever a CI run can do, it
#   then does as production: a compromised test job, or a branch anyone can push, gets
#   the production identity. CI and production need separate service accounts (in
#   separate projects where possible).
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/reference/security/oidc
#     description: GitHub, "OpenID Connect reference" (example subject claims)
# custom:
#   id: GH-OIDC-003
#   severity: high
#   remediation: |
#     Create a separate service account (in a non-production project) for CI, point this
#     rule at it, and keep the production service account only on rules that require the
#     protected production environment (`"environment": "production"`).
#   identity: [provider_id, rule_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": r.resource,
	"message": sprintf("%s grants service account %s, which production also uses, to CI runs", [rule_label(r), sa]),
	"evidence": array.concat(
		sort({sprintf("CI: %s", [e]) | some e in oidc.ci_evidence(r.rule)}),
		sort({sprintf("production: %s", [p]) | some p in production_rules[sa]}),
	),
	"identity": r.identity,
	"source": r.source,
}) if {
	some sa, rules in ci_rules
	production_rules[sa]
	some uri in rules
	r := github_rules[uri]
}

# --- GH-OIDC-004: enterprise issuer ----------------------------------------------------------

# METADATA
# title: Enterprise-specific OIDC issuer not verified
# description: |
#   On GitHub Enterprise Cloud, an enterprise can make its workflows' tokens carry its own
#   issuer (`https://token.actions.githubusercontent.com/ENTERPRISE_SLUG`,
#   `include_enterprise_slug`), so trust rules can require it and tokens from outside the
#   enterprise never match. The snapshot does not collect this enterprise setting
#   (`GET /enterprises/{enterprise}/actions/oidc/customization/issuer`), so the check
#   reports unknown once per organization.
# related_resources:
#   - ref: https://docs.github.com/en/enterprise-cloud@latest/actions/reference/security/oidc#customizing-the-issuer-value-for-an-enterprise
#     description: GitHub, "Customizing the issuer value for an enterprise"
# custom:
#   id: GH-OIDC-004
#   severity: info
#   remediation: |
#     If the organization belongs to a GitHub Enterprise Cloud enterprise, an enterprise
#     owner sets `PUT /enterprises/{enterprise}/actions/oidc/customization/issuer` with
#     `{"include_enterprise_slug": true}`, and the OpenAI provider's issuer becomes
#     `https://token.actions.githubusercontent.com/ENTERPRISE_SLUG`. Otherwise waive this
#     finding.
#   identity: [org_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": o.resource,
	"message": sprintf("Whether organization %s's enterprise uses its own OIDC issuer is not collected", [o.org.login]),
	"evidence": ["enterprise issuer setting: not collected"],
	"identity": o.identity,
	"source": o.source,
}) if {
	some o in gh.orgs
}
