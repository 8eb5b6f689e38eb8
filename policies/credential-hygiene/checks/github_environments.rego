# METADATA
# title: GitHub deployment environments
# description: >
#   GH-ENV checks over the deployment environments of github-snapshot documents: who must
#   approve a production deployment, which branches may deploy, and whether an
#   environment that holds secrets protects them at all. Production environments are
#   those whose name matches `production_environments` (lib.is_production_environment).
#   Environments of archived repositories are skipped: their workflows do not run.
package regolith.checks.gh_env

import data.regolith.lib
import data.regolith.lib.github as gh

# Environments whose workflows can run, and the production ones among them. Checks
# iterate URIs or gh.environments rather than sets of entities: an entity holds whole
# snapshot objects (its repository, with every workflow), which a set would hash.
live(e) if not e.repo.archived

# The production environments' URIs (strings, so the set is cheap to build).
production_uris contains uri if {
	some uri, e in gh.environments
	e.environment.name in production_names
	live(e)
}

# Environment names repeat across repositories ("production", "staging"): match each
# distinct name against the globs once.
production_names := {name |
	some name in {e.environment.name | some e in gh.environments}
	lib.is_production_environment(name)
}

at(e, suffix) := lib.source("github", e.index, concat("", [e.source.pointer, suffix]))

reviewer_names(env) := [sprintf("%s %s", [r.type, r.name]) | some r in env.required_reviewers.reviewers]

# METADATA
# title: Production environment has no required reviewers
# description: >
#   A job that names a production environment gets its secrets (and an OIDC token whose
#   `environment` claim a federation rule may trust) as soon as the branch policy allows
#   it. Without required reviewers nobody approves that deployment: anyone who can push a
#   branch the policy accepts, or change a workflow on it, deploys to production.
# related_resources:
#   - ref: https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
#     description: GitHub, "Managing environments for deployment" (Required reviewers)
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-ENV-001
#   severity: high
#   remediation: >
#     Repository Settings > Environments > ENV > Deployment protection rules: check
#     "Required reviewers", add the people or teams who approve production deployments and
#     save (or PUT /repos/{owner}/{repo}/environments/{environment_name} with
#     {"reviewers": [{"type": "Team", "id": TEAM_ID}]}).
#   identity: [repository_id, environment]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": e.resource,
	"message": sprintf("Production environment %s of %s has no required reviewers", [e.environment.name, e.repo.full_name]),
	"evidence": ["required_reviewers.reviewers: []"],
	"identity": e.identity,
	"source": at(e, "/required_reviewers/reviewers"),
}) if {
	some uri in production_uris
	e := gh.environments[uri]
	count(e.environment.required_reviewers.reviewers) == 0
}

# METADATA
# title: Production deployments can be approved by the person who triggered them
# description: >
#   The production environment has required reviewers but does not prevent self-review:
#   a reviewer can trigger a deployment and approve it alone, so the approval is no
#   second pair of eyes.
# related_resources:
#   - ref: https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
#     description: GitHub, "Managing environments for deployment" (Required reviewers, Prevent self-reviews)
# custom:
#   id: GH-ENV-002
#   severity: medium
#   remediation: >
#     Repository Settings > Environments > ENV > Required reviewers: check "Prevent
#     self-review" and save (or PUT /repos/{owner}/{repo}/environments/{environment_name}
#     with {"prevent_self_review": true, "reviewers": [...]}). Also clear "Allow
#     administrators to bypass configured protection rules".
#   identity: [repository_id, environment]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": e.resource,
	"message": sprintf("Production environment %s of %s lets the person who triggered a deployment approve it", [e.environment.name, e.repo.full_name]),
	"evidence": [
		"required_reviewers.prevent_self_review: false",
		sprintf("reviewers: %s", [concat(", ", reviewer_names(e.environment))]),
	],
	"identity": e.identity,
	"source": at(e, "/required_reviewers/prevent_self_review"),
}) if {
	some uri in production_uris
	e := gh.environments[uri]
	# Without reviewers GH-ENV-001 reports the environment; self-review is moot.
	count(e.environment.required_reviewers.reviewers) > 0
	e.environment.required_reviewers.prevent_self_review == false
}

