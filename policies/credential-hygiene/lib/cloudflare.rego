# METADATA
# title: Cloudflare snapshot helpers
# description: |
#   The API tokens of every cloudflare-snapshot document in `input.cloudflare`, keyed by
#   their resource URI, with what the org's conventions say about them: whether
#   automation uses them, and the access of each permission group after
#   `permission_access_overrides`.
package regolith.lib.cloudflare

import data.regolith.lib

token_uri(token) := sprintf("cloudflare://accounts/%s/tokens/%s", [token.owner.account_id, token.id]) if {
	token.owner.kind == "account"
}

token_uri(token) := sprintf("cloudflare://user/tokens/%s", [token.id]) if token.owner.kind == "user"

# Where each token URI occurs, newest snapshot first: [-generated_at, document,
# position]. One caller's snapshots of several accounts all list the caller's own user
# tokens, and snapshots of one account may be given side by side; each token is then
# read from the newest snapshot that lists it (the first, between equally new ones),
# instead of two entries for one URI stopping the evaluation.
token_at[uri] contains [0 - time.parse_rfc3339_ns(doc.generated_at), d, i] if {
	some d, doc in input.cloudflare
	some i, token in doc.tokens
	uri := token_uri(token)
}

tokens[uri] := {
	"index": d,
	"token": token,
	"now": doc.generated_at,
	"resource": uri,
	"source": lib.source("cloudflare", d, sprintf("/tokens/%d", [i])),
	"identity": {"token_id": token.id},
} if {
	some uri, positions in token_at
	[_, d, i] := min(positions)
	doc := input.cloudflare[d]
	token := doc.tokens[i]
}

# The token ids that credential mappings name (GitHub secret -> Cloudflare token).
mapped_token_ids contains mapping.cloudflare_token_id if {
	some mapping in lib.params.credential_mappings
	is_string(mapping.cloudflare_token_id)
}

# is_ci_token: automation uses this token, by id, by mapping from a GitHub secret, or by
# the naming convention in `ci_tokens.name_patterns`.
is_ci_token(token) if token.id in lib.params.ci_tokens.ids

is_ci_token(token) if token.id in mapped_token_ids

is_ci_token(token) if lib.matches_any(token.name, lib.params.ci_tokens.name_patterns)

# access of a permission group, after the org's overrides for groups whose name
# suffix misleads ("Cache Purge" acts as a write).
access(group) := lib.params.permission_access_overrides[group.name]

else := group.access

# The permission groups an allow policy grants.
granted_groups(token) := [group |
	some policy in token.policies
	policy.effect == "allow"
	some group in policy.permission_groups
]

# grants_write: an allow policy holds a group with write (Edit) access.
grants_write(token) if {
	some group in granted_groups(token)
	access(group) == "write"
}

is_high_risk_group(group) if lib.matches_any(group.name, lib.params.high_risk_permission_groups)

high_risk_groups(token) := {group.name |
	some group in granted_groups(token)
	is_high_risk_group(group)
}

# own_tokens_only: the document could list only the caller's own tokens at `resource`
# (e.g. "user/tokens"), so checks over all tokens there are `unknown`.
own_tokens_only(doc, resource) if {
	some entry in doc.coverage
	entry.resource == resource
	entry.visibility == "own_tokens_only"
}
