# METADATA
# title: GitHub Actions settings
# description: >
#   GH-ACT checks over the organization and repository Actions settings of
#   github-snapshot documents: default GITHUB_TOKEN permissions, pull-request approval by
#   workflows, fork pull-request settings, allowed actions, which repositories may run
#   Actions, and runner groups.
#
#   Org settings are reported on `github://ORG`, repository settings on
#   `github://ORG/REPO`. The repository endpoints report the value in force for the
#   repository, which is the org's value unless the repository sets its own (the schema:
#   `default_workflow_permissions` is "what a job with `permissions_source: default`
#   gets"). The snapshot cannot tell an inherited value from an equal one set on the
#   repository, so a repository whose value equals its org's is taken to inherit it: the
#   org finding covers it, and fixing the org fixes the repository. A repository is
#   reported only where its value differs from the org's (a `null` org value included),
#   so one bad org setting gives one finding, not one per repository.
package regolith.checks.gh_act

import data.regolith.lib
import data.regolith.lib.github as gh

# The org entity of each github-snapshot document, by document index, so a repository
# finds its org without a search.
org_by_doc := {o.index: o | some o in gh.orgs}

# Repositories whose workflows do not run (archived, or Actions disabled for them):
# their Actions settings are moot, so repo-level checks skip them.
dormant(repo) if repo.archived

dormant(repo) if repo.actions.permissions.enabled == false

# Actions is off for the whole org: its Actions settings are moot.
actions_off(org) if org.actions.permissions.enabled_repositories == "none"

# at points at a fact below an entity's own pointer.
at(entity, suffix) := lib.source("github", entity.index, concat("", [entity.source.pointer, suffix]))

# emit turns a problem found by a check into a finding: `fail` or `unknown` (a fact the
# check needs is null), with the problem's own severity when a facet has one.
emit(meta, entity, identity, problem) := lib.finding(meta, fields(meta, entity, identity, problem)) if {
	problem.status == "fail"
}

emit(meta, entity, identity, problem) := lib.unknown(meta, fields(meta, entity, identity, problem)) if {
	problem.status == "unknown"
}

fields(meta, entity, identity, problem) := {
	"resource": entity.resource,
	"message": problem.message,
	"evidence": problem.evidence,
	"identity": identity,
	"source": at(entity, problem.pointer),
	"severity": object.get(problem, "severity", meta.custom.severity),
}

# status of a setting whose value is bad: `unknown` when it could not be read.
status(null) := "unknown"

status(value) := "fail" if value != null

# ---------------------------------------------------------------------------------------
# GH-ACT-001: the default GITHUB_TOKEN permission is `read`.

token_problem(owner, value) := {
	"status": status(value),
	"message": token_message(owner, value),
	"evidence": [sprintf("default_workflow_permissions: %v", [value])],
	"pointer": "/actions/default_workflow_permissions",
}

token_message(owner, null) := sprintf("The default GITHUB_TOKEN permission of %s could not be read", [owner])

token_message(owner, value) := sprintf("Workflows in %s get a GITHUB_TOKEN with %s permissions by default", [owner, value]) if {
	value != null
}

# METADATA
# title: Default GITHUB_TOKEN permission is not read-only (organization)
# description: >
#   A workflow or job that declares no `permissions:` gets the org's default
#   GITHUB_TOKEN permissions. With `write`, every such job can push code, create
#   releases and change issues and pull requests, so one compromised step or action
#   can change the repository. The restricted default (`read`: contents and packages
#   read) makes write access an explicit, reviewable choice in the workflow file.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Workflow permissions)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-ACT-001
#   severity: medium
#   remediation: >
#     Organization Settings > Actions > General > Workflow permissions: select "Read
#     repository contents and packages permissions" and save (or PUT
#     /orgs/{org}/actions/permissions/workflow with {"default_workflow_permissions": "read"}).
#     Grant write scopes per job with `permissions:` in the workflows that need them.
#   identity: [org_id]
findings contains emit(rego.metadata.rule(), o, o.identity, problem) if {
	some o in gh.orgs
	value := o.org.actions.default_workflow_permissions
	value != "read"
	problem := token_problem(sprintf("org %s", [o.org.login]), value)
}

