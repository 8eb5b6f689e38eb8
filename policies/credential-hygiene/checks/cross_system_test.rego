package regolith.checks.x_test

import data.regolith.checks.x

# --- Minimal documents: only the fields the checks and helpers read ---------------------

now := "2026-11-25T12:00:00Z"

secret(name) := {"name": name, "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z"}

reviewers := [{"type": "Team", "name": "release", "id": 5}]

env(name, people, env_secrets) := {"name": name, "required_reviewers": {"prevent_self_review": true, "reviewers": people}, "secrets": env_secrets, "variables": []}

ref(name) := {"name": name, "where": "steps[0].with.apiToken", "dynamic": false, "expression": sprintf("secrets.%s", [name])}

job(id, environment, runs_on, names) := {
	"id": id, "environment": environment, "runs_on": runs_on, "runs_on_group": null,
	"secret_refs": [ref(n) | some n in names], "steps": [],
}

workflow(path, triggers, jobs) := {"path": path, "triggers": triggers, "jobs": jobs}

repo(overrides) := object.union(
	{
		"full_name": "acme/site", "name": "site", "id": 300, "owner_id": 100, "visibility": "public",
		"secrets": [], "variables": [], "org_secrets_available": null, "environments": [], "workflows": [],
	},
	overrides,
)

account := "9f1a2b3c4d5e6f708192a3b4c5d6e7f8"

group(name, access) := {"id": name, "name": name, "access": access}

token(id, groups, ip, overrides) := object.union(
	{
		"id": id, "name": sprintf("token-%s", [id]), "status": "active",
		"owner": {"kind": "account", "account_id": account},
		"issued_on": "2026-10-01T00:00:00Z", "modified_on": "2026-10-01T00:00:00Z",
		"expires_on": "2027-01-01T00:00:00Z",
		"ip_condition": {"in": ip, "not_in": []},
		"policies": [{"id": "p1", "effect": "allow", "permission_groups": groups, "resources": [{"scope": "zone", "zone_name": "acme.example"}]}],
	},
	overrides,
)

dns_write := token("t1", [group("DNS Write", "write")], [], {})

dns_read := token("t1", [group("DNS Read", "read")], ["203.0.113.0/24"], {})

snapshot(repos, tokens) := {
	"github": [{"kind": "github-snapshot", "generated_at": now, "coverage": [], "org": {"login": "acme", "id": 100, "secrets": [], "variables": []}, "repositories": repos}],
	"cloudflare": [{"kind": "cloudflare-snapshot", "generated_at": now, "coverage": [], "tokens": tokens}],
}

repo_mapping(name, id) := {"scope": "repo", "repository": "acme/site", "secret": name, "cloudflare_token_id": id}

env_mapping(environment, name, id) := {"scope": "environment", "repository": "acme/site", "environment": environment, "secret": name, "cloudflare_token_id": id}

results(inp, mappings, id) := {[f.resource, f.status] | some f in x.findings with input as inp with data.regolith.params.credential_mappings as mappings; f.rule == id}

finding(inp, mappings, id, resource) := f if {
	some f in x.findings with input as inp with data.regolith.params.credential_mappings as mappings
	f.rule == id
	f.resource == resource
}

token_uri := sprintf("cloudflare://accounts/%s/tokens/t1", [account])

site_secret := "github://acme/site/secrets/CLOUDFLARE_API_TOKEN"

preview := workflow(".github/workflows/preview.yml", {"pull_request_target": null}, [job("preview", null, ["ubuntu-latest"], ["CLOUDFLARE_API_TOKEN"])])

# --- X-001 ---------------------------------------------------------------------------

test_x001_fires_on_a_write_token_in_a_repo_secret_read_by_prs if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [dns_write])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == {[site_secret, "fail"]}
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001", site_secret)
	f.severity == "critical"
	f.evidence == [
		"mapped to Cloudflare token t1",
		"token token-t1 grants write access (DNS Write)",
		"stored at repo scope, readable by every job without an environment's approval",
		"read by a PR-triggered workflow: secrets.CLOUDFLARE_API_TOKEN -> steps[0].with.apiToken in acme/site/.github/workflows/preview.yml#jobs/preview",
	]
	f.identity == {"scope": "repo", "owner": "300", "name": "CLOUDFLARE_API_TOKEN"}
}

