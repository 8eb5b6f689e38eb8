# METADATA
# title: Credential governance
# description: |
#   GOV checks: every credential trust has an owner, and every automation token a
#   documented rolling procedure.
#
#   Parameters read here (data.regolith.params; defaults in brackets):
#     ci_tokens (lib/cloudflare.rego), credential_mappings (lib/mappings.rego)
#     credential_owners   [[]]  list of {"token_id": ID, "team": TEAM} or
#                               {"name_pattern": REGEX, "team": TEAM}
#     rotation_runbooks   [[]]  list of {"token_id": ID, "url": URL} or
#                               {"name_pattern": REGEX, "url": URL}
#     rotate_after_days   [90]  the longest interval between two rolls of an automation token
#
#   Only active tokens are judged: a disabled or expired token is in use by nothing
#   (CF-TOK-010 reports it).
package regolith.checks.gov

import data.regolith.lib
import data.regolith.lib.cloudflare as cf
import data.regolith.lib.mappings
import data.regolith.lib.openai

credential_owners := object.get(lib.params, "credential_owners", [])

rotation_runbooks := object.get(lib.params, "rotation_runbooks", [])

rotate_after_days := object.get(lib.params, "rotate_after_days", 90)

automation_tokens[uri] := t if {
	some uri, t in cf.tokens
	t.token.status == "active"
	cf.is_ci_token(t.token)
}

# Why the token counts as automation (lib.cloudflare.is_ci_token), for evidence.
automation_reason(token) := sprintf("held by GitHub secret %s (credential_mappings)", [concat(", ", sort(mapped_secrets[token.id]))]) if {
	mapped_secrets[token.id]
} else := "listed in ci_tokens.ids" if {
	token.id in lib.params.ci_tokens.ids
} else := sprintf("name %s matches ci_tokens.name_patterns", [token.name])

# mapped_secrets[token_id]: the secret names credential_mappings say hold the token.
mapped_secrets[m.cloudflare_token_id] contains upper(m.secret) if {
	some m in mappings.mappings
	is_string(m.cloudflare_token_id)
	is_string(m.secret)
}

# The entries of an owners or runbooks list that name a token, by id or by a regular
# expression over its name.
entries_for(entries, token) := [e |
	some e in entries
	names_token(e, token)
]

names_token(entry, token) if entry.token_id == token.id

names_token(entry, token) if regex.match(entry.name_pattern, token.name)

# METADATA
# title: OpenAI federation configuration has no owner
# description: |
#   The openai-federation document declares no `owner`, so nobody is accountable for its
#   workload identity providers and federation rules: who approves a new service account
#   mapping, and who answers when a rule is too broad. Reported on each provider of the
#   document.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation
#     description: OpenAI, "Workload identity federation"
# custom:
#   id: GOV-001
#   severity: medium
#   remediation: |
#     Add an `owner` to the openai-federation document: {"kind": "team", "name":
#     "org/team-slug", "contact": "team@example.com"}, naming the team that approves
#     changes to the providers and federation rules (and make that team review changes to
#     the document, e.g. with CODEOWNERS).
#   identity: [provider_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": p.resource,
	"message": sprintf("OpenAI workload identity provider %s (%s) has no declared owner", [p.provider.name, p.provider.id]),
	"evidence": ["owner: absent from the openai-federation document"],
	"identity": p.identity,
	"source": p.source,
}) if {
	some p in openai.providers
	object.get(input.openai[p.index], "owner", null) == null
}

