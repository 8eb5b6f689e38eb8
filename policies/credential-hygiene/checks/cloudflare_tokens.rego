# METADATA
# title: Cloudflare API tokens
# description: |
#   CF-TOK checks over the tokens of cloudflare-snapshot documents. CF-TOK-001..009 judge
#   the tokens that can still be used (every status but `disabled` and `expired`, which
#   are CF-TOK-010's); their shared per-token facts live in data.regolith.lib.cf_tok.
#   Facets of one check are mutually exclusive, so a token gets at most one finding per
#   check (the fingerprint is the check id and the token id). Where an inventory is
#   `own_tokens_only`, the checks judge the tokens it shows; the gate reports the
#   coverage gap itself.
package regolith.checks.cf_tok

import data.regolith.lib
import data.regolith.lib.cf_tok as tok
import data.regolith.lib.cloudflare as cf

# Evidence and severity helpers shared by several checks.

# severity_by_writes: high when the token can change things, else medium.
severity_by_writes(uri) := "high" if tok.write_groups[uri]

else := "medium"

severity_by_ci(uri) := "high" if uri in tok.ci

else := "medium"

write_evidence(uri) := [sprintf("write groups: %s", [concat(", ", sort(tok.write_groups[uri]))])] if tok.write_groups[uri]

else := []

ci_evidence(uri, token) := [tok.ci_why(token)] if uri in tok.ci

else := []

# --- CF-TOK-001: client IP filtering ---

# METADATA
# title: Cloudflare token without a client IP filter
# description: |
#   A token with no `Is in` client IP rule (or one that admits 0.0.0.0/0 or ::/0) works
#   from any address, so a leaked copy is usable by anyone. Severity is medium, high
#   when the token grants a Write/Edit permission group (after
#   `permission_access_overrides`, so "Cache Purge" counts as a write).
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (client IP address filtering)
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: CF-TOK-001
#   severity: medium
#   remediation: |
#     Edit the token (My Profile > API Tokens, or Manage Account > API Tokens for account
#     tokens > Edit) and under "Client IP Address Filtering" add an "Is in" rule with the
#     egress CIDRs of the machines that use it; via the API, set condition.request_ip.in
#     in PUT /accounts/{account_id}/tokens/{token_id} (or /user/tokens/{token_id}).
#     GitHub-hosted runners have no stable egress addresses: run jobs that hold write
#     tokens on self-hosted or static-egress runners.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q can be used from any IP address", [t.token.name]),
	"evidence": array.concat([reason], write_evidence(uri)),
	"severity": severity_by_writes(uri),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, reason in tok.no_ip_filter
	t := tok.live[uri]
}

# METADATA
# title: Cloudflare token IP filter outside the allowed egress ranges
# description: |
#   When `allowed_egress_cidrs` lists the organization's egress ranges, every `Is in`
#   entry of a token's client IP filter must sit inside one of them (net.cidr_contains);
#   an entry outside lets the token work from addresses the organization does not
#   control. Tokens without an effective filter get the first facet instead.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (client IP address filtering)
# custom:
#   id: CF-TOK-001
#   severity: medium
#   remediation: |
#     Edit the token's "Client IP Address Filtering" (or condition.request_ip.in through
#     PUT /accounts/{account_id}/tokens/{token_id}) so that every "Is in" range lies inside
#     your egress ranges; if the range is a legitimate new egress, add it to the
#     allowed_egress_cidrs parameter instead.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q allows addresses outside the allowed egress ranges", [t.token.name]),
	"evidence": array.concat(
		[sprintf("outside allowed_egress_cidrs: %s", [concat(", ", outside)])],
		write_evidence(uri),
	),
	"severity": severity_by_writes(uri),
	"identity": t.identity,
	"source": t.source,
}) if {
	count(allowed_egress) > 0
	some uri, t in tok.live
	not tok.no_ip_filter[uri]
	outside := [c | some c in t.token.ip_condition["in"]; not inside_egress(c)]
	count(outside) > 0
}

