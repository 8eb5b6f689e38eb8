# METADATA
# title: Cross-system blast radius
# description: |
#   X checks join GitHub secrets to the Cloudflare tokens they hold. GitHub never reveals
#   secret values, so the link comes only from `credential_mappings` (lib/mappings.rego):
#   a secret with no mapping gives these checks nothing to judge.
#
#   Parameters read here (data.regolith.params; defaults in brackets):
#     credential_mappings, production_environments
#     production_zones        [[]]  zone names (globs, case-insensitive) that count as
#                                   production for X-001, e.g. ["acme.example", "*.acme.example"]
package regolith.checks.x

import data.regolith.lib
import data.regolith.lib.cloudflare as cf
import data.regolith.lib.github as gh
import data.regolith.lib.mappings
import data.regolith.lib.secrets

# token_uris[id]: the resources of the tokens with that id (one per cloudflare document
# that lists it). Strings, not entities: an entity holds snapshot objects, which a set
# would hash whole.
token_uris[t.token.id] contains uri if some uri, t in cf.tokens

tokens_with_id(id) := [cf.tokens[uri] | some uri in token_uris[id]]

production_zones := object.get(lib.params, "production_zones", [])

production_zone_names(token) := {zone |
	some policy in token.policies
	policy.effect == "allow"
	some resource in policy.resources
	zone := resource.zone_name
	is_string(zone)
	some pattern in production_zones
	glob.match(lower(pattern), [], lower(zone))
}

# A permission group as evidence names it: by name, or by id when the snapshot has none.
group_label(g) := g.name if {
	is_string(g.name)
	g.name != ""
} else := sprintf("unnamed group %s", [g.id])

# Why a token is sensitive enough that its secret must sit behind reviewers.
sensitivity(token) := array.concat(
	[sprintf("token %s grants write access (%s)", [token.name, concat(", ", sort(writes))]) |
		writes := {group_label(g) | some g in cf.granted_groups(token); cf.access(g) == "write"}
		count(writes) > 0
	],
	[sprintf("token %s is scoped to production zones (%s)", [token.name, concat(", ", sort(zones))]) |
		zones := production_zone_names(token)
		count(zones) > 0
	],
)

# What keeps a secret from being released to unreviewed runs.
exposure(uri, s) := array.concat(
	array.concat(
		[sprintf("stored at %s scope, readable by every job without an environment's approval", [s.scope]) | s.scope != "environment"],
		[sprintf("environment %s has no required reviewers", [s.environment.name]) |
			s.scope == "environment"
			count(s.environment.required_reviewers.reviewers) == 0
		],
	),
	[sprintf("read by a PR-triggered workflow: %s", [secrets.short_list(prs)]) |
		prs := {secrets.read_evidence(r) | some r in secrets.readers[uri]; r.pr_triggered}
		count(prs) > 0
	],
)

# The sensitive tokens (of those the snapshots list) each mapped secret holds. A secret
# can be mapped to several tokens, while one is rolled over, say.
sensitive_tokens[uri] := sensitive if {
	some uri, ids in mappings.cloudflare_tokens
	sensitive := {t.token | some id in ids; some t in tokens_with_id(id); count(sensitivity(t.token)) > 0}
	count(sensitive) > 0
}

# X-001 fails for a secret holding a sensitive token that reviews do not guard.
exposed_secret(uri, s) if {
	sensitive_tokens[uri]
	count(exposure(uri, s)) > 0
}

# X-001 subjects: every mapped secret with its verdict's fields. One finding per secret,
# naming every sensitive token it holds, as its fingerprint (the secret) is one.
x001 contains {
	"resource": uri,
	"message": sprintf("Secret %s holds a sensitive Cloudflare token but is not kept behind reviewed, non-PR environments", [trim_prefix(uri, "github://")]),
	"evidence": array.concat(array.concat(sort(mapped), sort(why)), exposed),
	"identity": s.identity,
	"source": s.source,
} if {
	some uri, sensitive in sensitive_tokens
	s := gh.secrets[uri]
	mapped := {sprintf("mapped to Cloudflare token %s", [token.id]) | some token in sensitive}
	why := {line | some token in sensitive; some line in sensitivity(token)}
	exposed := exposure(uri, s)
	count(exposed) > 0
}

