package regolith.checks.gov_test

import data.regolith.checks.gov

now := "2026-11-25T12:00:00Z"

account := "9f1a2b3c4d5e6f708192a3b4c5d6e7f8"

token(id, name, overrides) := object.union(
	{
		"id": id, "name": name, "status": "active",
		"owner": {"kind": "account", "account_id": account},
		"issued_on": "2026-10-01T00:00:00Z", "modified_on": "2026-10-01T00:00:00Z",
		"ip_condition": {"in": [], "not_in": []}, "policies": [],
	},
	overrides,
)

uri(id) := sprintf("cloudflare://accounts/%s/tokens/%s", [account, id])

cloudflare(tokens) := {"cloudflare": [{"kind": "cloudflare-snapshot", "generated_at": now, "coverage": [], "tokens": tokens}]}

federation(owner) := {"openai": [object.union(
	{
		"kind": "openai-federation", "declared_at": now,
		"providers": [
			{"id": "wip_1", "name": "github-actions", "enabled": true, "federation_rules": []},
			{"id": "wip_2", "name": "gitlab", "enabled": true, "federation_rules": []},
		],
		"expected_consumers": [],
	},
	owner,
)]}

results(inp, id) := {[f.resource, f.status] | some f in gov.findings with input as inp; f.rule == id}

finding(inp, id, resource) := f if {
	some f in gov.findings with input as inp
	f.rule == id
	f.resource == resource
}

owners := [{"token_id": "t1", "team": "acme/platform"}, {"name_pattern": "^terraform-", "team": "acme/infra"}]

runbooks := [{"token_id": "t1", "url": "https://wiki.acme.example/roll-t1"}, {"name_pattern": "^terraform-", "url": "https://wiki.acme.example/roll-terraform"}]

# --- GOV-001 -------------------------------------------------------------------------

test_gov001_fires_on_each_provider_of_an_ownerless_document if {
	inp := federation({})
	results(inp, "GOV-001") == {["openai://providers/wip_1", "fail"], ["openai://providers/wip_2", "fail"]}
	finding(inp, "GOV-001", "openai://providers/wip_1").identity == {"provider_id": "wip_1"}
}

test_gov001_quiet_when_the_document_names_an_owner if {
	results(federation({"owner": {"kind": "team", "name": "acme/security", "contact": "security@acme.example"}}), "GOV-001") == set()
}

test_gov001_fires_on_automation_tokens_without_owner if {
	inp := cloudflare([
		token("t1", "gha-dns-deploy", {}), # owned by id
		token("t2", "terraform-dns", {}), # owned by name pattern
		token("t3", "wrangler-deploy", {}), # automation by name, no owner
		token("t4", "laptop-cli", {}), # not automation
		token("t5", "ci-disabled", {"status": "disabled"}), # not in use
	])
	fs := gov.findings with input as inp with data.regolith.params.credential_owners as owners
	{[f.resource, f.status] | some f in fs; f.rule == "GOV-001"} == {[uri("t3"), "fail"]}
	some f in fs
	f.rule == "GOV-001"
	f.evidence == ["token id t3", "name wrangler-deploy matches ci_tokens.name_patterns"]
}

test_gov001_automation_by_mapping_or_id if {
	inp := cloudflare([token("t6", "dns", {}), token("t7", "purge", {})])
	fs := gov.findings with input as inp
		with data.regolith.params.credential_mappings as [{"scope": "repo", "repository": "acme/site", "secret": "CF", "cloudflare_token_id": "t6"}]
		with data.regolith.params.ci_tokens as {"ids": ["t7"], "name_patterns": []}
	{f.resource: f.evidence[1] | some f in fs; f.rule == "GOV-001"} == {
		uri("t6"): "held by GitHub secret CF (credential_mappings)",
		uri("t7"): "listed in ci_tokens.ids",
	}
}

# --- GOV-002 -------------------------------------------------------------------------

test_gov002_fires_without_a_runbook if {
	inp := cloudflare([token("t3", "wrangler-deploy", {"modified_on": "2026-01-01T00:00:00Z"})])
	results(inp, "GOV-002") == {[uri("t3"), "fail"]}
	finding(inp, "GOV-002", uri("t3")).evidence == ["no entry in rotation_runbooks", "last modified 2026-01-01T00:00:00Z, 328 days before the snapshot"]
}

test_gov002_fires_when_a_runbook_is_not_followed if {
	inp := cloudflare([token("t1", "gha-dns-deploy", {"modified_on": "2026-08-26T12:00:00Z"}), token("t2", "terraform-dns", {"modified_on": null, "issued_on": "2026-01-01T00:00:00Z"})])
	fs := gov.findings with input as inp with data.regolith.params.rotation_runbooks as runbooks
	{f.resource: f.message | some f in fs; f.rule == "GOV-002"} == {
		uri("t1"): "Automation Cloudflare token gha-dns-deploy was last rolled 91 days ago (limit 90 days)",
		uri("t2"): "Automation Cloudflare token terraform-dns was last rolled 328 days ago (limit 90 days)",
	}
}

test_gov002_quiet_with_a_runbook_and_a_recent_roll if {
	inp := cloudflare([token("t1", "gha-dns-deploy", {"modified_on": "2026-08-27T12:00:00Z"}), token("t4", "laptop-cli", {})])
	fs := gov.findings with input as inp with data.regolith.params.rotation_runbooks as runbooks
	{f | some f in fs; f.rule == "GOV-002"} == set()
	fs2 := gov.findings with input as inp with data.regolith.params.rotation_runbooks as runbooks with data.regolith.params.rotate_after_days as 30
	{f.resource | some f in fs2; f.rule == "GOV-002"} == {uri("t1")}
}

test_gov002_unknown_without_dates if {
	inp := cloudflare([token("t1", "gha-dns-deploy", {"modified_on": null, "issued_on": null})])
	fs := gov.findings with input as inp with data.regolith.params.rotation_runbooks as runbooks
	{[f.resource, f.status] | some f in fs; f.rule == "GOV-002"} == {[uri("t1"), "unknown"]}
}