test_x001_fires_on_an_environment_without_reviewers if {
	inp := snapshot([repo({"environments": [env("production", [], [secret("CF_TOKEN")])]})], [dns_write])
	uri := "github://acme/site/environments/production/secrets/CF_TOKEN"
	finding(inp, [env_mapping("production", "cf_token", "t1")], "X-001", uri).evidence[2] == "environment production has no required reviewers"
}

test_x001_fires_on_a_read_token_scoped_to_a_production_zone if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")]})], [dns_read])
	fs := x.findings with input as inp with data.regolith.params.credential_mappings as [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")] with data.regolith.params.production_zones as ["*.example"]
	some f in fs
	f.rule == "X-001"
	f.evidence[1] == "token token-t1 is scoped to production zones (acme.example)"
}

# GitHub compares org logins and environment names case-insensitively; so do mappings.
test_x001_mappings_match_org_and_environment_names_in_any_case if {
	inp := snapshot([repo({"environments": [env("production", [], [secret("CF_TOKEN")])]})], [dns_write])
	uri := "github://acme/site/environments/production/secrets/CF_TOKEN"
	results(inp, [env_mapping("Production", "cf_token", "t1")], "X-001") == {[uri, "fail"]}
	org_inp := object.union(inp, {"github": [object.union(inp.github[0], {"org": object.union(inp.github[0].org, {"secrets": [secret("CF_TOKEN")]})})]})
	org_uri := "github://acme/secrets/CF_TOKEN"
	org_mapping := {"scope": "org", "org": "ACME", "secret": "CF_TOKEN", "cloudflare_token_id": "t1"}
	[org_uri, "fail"] in results(org_inp, [org_mapping], "X-001")
}

# A secret mapped to several tokens (one being rolled over) is one finding, naming each.
test_x001_one_finding_per_secret_mapped_to_several_tokens if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [dns_write, token("t2", [group("Workers Scripts Write", "write")], [], {})])
	twice := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1"), repo_mapping("CLOUDFLARE_API_TOKEN", "t2"), repo_mapping("CLOUDFLARE_API_TOKEN", "t9")]
	fs := [f | some f in x.findings with input as inp with data.regolith.params.credential_mappings as twice; f.rule == "X-001"]
	count(fs) == 1
	fs[0].status == "fail"
	array.slice(fs[0].evidence, 0, 4) == [
		"mapped to Cloudflare token t1",
		"mapped to Cloudflare token t2",
		"token token-t1 grants write access (DNS Write)",
		"token token-t2 grants write access (Workers Scripts Write)",
	]
}

test_x001_one_unknown_per_secret if {
	unreadable := snapshot([repo({"secrets": null})], [dns_write])
	two := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1"), repo_mapping("cloudflare_api_token", "t2")]
	results(unreadable, two, "X-001") == {[site_secret, "unknown"]}
	finding(unreadable, two, "X-001", site_secret).evidence == [
		"credential_mappings[0] maps it to Cloudflare token t1",
		"credential_mappings[1] maps it to Cloudflare token t2",
		"repositories/0/secrets: null in the snapshot (see its coverage entry)",
	]
	listed := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")]})], [])
	missing := [repo_mapping("CLOUDFLARE_API_TOKEN", "t8"), repo_mapping("CLOUDFLARE_API_TOKEN", "t9")]
	results(listed, missing, "X-001") == {[site_secret, "unknown"]}
	finding(listed, missing, "X-001", site_secret).message == "Could not check secret acme/site/secrets/CLOUDFLARE_API_TOKEN: Cloudflare tokens t8, t9 are in no cloudflare-snapshot"
}