# --- Parameters that name nothing ----------------------------------------------------

# A credential mapping names a secret when one of its URIs is a secret some snapshot
# lists, or sits on a holder whose secrets could not be read (the checks then report
# `unknown` for it).
names_a_secret(i) if {
	some link in mappings.links
	link.index == i
	gh.secrets[link.secret]
}

names_a_secret(i) if {
	some link in mappings.links
	link.index == i
	secrets.holder_uri(link.secret) in secrets.unreadable_uris
}

# "scope repo, repository acme/app, secret CF_TOKEN": the fields a mapping gives.
mapping_label(m) := concat(", ", [sprintf("%s %v", [field, value]) |
	some field in ["scope", "org", "repository", "environment", "secret"]
	value := m[field]
])

# A mapping that names no secret of the github-snapshot documents (a typo in a name, a
# repository the snapshot does not cover) leaves the cross-system checks blind to its
# credential: the gate lists it among its warnings. Only when there is a github
# snapshot to look in.
warnings contains sprintf("params.credential_mappings[%d] (%s) names no secret in the github-snapshot documents: the X checks cannot use it", [i, mapping_label(m)]) if {
	count(input.github) > 0
	some i, m in mappings.mappings
	not names_a_secret(i)
}

# "Cloudflare token ID is", or "Cloudflare tokens ID, ID are".
tokens_are(ids) := sprintf("Cloudflare token %s is", [ids[0]]) if count(ids) == 1

else := sprintf("Cloudflare tokens %s are", [concat(", ", ids)])

# The mappings naming a Cloudflare token, by the URI of the secret they name.
token_links[link.secret] contains link if {
	some link in mappings.links
	is_string(link.mapping.cloudflare_token_id)
}

# A mapped secret whose holder's secret list is null: it may exist and be exposed. One
# finding per secret, however many mappings name it.
x001 contains {
	"resource": uri,
	"message": sprintf("Could not check secret %s: %s could not be read", [trim_prefix(uri, "github://"), h.what]),
	"evidence": array.concat(
		sort([sprintf("credential_mappings[%d] maps it to Cloudflare token %s", [link.index, link.mapping.cloudflare_token_id]) | some link in links]),
		[sprintf("%s: null in the snapshot (see its coverage entry)", [trim_prefix(h.source.pointer, "/")])],
	),
	"identity": object.union(h.identity, {"name": name}),
	"source": h.source,
	"status": "unknown",
} if {
	some uri, links in token_links
	holder := secrets.holder_uri(uri)
	holder in secrets.unreadable_uris
	some h in secrets.unreadable_holders
	h.resource == holder
	# Every link of one URI names the secret alike: the URI holds its upper-cased name.
	name := min({upper(link.mapping.secret) | some link in links})
}

# A mapped secret whose tokens no cloudflare-snapshot lists: their privileges are
# unknown. One finding per secret, naming every such token; none when the secret
# already fails on a token the snapshots do list.
x001 contains {
	"resource": uri,
	"message": sprintf("Could not check secret %s: %s in no cloudflare-snapshot", [trim_prefix(uri, "github://"), tokens_are(sort(missing))]),
	"evidence": array.concat(sort([sprintf("mapped to Cloudflare token %s", [id]) | some id in missing]), ["the token is deleted, or in an account the snapshot could not read"]),
	"identity": s.identity,
	"source": s.source,
	"status": "unknown",
} if {
	some uri, ids in mappings.cloudflare_tokens
	s := gh.secrets[uri]
	missing := {id | some id in ids; not token_uris[id]}
	count(missing) > 0
	not exposed_secret(uri, s)
}

# Groups of the token whose access the snapshot could not classify: no name, so
# `other` (the schema's word for it). Whether such a token writes cannot be told.
unclassified_groups(token) := {g.id | some g in cf.granted_groups(token); cf.access(g) == "other"; group_label(g) == sprintf("unnamed group %s", [g.id])}