# METADATA
# title: Admin bypass of production deployment reviews is not checked (not collected yet)
# description: >
#   Self-review is prevented, but the second half of GH-ENV-002, whether administrators
#   may bypass the environment's protection rules ("Allow administrators to bypass
#   configured protection rules", REST `can_admins_bypass`), is not collected yet. The
#   check reports `unknown` for it, once per production environment, instead of passing.
# related_resources:
#   - ref: https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
#     description: GitHub, "Managing environments for deployment" (Allow administrators to bypass configured protection rules)
# custom:
#   id: GH-ENV-002
#   severity: medium
#   remediation: >
#     Repository Settings > Environments > ENV: clear "Allow administrators to bypass
#     configured protection rules" (or PUT
#     /repos/{owner}/{repo}/environments/{environment_name} with
#     {"can_admins_bypass": false}). Until the adapter collects it, check it by hand.
#   identity: [repository_id, environment]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": e.resource,
	"message": sprintf("Whether admins can bypass the reviews of production environment %s of %s is not collected yet", [e.environment.name, e.repo.full_name]),
	"evidence": ["required_reviewers.prevent_self_review: true", "can_admins_bypass: not collected"],
	"identity": e.identity,
	"source": at(e, "/required_reviewers"),
}) if {
	some uri in production_uris
	e := gh.environments[uri]
	count(e.environment.required_reviewers.reviewers) > 0
	e.environment.required_reviewers.prevent_self_review == true
}

# Patterns that let (nearly) every branch deploy: `*` matches every branch name without
# a slash, `**` every branch.
catch_all_patterns := {"*", "**", "**/*"}

# Why a deployment branch policy does not restrict who deploys; `unknown` entries when
# the custom patterns could not be read.
unrestricted(policy) := {"status": "fail", "evidence": ["deployment_branch_policy.mode: any"]} if policy.mode == "any"

unrestricted(policy) := {"status": "unknown", "evidence": ["deployment_branch_policy.mode: custom", "deployment_branch_policy.patterns: null"]} if {
	policy.mode == "custom"
	policy.patterns == null
}

unrestricted(policy) := {"status": "fail", "evidence": array.concat(["deployment_branch_policy.mode: custom"], wide)} if {
	policy.mode == "custom"
	policy.patterns != null
	wide := [sprintf("branch pattern %q matches every branch", [p.name]) |
		some p in policy.patterns
		p.type == "branch"
		p.name in catch_all_patterns
	]
	count(wide) > 0
}

# METADATA
# title: Any branch can deploy to a production environment
# description: >
#   The production environment's deployment branch policy lets every branch deploy (no
#   policy, or a custom pattern that matches every branch). Anyone who can push a branch
#   can then run a job in the environment and, once reviewers (if any) approve, reach its
#   secrets and the OIDC identity federation rules grant to `environment:` subjects.
#   Restrict deployments to protected branches or to an explicit list.
# related_resources:
#   - ref: https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
#     description: GitHub, "Managing environments for deployment" (Deployment branches and tags)
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     description: GitHub, "About security hardening with OpenID Connect"
# custom:
#   id: GH-ENV-003
#   severity: high
#   remediation: >
#     Repository Settings > Environments > ENV > Deployment branches and tags: choose
#     "Protected branches only", or "Selected branches and tags" with explicit names such
#     as `main` and `v*` tags (or PUT /repos/{owner}/{repo}/environments/{environment_name}
#     with {"deployment_branch_policy": {"protected_branches": true,
#     "custom_branch_policies": false}}).
#   identity: [repository_id, environment]
findings contains result if {
	some uri in production_uris
	e := gh.environments[uri]
	verdict := unrestricted(e.environment.deployment_branch_policy)
	fields := {
		"resource": e.resource,
		"message": deploy_message(e, verdict.status),
		"evidence": verdict.evidence,
		"identity": e.identity,
		"source": at(e, "/deployment_branch_policy"),
	}
	result := outcome(rego.metadata.rule(), verdict.status, fields)
}

deploy_message(e, "fail") := sprintf("Any branch can deploy to production environment %s of %s", [e.environment.name, e.repo.full_name])

deploy_message(e, "unknown") := sprintf("The custom deployment branch patterns of production environment %s of %s could not be read", [e.environment.name, e.repo.full_name])

outcome(meta, "fail", fields) := lib.finding(meta, fields)

outcome(meta, "unknown", fields) := lib.unknown(meta, fields)

# Three-valued facts for GH-ENV-004: "yes", "no", or "unknown" (null in the snapshot).
holds_secrets(env) := "unknown" if env.secrets == null

else := "no" if env.secrets == []

else := "yes"

# Protection rules: required reviewers, a wait timer, a branch policy, or a custom
# protection app. Only the apps can be unknown (their own read).
protected(env) := "yes" if has_core_protection(env)

else := "unknown" if env.custom_protection_apps == null

else := "yes" if count(env.custom_protection_apps) > 0

else := "no"

has_core_protection(env) if count(env.required_reviewers.reviewers) > 0

has_core_protection(env) if env.wait_timer_minutes > 0

has_core_protection(env) if env.deployment_branch_policy.mode != "any"

# fail when it holds secrets and has no protection; unknown when either fact is
# unknown and the other does not already settle it.
exposure("yes", "no") := "fail"

exposure("unknown", "no") := "unknown"

exposure("yes", "unknown") := "unknown"

exposure("unknown", "unknown") := "unknown"

