# METADATA
# title: GitHub branch protection
# description: >
#   GH-BP checks: the branches that matter for credentials (the default branch, the
#   branches environments deploy from, and the branches OpenAI federation rules trust)
#   are protected, and ruleset bypass lists stay short.
#
#   Effective protection of a branch is the union of the classic branch protection rules
#   and the rulesets that apply to it. `repositories[].rulesets` already holds the
#   repository's own rulesets and those inherited from its org and enterprise (GraphQL
#   `includeParents`); `org.rulesets` lacks the repository conditions that say which
#   repositories an org ruleset targets, so it is not used to decide protection (an org
#   ruleset that reaches a repository is in that repository's list). Only rulesets with
#   `enforcement: active` and a branch target protect: `evaluate` only reports.
#
#   Who may bypass a ruleset is judged once per ruleset by GH-BP-002; GH-BP-001's
#   "administrators included" applies to classic rules, which have no bypass list but
#   exempt administrators unless "Do not allow bypassing the above settings" is set.
#   Archived repositories are skipped (nobody can push to them).
package regolith.checks.gh_bp

import data.regolith.lib
import data.regolith.lib.github as gh
import data.regolith.lib.openai as oai

# The protections GH-BP-001 requires, as evidence names them.
required := {
	"force_push": "force-push blocking",
	"deletion": "deletion blocking",
	"review": "a required approving review",
}

# ---------------------------------------------------------------------------------------
# The branches that matter: every repository's default branch, plus other_reasons
# [[REPO_URI, BRANCH]]: [kind, why] pairs with kind `deploy` (an environment's custom
# deployment branch pattern) or `trust` (named by an OpenAI federation rule).

other_reasons[key] contains ["deploy", sprintf("deploys to environment %s", [env.name])] if {
	some uri, r in gh.repositories
	some env in r.repo.environments
	env.deployment_branch_policy.mode == "custom"
	some p in env.deployment_branch_policy.patterns
	p.type == "branch"
	key := [uri, p.name]
}

other_reasons[key] contains ["trust", t.why] if {
	some uri, trusts in trusted_branches
	some t in trusts
	key := [uri, t.branch]
}

# Branches named by OpenAI federation rules, keyed by the repository URI they belong to.
# A rule names a branch through `ref` (`refs/heads/B`), `job_workflow_ref`
# (`OWNER/REPO/PATH@refs/heads/B`) or `sub` (`…:ref:refs/heads/B`). The repository comes
# from `job_workflow_ref` itself, or from the rule's `repository_id` / `repository`
# matchers or the `repo:` / `repository_id:` part of `sub`. A rule that names no
# repository trusts the branch in every repository of the owner: that breadth is
# GH-OIDC-002's finding, and it is not attributed here. Disabled rules count too: they
# can be re-enabled.
trusted_branches[uri] contains {"branch": hit.branch, "why": sprintf("trusted by %s (%s)", [fr.resource, hit.claim])} if {
	some fr in oai.federation_rules
	some hit in claimed_branches(fr.rule.attribute_matchers)
	some uri in hit.repos
}

claimed_branches(matchers) := ({{"claim": "ref", "branch": substring(ref, 11, -1), "repos": matcher_repos(matchers)} |
	ref := matchers.ref
	is_string(ref)
	startswith(ref, "refs/heads/")
} | {{"claim": "job_workflow_ref", "branch": m[2], "repos": repos_named(m[1])} |
	is_string(matchers.job_workflow_ref)
	some m in regex.find_all_string_submatch_n(`^([^/@]+/[^/@]+)/[^@]*@refs/heads/(.+)$`, matchers.job_workflow_ref, 1)
}) | {{"claim": "sub", "branch": m[1], "repos": matcher_repos(matchers)} |
	is_string(matchers.sub)
	some m in regex.find_all_string_submatch_n(`(?:^|:)ref:refs/heads/([^:]+)`, matchers.sub, 1)
}