# METADATA
# title: Default GITHUB_TOKEN permission is not read-only (repository)
# description: >
#   The repository's workflows that declare no `permissions:` get a GITHUB_TOKEN with
#   write access, and the repository's value differs from its org's: the repository
#   sets it itself. Any step or action in such a job can push code or change releases.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
#     description: GitHub, "Managing GitHub Actions settings for a repository" (Workflow permissions)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-ACT-001
#   severity: medium
#   remediation: >
#     Repository Settings > Actions > General > Workflow permissions: select "Read
#     repository contents and packages permissions" (or PUT
#     /repos/{owner}/{repo}/actions/permissions/workflow with
#     {"default_workflow_permissions": "read"}), then grant write scopes per job with
#     `permissions:` where a job needs them.
#   identity: [repository_id]
findings contains emit(rego.metadata.rule(), r, r.identity, problem) if {
	some r in gh.repositories
	value := r.repo.actions.default_workflow_permissions
	value != "read"
	value != org_by_doc[r.index].org.actions.default_workflow_permissions
	not dormant(r.repo)
	problem := token_problem(sprintf("repository %s", [r.repo.full_name]), value)
}

# ---------------------------------------------------------------------------------------
# GH-ACT-002: workflows cannot create or approve pull requests.

approval_problem(owner, value) := {
	"status": status(value),
	"message": approval_message(owner, value),
	"evidence": [sprintf("can_approve_pull_request_reviews: %v", [value])],
	"pointer": "/actions/can_approve_pull_request_reviews",
}

approval_message(owner, null) := sprintf("Whether workflows in %s may create and approve pull requests could not be read", [owner])

approval_message(owner, true) := sprintf("Workflows in %s may create and approve pull requests", [owner])

# METADATA
# title: Workflows can create and approve pull requests (organization)
# description: >
#   With "Allow GitHub Actions to create and approve pull requests", a workflow's
#   GITHUB_TOKEN can open a pull request and submit an approving review, which can
#   satisfy a required review and merge code into a protected branch without a person
#   approving it.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Preventing GitHub Actions from creating or approving pull requests)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-ACT-002
#   severity: high
#   remediation: >
#     Organization Settings > Actions > General > Workflow permissions: clear "Allow
#     GitHub Actions to create and approve pull requests" (or PUT
#     /orgs/{org}/actions/permissions/workflow with
#     {"can_approve_pull_request_reviews": false}). Automation that opens pull requests
#     should use a GitHub App whose pull requests still need a human review.
#   identity: [org_id]
findings contains emit(rego.metadata.rule(), o, o.identity, problem) if {
	some o in gh.orgs
	value := o.org.actions.can_approve_pull_request_reviews
	value != false
	problem := approval_problem(sprintf("org %s", [o.org.login]), value)
}

# METADATA
# title: Workflows can create and approve pull requests (repository)
# description: >
#   The repository lets its workflows open pull requests and submit approving reviews,
#   unlike its org's setting: a workflow can approve its own change and satisfy a
#   required review without a person.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
#     description: GitHub, "Managing GitHub Actions settings for a repository" (Preventing GitHub Actions from creating or approving pull requests)
# custom:
#   id: GH-ACT-002
#   severity: high
#   remediation: >
#     Repository Settings > Actions > General > Workflow permissions: clear "Allow
#     GitHub Actions to create and approve pull requests" (or PUT
#     /repos/{owner}/{repo}/actions/permissions/workflow with
#     {"can_approve_pull_request_reviews": false}).
#   identity: [repository_id]
findings contains emit(rego.metadata.rule(), r, r.identity, problem) if {
	some r in gh.repositories
	value := r.repo.actions.can_approve_pull_request_reviews
	value != false
	value != org_by_doc[r.index].org.actions.can_approve_pull_request_reviews
	not dormant(r.repo)
	problem := approval_problem(sprintf("repository %s", [r.repo.full_name]), value)
}

# ---------------------------------------------------------------------------------------
# GH-ACT-003: fork pull-request workflows in private and internal repositories get no
# secrets, no write token, and need approval. Each setting is a facet with its own
# severity (the catalog fixes critical for secrets; write tokens high and a missing
# approval medium are this bundle's defaults). The facets only matter when fork pull
# requests run workflows at all.

fork_facets := {
	"send_secrets_and_variables": {"bad": true, "severity": "critical", "says": "receive the repository's secrets and variables"},
	"send_write_tokens_to_workflows": {"bad": true, "severity": "high", "says": "get a GITHUB_TOKEN with write permissions"},
	"require_approval_for_fork_pr_workflows": {"bad": false, "severity": "medium", "says": "run without a maintainer's approval"},
}

# The value of one fork setting, null when the settings could not be read.
fork_value(null, _) := null

fork_value(settings, field) := settings[field] if settings != null

