# METADATA
# title: OpenAI federation helpers
# description: |
#   The providers and federation rules of every openai-federation document in
#   `input.openai`, keyed by resource URI. Their clock is `declared_at`.
package regolith.lib.openai

import data.regolith.lib

provider_uri(provider) := sprintf("openai://providers/%s", [provider.id])

rule_uri(provider, rule) := sprintf("openai://providers/%s/rules/%s", [provider.id, rule.id])

service_account_uri(id) := sprintf("openai://service_accounts/%s", [id])

# Where each provider and rule URI occurs ([document, position…]). Declarations may
# split an organization's providers between files, or give one twice: each URI keeps
# its first occurrence instead of two entries stopping the evaluation.
provider_at[uri] contains [d, p] if {
	some d, doc in input.openai
	some p, provider in doc.providers
	uri := provider_uri(provider)
}

rule_at[uri] contains [d, p, r] if {
	some d, doc in input.openai
	some p, provider in doc.providers
	some r, rule in provider.federation_rules
	uri := rule_uri(provider, rule)
}

providers[uri] := {
	"index": d,
	"provider": provider,
	"resource": uri,
	"source": lib.source("openai", d, sprintf("/providers/%d", [p])),
	"identity": {"provider_id": provider.id},
} if {
	some uri, positions in provider_at
	[d, p] := min(positions)
	doc := input.openai[d]
	provider := doc.providers[p]
}

federation_rules[uri] := {
	"index": d,
	"provider": provider,
	"rule": rule,
	"resource": uri,
	"source": lib.source("openai", d, sprintf("/providers/%d/federation_rules/%d", [p, r])),
	"identity": {"provider_id": provider.id, "rule_id": rule.id},
} if {
	some uri, positions in rule_at
	[d, p, r] := min(positions)
	doc := input.openai[d]
	provider := doc.providers[p]
	rule := provider.federation_rules[r]
}