# Repository URIs by lower-cased name and by id. Two URIs can share one (documents
# that spell an org's login differently, a renamed repository in two snapshots): the
# least URI is taken rather than the evaluation stopped on a conflict.
repo_uris_by_name[lower(r.repo.full_name)] contains uri if some uri, r in gh.repositories

repo_uris_by_id[r.repo.id] contains uri if some uri, r in gh.repositories

repo_by_name := {name: min(uris) | some name, uris in repo_uris_by_name}

repo_by_id := {id: min(uris) | some id, uris in repo_uris_by_id}

repos_named(name) := {repo_by_name[lower(name)]} if repo_by_name[lower(name)]

else := set()

# Claims are strings ("987654321"); a matcher may hold the number itself.
id_number(value) := to_number(value) if {
	is_string(value)
	regex.match(`^[0-9]+$`, value)
}

id_number(value) := value if is_number(value)

# The repositories a rule's matchers pin: by id, by name, or by the `repo:` part of `sub`
# (legacy `OWNER/REPO` or immutable `OWNER@ID/REPO@ID`) or its `repository_id:` part.
matcher_repos(matchers) := (({uri |
	uri := repo_by_id[id_number(matchers.repository_id)]
} | {uri |
	is_string(matchers.repository)
	some uri in repos_named(matchers.repository)
}) | {uri |
	is_string(matchers.sub)
	some m in regex.find_all_string_submatch_n(`(?:^|:)repo:([^:]+)`, matchers.sub, 1)
	some uri in repos_named(regex.replace(m[1], `@[0-9]+`, ""))
}) | {uri |
	is_string(matchers.sub)
	some m in regex.find_all_string_submatch_n(`(?:^|:)repository_id:([0-9]+)`, matchers.sub, 1)
	uri := repo_by_id[to_number(m[1])]
}

# ---------------------------------------------------------------------------------------
# Protection of one branch. `admin_proof` is the fast test run on every branch: the
# required protections that some source applies to administrators too. Only a branch
# that lacks one gets the full `verdict`, with the sources for evidence.

admin_proof(r, branch) := {p |
	some rule in r.repo.branch_protection_rules
	rule.is_admin_enforced == true
	branch_matches(rule.pattern, branch)
	some p, _ in required
	classic_holds(rule, p)
} | {p |
	some rs in r.repo.rulesets
	rs.enforcement == "active"
	profile := ruleset_profile(r.index, rs)
	covers(profile, rs, r.repo.default_branch, branch)
	some p in profile.enforces
}

# What a ruleset enforces, and whether it covers the default branch whatever its name
# (`~DEFAULT_BRANCH` or `~ALL`, nothing excluded). Org rulesets reach thousands of
# repositories as identical copies, so their profiles are computed once, from
# `org.rulesets`, by document and ruleset id.
org_profiles := {o.index: {rs.id: profile_of(rs) |
	some rs in o.org.rulesets
	rs.id != null
} |
	some o in gh.orgs
}

# Where the org's copy could not give a rule's parameters (`pull_request` with
# `parameters: null`), the repository's copy of the same ruleset adds what it shows, so
# a fact read in one place is not taken as missing.
ruleset_profile(d, rs) := object.union(org, {"enforces": enforces}) if {
	org := org_profiles[d][rs.id]
	enforces := org.enforces | completion(org, rs)
}

else := profile_of(rs)

completion(org, rs) := profile_of(rs).enforces if count(org.unread) > 0

else := set()

profile_of(rs) := {
	"enforces": {p | some p, _ in required; ruleset_holds(rs, p)},
	"covers_default": covers_any_default(rs),
	"unread": {"review" |
		some rule in rs.rules
		rule.type == "pull_request"
		rule.parameters == null
	},
}

covers_any_default(rs) if {
	protects_branches(rs)
	rs.ref_exclude == []
	some ref in rs.ref_include
	ref in {"~DEFAULT_BRANCH", "~ALL"}
}

else := false

covers(profile, rs, default_branch, branch) if {
	profile.covers_default
	branch == default_branch
}

else := ruleset_covers(rs, default_branch, branch)

