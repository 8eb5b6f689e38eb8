# METADATA
# title: Facts for the CF-TOK checks
# description: |
#   Per-token facts that several CF-TOK checks share, each computed once per evaluation
#   and keyed by the token's resource URI (as in data.regolith.lib.cloudflare.tokens).
#   Only the tokens CF-TOK-001..009 judge appear here (see `live`). Time facts compare
#   nanosecond timestamps with thresholds computed once, so no token pays for a division.
package regolith.lib.cf_tok

import data.regolith.lib
import data.regolith.lib.cloudflare as cf

# The tokens CF-TOK-001..009 judge. A status other than disabled or expired (including
# `unknown`, when Cloudflare sent none) is judged, so no token falls between the checks.
live[uri] := t if {
	some uri, t in cf.tokens
	not t.token.status in {"disabled", "expired"}
}

# Tokens used by automation (ci_tokens ids or name patterns, credential_mappings).
ci contains uri if {
	some uri, t in live
	cf.is_ci_token(t.token)
}

# ci_why says which convention made the token an automation token (evidence only; the
# decision is cf.is_ci_token).
ci_why(token) := "automation token: id listed in ci_tokens.ids" if token.id in lib.params.ci_tokens.ids

else := "automation token: mapped from a GitHub secret in credential_mappings" if token.id in cf.mapped_token_ids

else := "automation token: name matches ci_tokens.name_patterns"

# --- Permission groups ---

# The groups of the token's allow policies, for tokens that have any.
granted[uri] := groups if {
	some uri, t in live
	groups := cf.granted_groups(t.token)
	count(groups) > 0
}

# named: the policy or the catalogue gave the group a name (the schema classifies an
# unnamed group's access as `other`).
named(group) if {
	is_string(group.name)
	group.name != ""
}

# Write (Edit) groups, after permission_access_overrides ("Cache Purge" is a write).
write_groups[uri] := names if {
	some uri, groups in granted
	names := {g.name | some g in groups; cf.access(g) == "write"; named(g)}
	count(names) > 0
}

# The distinct names of granted groups, and the high-risk ones among them (token
# management, account settings and membership writes, Access org/IdP writes, matched
# with high_risk_permission_groups). Tokens share a few hundred group names, so each
# name meets the patterns once rather than once per token.
granted_names := {g.name | some _, groups in granted; some g in groups; named(g)}

high_risk_names := {name | some name in granted_names; cf.is_high_risk_group({"name": name})}

risky_groups[uri] := names if {
	some uri, groups in granted
	names := {g.name | some g in groups; g.name in high_risk_names}
	count(names) > 0
}

# Groups whose name neither the policy nor the catalogue gave: no name-based judgement
# (high-risk, product) is possible for them. The schema classifies them `other`, which
# spares the name test for every read or write group.
unnamed_groups[uri] := ids if {
	some uri, groups in granted
	ids := {g.id | some g in groups; g.access == "other"; not named(g)}
	count(ids) > 0
}

# --- Client IP filter and expiry ---

# no_ip_filter: why the token has no effective client IP filter. An allow-list entry
# with prefix length 0 (0.0.0.0/0, ::/0) admits every address of its family.
no_ip_filter[uri] := "ip_condition.in is empty: any address may use the token" if {
	some uri, t in live
	count(t.token.ip_condition["in"]) == 0
}

no_ip_filter[uri] := sprintf("ip_condition.in admits any address: %s", [concat(", ", open)]) if {
	some uri, t in live
	open := [c | some c in t.token.ip_condition["in"]; endswith(c, "/0")]
	count(open) > 0
}

# What a token lacks of the two restrictions Cloudflare recommends (IP filter, expiry).
missing_restrictions(uri, token) := {m | no_ip_filter[uri]; m := "no client IP filter"} | {m |
	token.expires_on == null
	m := "no expiry (expires_on: null)"
}

# --- Time, in nanoseconds against each document's generated_at ---

# ns parses a timestamp; undefined for null.
ns(ts) := time.parse_rfc3339_ns(ts) if is_string(ts)

now_ns[d] := time.parse_rfc3339_ns(doc.generated_at) if some d, doc in input.cloudflare

# limit_ns(days) is the smallest span that lib.older_than counts as older than `days`
# (floor(span / day) > days), so `span >= limit_ns(days)` agrees with it exactly.
limit_ns(days) := (days + 1) * lib.ns_per_day

ttl_limit_ns := {
	"ci": limit_ns(lib.params.cf_max_ttl_days.ci),
	"overall": limit_ns(lib.params.cf_max_ttl_days.overall),
}

max_ttl_days(uri) := lib.params.cf_max_ttl_days.ci if uri in ci

else := lib.params.cf_max_ttl_days.overall

ttl_class(uri) := "ci" if uri in ci

else := "overall"

