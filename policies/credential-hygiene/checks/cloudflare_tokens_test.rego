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

# --- helpers for CF-TOK-001..009 ---

token_uri := "cloudflare://accounts/9f1a2b3c4d5e6f708192a3b4c5d6e7f8/tokens/0123456789abcdef0123456789abcdef"

token_id := "0123456789abcdef0123456789abcdef"

user_owner := {"kind": "user", "user_id": "7c5dae5552338874e5053f2534d2767a"}

group(name, access) := {"id": "c8fed203ed3043cba015a93ad1616f1f", "name": name, "access": access}

unnamed_group := {"id": "fedcba9876543210fedcba9876543210", "name": null, "access": "other"}

policy(effect, groups, resources) := {
	"id": "f267e341f3dd4697bd3b9f71dd96247f",
	"effect": effect,
	"permission_groups": groups,
	"resources": resources,
}

one_zone := {"scope": "zone", "key": "com.cloudflare.api.account.zone.eb78d65290b24279ba6f44721b3ea3c4", "account_name": null}

# A token that grants the given groups on one zone.
granting(groups, overrides) := account_token(object.union({"policies": [policy("allow", groups, [one_zone])]}, overrides))

# The findings of one check for the given tokens.
found(id, tokens) := [f | some f in findings_for(tokens); f.rule == id]

findings_for(tokens) := fs if {
	fs := cf_tok.findings with input as snapshot(tokens)
}

# --- the clean token passes every check ---

test_clean_token_has_no_findings if {
	count(cf_tok.findings) == 0 with input as snapshot([account_token({})])
}

# --- which tokens are judged ---

test_disabled_tokens_are_left_to_cf_tok_010 if {
	token := account_token({"status": "disabled", "ip_condition": {"in": [], "not_in": []}, "expires_on": null})
	{f.rule | some f in cf_tok.findings} == {"CF-TOK-010"} with input as snapshot([token])
}

test_a_token_without_status_is_judged if {
	token := account_token({"status": "unknown", "expires_on": null})
	[f.rule | some f in found("CF-TOK-002", [token])] == ["CF-TOK-002"]
}

# --- CF-TOK-001 ---

test_cf_tok_001_fires_medium_without_ip_filter if {
	[f] := found("CF-TOK-001", [account_token({"ip_condition": {"in": [], "not_in": ["192.0.2.1/32"]}})])
	f.resource == token_uri
	f.severity == "medium"
	f.identity == {"token_id": token_id}
}

test_cf_tok_001_high_when_an_override_makes_a_group_a_write if {
	# Cache Purge has no Write suffix; permission_access_overrides makes it one.
	token := granting([group("Cache Purge", "other")], {"name": "cdn", "ip_condition": {"in": [], "not_in": []}})
	[f] := found("CF-TOK-001", [token])
	f.severity == "high"
	"write groups: Cache Purge" in f.evidence
}

test_cf_tok_001_fires_on_an_any_address_allow_list if {
	[f] := found("CF-TOK-001", [account_token({"ip_condition": {"in": ["0.0.0.0/0", "::/0"], "not_in": []}})])
	f.evidence == ["ip_condition.in admits any address: 0.0.0.0/0, ::/0"]
}

test_cf_tok_001_quiet_with_an_ip_filter if {
	found("CF-TOK-001", [account_token({})]) == []
}

test_cf_tok_001_fires_on_a_range_outside_the_allowed_egress if {
	token := account_token({"ip_condition": {"in": ["198.51.100.0/24", "203.0.113.0/25"], "not_in": []}})
	[f] := found("CF-TOK-001", [token]) with data.regolith.params.allowed_egress_cidrs as ["203.0.113.0/24"]
	f.evidence == ["outside allowed_egress_cidrs: 198.51.100.0/24"]
	f.severity == "medium"
}

test_cf_tok_001_quiet_inside_the_allowed_egress if {
	token := account_token({"ip_condition": {"in": ["203.0.113.0/25", "203.0.113.200"], "not_in": []}})
	found("CF-TOK-001", [token]) == [] with data.regolith.params.allowed_egress_cidrs as ["203.0.113.0/24"]
}

