package regolith.checks.cf_tok_test

import data.regolith.checks.cf_tok

# A minimal cloudflare-snapshot with the given tokens: only the fields the checks read.
snapshot(tokens) := {"cloudflare": [{
	"kind": "cloudflare-snapshot",
	"generated_at": "2026-11-25T12:00:00Z",
	"coverage": [],
	"tokens": tokens,
}]}

account_token(overrides) := object.union(
	{
		"id": "0123456789abcdef0123456789abcdef",
		"name": "dns-reader",
		"status": "active",
		"owner": {"kind": "account", "account_id": "9f1a2b3c4d5e6f708192a3b4c5d6e7f8"},
		"issued_on": "2026-10-01T00:00:00Z",
		"modified_on": "2026-10-01T00:00:00Z",
		"last_used_on": "2026-11-24T00:00:00Z",
		"not_before": null,
		"expires_on": "2026-12-31T00:00:00Z",
		"ip_condition": {"in": ["203.0.113.0/24"], "not_in": []},
		"policies": [],
	},
	overrides,
)

rules_for(findings, id) := {f.resource | some f in findings; f.rule == id}

test_cf_tok_010_fires_on_a_disabled_token if {
	findings := cf_tok.findings with input as snapshot([account_token({"status": "disabled"})])
	rules_for(findings, "CF-TOK-010") == {"cloudflare://accounts/9f1a2b3c4d5e6f708192a3b4c5d6e7f8/tokens/0123456789abcdef0123456789abcdef"}
}

test_cf_tok_010_fires_on_an_expired_user_token if {
	token := account_token({"status": "expired", "owner": {"kind": "user", "user_id": "7c5dae5552338874e5053f2534d2767a"}})
	findings := cf_tok.findings with input as snapshot([token])
	rules_for(findings, "CF-TOK-010") == {"cloudflare://user/tokens/0123456789abcdef0123456789abcdef"}
}

test_cf_tok_010_quiet_on_an_active_token if {
	findings := cf_tok.findings with input as snapshot([account_token({})])
	rules_for(findings, "CF-TOK-010") == set()
}