secret_evidence(env) := [sprintf("secrets: %s", [concat(", ", [s.name | some s in env.secrets])])] if env.secrets != null

else := ["secrets: null"]

# METADATA
# title: Environment holds secrets but has no protection rules
# description: >
#   An environment without required reviewers, wait timer, deployment branch policy or
#   custom protection app gives its secrets to any job that names it, from any branch:
#   the secrets are effectively repository secrets, with none of the protection the
#   environment suggests.
# related_resources:
#   - ref: https://docs.github.com/en/actions/managing-workflow-runs-and-deployments/managing-deployments/managing-environments-for-deployment
#     description: GitHub, "Managing environments for deployment" (Deployment protection rules, Environment secrets)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions" (Using secrets)
# custom:
#   id: GH-ENV-004
#   severity: medium
#   remediation: >
#     Repository Settings > Environments > ENV: under "Deployment branches and tags" choose
#     "Protected branches only" or "Selected branches and tags", and add required
#     reviewers where the secrets reach production; or move the secrets to where the
#     jobs that use them already are, and delete the environment.
#   identity: [repository_id, environment]
findings contains result if {
	some e in gh.environments
	secrets := holds_secrets(e.environment)
	secrets != "no"
	verdict := exposure(secrets, protected(e.environment))
	live(e)
	fields := {
		"resource": e.resource,
		"message": exposure_message(e, verdict),
		"evidence": array.concat(secret_evidence(e.environment), [
			"required_reviewers.reviewers: []",
			"wait_timer_minutes: 0",
			"deployment_branch_policy.mode: any",
			sprintf("custom_protection_apps: %v", [e.environment.custom_protection_apps]),
		]),
		"identity": e.identity,
		"source": at(e, ""),
	}
	result := outcome(rego.metadata.rule(), verdict, fields)
}

exposure_message(e, "fail") := sprintf("Environment %s of %s holds secrets but has no protection rules", [e.environment.name, e.repo.full_name])

exposure_message(e, "unknown") := sprintf("Whether environment %s of %s exposes secrets without protection could not be read", [e.environment.name, e.repo.full_name])

# --- Repositories whose environments could not be read -----------------------------------
# `environments: null` is a read that failed. Any of those environments might be a
# production one, so each GH-ENV check reports `unknown` on the repository instead of
# passing it silently.

unreadable_environments contains uri if {
	some uri, r in gh.repositories
	r.repo.environments == null
	not r.repo.archived
}

unread(meta, uri) := lib.unknown(meta, {
	"resource": r.resource,
	"message": sprintf("Could not run this check on the environments of %s: they could not be read", [r.repo.full_name]),
	"evidence": ["environments: null in the snapshot (see its coverage entry)"],
	"identity": object.union(r.identity, {"environment": "*"}),
	"source": lib.source("github", r.index, concat("", [r.source.pointer, "/environments"])),
}) if r := gh.repositories[uri]

# METADATA
# title: Production environment reviewers could not be checked
# description: The repository's environments are null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/rest/deployments/environments
#     description: GitHub REST API, "Deployment environments"
# custom:
#   id: GH-ENV-001
#   severity: high
#   remediation: >
#     Give the snapshot token read access to the repository's environments ("Actions"
#     or "Administration" permission, read) and take the snapshot again.
#   identity: [repository_id, environment]
findings contains unread(rego.metadata.rule(), uri) if some uri in unreadable_environments

# METADATA
# title: Production environment self-review could not be checked
# description: The repository's environments are null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/rest/deployments/environments
#     description: GitHub REST API, "Deployment environments"
# custom:
#   id: GH-ENV-002
#   severity: medium
#   remediation: >
#     Give the snapshot token read access to the repository's environments ("Actions"
#     or "Administration" permission, read) and take the snapshot again.
#   identity: [repository_id, environment]
findings contains unread(rego.metadata.rule(), uri) if some uri in unreadable_environments

# METADATA
# title: Production deployment branches could not be checked
# description: The repository's environments are null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/rest/deployments/environments
#     description: GitHub REST API, "Deployment environments"
# custom:
#   id: GH-ENV-003
#   severity: high
#   remediation: >
#     Give the snapshot token read access to the repository's environments ("Actions"
#     or "Administration" permission, read) and take the snapshot again.
#   identity: [repository_id, environment]
findings contains unread(rego.metadata.rule(), uri) if some uri in unreadable_environments

# METADATA
# title: Environment protection of secrets could not be checked
# description: The repository's environments are null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/rest/deployments/environments
#     description: GitHub REST API, "Deployment environments"
# custom:
#   id: GH-ENV-004
#   severity: medium
#   remediation: >
#     Give the snapshot token read access to the repository's environments ("Actions"
#     or "Administration" permission, read) and take the snapshot again.
#   identity: [repository_id, environment]
findings contains unread(rego.metadata.rule(), uri) if some uri in unreadable_environments