verdict(r, branch) := verdict_of(r.index, branch, r.repo.default_branch, r.repo.branch_protection_rules, r.repo.rulesets)

verdict_of(d, branch, default_branch, classic_rules, rulesets) := {
	"sources": sources,
	"missing": {p | some p, _ in required; not p in enforced},
	"admins_exempt": enforced - admin_proof,
	"evaluate_only": [ruleset_label(rs) |
		some rs in rulesets
		rs.enforcement == "evaluate"
		ruleset_covers(rs, default_branch, branch)
	],
	"lists_read": lists_read(classic_rules, rulesets),
	# Missing protections that a covering ruleset may enforce with parameters no copy gave.
	"unread": {p | some s in sources; some p in object.get(s, "unread", set()); not p in enforced},
} if {
	sources := array.concat(classic_sources(classic_rules, branch), ruleset_sources(d, rulesets, default_branch, branch))
	enforced := {p | some s in sources; some p in s.enforces}
	admin_proof := {p | some s in sources; some p in s.admin_proof}
}

lists_read(classic_rules, rulesets) if {
	classic_rules != null
	rulesets != null
}

else := false

# Matching branch names. Classic rules and ruleset ref patterns are fnmatch globs where
# `*` does not cross `/` (GitHub uses File::FNM_PATHNAME) and `**` does. A deployment
# pattern (`release/*`) is compared as its own text, so it counts as protected when a
# protection pattern covers that text (the same pattern, or a wider one).
branch_matches(pattern, branch) if glob.match(pattern, ["/"], branch)

ref_matches("~ALL", _, _) := true

ref_matches("~DEFAULT_BRANCH", default_branch, branch) if branch == default_branch

ref_matches(ref, _, branch) if {
	startswith(ref, "refs/heads/")
	branch_matches(substring(ref, 11, -1), branch)
}

# Protection sources: {label, enforces, admin_proof}: the required protections a source
# applies, and those it applies to administrators too.

classic_holds(rule, "force_push") if rule.allows_force_pushes == false

classic_holds(rule, "deletion") if rule.allows_deletions == false

classic_holds(rule, "review") if {
	rule.requires_approving_reviews == true
	# GitHub reports no count when it is the minimum of one.
	not rule.required_approving_review_count == 0
}

classic_sources(classic_rules, branch) := [s |
	some rule in classic_rules
	branch_matches(rule.pattern, branch)
	enforces := {p | some p, _ in required; classic_holds(rule, p)}
	s := {
		"label": sprintf("branch protection rule %q", [rule.pattern]),
		"enforces": enforces,
		"admin_proof": classic_admin_proof(rule, enforces),
	}
]

classic_admin_proof(rule, enforces) := enforces if rule.is_admin_enforced == true

else := set()

ruleset_holds(rs, "force_push") if {
	some rule in rs.rules
	rule.type == "non_fast_forward"
}

ruleset_holds(rs, "deletion") if {
	some rule in rs.rules
	rule.type == "deletion"
}

ruleset_holds(rs, "review") if {
	some rule in rs.rules
	rule.type == "pull_request"
	rule.parameters.required_approving_review_count >= 1
}

protects_branches(rs) if rs.target == "branch"

# GitHub's default target is `branch`; a ruleset whose target was not reported is taken
# to be one.
protects_branches(rs) if rs.target == null

ruleset_covers(rs, default_branch, branch) if {
	protects_branches(rs)
	some ref in rs.ref_include
	ref_matches(ref, default_branch, branch)
	not ruleset_excludes(rs, default_branch, branch)
}

ruleset_excludes(rs, default_branch, branch) if {
	some ref in rs.ref_exclude
	ref_matches(ref, default_branch, branch)
}

ruleset_label(rs) := sprintf("ruleset %q (%s %s)", [rs.name, rs.source.type, rs.source.name])