# A mapping that names no secret the snapshots list is a warning for the gate to show.
test_mappings_that_name_nothing_are_warnings if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "environments": [env("production", reviewers, [secret("CF_TOKEN")])]})], [dns_write])
	typo := repo_mapping("CLOUDFLARE_API_TOKNE", "t1")
	elsewhere := {"scope": "repo", "repository": "acme/gone", "secret": "CLOUDFLARE_API_TOKEN", "cloudflare_token_id": "t1"}
	good := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1"), env_mapping("Production", "cf_token", "t1")]
	warnings := x.warnings with input as inp with data.regolith.params.credential_mappings as array.concat(good, [typo, elsewhere])
	warnings == {
		"params.credential_mappings[2] (scope repo, repository acme/site, secret CLOUDFLARE_API_TOKNE) names no secret in the github-snapshot documents: the X checks cannot use it",
		"params.credential_mappings[3] (scope repo, repository acme/gone, secret CLOUDFLARE_API_TOKEN) names no secret in the github-snapshot documents: the X checks cannot use it",
	}
	# A holder whose secrets could not be read may hold it: that is an `unknown`, not a typo.
	unreadable := snapshot([repo({"secrets": null})], [dns_write])
	count(x.warnings) == 0 with input as unreadable with data.regolith.params.credential_mappings as [typo]
	# Without a github snapshot there is nothing to look in.
	count(x.warnings) == 0 with input as {"cloudflare": inp.cloudflare} with data.regolith.params.credential_mappings as [typo]
}

test_x001_quiet_behind_a_reviewed_environment if {
	inp := snapshot([repo({"environments": [env("production", reviewers, [secret("CF_TOKEN")])]})], [dns_write])
	results(inp, [env_mapping("production", "CF_TOKEN", "t1")], "X-001") == set()
}

test_x001_quiet_on_read_only_tokens_and_without_mappings if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [dns_read])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == set()
	unmapped := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [dns_write])
	results(unmapped, [], "X-001") == set()
}

test_x001_unknown_when_the_token_grants_groups_of_unknown_access if {
	unnamed := token("t1", [{"id": "c8fed203ed3043cba015a93ad1616f1f", "name": null, "access": "other"}, group("DNS Read", "read")], [], {})
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [unnamed])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == {[site_secret, "unknown"]}
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001", site_secret)
	f.evidence[0] == "token t1 grants unnamed group c8fed203ed3043cba015a93ad1616f1f"
	behind_reviews := snapshot([repo({"environments": [env("production", reviewers, [secret("CF_TOKEN")])]})], [unnamed])
	results(behind_reviews, [env_mapping("production", "CF_TOKEN", "t1")], "X-001") == set()
}

test_x001_a_write_group_without_a_name_still_fails_and_is_named_by_id if {
	nameless_write := token("t1", [{"id": "4755a26eedb94da69e1066d98aa820be", "name": null, "access": "write"}], [], {})
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [preview]})], [nameless_write])
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001", site_secret)
	f.status == "fail"
	"token token-t1 grants write access (unnamed group 4755a26eedb94da69e1066d98aa820be)" in f.evidence
}

test_x001_unknown_when_the_holder_could_not_be_read if {
	inp := snapshot([repo({"secrets": null})], [dns_write])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == {[site_secret, "unknown"]}
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001", site_secret)
	f.identity == {"scope": "repo", "owner": "300", "name": "CLOUDFLARE_API_TOKEN"}
	f.source.pointer == "/repositories/0/secrets"
}

test_x001_unknown_when_the_token_is_in_no_snapshot if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")]})], [])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == {[site_secret, "unknown"]}
}

test_x001_stale_mapping_is_not_judged if {
	# The holder was read and has no such secret: the mapping names nothing.
	inp := snapshot([repo({})], [dns_write])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-001") == set()
}

# --- X-002 ---------------------------------------------------------------------------

shared := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1"), env_mapping("production", "CLOUDFLARE_API_TOKEN", "t1")]

test_x002_fires_when_ci_and_production_secrets_hold_one_token if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "environments": [env("production", reviewers, [secret("CLOUDFLARE_API_TOKEN")])]})], [dns_write])
	results(inp, shared, "X-002") == {[token_uri, "fail"]}
	finding(inp, shared, "X-002", token_uri).evidence == [
		"production: acme/site/environments/production/secrets/CLOUDFLARE_API_TOKEN",
		"CI: acme/site/secrets/CLOUDFLARE_API_TOKEN",
	]
}