fork_problem(owner, settings, field) := {
	"status": "fail",
	"severity": fork_facets[field].severity,
	"message": sprintf("Fork pull-request workflows in %s %s", [owner, fork_facets[field].says]),
	"evidence": [
		"run_workflows_from_fork_pull_requests: true",
		sprintf("%s: %v", [field, settings[field]]),
	],
	"pointer": sprintf("/actions/fork_pr_workflows_private_repos/%s", [field]),
}

fork_unread(owner) := {
	"status": "unknown",
	"message": sprintf("The fork pull-request workflow settings of %s could not be read", [owner]),
	"evidence": ["fork_pr_workflows_private_repos: null"],
	"pointer": "/actions/fork_pr_workflows_private_repos",
}

# METADATA
# title: Fork pull-request workflows get secrets, write tokens or run unapproved (organization default)
# description: >
#   The org default for private and internal repositories lets workflows triggered by
#   pull requests from forks receive secrets and variables, get a write GITHUB_TOKEN,
#   or run without a maintainer's approval. Anyone who can fork a private repository
#   then runs their own code with the repository's credentials.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Fork pull request workflows in private repositories)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-ACT-003
#   severity: critical
#   remediation: >
#     Organization Settings > Actions > General > "Fork pull request workflows in private
#     repositories": clear "Send write tokens to workflows from pull requests" and "Send
#     secrets and variables to workflows from pull requests", and check "Require approval
#     for fork pull request workflows" (or PUT
#     /orgs/{org}/actions/permissions/fork-pr-workflows-private-repos).
#   identity: [org_id, setting]
findings contains emit(rego.metadata.rule(), o, identity, problem) if {
	some o in gh.orgs
	not actions_off(o.org)
	owner := sprintf("org %s", [o.org.login])
	some problem in org_fork_problems(owner, o.org.actions.fork_pr_workflows_private_repos)
	identity := object.union(o.identity, {"setting": problem.setting})
}

org_fork_problems(owner, null) := {object.union(fork_unread(owner), {"setting": "fork_pr_workflows_private_repos"})}

org_fork_problems(owner, settings) := {p |
	settings.run_workflows_from_fork_pull_requests == true
	some field, facet in fork_facets
	settings[field] == facet.bad
	p := object.union(fork_problem(owner, settings, field), {"setting": field})
} if settings != null

# METADATA
# title: Fork pull-request workflows get secrets, write tokens or run unapproved (repository)
# description: >
#   This private or internal repository lets workflows triggered by pull requests from
#   forks receive secrets and variables, get a write GITHUB_TOKEN, or run without a
#   maintainer's approval, and differs from its org's default in doing so.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
#     description: GitHub, "Managing GitHub Actions settings for a repository" (Controlling changes from forks to workflows in private repositories)
# custom:
#   id: GH-ACT-003
#   severity: critical
#   remediation: >
#     Repository Settings > Actions > General > "Fork pull request workflows": clear
#     "Send write tokens to workflows from fork pull requests" and "Send secrets and
#     variables to workflows from fork pull requests", and check "Require approval for
#     fork pull request workflows" (or PUT
#     /repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos).
#   identity: [repository_id, setting]
findings contains emit(rego.metadata.rule(), r, identity, problem) if {
	some r in gh.repositories
	settings := r.repo.actions.fork_pr_workflows_private_repos
	org_settings := org_by_doc[r.index].org.actions.fork_pr_workflows_private_repos
	# Settings identical to the org default are inherited: nothing of the repo's own.
	settings != org_settings
	# Public repositories have no such setting (null with a not_applicable coverage entry).
	r.repo.visibility in {"private", "internal"}
	not dormant(r.repo)
	owner := sprintf("repository %s", [r.repo.full_name])
	some problem in repo_fork_problems(owner, settings, org_settings)
	identity := object.union(r.identity, {"setting": problem.setting})
}

repo_fork_problems(owner, null, org_settings) := {object.union(fork_unread(owner), {"setting": "fork_pr_workflows_private_repos"})} if {
	org_settings != null
}

repo_fork_problems(owner, settings, org_settings) := {p |
	settings.run_workflows_from_fork_pull_requests == true
	some field, facet in fork_facets
	settings[field] == facet.bad
	settings[field] != fork_value(org_settings, field)
	p := object.union(fork_problem(owner, settings, field), {"setting": field})
} if settings != null

# ---------------------------------------------------------------------------------------
# GH-ACT-004: public repositories require approval for every outside contributor.