test_cf_tok_001_reports_an_unfiltered_token_once_under_egress_rules if {
	token := account_token({"ip_condition": {"in": ["0.0.0.0/0"], "not_in": []}})
	[f] := found("CF-TOK-001", [token]) with data.regolith.params.allowed_egress_cidrs as ["203.0.113.0/24"]
	startswith(f.evidence[0], "ip_condition.in admits any address")
}

# --- CF-TOK-002 ---

test_cf_tok_002_high_for_a_ci_token_by_name if {
	[f] := found("CF-TOK-002", [account_token({"name": "gha-deploy", "expires_on": null})])
	f.severity == "high"
	f.evidence == ["expires_on: null", "automation token: name matches ci_tokens.name_patterns"]
}

test_cf_tok_002_high_for_a_mapped_token if {
	[f] := found("CF-TOK-002", [account_token({"expires_on": null})]) with data.regolith.params.credential_mappings as [{"cloudflare_token_id": token_id}]
	f.severity == "high"
	"automation token: mapped from a GitHub secret in credential_mappings" in f.evidence
}

test_cf_tok_002_high_for_a_listed_token if {
	[f] := found("CF-TOK-002", [account_token({"expires_on": null})]) with data.regolith.params.ci_tokens as {"ids": [token_id], "name_patterns": []}
	"automation token: id listed in ci_tokens.ids" in f.evidence
}

test_cf_tok_002_medium_for_other_tokens if {
	[f] := found("CF-TOK-002", [account_token({"expires_on": null})])
	f.severity == "medium"
}

test_cf_tok_002_quiet_with_an_expiry if {
	found("CF-TOK-002", [account_token({"name": "gha-deploy"})]) == []
}

# --- CF-TOK-003 ---

test_cf_tok_003_fires_past_the_overall_maximum if {
	[f] := found("CF-TOK-003", [account_token({"issued_on": "2026-01-01T00:00:00Z", "expires_on": "2027-01-05T00:00:00Z"})])
	f.severity == "medium"
	f.message == "Cloudflare token \"dns-reader\" is valid for 369 days, more than 365"
}

test_cf_tok_003_quiet_at_the_overall_maximum if {
	found("CF-TOK-003", [account_token({"issued_on": "2026-01-01T00:00:00Z", "expires_on": "2027-01-01T00:00:00Z"})]) == []
}

test_cf_tok_003_fires_past_the_ci_maximum if {
	# issued 2026-10-01, expires 2026-12-31: 91 days
	[f] := found("CF-TOK-003", [account_token({"name": "ci-dns"})])
	f.message == "Cloudflare token \"ci-dns\" is valid for 91 days, more than 90"
}

test_cf_tok_003_quiet_at_the_ci_maximum if {
	found("CF-TOK-003", [account_token({"name": "ci-dns", "expires_on": "2026-12-30T00:00:00Z"})]) == []
}

test_cf_tok_003_warns_before_expiry if {
	# generated_at 2026-11-25T12:00: 9.5 days left
	[f] := found("CF-TOK-003", [account_token({"expires_on": "2026-12-05T00:00:00Z"})])
	f.severity == "low"
	f.status == "fail"
}

test_cf_tok_003_quiet_outside_the_warning_window if {
	found("CF-TOK-003", [account_token({"expires_on": "2026-12-09T12:00:00Z"})]) == []
}

test_cf_tok_003_one_finding_when_too_long_and_expiring if {
	token := account_token({"issued_on": "2025-11-01T00:00:00Z", "modified_on": "2026-11-01T00:00:00Z", "expires_on": "2026-12-05T00:00:00Z"})
	[f] := found("CF-TOK-003", [token])
	f.severity == "medium"
}

test_cf_tok_003_unknown_without_issued_on if {
	[f] := found("CF-TOK-003", [account_token({"issued_on": null})])
	f.status == "unknown"
	f.evidence == ["issued_on: null", "expires_on: 2026-12-31T00:00:00Z"]
}

test_cf_tok_003_warning_wins_over_unknown if {
	[f] := found("CF-TOK-003", [account_token({"issued_on": null, "expires_on": "2026-12-01T00:00:00Z"})])
	f.status == "fail"
	f.severity == "low"
}