# A ruleset's bypass list is GH-BP-002's concern, so for GH-BP-001 what it enforces
# applies to administrators too. What it enforces comes from the same profile that
# admin_proof reads, so the message names exactly the gap that made the finding.
ruleset_sources(d, rulesets, default_branch, branch) := [s |
	some rs in rulesets
	rs.enforcement == "active"
	ruleset_covers(rs, default_branch, branch)
	profile := ruleset_profile(d, rs)
	s := {
		"label": ruleset_label(rs),
		"enforces": profile.enforces,
		"admin_proof": profile.enforces,
		"unread": profile.unread - profile.enforces,
	}
]

# Truncated lists (coverage entry with status `error`) make the protection facts
# incomplete, as a list that could not be read (`null`) does.
truncated contains [d, entry.resource] if {
	some d, doc in input.github
	some entry in doc.coverage
	entry.status == "error"
}

status(r, v) := "unknown" if not v.lists_read

else := "unknown" if count(v.unread) > 0

else := "unknown" if [r.index, sprintf("repo:%s/branch_protection_rules", [r.repo.full_name])] in truncated

else := "unknown" if [r.index, sprintf("repo:%s/rulesets", [r.repo.full_name])] in truncated

else := "fail"

# ---------------------------------------------------------------------------------------
# The branches with a gap, assessed once for GH-BP-001 and -003: only small values here
# (an entity holds whole snapshot objects, which a set would hash).

gaps contains assessment(r, branch, why, verdict(r, branch)) if {
	some uri, r in gh.repositories
	branch := r.repo.default_branch
	branch != null
	count(admin_proof(r, branch)) < count(required)
	not r.repo.archived
	why := {["default", "default branch"]} | more_reasons(uri, branch)
}

# (object.get would read an array key as a path.)
more_reasons(uri, branch) := other_reasons[[uri, branch]]

else := set()

gaps contains assessment(r, key[1], why, verdict(r, key[1])) if {
	some key, why in other_reasons
	r := gh.repositories[key[0]]
	key[1] != r.repo.default_branch
	count(admin_proof(r, key[1])) < count(required)
	not r.repo.archived
}

assessment(r, branch, why, v) := {
	"resource": r.resource,
	"full_name": r.repo.full_name,
	"identity": object.union(r.identity, {"branch": branch}),
	"source": r.source,
	"branch": branch,
	"whys": sort({w | some [_, w] in why}),
	"kinds": {k | some [k, _] in why},
	"verdict": v,
	"status": status(r, v),
}

# Branches GH-BP-003 owns: named by a deployment policy or a trust, and with no
# protection at all.
unprotected_trust(a) if {
	count(a.kinds & {"deploy", "trust"}) > 0
	count(a.verdict.sources) == 0
}

outcome(meta, "fail", fields) := lib.finding(meta, fields)

outcome(meta, "unknown", fields) := lib.unknown(meta, fields)

names(protections) := concat(", ", sort([required[p] | some p in protections]))

gap_evidence(v) := array.concat(
	array.concat(
		[sprintf("missing: %s", [names(v.missing - v.unread)]) | count(v.missing - v.unread) > 0],
		[sprintf("not known: %s", [names(v.unread)]) | count(v.unread) > 0],
	),
	[sprintf("administrators exempt from: %s", [names(v.admins_exempt)]) | count(v.admins_exempt) > 0],
)

source_evidence(a) := array.concat(
	array.concat(
		[sprintf("%s enforces: %s", [s.label, names(s.enforces)]) | some s in a.verdict.sources],
		[sprintf("%s: does not include administrators", [s.label]) | some s in a.verdict.sources; count(s.enforces - s.admin_proof) > 0],
	),
	array.concat(
		[sprintf("%s: evaluate mode, enforces nothing", [label]) | some label in a.verdict.evaluate_only],
		array.concat(
			array.concat(
				["branch_protection_rules or rulesets: not read or truncated" | a.status == "unknown"; count(a.verdict.unread) == 0],
				[sprintf("%s: the parameters of its pull_request rule were not read, so whether it requires %s is unknown", [s.label, names(s.unread)]) | some s in a.verdict.sources; count(s.unread) > 0],
			),
			["no branch protection rule or active ruleset covers the branch" | a.status == "fail"; count(a.verdict.sources) == 0],
		),
	),
)