strictest_approval := "all_external_contributors"

contributor_problem(owner, value) := {
	"status": status(value),
	"message": contributor_message(owner, value),
	"evidence": [sprintf("fork_pr_contributor_approval: %v", [value])],
	"pointer": "/actions/fork_pr_contributor_approval",
}

contributor_message(owner, null) := sprintf("The fork pull-request approval policy of %s could not be read", [owner])

contributor_message(owner, value) := sprintf("Fork pull requests to public repositories of %s run without approval unless the author is %s", [owner, approval_scope[value]]) if {
	approval_scope[value]
}

contributor_message(owner, value) := sprintf("Fork pull requests to public repositories of %s need approval only under the policy %q", [owner, value]) if {
	value != null
	not approval_scope[value]
}

approval_scope := {
	"first_time_contributors_new_to_github": "a first-time contributor new to GitHub",
	"first_time_contributors": "a first-time contributor",
}

# METADATA
# title: Fork pull-request runs in public repositories do not all need approval (organization)
# description: >
#   In public repositories, workflows for pull requests from forks start without a
#   maintainer's approval once the author has contributed before (or has an older
#   account). Requiring approval for all outside contributors stops a drive-by pull
#   request from running code on the org's runners or probing its workflows.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Configuring required approval for workflows from public forks)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-ACT-004
#   severity: medium
#   remediation: >
#     Organization Settings > Actions > General > "Approval for running fork pull request
#     workflows from contributors": select "Require approval for all external
#     contributors" (or PUT /orgs/{org}/actions/permissions/fork-pr-contributor-approval
#     with {"approval_policy": "all_external_contributors"}).
#   identity: [org_id]
findings contains emit(rego.metadata.rule(), o, o.identity, problem) if {
	some o in gh.orgs
	not actions_off(o.org)
	value := o.org.actions.fork_pr_contributor_approval
	value != strictest_approval
	problem := contributor_problem(sprintf("org %s", [o.org.login]), value)
}

# METADATA
# title: Fork pull-request runs in a public repository do not all need approval
# description: >
#   This public repository runs workflows for some outside contributors' fork pull
#   requests without a maintainer's approval, and its policy differs from its org's.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
#     description: GitHub, "Managing GitHub Actions settings for a repository" (Configuring required approval for workflows from public forks)
# custom:
#   id: GH-ACT-004
#   severity: medium
#   remediation: >
#     Repository Settings > Actions > General > "Approval for running fork pull request
#     workflows from contributors": select "Require approval for all external
#     contributors" (or PUT
#     /repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval with
#     {"approval_policy": "all_external_contributors"}).
#   identity: [repository_id]
findings contains emit(rego.metadata.rule(), r, r.identity, problem) if {
	some r in gh.repositories
	value := r.repo.actions.fork_pr_contributor_approval
	value != strictest_approval
	value != org_by_doc[r.index].org.actions.fork_pr_contributor_approval
	# Private and internal repositories have no such setting (null, not_applicable).
	r.repo.visibility == "public"
	not dormant(r.repo)
	problem := contributor_problem(sprintf("repository %s", [r.repo.full_name]), value)
}

# ---------------------------------------------------------------------------------------
# GH-ACT-005: allowed actions are restricted, and SHA pinning is required. The
# selected-actions allowlist itself (GitHub-owned, verified creators, patterns) is not
# collected yet: an org that uses `selected` gets one `unknown` for it.

permission_problems(owner, null, _) := {{
	"setting": "permissions",
	"status": "unknown",
	"message": sprintf("The allowed-actions policy of %s could not be read", [owner]),
	"evidence": ["actions.permissions: null"],
	"pointer": "/actions/permissions",
}}

permission_problems(owner, perms, org_perms) := allowed_problems(owner, perms, org_perms) | pinning_problems(owner, perms, org_perms) if {
	perms != null
}

# The org's value of a permissions field: a repository reports only values that differ
# from it. An org passes "org" instead of a baseline and gets `{}`, which equals no
# setting value, so every org value counts.
baseline("org", _) := {}

baseline(null, _) := null

baseline(perms, field) := object.get(perms, field, null) if is_object(perms)

allowed_problems(owner, perms, org_perms) := {p |
	perms.allowed_actions != "selected"
	perms.allowed_actions != "local_only"
	perms.allowed_actions != baseline(org_perms, "allowed_actions")
	p := {
		"setting": "allowed_actions",
		"status": status(perms.allowed_actions),
		"message": allowed_message(owner, perms.allowed_actions),
		"evidence": [sprintf("allowed_actions: %v", [perms.allowed_actions])],
		"pointer": "/actions/permissions/allowed_actions",
	}
}