# --- CF-TOK-004 ---

test_cf_tok_004_fires_on_an_old_modified_on if {
	[f] := found("CF-TOK-004", [account_token({"issued_on": "2026-08-01T00:00:00Z", "modified_on": "2026-08-01T00:00:00Z"})])
	f.evidence == ["modified_on: 2026-08-01T00:00:00Z (generated_at: 2026-11-25T12:00:00Z)"]
}

test_cf_tok_004_quiet_after_a_recent_modification if {
	found("CF-TOK-004", [account_token({"issued_on": "2026-01-01T00:00:00Z", "modified_on": "2026-11-01T00:00:00Z", "expires_on": "2026-12-31T00:00:00Z"})]) == []
}

test_cf_tok_004_fires_one_day_past_the_limit if {
	# generated_at 2026-11-25T12:00: 91 days
	[_] := found("CF-TOK-004", [account_token({"issued_on": "2026-08-26T12:00:00Z", "modified_on": "2026-08-26T12:00:00Z", "expires_on": "2026-11-30T00:00:00Z"})])
}

test_cf_tok_004_quiet_at_the_limit if {
	# exactly 90 days
	found("CF-TOK-004", [account_token({"issued_on": "2026-08-27T12:00:00Z", "modified_on": "2026-08-27T12:00:00Z", "expires_on": "2026-11-30T00:00:00Z"})]) == []
}

test_cf_tok_004_falls_back_to_issued_on if {
	[f] := found("CF-TOK-004", [account_token({"issued_on": "2026-08-01T00:00:00Z", "modified_on": null})])
	startswith(f.evidence[0], "issued_on: 2026-08-01")
}

test_cf_tok_004_unknown_without_timestamps if {
	[f] := found("CF-TOK-004", [account_token({"issued_on": null, "modified_on": null})])
	f.status == "unknown"
}

# --- CF-TOK-005 ---

test_cf_tok_005_fires_on_an_old_last_use if {
	[f] := found("CF-TOK-005", [account_token({"last_used_on": "2026-08-01T00:00:00Z"})])
	f.evidence == ["last_used_on: 2026-08-01T00:00:00Z (generated_at: 2026-11-25T12:00:00Z)"]
}

test_cf_tok_005_quiet_on_a_recent_use if {
	found("CF-TOK-005", [account_token({"last_used_on": "2026-09-01T00:00:00Z"})]) == []
}

test_cf_tok_005_fires_on_a_token_never_used_since_long_ago if {
	[f] := found("CF-TOK-005", [account_token({"last_used_on": null, "issued_on": "2026-06-01T00:00:00Z", "expires_on": "2027-01-01T00:00:00Z"})])
	f.evidence == ["last_used_on: null (never used), issued_on: 2026-06-01T00:00:00Z"]
}

test_cf_tok_005_fires_on_a_never_used_token_of_unknown_age if {
	[f] := found("CF-TOK-005", [account_token({"last_used_on": null, "issued_on": null})])
	f.evidence == ["last_used_on: null (never used), issued_on: null"]
}

test_cf_tok_005_quiet_on_a_new_token_not_used_yet if {
	found("CF-TOK-005", [account_token({"last_used_on": null, "issued_on": "2026-11-20T00:00:00Z"})]) == []
}

# --- CF-TOK-006 ---

test_cf_tok_006_fires_on_a_high_risk_group if {
	[f] := found("CF-TOK-006", [granting([group("API Tokens Write", "write"), group("Zone Read", "read")], {"name": "tokens"})])
	f.severity == "high"
	f.evidence == ["high-risk groups: API Tokens Write"]
}

test_cf_tok_006_quiet_on_reading_tokens if {
	found("CF-TOK-006", [granting([group("API Tokens Read", "read")], {"name": "tokens"})]) == []
}

test_cf_tok_006_quiet_on_a_denied_high_risk_group if {
	token := account_token({"name": "tokens", "policies": [policy("deny", [group("API Tokens Write", "write")], [one_zone])]})
	found("CF-TOK-006", [token]) == []
}