# METADATA
# title: Default or deployment branch is not fully protected
# description: >
#   The default branch, and the branches environments deploy from or federation rules
#   trust, should block force pushes and deletion, require an approving review, and bind
#   administrators too (a classic rule with "Do not allow bypassing the above settings",
#   or a ruleset). Otherwise one account can rewrite what CI builds and deploys, with the
#   credentials CI holds. A deployment or trusted branch with no protection at all is
#   reported by GH-BP-003 instead, and ruleset bypass lists by GH-BP-002.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches
#     description: GitHub, "About protected branches"
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
#     description: GitHub, "About rulesets"
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-BP-001
#   severity: medium
#   remediation: >
#     Protect the branch with a ruleset (Repository or Organization Settings > Rules >
#     Rulesets > New branch ruleset): enforcement "Active", target the branch (or "Include
#     default branch"), enable "Restrict deletions", "Block force pushes" and "Require a
#     pull request before merging" with at least 1 required approval. With a classic rule
#     (Settings > Branches), clear "Allow force pushes" and "Allow deletions", require
#     approvals, and check "Do not allow bypassing the above settings".
#   identity: [repository_id, branch]
findings contains outcome(rego.metadata.rule(), a.status, {
	"resource": a.resource,
	"message": sprintf("Branch %q of %s (%s) is not fully protected: %s", [a.branch, a.full_name, concat(", ", a.whys), concat("; ", gap_evidence(a.verdict))]),
	"evidence": source_evidence(a),
	"identity": a.identity,
	"source": a.source,
}) if {
	some a in gaps
	not unprotected_trust(a)
}

# METADATA
# title: A branch that deploys or is trusted by a federation rule is unprotected
# description: >
#   An environment's deployment branch policy or an OpenAI federation rule (through
#   `ref`, `job_workflow_ref` or a `sub` with `ref:refs/heads/…`) names this branch, but
#   no classic protection rule or active ruleset covers it. Branch-scoped trust is only
#   as strong as the branch: anyone with write access can push a workflow to it and
#   deploy, or exchange its OIDC token for the service account.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     description: GitHub, "About security hardening with OpenID Connect"
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
#     description: GitHub, "About rulesets"
# custom:
#   id: GH-BP-003
#   severity: high
#   remediation: >
#     Add an active branch ruleset for the branch (Repository Settings > Rules > Rulesets >
#     New branch ruleset, target `refs/heads/BRANCH`) with "Restrict deletions", "Block
#     force pushes" and "Require a pull request before merging" (1+ approvals) and no
#     "Always" bypass; or, if the branch should not be trusted, narrow the federation rule
#     to an `environment` with required reviewers, or remove the branch from the
#     environment's deployment branch policy.
#   identity: [repository_id, branch]
findings contains outcome(rego.metadata.rule(), a.status, {
	"resource": a.resource,
	"message": sprintf("Branch %q of %s is unprotected but %s", [a.branch, a.full_name, concat(", ", a.whys)]),
	"evidence": array.concat(array.concat(a.whys, ["no branch protection rule or active ruleset covers it"]), source_evidence(a)),
	"identity": a.identity,
	"source": a.source,
}) if {
	some a in gaps
	unprotected_trust(a)
}

# ---------------------------------------------------------------------------------------
# GH-BP-002: ruleset bypass lists. CLI.md has no URI for a ruleset, so a finding names
# the org or repository that defines it (`github://ORG`, `github://ORG/REPO`) and its
# identity is the ruleset id. Org rulesets come from `org.rulesets`, or, when that list
# could not be read, from the inherited copies in repository lists. Enterprise rulesets
# are defined outside the org and have no resource URI; they are not reported.

# Bypass entries accepted by the org (`TYPE` or `TYPE:NAME`, e.g.
# `Integration:release-bot`), from the optional parameter `ruleset_bypass_allowed`.
allowed_bypass := {x | some x in object.get(lib.params, "ruleset_bypass_allowed", [])}

actor_key(actor) := sprintf("%s:%s", [actor.type, actor.name]) if actor.name != null