allowed_message(owner, null) := sprintf("Which actions %s allows could not be read", [owner])

allowed_message(owner, value) := sprintf("Workflows in %s may use any action or reusable workflow (allowed_actions: %s)", [owner, value]) if {
	value != null
}

pinning_problems(owner, perms, org_perms) := {p |
	perms.sha_pinning_required != true
	perms.sha_pinning_required != baseline(org_perms, "sha_pinning_required")
	p := {
		"setting": "sha_pinning_required",
		"status": status(perms.sha_pinning_required),
		"message": pinning_message(owner, perms.sha_pinning_required),
		"evidence": [sprintf("sha_pinning_required: %v", [perms.sha_pinning_required])],
		"pointer": "/actions/permissions/sha_pinning_required",
	}
}

pinning_message(owner, null) := sprintf("Whether %s requires actions pinned to a full commit SHA could not be read", [owner])

pinning_message(owner, false) := sprintf("Workflows in %s may use actions by mutable tag or branch; SHA pinning is not required", [owner])

# The selected-actions allowlist is not collected yet.
allowlist_problems(owner, perms) := {{
	"setting": "selected_actions",
	"status": "unknown",
	"message": sprintf("%s allows selected actions, but the allowlist is not collected yet", [owner]),
	"evidence": ["allowed_actions: selected", "selected-actions allowlist: not collected"],
	"pointer": "/actions/permissions/allowed_actions",
}} if perms.allowed_actions == "selected"

else := set()

# METADATA
# title: Any action may run, or SHA pinning is not required (organization)
# description: >
#   The org lets workflows use any public action or reusable workflow, or does not
#   require actions to be pinned to a full commit SHA. A third-party action runs with
#   the job's GITHUB_TOKEN, secrets and OIDC token; a tag or branch reference can be
#   moved to new code after review. Restrict actions to the org's own, GitHub's,
#   verified creators and an allowlist, and require SHA pinning.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Policies, Allowing select actions and reusable workflows to run)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions" (Using third-party actions)
# custom:
#   id: GH-ACT-005
#   severity: medium
#   remediation: >
#     Organization Settings > Actions > General > Policies: select "Allow OWNER, and
#     select non-OWNER, actions and reusable workflows", allow GitHub-created actions and
#     verified creators, list the other actions you use by `owner/action@SHA`, and check
#     "Require actions to be pinned to a full-length commit SHA" (or PUT
#     /orgs/{org}/actions/permissions with {"enabled_repositories": ..., "allowed_actions":
#     "selected", "sha_pinning_required": true} and PUT
#     /orgs/{org}/actions/permissions/selected-actions).
#   identity: [org_id, setting]
findings contains emit(rego.metadata.rule(), o, identity, problem) if {
	some o in gh.orgs
	not actions_off(o.org)
	perms := o.org.actions.permissions
	owner := sprintf("org %s", [o.org.login])
	problems := permission_problems(owner, perms, "org") | allowlist_problems(sprintf("Org %s", [o.org.login]), perms)
	some problem in problems
	identity := object.union(o.identity, {"setting": problem.setting})
}

# METADATA
# title: Any action may run, or SHA pinning is not required (repository)
# description: >
#   The repository allows any action or reusable workflow, or does not require SHA
#   pinning, and differs from its org in doing so: its workflows can run third-party
#   code that nobody reviewed, with the job's credentials.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/enabling-features-for-your-repository/managing-github-actions-settings-for-a-repository
#     description: GitHub, "Managing GitHub Actions settings for a repository" (Managing GitHub Actions permissions for your repository)
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions" (Using third-party actions)
# custom:
#   id: GH-ACT-005
#   severity: medium
#   remediation: >
#     Repository Settings > Actions > General > Actions permissions: select "Allow OWNER,
#     and select non-OWNER, actions and reusable workflows" with an explicit allowlist,
#     and check "Require actions to be pinned to a full-length commit SHA" (or PUT
#     /repos/{owner}/{repo}/actions/permissions with {"enabled": true,
#     "allowed_actions": "selected", "sha_pinning_required": true}).
#   identity: [repository_id, setting]
findings contains emit(rego.metadata.rule(), r, identity, problem) if {
	some r in gh.repositories
	org_perms := org_by_doc[r.index].org.actions.permissions
	not same_permissions(r.repo.actions.permissions, org_perms)
	not dormant(r.repo)
	some problem in repo_permission_problems(r.repo, org_perms)
	identity := object.union(r.identity, {"setting": problem.setting})
}