# An exposed mapped secret whose listed tokens are not known to be sensitive, but grant
# groups of unknown access: it may hold a write token. None when a listed token is
# missing (reported above) or a sensitive token already decides.
x001 contains {
	"resource": uri,
	"message": sprintf("Could not check secret %s: %s permission groups whose access is unknown", [trim_prefix(uri, "github://"), tokens_grant(sort({pair[0] | some pair in unclear}))]),
	"evidence": array.concat(sort([sprintf("token %s grants unnamed group %s", pair) | some pair in unclear]), exposure(uri, s)),
	"identity": s.identity,
	"source": s.source,
	"status": "unknown",
} if {
	some uri, ids in mappings.cloudflare_tokens
	s := gh.secrets[uri]
	not sensitive_tokens[uri]
	count({id | some id in ids; not token_uris[id]}) == 0
	unclear := {[t.token.id, g] | some id in ids; some t in tokens_with_id(id); some g in unclassified_groups(t.token)}
	count(unclear) > 0
	count(exposure(uri, s)) > 0
}

# "Cloudflare token ID grants", or "Cloudflare tokens ID, ID grant".
tokens_grant(ids) := sprintf("Cloudflare token %s grants", [ids[0]]) if count(ids) == 1

else := sprintf("Cloudflare tokens %s grant", [concat(", ", ids)])

# METADATA
# title: Secret holding a sensitive Cloudflare token is not behind a reviewed environment
# description: |
#   A GitHub secret mapped to a Cloudflare token that grants write access, or that is
#   scoped to production zones (`production_zones`), must be an environment secret, in an
#   environment with required reviewers, and must never be read by PR-triggered
#   workflows: otherwise any branch or pull request run can use the token.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment" (required reviewers, environment secrets)
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use"
# custom:
#   id: X-001
#   severity: critical
#   remediation: |
#     Store the token as an environment secret (Settings > Environments > production >
#     Environment secrets, or `gh secret set NAME --env production`) of an environment
#     with required reviewers and a deployment branch policy, delete the repository or
#     organization secret, and stop reading it from pull_request / pull_request_target /
#     workflow_run / issue_comment workflows (PR previews get their own read-only or
#     preview-scoped token). Roll the token afterwards (My Profile or Manage Account > API
#     Tokens > Roll) since it was exposed.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if some fields in x001

# --- X-002 ---------------------------------------------------------------------------

production_secret(s) if {
	s.scope == "environment"
	s.environment.name in secrets.production_names
}

# METADATA
# title: One Cloudflare token mapped from both CI and production secrets
# description: |
#   The same Cloudflare token is held by a production environment secret and by a
#   secret CI can read (repository or organization scope, or a non-production
#   environment). Protecting the production copy achieves nothing while CI holds the same
#   token.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/account-owned-tokens/
#     description: Cloudflare, "Account API tokens"
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment"
# custom:
#   id: X-002
#   severity: high
#   remediation: |
#     Create a second token for CI with only what CI needs (read groups, a staging zone),
#     store it in the CI secret, update credential_mappings, and roll the production token
#     (Manage Account > API Tokens > Roll) so the copy CI held stops working.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": t.resource,
	"message": sprintf("Cloudflare token %s is held by both CI and production secrets", [t.token.name]),
	"evidence": [
		sprintf("production: %s", [secrets.short_list(production)]),
		sprintf("CI: %s", [secrets.short_list(ci)]),
	],
	"identity": t.identity,
	"source": t.source,
}) if {
	some id, uris in mappings.secrets_of_token
	production := {trim_prefix(uri, "github://") | some uri in uris; production_secret(gh.secrets[uri])}
	ci := {trim_prefix(uri, "github://") | some uri in uris; s := gh.secrets[uri]; not production_secret(s)}
	count(production) > 0
	count(ci) > 0
	some t in tokens_with_id(id)
}

# The side a mapped secret the snapshot could not list would be on, from its URI:
# production for a secret of a production environment, CI otherwise.
side_of_uri(uri) := "production" if {
	some m in regex.find_all_string_submatch_n(`^github://[^/]+/[^/]+/environments/([^/]+)/secrets/`, uri, 1)
	lib.is_production_environment(m[1])
} else := "ci"

side_of_secret(s) := "production" if production_secret(s)

else := "ci"

side_label := {"ci": "CI", "production": "production"}