allowed_egress := object.get(lib.params, "allowed_egress_cidrs", [])

inside_egress(cidr) if {
	some allowed in allowed_egress
	net.cidr_contains(allowed, cidr)
}

# --- CF-TOK-002: expiry ---

# METADATA
# title: Cloudflare token that never expires
# description: |
#   A token without `expires_on` stays valid until someone deletes it. Severity is high
#   for automation tokens (ci_tokens, credential_mappings), whose copies live in CI
#   secrets, and medium otherwise.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (time to live constraints)
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: CF-TOK-002
#   severity: high
#   remediation: |
#     Edit the token and set an end date under "TTL" (or expires_on in
#     PUT /accounts/{account_id}/tokens/{token_id} / /user/tokens/{token_id}), at most
#     cf_max_ttl_days ahead, and plan the roll or replacement before that date.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q never expires", [t.token.name]),
	"evidence": array.concat(["expires_on: null"], ci_evidence(uri, t.token)),
	"severity": severity_by_ci(uri),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in tok.live
	t.token.expires_on == null
}

# --- CF-TOK-003: lifetime ---

# METADATA
# title: Cloudflare token lifetime longer than the maximum TTL
# description: |
#   The token's lifetime (`expires_on - issued_on`) exceeds `cf_max_ttl_days`: 90 days
#   for automation tokens, 365 overall. An expiry far in the future limits little.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (time to live constraints)
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: CF-TOK-003
#   severity: medium
#   remediation: |
#     Edit the token and move the TTL end date (expires_on in
#     PUT /accounts/{account_id}/tokens/{token_id}) to at most cf_max_ttl_days after the
#     token was issued, or create a replacement with a shorter TTL, update the secrets
#     that hold it and delete the old token.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q is valid for %d days, more than %d", [t.token.name, days, tok.max_ttl_days(uri)]),
	"evidence": array.concat(
		[sprintf("issued_on: %s", [t.token.issued_on]), sprintf("expires_on: %s", [t.token.expires_on])],
		ci_evidence(uri, t.token),
	),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri in tok.ttl_too_long
	t := tok.live[uri]
	days := lib.days_between(t.token.issued_on, t.token.expires_on)
}

# METADATA
# title: Cloudflare token lifetime unknown
# description: |
#   The token has an expiry but Cloudflare did not report when it was issued, so its
#   lifetime cannot be compared with `cf_max_ttl_days`.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use" (time to live constraints)
# custom:
#   id: CF-TOK-003
#   severity: medium
#   remediation: |
#     Check the token's creation date in the dashboard (API Tokens list) and its TTL end
#     date; if the lifetime exceeds cf_max_ttl_days, shorten it.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q has no issued_on, so its lifetime is unknown", [t.token.name]),
	"evidence": ["issued_on: null", sprintf("expires_on: %s", [t.token.expires_on])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in tok.live
	t.token.issued_on == null
	is_string(t.token.expires_on)
	not uri in tok.expiring_soon
}

# METADATA
# title: Cloudflare token expires soon
# description: |
#   The token expires less than `cf_expiry_warning_days` (14) days after the snapshot:
#   roll or replace it before the automation that uses it breaks. Not reported for a
#   token whose lifetime already exceeds the maximum (the lifetime finding covers it).
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: CF-TOK-003
#   severity: low
#   remediation: |
#     Create the replacement token (or extend the TTL end date if the lifetime stays
#     within cf_max_ttl_days), update the secrets that hold it, then delete the old one.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q expires in fewer than %d days", [t.token.name, tok.warning_days]),
	"evidence": [sprintf("expires_on: %s (generated_at: %s)", [t.token.expires_on, t.now])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri in tok.expiring_soon
	not uri in tok.ttl_too_long
	t := tok.live[uri]
}

# --- CF-TOK-004: routine rolling ---