test_cf_tok_006_fires_on_writes_of_a_token_named_for_reading if {
	[f] := found("CF-TOK-006", [granting([group("DNS Write", "write")], {"name": "dns-reader"})])
	f.evidence == ["name declares a read-only purpose (cf_read_purpose_patterns)", "write groups: DNS Write"]
}

test_cf_tok_006_quiet_on_writes_of_a_deploy_token if {
	found("CF-TOK-006", [granting([group("DNS Write", "write")], {"name": "dns-deploy"})]) == []
}

test_cf_tok_006_fires_on_writes_of_a_token_mapped_for_reading if {
	mappings := [{"cloudflare_token_id": token_id, "purpose": "read"}]
	[f] := found("CF-TOK-006", [granting([group("DNS Write", "write")], {"name": "edge-sync"})]) with data.regolith.params.credential_mappings as mappings
	f.evidence[0] == "credential_mappings declares purpose \"read\""
}

test_cf_tok_006_a_mapped_purpose_overrides_the_name if {
	mappings := [{"cloudflare_token_id": token_id, "purpose": "deploy"}]
	found("CF-TOK-006", [granting([group("DNS Write", "write")], {"name": "dns-reader"})]) == [] with data.regolith.params.credential_mappings as mappings
}

test_cf_tok_006_one_finding_for_a_high_risk_reader if {
	[f] := found("CF-TOK-006", [granting([group("API Tokens Write", "write"), group("DNS Write", "write")], {"name": "audit"})])
	f.evidence == ["high-risk groups: API Tokens Write"]
}

test_cf_tok_006_unknown_on_unnamed_groups if {
	[f] := found("CF-TOK-006", [granting([unnamed_group], {"name": "sync"})])
	f.status == "unknown"
	f.evidence == ["unnamed groups: fedcba9876543210fedcba9876543210"]
}

test_cf_tok_006_writes_of_a_reader_beat_unnamed_groups if {
	[f] := found("CF-TOK-006", [granting([unnamed_group, group("DNS Write", "write")], {"name": "dns-reader"})])
	f.status == "fail"
	f.evidence == ["name declares a read-only purpose (cf_read_purpose_patterns)", "write groups: DNS Write"]
}

test_cf_tok_006_a_known_high_risk_group_beats_unnamed_ones if {
	[f] := found("CF-TOK-006", [granting([unnamed_group, group("Account Settings Write", "write")], {"name": "sync"})])
	f.status == "fail"
}

# --- CF-TOK-007 ---

test_cf_tok_007_fires_on_all_zones_and_all_accounts if {
	resources := [
		{"scope": "all_zones", "key": "com.cloudflare.api.account.zone.*", "account_name": null},
		{"scope": "all_accounts", "key": "com.cloudflare.api.account.*", "account_name": null},
	]
	[f] := found("CF-TOK-007", [account_token({"policies": [policy("allow", [group("Zone Read", "read")], resources)]})])
	f.severity == "high"
	f.evidence == ["all_accounts: com.cloudflare.api.account.*", "all_zones: com.cloudflare.api.account.zone.*"]
}

test_cf_tok_007_fires_on_all_zones_of_one_account if {
	nested := {"scope": "zones_in_account", "key": "com.cloudflare.api.account.9f1a2b3c4d5e6f708192a3b4c5d6e7f8", "account_name": "Acme Prod"}
	[f] := found("CF-TOK-007", [account_token({"policies": [policy("allow", [group("DNS Write", "write")], [nested])]})])
	f.evidence == ["zones_in_account: com.cloudflare.api.account.9f1a2b3c4d5e6f708192a3b4c5d6e7f8 (Acme Prod)"]
}

test_cf_tok_007_quiet_on_listed_zones_and_denies if {
	all_zones := {"scope": "all_zones", "key": "com.cloudflare.api.account.zone.*", "account_name": null}
	token := account_token({"policies": [
		policy("allow", [group("DNS Write", "write")], [one_zone]),
		policy("deny", [group("DNS Write", "write")], [all_zones]),
	]})
	found("CF-TOK-007", [token]) == []
}