else := actor.type

accepted(actor) if actor_key(actor) in allowed_bypass

accepted(actor) if actor.type in allowed_bypass

# Too broad: an actor that may bypass at any time (mode `always`), and deploy keys, which
# cannot be narrowed to one key. Mode `pull_request` (bypass only by merging a pull
# request) is the minimum.
excess(actor) if actor.mode == "always"

excess(actor) if actor.type == "DeployKey"

ruleset_key(rs) := rs.id if rs.id != null

else := sprintf("%s/%s", [rs.source.name, rs.name])

# The rulesets each org or repository defines: {resource, source, owner, ruleset}, small
# values only.
defined_rulesets contains {"resource": o.resource, "source": at(o, sprintf("/rulesets/%d", [i])), "owner": sprintf("org %s", [o.org.login]), "ruleset": rs} if {
	some o in gh.orgs
	some i, rs in o.org.rulesets
}

defined_rulesets contains {"resource": o.resource, "source": o.source, "owner": sprintf("org %s", [o.org.login]), "ruleset": rs} if {
	some o in gh.orgs
	o.org.rulesets == null
	some rs in inherited_org_rulesets[o.index]
}

defined_rulesets contains {"resource": r.resource, "source": at(r, sprintf("/rulesets/%d", [i])), "owner": sprintf("repository %s", [r.repo.full_name]), "ruleset": rs} if {
	some r in gh.repositories
	some i, rs in r.repo.rulesets
	rs.source.type == "Repository"
	not r.repo.archived
}

# Org rulesets seen through the repositories they reach, by document; identical copies
# collapse in the set.
inherited_org_rulesets[d] contains rs if {
	some r in gh.repositories
	input.github[r.index].org.rulesets == null
	d := r.index
	some rs in r.repo.rulesets
	rs.source.type == "Organization"
}

at(entity, suffix) := lib.source("github", entity.index, concat("", [entity.source.pointer, suffix]))

bypass_text(actor) := sprintf("%s (%s)", [actor_key(actor), actor.mode])

# METADATA
# title: Ruleset bypass list is broader than needed
# description: >
#   An active ruleset lets actors bypass it at any time (bypass mode "Always") or lets
#   any deploy key bypass it. Each such actor can push past the ruleset's protections
#   directly, without a pull request or review, so the protection is only as strong as
#   the weakest bypassing account, team or app. Keep the list empty, or limit it to
#   "For pull requests only" and to named apps that need it.
# related_resources:
#   - ref: https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-rulesets/about-rulesets
#     description: GitHub, "About rulesets"
#   - ref: https://docs.github.com/en/actions/security-guides/security-hardening-for-github-actions
#     description: GitHub, "Security hardening for GitHub Actions"
# custom:
#   id: GH-BP-002
#   severity: medium
#   remediation: >
#     Open the ruleset (Organization or Repository Settings > Rules > Rulesets > NAME) and
#     under "Bypass list" remove the listed actors, or set each remaining one to "For
#     pull requests only"; do not list "Deploy keys". Via the API: PUT
#     /orgs/{org}/rulesets/{ruleset_id} (or /repos/{owner}/{repo}/rulesets/{ruleset_id})
#     with a shorter "bypass_actors". Accept a deliberate bypass (a release app) with the
#     `ruleset_bypass_allowed` parameter.
#   identity: [ruleset_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": x.resource,
	"message": sprintf("Ruleset %q of %s can be bypassed by %s", [x.ruleset.name, x.owner, concat(", ", broad)]),
	"evidence": array.concat([sprintf("enforcement: %s", [x.ruleset.enforcement])], [sprintf("bypass: %s", [b]) | some b in broad]),
	"identity": {"ruleset_id": ruleset_key(x.ruleset)},
	"source": x.source,
}) if {
	some x in defined_rulesets
	x.ruleset.enforcement == "active"
	broad := [bypass_text(actor) |
		some actor in x.ruleset.bypass_actors
		excess(actor)
		not accepted(actor)
	]
	count(broad) > 0
}