# METADATA
# title: Cloudflare token not rolled recently
# description: |
#   The token has not been rolled for more than `cf_roll_max_age_days` (90). Cloudflare
#   documents no "last rolled" field, so the check uses `modified_on` (or `issued_on`
#   when that is missing) as a proxy [unverified that a roll moves `modified_on`]; a
#   policy edit also moves it, so a recent edit can hide an old secret.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: CF-TOK-004
#   severity: medium
#   remediation: |
#     Roll the token (API Tokens list > the token's menu > Roll, or
#     PUT /accounts/{account_id}/tokens/{token_id}/value / PUT /user/tokens/{token_id}/value),
#     store the new value in the secrets that hold it, and schedule the next roll within
#     cf_roll_max_age_days.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q was last rolled more than %d days ago", [t.token.name, lib.params.cf_roll_max_age_days]),
	"evidence": [sprintf("%s: %s (generated_at: %s)", [proxy[0], proxy[1], t.now])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, proxy in tok.not_rolled
	t := tok.live[uri]
}

# METADATA
# title: Cloudflare token roll age unknown
# description: |
#   Cloudflare reported neither `modified_on` nor `issued_on` for the token, so the time
#   since its last roll cannot be judged.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: CF-TOK-004
#   severity: medium
#   remediation: |
#     Roll the token (API Tokens list > Roll, or PUT .../tokens/{token_id}/value) so its
#     secret is known to be fresh, and update the secrets that hold it.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q has neither modified_on nor issued_on", [t.token.name]),
	"evidence": ["modified_on: null", "issued_on: null"],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in tok.live
	not tok.roll_proxy(t.token)
}

# --- CF-TOK-005: unused tokens ---

# METADATA
# title: Cloudflare token unused
# description: |
#   An active token that has not been used for more than `cf_unused_days` (90), or was
#   never used and was issued more than that long ago (or at an unknown time), is
#   standing access nobody needs.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare API token management (list, update, delete)
# custom:
#   id: CF-TOK-005
#   severity: medium
#   remediation: |
#     Confirm nothing uses the token (search your CI secrets and credential_mappings),
#     then delete it (API Tokens list > Delete, or DELETE /accounts/{account_id}/tokens/{token_id}
#     / /user/tokens/{token_id}); disable it first if you want a grace period.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q has not been used in the last %d days", [t.token.name, lib.params.cf_unused_days]),
	"evidence": [why],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, why in tok.unused
	t := tok.live[uri]
}

# --- CF-TOK-006: least privilege ---

# METADATA
# title: Cloudflare token grants high-risk permission groups
# description: |
#   The token can manage API tokens, change account settings or memberships, or change
#   Access organization and identity-provider settings (`high_risk_permission_groups`,
#   matched by name). Whoever holds it can mint new credentials or take over the
#   account; Cloudflare recommends granting nothing else to a token-creating token.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare, "Create tokens via API" (recommendations for token-creating tokens)
#   - ref: https://developers.cloudflare.com/fundamentals/api/reference/permissions/
#     description: Cloudflare, "API token permissions"
# custom:
#   id: CF-TOK-006
#   severity: high
#   remediation: |
#     Edit the token and remove the high-risk groups listed in the evidence. If a process
#     must create tokens, give it a dedicated token from the "Create Additional Tokens"
#     template with no other permission, a client IP filter and a short TTL.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q grants high-risk permission groups", [t.token.name]),
	"evidence": [sprintf("high-risk groups: %s", [concat(", ", sort(names))])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, names in tok.risky_groups
	t := tok.live[uri]
}

# METADATA
# title: Cloudflare read-purpose token grants Write groups
# description: |
#   The token's declared purpose is reading, yet an allow policy grants Write/Edit
#   groups where Read ones suffice. The purpose comes from a credential_mappings entry
#   naming the token with `purpose: "read"`; when no mapping declares a purpose, from a
#   name matching `cf_read_purpose_patterns` (words such as read, reader, readonly,
#   viewer, audit, monitor).
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token" (Edit versus Read access)
#   - ref: https://developers.cloudflare.com/fundamentals/api/reference/permissions/
#     description: Cloudflare, "API token permissions"
# custom:
#   id: CF-TOK-006
#   severity: high
#   remediation: |
#     Edit the token's permissions and replace each Edit group listed in the evidence
#     with its Read counterpart. If the token really must write, fix its declared
#     purpose (rename it, or set purpose in its credential_mappings entry).
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q is declared read-only but grants Write groups", [t.token.name]),
	"evidence": array.concat([why], write_evidence(uri)),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, why in tok.read_but_writes
	t := tok.live[uri]
}