# The lifetime (expires_on - issued_on) exceeds cf_max_ttl_days.
ttl_too_long contains uri if {
	some uri, t in live
	ns(t.token.expires_on) - ns(t.token.issued_on) >= ttl_limit_ns[ttl_class(uri)]
}

warning_days := lib.params.cf_expiry_warning_days

warning_ns := warning_days * lib.ns_per_day

# Expires less than cf_expiry_warning_days (whole days) after generated_at.
expiring_soon contains uri if {
	some uri, t in live
	ns(t.token.expires_on) - now_ns[t.index] < warning_ns
}

roll_limit_ns := limit_ns(lib.params.cf_roll_max_age_days)

# roll_proxy: the best available "last rolled" time, [field, timestamp]; Cloudflare
# documents no roll timestamp.
roll_proxy(token) := ["modified_on", token.modified_on] if is_string(token.modified_on)

else := ["issued_on", token.issued_on] if is_string(token.issued_on)

not_rolled[uri] := proxy if {
	some uri, t in live
	proxy := roll_proxy(t.token)
	now_ns[t.index] - ns(proxy[1]) >= roll_limit_ns
}

unused_limit_ns := limit_ns(lib.params.cf_unused_days)

# unused: why the token counts as unused. A token never used is judged by its age, so
# one created days ago is not flagged; one of unknown age is.
unused[uri] := sprintf("last_used_on: %s (generated_at: %s)", [t.token.last_used_on, t.now]) if {
	some uri, t in live
	now_ns[t.index] - ns(t.token.last_used_on) >= unused_limit_ns
}

unused[uri] := sprintf("last_used_on: null (never used), issued_on: %s", [text(t.token.issued_on)]) if {
	some uri, t in live
	t.token.last_used_on == null
	not issued_recently(t)
}

issued_recently(t) if now_ns[t.index] - ns(t.token.issued_on) < unused_limit_ns

# text shows a nullable timestamp in evidence.
text(ts) := ts if is_string(ts)

else := "null"

# --- Declared purpose (CF-TOK-006) ---

# Token ids for which a credential_mappings entry declares a purpose, and those whose
# declared purpose is "read".
purpose_declared contains m.cloudflare_token_id if {
	some m in lib.params.credential_mappings
	is_string(m.cloudflare_token_id)
	is_string(m.purpose)
}

read_purpose_ids contains m.cloudflare_token_id if {
	some m in lib.params.credential_mappings
	is_string(m.cloudflare_token_id)
	m.purpose == "read"
}

# Token names that declare a read-only purpose (used when no mapping declares one).
read_name_patterns := object.get(
	lib.params, "cf_read_purpose_patterns",
	["(?i)(^|[^a-z])(read|reader|readonly|viewer|audit|auditor|monitor|monitoring|observer)([^a-z]|$)"],
)

read_purpose(token) := "credential_mappings declares purpose \"read\"" if token.id in read_purpose_ids

else := "name declares a read-only purpose (cf_read_purpose_patterns)" if {
	not token.id in purpose_declared
	lib.matches_any(token.name, read_name_patterns)
}

# Read-purpose tokens that hold write groups and no high-risk group (the high-risk
# facet reports those), with the reason the purpose is "read".
read_but_writes[uri] := why if {
	some uri, _ in write_groups
	not risky_groups[uri]
	why := read_purpose(live[uri].token)
}

# --- Account-owned exceptions (CF-TOK-008) ---

exception_products := {lower(p) | some p in lib.params.account_owned_exceptions}

# A group of a product that does not accept account-owned tokens: its name contains
# the product's name, case-insensitively.
exception_group(group) if {
	named(group)
	name := lower(group.name)
	some product in exception_products
	contains(name, product)
}

# Every granted group is of an exception product, so a user token is the only option.
needs_user_token(uri) if {
	groups := granted[uri]
	every group in groups {
		exception_group(group)
	}
}

# --- Scope (CF-TOK-007) ---

wide_scopes := {"all_zones", "all_accounts", "zones_in_account"}

# The wildcard resources of the token's allow policies, as evidence strings.
wide_resources(token) := {resource_label(r) |
	some policy in token.policies
	policy.effect == "allow"
	some r in policy.resources
	r.scope in wide_scopes
}

# Resource keys of allow policies the adapter did not recognize (scope `unknown`): their
# reach cannot be judged, so CF-TOK-007 is `unknown` for them rather than passed.
unrecognized_resources(token) := {sprintf("unknown: %s", [r.key]) |
	some policy in token.policies
	policy.effect == "allow"
	some r in policy.resources
	r.scope == "unknown"
}

# resource_label shows a policy resource with its account's name when known.
resource_label(r) := sprintf("%s: %s (%s)", [r.scope, r.key, r.account_name]) if is_string(r.account_name)

else := sprintf("%s: %s", [r.scope, r.key])