test_x002_staging_environment_counts_as_ci if {
	m := [env_mapping("staging", "CLOUDFLARE_API_TOKEN", "t1"), env_mapping("production", "CLOUDFLARE_API_TOKEN", "t1")]
	inp := snapshot([repo({"environments": [env("staging", [], [secret("CLOUDFLARE_API_TOKEN")]), env("production", reviewers, [secret("CLOUDFLARE_API_TOKEN")])]})], [dns_write])
	results(inp, m, "X-002") == {[token_uri, "fail"]}
}

test_x002_quiet_with_separate_tokens if {
	m := [repo_mapping("CLOUDFLARE_API_TOKEN", "t2"), env_mapping("production", "CLOUDFLARE_API_TOKEN", "t1")]
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "environments": [env("production", reviewers, [secret("CLOUDFLARE_API_TOKEN")])]})], [dns_write])
	results(inp, m, "X-002") == set()
}

test_x002_unknown_when_a_side_could_not_be_read if {
	# The production environment's secrets could not be read: it may hold the token too.
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "environments": [env("production", reviewers, null)]})], [dns_write])
	results(inp, shared, "X-002") == {[token_uri, "unknown"]}
	finding(inp, shared, "X-002", token_uri).evidence == [
		"CI: acme/site/secrets/CLOUDFLARE_API_TOKEN",
		"production, if it exists: acme/site/environments/production/secrets/CLOUDFLARE_API_TOKEN (its secrets could not be read)",
	]
}

test_x002_quiet_when_what_could_not_be_read_is_on_the_same_side if {
	# Only CI-side secrets: an unreadable repository list cannot complete a pair.
	m := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1"), env_mapping("staging", "CLOUDFLARE_API_TOKEN", "t1")]
	inp := snapshot([repo({"secrets": null, "environments": [env("staging", [], [secret("CLOUDFLARE_API_TOKEN")])]})], [dns_write])
	results(inp, m, "X-002") == set()
}

# --- X-003 ---------------------------------------------------------------------------

ci_on(runs_on, group) := workflow(".github/workflows/ci.yml", {"push": null}, [object.union(job("deploy", null, runs_on, ["CLOUDFLARE_API_TOKEN"]), {"runs_on_group": group})])

test_x003_fires_on_github_hosted_runners_without_ip_filter if {
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci_on(["ubuntu-latest"], null)]})], [dns_write])
	results(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-003") == {[token_uri, "fail"]}
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-003", token_uri)
	f.severity == "info"
	f.evidence[0] == "no client IP filter: the token works from any address"
	f.evidence[2] == "grants write access: move it off GitHub-hosted runners"
}

test_x003_fires_on_a_broad_ip_filter if {
	broad := token("t1", [group("DNS Read", "read")], ["10.0.0.0/8", "192.0.2.0/24", "2001:db8::/16", "198.51.100.7"], {})
	inp := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci_on(["windows-2022"], null)]})], [broad])
	f := finding(inp, [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")], "X-003", token_uri)
	f.evidence == ["client IP filter too broad: 10.0.0.0/8, 2001:db8::/16", "used by secrets.CLOUDFLARE_API_TOKEN -> steps[0].with.apiToken in acme/site/.github/workflows/ci.yml#jobs/deploy"]
}

test_x003_quiet_on_self_hosted_runner_groups_and_tight_filters if {
	m := [repo_mapping("CLOUDFLARE_API_TOKEN", "t1")]
	self_hosted := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci_on(["self-hosted", "linux"], null)]})], [dns_write])
	results(self_hosted, m, "X-003") == set()
	grouped := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci_on(["ubuntu-latest"], "static-egress")]})], [dns_write])
	results(grouped, m, "X-003") == set()
	tight := snapshot([repo({"secrets": [secret("CLOUDFLARE_API_TOKEN")], "workflows": [ci_on(["ubuntu-latest"], null)]})], [dns_read])
	results(tight, m, "X-003") == set()
}