# METADATA
# title: Whether a Cloudflare token is held by both CI and production secrets could not be told
# description: |
#   Some of the secrets mapped to the token sit where the snapshot could not read the
#   secret list (null), and with them the token could be held on both sides. The check
#   reports `unknown` on the token instead of passing it.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: X-002
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": t.resource,
	"message": sprintf("Whether Cloudflare token %s is held by both CI and production secrets could not be told", [t.token.name]),
	"evidence": array.concat(
		sort([sprintf("%s: %s", [side_label[side_of_secret(s)], trim_prefix(uri, "github://")]) | some uri in uris; s := gh.secrets[uri]]),
		sort([sprintf("%s, if it exists: %s (its secrets could not be read)", [side_label[side_of_uri(uri)], trim_prefix(uri, "github://")]) | some uri in unread]),
	),
	"identity": t.identity,
	"source": t.source,
}) if {
	some id, uris in mappings.secrets_of_token
	unread := {uri | some uri in uris; not gh.secrets[uri]; secrets.holder_uri(uri) in secrets.unreadable_uris}
	count(unread) > 0
	sides := {side_of_secret(gh.secrets[uri]) | some uri in uris} | {side_of_uri(uri) | some uri in unread}
	count(sides) == 2
	known_sides := {side_of_secret(gh.secrets[uri]) | some uri in uris}
	count(known_sides) < 2
	some t in tokens_with_id(id)
}

# --- X-003 ---------------------------------------------------------------------------

# GitHub-hosted standard runners (ubuntu-*, windows-*, macos-*) share the cloud's
# address pool: no stable egress IPs. Self-hosted runners and runner groups (where
# larger runners get static IPs) are not judged.
github_hosted(job) if {
	count(job.runs_on) > 0
	job.runs_on_group == null
	every label in job.runs_on {
		regex.match(`(?i)^(ubuntu|windows|macos)-`, label)
	}
}

# A CIDR (or bare address) wider than a /16 (IPv4) or /32 (IPv6) lets in far more than
# one organization's egress addresses.
broad_cidr(cidr) if {
	parts := split(cidr, "/")
	count(parts) == 2
	bits := to_number(parts[1])
	limit := {true: 32, false: 16}[contains(parts[0], ":")]
	bits < limit
}

ip_filter_problem(token) := "no client IP filter: the token works from any address" if {
	count(token.ip_condition.in) == 0
} else := sprintf("client IP filter too broad: %s", [concat(", ", sort(wide))]) if {
	wide := {cidr | some cidr in token.ip_condition.in; broad_cidr(cidr)}
	count(wide) > 0
}

# Jobs on GitHub-hosted runners that read a secret mapped to the token.
hosted_readers(id) := {secrets.read_evidence(r) |
	some uri in mappings.secrets_of_token[id]
	some r in secrets.readers[uri]
	github_hosted(r)
}

# METADATA
# title: Cloudflare token used from GitHub-hosted runners without a usable IP filter
# description: |
#   A Cloudflare token read by jobs on GitHub-hosted runners has no client IP filter, or
#   one too broad to mean anything. GitHub-hosted runners have no stable egress IPs, so an
#   IP filter cannot be tight for them: tokens with write or other high privileges
#   belong on self-hosted runners or larger runners with static egress IPs, where the
#   token can be pinned to those addresses.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (client IP address filtering)
#   - ref: https://docs.github.com/en/actions/reference/github-hosted-runners-reference
#     description: GitHub, "GitHub-hosted runners reference"
# custom:
#   id: X-003
#   severity: info
#   remediation: |
#     Run the jobs that use this token on self-hosted runners or a larger-runner group
#     with static IP addresses (`runs-on: { group: NAME }`), then restrict the token to
#     those egress CIDRs (API Tokens > Edit > Client IP Address Filtering > Is in). For a
#     token that must stay on GitHub-hosted runners, keep it read-only and short-lived.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": t.resource,
	"message": sprintf("Cloudflare token %s is used from GitHub-hosted runners and its IP filter does not restrict it", [t.token.name]),
	"evidence": array.concat([problem, sprintf("used by %s", [secrets.short_list(jobs)])], write_note(t.token)),
	"identity": t.identity,
	"source": t.source,
}) if {
	some id, _ in mappings.secrets_of_token
	jobs := hosted_readers(id)
	count(jobs) > 0
	some t in tokens_with_id(id)
	problem := ip_filter_problem(t.token)
}

write_note(token) := ["grants write access: move it off GitHub-hosted runners"] if cf.grants_write(token)

else := []