# METADATA
# title: Automation Cloudflare token has no owner
# description: |
#   A Cloudflare token that automation uses (by `ci_tokens` ids or name patterns, or a
#   credential mapping from a GitHub secret) has no owning team in `credential_owners`.
#   Without an owner nobody rolls it, answers for its permissions, or deletes it when the
#   pipeline goes away.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/account-owned-tokens/
#     description: Cloudflare, "Account API tokens"
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
# custom:
#   id: GOV-001
#   severity: medium
#   remediation: |
#     Add the token to the `credential_owners` parameter, by id or by a name pattern:
#     {"token_id": "TOKEN_ID", "team": "org/team-slug"}. Name tokens after their owner and
#     purpose (e.g. "platform-dns-deploy") so one pattern covers a team's tokens.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Automation Cloudflare token %s has no owner in credential_owners", [t.token.name]),
	"evidence": [sprintf("token id %s", [t.token.id]), automation_reason(t.token)],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in automation_tokens
	count(entries_for(credential_owners, t.token)) == 0
}

# METADATA
# title: Automation Cloudflare token has no rolling runbook
# description: |
#   A Cloudflare token that automation uses has no documented rolling procedure in
#   `rotation_runbooks`. Rolling a token invalidates the old secret at once, so a roll
#   without a runbook (where the token is stored, who updates the GitHub secrets) breaks
#   the pipeline, and tokens that are hard to roll are not rolled.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: GOV-002
#   severity: low
#   remediation: |
#     Write the procedure (roll the token in My Profile or Manage Account > API Tokens >
#     Roll, or PUT /accounts/{account_id}/tokens/{token_id}/value; update every GitHub
#     secret that holds it; verify) and add it to the `rotation_runbooks` parameter:
#     {"token_id": "TOKEN_ID", "url": "https://wiki.example.com/runbooks/roll-dns-token"}.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Automation Cloudflare token %s has no documented rolling procedure", [t.token.name]),
	"evidence": array.concat(["no entry in rotation_runbooks"], [note | note := roll_age_note(t)]),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in automation_tokens
	count(entries_for(rotation_runbooks, t.token)) == 0
}

# The last roll, approximated by `modified_on` (or `issued_on`): Cloudflare documents
# no "last rolled" field.
last_rolled(token) := token.modified_on if is_string(token.modified_on)

else := token.issued_on if is_string(token.issued_on)

roll_age_note(t) := sprintf("last modified %s, %d days before the snapshot", [last_rolled(t.token), lib.days_between(last_rolled(t.token), t.now)])

# METADATA
# title: Automation Cloudflare token not rolled within its interval
# description: |
#   A Cloudflare token that automation uses has a rolling runbook, but was last rolled
#   (approximated by `modified_on`, else `issued_on`) longer ago than
#   `rotate_after_days`: the documented procedure is not being followed.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: GOV-002
#   severity: low
#   remediation: |
#     Follow the runbook linked in the evidence: roll the token (API Tokens > Roll, or PUT
#     /accounts/{account_id}/tokens/{token_id}/value), update the GitHub secrets that hold
#     it, and schedule the next roll within rotate_after_days.
#   identity: [token_id]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Automation Cloudflare token %s was last rolled %d days ago (limit %d days)", [t.token.name, age, rotate_after_days]),
	"evidence": array.concat([roll_age_note(t)], [sprintf("runbook: %s", [e.url]) | some e in runbooks]),
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in automation_tokens
	runbooks := entries_for(rotation_runbooks, t.token)
	count(runbooks) > 0
	age := lib.days_between(last_rolled(t.token), t.now)
	age > rotate_after_days
}

# METADATA
# title: Automation Cloudflare token rolling could not be checked
# description: The token has a rolling runbook but neither `modified_on` nor `issued_on`.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: GOV-002
#   severity: low
#   remediation: |
#     Check the token's dates in the Cloudflare dashboard (API Tokens) and take the
#     snapshot again; if Cloudflare reports none, roll the token now to start a known
#     interval.
#   identity: [token_id]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Could not check when automation Cloudflare token %s was last rolled: it has no modified_on or issued_on", [t.token.name]),
	"evidence": ["modified_on: null", "issued_on: null"],
	"identity": t.identity,
	"source": t.source,
}) if {
	some uri, t in automation_tokens
	count(entries_for(rotation_runbooks, t.token)) > 0
	not last_rolled(t.token)
}