test_cf_tok_007_unknown_on_a_resource_key_the_adapter_did_not_recognize if {
	odd := {"scope": "unknown", "key": "com.cloudflare.api.account.something.*", "account_name": null}
	[f] := found("CF-TOK-007", [account_token({"policies": [policy("allow", [group("Zone Read", "read")], [one_zone, odd])]})])
	f.status == "unknown"
	f.evidence == ["unknown: com.cloudflare.api.account.something.*"]
	all_zones := {"scope": "all_zones", "key": "com.cloudflare.api.account.zone.*", "account_name": null}
	[g] := found("CF-TOK-007", [account_token({"policies": [policy("allow", [group("Zone Read", "read")], [all_zones, odd])]})])
	g.status == "fail"
}

# --- CF-TOK-008 ---

test_cf_tok_008_fires_on_a_user_owned_ci_token if {
	[f] := found("CF-TOK-008", [granting([group("DNS Write", "write")], {"name": "ci-dns", "owner": user_owner})])
	f.resource == "cloudflare://user/tokens/0123456789abcdef0123456789abcdef"
	f.evidence == ["owner: user 7c5dae5552338874e5053f2534d2767a", "automation token: name matches ci_tokens.name_patterns"]
}

test_cf_tok_008_quiet_on_an_account_owned_ci_token if {
	found("CF-TOK-008", [granting([group("DNS Write", "write")], {"name": "ci-dns"})]) == []
}

test_cf_tok_008_quiet_on_a_user_token_outside_automation if {
	found("CF-TOK-008", [granting([group("DNS Write", "write")], {"name": "laptop", "owner": user_owner})]) == []
}

test_cf_tok_008_quiet_when_only_exception_products_are_granted if {
	token := granting([group("Turnstile Sites Write", "write"), group("Registrar: Domains Read", "read")], {"name": "ci-turnstile", "owner": user_owner})
	found("CF-TOK-008", [token]) == []
}

test_cf_tok_008_fires_when_one_group_is_not_an_exception if {
	token := granting([group("Turnstile Sites Write", "write"), group("DNS Write", "write")], {"name": "ci-turnstile", "owner": user_owner})
	[_] := found("CF-TOK-008", [token])
}

test_cf_tok_008_fires_on_a_user_owned_ci_token_granting_nothing if {
	# No group needs a user token, so the exception does not apply.
	[_] := found("CF-TOK-008", [account_token({"name": "ci-dns", "owner": user_owner})])
}

# --- CF-TOK-009 ---

test_cf_tok_009_fires_without_ip_filter if {
	token := granting([group("API Tokens Write", "write")], {"name": "minter", "ip_condition": {"in": [], "not_in": []}})
	[f] := found("CF-TOK-009", [token])
	f.severity == "critical"
	f.evidence == ["high-risk groups: API Tokens Write", "no client IP filter"]
}

test_cf_tok_009_fires_without_expiry if {
	token := granting([group("Create Additional Tokens", "other")], {"name": "minter", "expires_on": null})
	[f] := found("CF-TOK-009", [token])
	f.evidence == ["high-risk groups: Create Additional Tokens", "no expiry (expires_on: null)"]
}

test_cf_tok_009_quiet_with_ip_filter_and_expiry if {
	found("CF-TOK-009", [granting([group("API Tokens Write", "write")], {"name": "minter"})]) == []
}

test_cf_tok_009_quiet_on_an_unrestricted_ordinary_token if {
	token := granting([group("DNS Write", "write")], {"name": "dns", "expires_on": null, "ip_condition": {"in": [], "not_in": []}})
	found("CF-TOK-009", [token]) == []
}

test_cf_tok_009_unknown_on_unnamed_groups_without_restrictions if {
	[f] := found("CF-TOK-009", [granting([unnamed_group], {"name": "sync", "expires_on": null})])
	f.status == "unknown"
}

test_cf_tok_009_quiet_on_unnamed_groups_with_restrictions if {
	found("CF-TOK-009", [granting([unnamed_group], {"name": "sync"})]) == []
}

test_cf_tok_009_a_known_high_risk_group_beats_unnamed_ones if {
	[f] := found("CF-TOK-009", [granting([unnamed_group, group("API Tokens Write", "write")], {"name": "minter", "expires_on": null})])
	f.status == "fail"
}