# The repository's allowed-actions settings equal its org's: inherited (a cheap test
# that lets most repositories skip the per-setting comparisons).
same_permissions(perms, org_perms) if {
	perms.allowed_actions == org_perms.allowed_actions
	perms.sha_pinning_required == org_perms.sha_pinning_required
}

# A repository whose permissions could not be read is unknown only when its org's could
# be read (otherwise the org's unknown covers it).
repo_permission_problems(repo, org_perms) := permission_problems(sprintf("repository %s", [repo.full_name]), repo.actions.permissions, org_perms) if {
	repo.actions.permissions != null
}

repo_permission_problems(repo, org_perms) := permission_problems(sprintf("repository %s", [repo.full_name]), null, org_perms) if {
	repo.actions.permissions == null
	org_perms != null
}

# ---------------------------------------------------------------------------------------
# GH-ACT-006 and GH-ACT-007: org only.

# METADATA
# title: Every repository may run GitHub Actions
# description: >
#   Actions is enabled for all repositories of the org, so a new or forgotten repository
#   can run workflows (and reach org secrets and runners shared with all repositories)
#   without anyone deciding it should. Enabling Actions for selected repositories keeps
#   the set of repositories that run automation deliberate.
# related_resources:
#   - ref: https://docs.github.com/en/organizations/managing-organization-settings/disabling-or-limiting-github-actions-for-your-organization
#     description: GitHub, "Disabling or limiting GitHub Actions for your organization" (Managing GitHub Actions permissions for your organization)
# custom:
#   id: GH-ACT-006
#   severity: low
#   remediation: >
#     Organization Settings > Actions > General > Policies: under "Enabled repositories"
#     choose "Selected repositories" and list the repositories that run workflows (or PUT
#     /orgs/{org}/actions/permissions with {"enabled_repositories": "selected", ...} and
#     PUT /orgs/{org}/actions/permissions/repositories).
#   identity: [org_id]
findings contains emit(rego.metadata.rule(), o, o.identity, problem) if {
	some o in gh.orgs
	problem := enabled_problem(o.org)
}

enabled_problem(org) := {
	"status": "unknown",
	"message": sprintf("Which repositories of org %s may run Actions could not be read", [org.login]),
	"evidence": [sprintf("enabled_repositories: %v", [enabled_repositories(org)])],
	"pointer": "/actions/permissions",
} if enabled_repositories(org) == null

enabled_problem(org) := {
	"status": "fail",
	"message": sprintf("Every repository of org %s may run GitHub Actions", [org.login]),
	"evidence": ["enabled_repositories: all"],
	"pointer": "/actions/permissions/enabled_repositories",
} if enabled_repositories(org) == "all"

# null when the permissions could not be read or GitHub did not report the field.
enabled_repositories(org) := object.get(org.actions.permissions, "enabled_repositories", null) if {
	org.actions.permissions != null
}

else := null

# METADATA
# title: Runner groups are not checked (not collected yet)
# description: >
#   Self-hosted runner groups should not be usable by public repositories and should be
#   limited to selected repositories: a public repository's fork pull request can run
#   code on a self-hosted runner and persist there. The snapshot does not collect runner
#   groups yet (REST GET /orgs/{org}/actions/runner-groups, source still to be verified),
#   so this check reports `unknown` once per org instead of passing.
# related_resources:
#   - ref: https://docs.github.com/en/actions/hosting-your-own-runners/managing-access-to-self-hosted-runners-using-groups
#     description: GitHub, "Managing access to self-hosted runners using groups"
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions" (Hardening for self-hosted runners)
# custom:
#   id: GH-ACT-007
#   severity: high
#   remediation: >
#     Organization Settings > Actions > Runner groups: for each group, clear "Allow
#     public repositories" and set "Repository access" to "Selected repositories" (or
#     PATCH /orgs/{org}/actions/runner-groups/{id} with {"visibility": "selected",
#     "allows_public_repositories": false}). Until the adapter collects runner groups,
#     review them by hand.
#   identity: [org_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": o.resource,
	"message": sprintf("Runner groups of org %s are not collected yet, so their access is not checked", [o.org.login]),
	"evidence": ["runner groups: not collected"],
	"identity": o.identity,
	"source": o.source,
}) if {
	some o in gh.orgs
}
