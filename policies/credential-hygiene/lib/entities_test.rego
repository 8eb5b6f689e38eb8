package regolith.lib.entities_test

import data.regolith.lib.cloudflare as cf
import data.regolith.lib.github as gh
import data.regolith.lib.openai as oai

# A repository with one environment, one secret of each kind and one workflow job,
# with only the fields the entity maps read.
repo(name, id) := {
	"full_name": sprintf("acme/%s", [name]), "id": id,
	"secrets": [{"name": "TOKEN"}],
	"environments": [{"name": "production", "secrets": [{"name": "DEPLOY_KEY"}]}],
	"workflows": [{"path": ".github/workflows/ci.yml", "jobs": [{"id": "build"}]}],
}

org_doc(login, repos) := {"org": {"login": login, "id": 1, "secrets": [{"name": "NPM_TOKEN"}]}, "repositories": repos}

test_one_entry_per_uri if {
	maps := [gh.orgs, gh.repositories, gh.environments, gh.workflows, gh.jobs, gh.secrets] with input as {"github": [org_doc("acme", [repo("app", 2), repo("api", 3)])]}
	[count(m) | some m in maps] == [1, 2, 2, 2, 2, 5]
}

# A list that repeats an entry keeps the entry's first occurrence; the evaluation does
# not stop on two values for one URI.
test_repeated_entries_keep_the_first if {
	app := repo("app", 2)
	twice := object.union(app, {
		"secrets": [{"name": "TOKEN"}, {"name": "TOKEN"}],
		"environments": [app.environments[0], app.environments[0]],
		"workflows": [{"path": ".github/workflows/ci.yml", "jobs": [{"id": "build"}, {"id": "build"}]}, app.workflows[0]],
	})
	doc := org_doc("acme", [twice, twice])
	doc2 := object.union(doc, {"org": object.union(doc.org, {"secrets": [{"name": "NPM_TOKEN"}, {"name": "NPM_TOKEN"}]})})
	input_doc := {"github": [doc2]}
	gh.repositories["github://acme/app"].source.pointer == "/repositories/0" with input as input_doc
	gh.environments["github://acme/app/environments/production"].source.pointer == "/repositories/0/environments/0" with input as input_doc
	gh.workflows["github://acme/app/.github/workflows/ci.yml"].source.pointer == "/repositories/0/workflows/0" with input as input_doc
	gh.jobs["github://acme/app/.github/workflows/ci.yml#jobs/build"].source.pointer == "/repositories/0/workflows/0/jobs/0" with input as input_doc
	gh.secrets["github://acme/secrets/NPM_TOKEN"].source.pointer == "/org/secrets/0" with input as input_doc
	gh.secrets["github://acme/app/secrets/TOKEN"].source.pointer == "/repositories/0/secrets/0" with input as input_doc
	gh.secrets["github://acme/app/environments/production/secrets/DEPLOY_KEY"].source.pointer == "/repositories/0/environments/0/secrets/0" with input as input_doc
}

test_two_documents_of_one_org_keep_the_first if {
	docs := {"github": [org_doc("acme", [repo("app", 2)]), org_doc("acme", [repo("app", 2)])]}
	gh.orgs["github://acme"].index == 0 with input as docs
	gh.repositories["github://acme/app"].index == 0 with input as docs
}

token(id, kind) := {"id": id, "owner": {"kind": kind, "account_id": "acc1"}}

cf_doc(generated_at, tokens) := {"generated_at": generated_at, "tokens": tokens}

# One caller's snapshots of two accounts both list its user tokens; two snapshots of
# one account list the same tokens: each token comes from the newest snapshot.
test_a_token_in_two_snapshots_comes_from_the_newest if {
	older := cf_doc("2026-11-01T00:00:00Z", [token("t1", "user"), token("t2", "account")])
	newer := cf_doc("2026-11-02T00:00:00+01:00", [token("t2", "account"), token("t1", "user")])
	tokens := cf.tokens with input as {"cloudflare": [older, newer]}
	count(tokens) == 2
	tokens["cloudflare://user/tokens/t1"].source == {"document": "cloudflare", "index": 1, "pointer": "/tokens/1"}
	tokens["cloudflare://accounts/acc1/tokens/t2"].now == "2026-11-02T00:00:00+01:00"
	reversed := cf.tokens with input as {"cloudflare": [newer, older]}
	reversed["cloudflare://user/tokens/t1"].index == 0
}

test_equally_new_snapshots_keep_the_first if {
	doc := cf_doc("2026-11-01T00:00:00Z", [token("t1", "user"), token("t1", "user")])
	cf.tokens["cloudflare://user/tokens/t1"].source == {"document": "cloudflare", "index": 0, "pointer": "/tokens/0"} with input as {"cloudflare": [doc, doc]}
}

# Declarations may split a provider's rules between files, or repeat one.
test_a_provider_split_between_files if {
	first := {"providers": [{"id": "p1", "federation_rules": [{"id": "r1"}]}]}
	second := {"providers": [{"id": "p1", "federation_rules": [{"id": "r2"}, {"id": "r1"}]}]}
	declared := {"openai": [first, second]}
	oai.providers["openai://providers/p1"].index == 0 with input as declared
	rules := oai.federation_rules with input as declared
	{uri: r.source.pointer | some uri, r in rules} == {
		"openai://providers/p1/rules/r1": "/providers/0/federation_rules/0",
		"openai://providers/p1/rules/r2": "/providers/0/federation_rules/0",
	}
	rules["openai://providers/p1/rules/r2"].index == 1
}