# METADATA
# title: Cloudflare token permission groups unnamed
# description: |
#   Some granted permission groups have no name (neither the policy nor the
#   permission-group catalogue gave one), so whether they are high-risk, or writes on a
#   read-purpose token, cannot be judged.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/reference/permissions/
#     description: Cloudflare, "API token permissions"
# custom:
#   id: CF-TOK-006
#   severity: high
#   remediation: |
#     Give the snapshot credential read access to the permission-group catalogue
#     (GET /accounts/{account_id}/tokens/permission_groups or /user/tokens/permission_groups)
#     and take the snapshot again.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q grants permission groups whose names are unknown", [t.token.name]),
	"evidence": [sprintf("unnamed groups: %s", [concat(", ", sort(ids))])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, ids in tok.unnamed_groups
	not tok.risky_groups[uri]
	not tok.read_but_writes[uri]
	t := tok.live[uri]
}

# --- CF-TOK-007: exact scope ---

# METADATA
# title: Cloudflare token reaches all zones or all accounts
# description: |
#   An allow policy names a wildcard resource: all zones
#   (`com.cloudflare.api.account.zone.*`), all accounts (`com.cloudflare.api.account.*`),
#   or all zones of one account (the nested account form). The token then also reaches
#   zones and accounts added later. Deny policies only narrow and are not counted.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token" (selecting resources)
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare, "Create tokens via API" (resource keys)
# custom:
#   id: CF-TOK-007
#   severity: high
#   remediation: |
#     Edit the token and under "Zone Resources" choose "Include > Specific zone" for each
#     zone it needs, and under "Account Resources" include the specific account, not
#     "All accounts"; via the API, list com.cloudflare.api.account.zone.ZONE_ID and
#     com.cloudflare.api.account.ACCOUNT_ID keys in the policy's resources.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q reaches all zones or accounts instead of listed ones", [t.token.name]),
	"evidence": sort(wide),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in tok.live
	wide := tok.wide_resources(t.token)
	count(wide) > 0
}

# METADATA
# title: Cloudflare token scope could not be judged
# description: |
#   An allow policy of the token names a resource key the adapter did not recognize
#   (scope `unknown`), and no other resource already makes the scope too wide. The key
#   may be a wildcard, so the check reports `unknown` instead of passing the token.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare, "Create tokens via API" (resource keys)
# custom:
#   id: CF-TOK-007
#   severity: high
#   remediation: |
#     Check the token's resources in the dashboard (My Profile or Manage Account > API
#     Tokens > the token); if a key grants more than listed zones or accounts, narrow
#     it. Report the key to Regolith so the adapter can classify it.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Whether Cloudflare token %q reaches only listed zones and accounts could not be told", [t.token.name]),
	"evidence": sort(unrecognized),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in tok.live
	count(tok.wide_resources(t.token)) == 0
	unrecognized := tok.unrecognized_resources(t.token)
	count(unrecognized) > 0
}

# --- CF-TOK-008: account-owned automation tokens ---

# METADATA
# title: Cloudflare automation token owned by a user
# description: |
#   A token used by automation (ci_tokens, credential_mappings) is a user token: it acts
#   as that user and stops working when the user leaves. Account-owned tokens are
#   service principals meant for CI/CD. Not reported when every granted group belongs
#   to a product that does not accept account-owned tokens (`account_owned_exceptions`,
#   matched as a case-insensitive substring of the group name).
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/account-owned-tokens/
#     description: Cloudflare, "Account API tokens"
# custom:
#   id: CF-TOK-008
#   severity: medium
#   remediation: |
#     Create an account-owned token with the same permissions (Manage Account > API Tokens >
#     Create Token, or POST /accounts/{account_id}/tokens; needs Super Administrator),
#     store it in the CI secret in place of this one, then delete the user token.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare automation token %q is owned by a user, not the account", [t.token.name]),
	"evidence": [sprintf("owner: user %s", [tok.text(t.token.owner.user_id)]), tok.ci_why(t.token)],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri in tok.ci
	t := tok.live[uri]
	t.token.owner.kind == "user"
	not tok.needs_user_token(uri)
}

# --- CF-TOK-009: restrictions on high-risk tokens ---

# METADATA
# title: High-risk Cloudflare token without IP filter or expiry
# description: |
#   A token holding high-risk groups (token management, account settings or membership
#   writes, Access org/IdP writes) must have both a client IP filter and an expiry;
#   Cloudflare recommends both for token-creating tokens, because a leaked one can mint
#   new credentials.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare, "Create tokens via API" (restrict token-creating tokens)
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/restrict-tokens/
#     description: Cloudflare, "Restrict token use"
# custom:
#   id: CF-TOK-009
#   severity: critical
#   remediation: |
#     Edit the token: add an "Is in" rule under "Client IP Address Filtering" with the
#     addresses of the system that uses it, and set a TTL end date (condition.request_ip.in
#     and expires_on in PUT /accounts/{account_id}/tokens/{token_id}). Better, drop the
#     high-risk groups if the token does not need them.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q holds high-risk permission groups but lacks an IP filter or an expiry", [t.token.name]),
	"evidence": array.concat([sprintf("high-risk groups: %s", [concat(", ", sort(names))])], sort(missing)),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, names in tok.risky_groups
	t := tok.live[uri]
	missing := tok.missing_restrictions(uri, t.token)
	count(missing) > 0
}

# METADATA
# title: Cloudflare token without IP filter or expiry holds unnamed groups
# description: |
#   The token lacks a client IP filter or an expiry and grants permission groups whose
#   names are unknown, so whether it is a high-risk token that needs both cannot be
#   judged.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/reference/permissions/
#     description: Cloudflare, "API token permissions"
# custom:
#   id: CF-TOK-009
#   severity: critical
#   remediation: |
#     Give the snapshot credential read access to the permission-group catalogue
#     (GET /accounts/{account_id}/tokens/permission_groups) and take the snapshot again;
#     meanwhile add an IP filter and a TTL to the token.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Cloudflare token %q lacks an IP filter or expiry and grants unnamed permission groups", [t.token.name]),
	"evidence": array.concat([sprintf("unnamed groups: %s", [concat(", ", sort(ids))])], sort(missing)),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, ids in tok.unnamed_groups
	not tok.risky_groups[uri]
	t := tok.live[uri]
	missing := tok.missing_restrictions(uri, t.token)
	count(missing) > 0
}

# --- CF-TOK-010: hygiene ---

# METADATA
# title: Disabled or expired Cloudflare token still present
# description: |
#   A token whose status is `disabled` or `expired` can no longer be used, but it stays
#   in the account's token list, where it hides the live inventory and can be re-enabled
#   by anyone who can edit tokens. Delete tokens that are no longer needed.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/create-via-api/
#     description: Cloudflare API token management (list, update, delete)
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: CF-TOK-010
#   severity: low
#   remediation: |
#     Delete the token (dashboard: My Profile or Manage Account > API Tokens > Delete, or
#     DELETE /accounts/{account_id}/tokens/{token_id} / /user/tokens/{token_id}); if it is
#     still needed, roll it and set a new expiry instead of re-enabling it.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": t.resource,
	"message": sprintf("Cloudflare token %q is %s but still exists", [t.token.name, t.token.status]),
	"evidence": [sprintf("status: %s", [t.token.status])],
	"identity": t.identity,
	"source": t.source,
}) if {
	some t in cf.tokens
	t.token.status in {"disabled", "expired"}
}
