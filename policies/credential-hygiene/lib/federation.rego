# METADATA
# title: OpenAI federation coverage
# description: |
#   Which GitHub repositories and environments can already get OpenAI access tokens
#   without a stored key: enabled federation rules of enabled providers (by
#   `repository_id`, `repository`, `sub`, or only `repository_owner_id` /
#   `repository_owner`), and declared `expected_consumers`. Matchers are assumed to
#   match exactly (VENDOR-APIS: the semantics are unverified). Used by GH-SEC-001 to tell
#   a leftover key from a migration candidate.
package regolith.lib.federation

import data.regolith.lib.github as gh
import data.regolith.lib.openai
import data.regolith.lib.secrets

# covering[key]: what already lets GitHub jobs get OpenAI tokens without a key. `key` is
# a repository id ("987654321") or an owner ("owner:1234567", "owner:acme"); each entry
# says for which environment ("*" for any) and through what.

id_string(x) := x if is_string(x)

id_string(x) := sprintf("%d", [x]) if is_number(x)

repo_ids_by_name := {lower(repo.full_name): sprintf("%d", [repo.id]) | some doc in input.github; some repo in doc.repositories}

repos_by_id := {sprintf("%d", [repo.id]): {"org": doc.org.login, "repo": repo} | some doc in input.github; some repo in doc.repositories}

# The repository a `sub` names: the immutable form carries the id
# ("repo:acme@1234567/app@987654321:…"), the legacy form the name ("repo:acme/app:…").
sub_repository(sub) := id if {
	parts := split(sub, ":")
	parts[0] == "repo"
	contains(parts[1], "@")
	names := split(parts[1], "@")
	id := names[count(names) - 1]
} else := repo_ids_by_name[lower(split(sub, ":")[1])]

matcher_repositories(m) := ids if {
	ids := ({id_string(v) | v := m.repository_id} | {id | id := repo_ids_by_name[lower(m.repository)]}) | {id | id := sub_repository(m.sub)}
	count(ids) > 0
} else := {sprintf("owner:%s", [id_string(v)]) | v := m.repository_owner_id} | {sprintf("owner:%s", [lower(v)]) | v := m.repository_owner; is_string(v)}

matcher_environment(m) := lower(m.environment) if {
	is_string(m.environment)
} else := lower(parts[3]) if {
	parts := split(m.sub, ":")
	parts[2] == "environment"
} else := "*"

covering[key] contains {"environment": matcher_environment(r.rule.attribute_matchers), "via": r.resource} if {
	some r in openai.federation_rules
	r.provider.enabled
	r.rule.enabled
	some key in matcher_repositories(r.rule.attribute_matchers)
}

# expected_consumers are the authoritative job -> provider link.
covering[key] contains {"environment": consumer_environment(c), "via": via} if {
	some doc in input.openai
	some c in doc.expected_consumers
	key := consumer_repository(c)
	via := sprintf("expected consumer %s/%s#jobs/%s", [c.repository, c.workflow, c.job])
}

consumer_environment(c) := lower(c.environment) if is_string(c.environment)

else := "*"

consumer_repository(c) := sprintf("%d", [c.repository_id]) if is_number(c.repository_id)

else := repo_ids_by_name[lower(c.repository)]

owner_keys(doc) := {sprintf("owner:%s", [gh.org_key(doc)]), sprintf("owner:%s", [lower(doc.org.login)])}

# Federation entries that cover a repository (any environment, or just `environment`).
repo_coverage(repo, doc, environment) := {c.via |
	some key in ({sprintf("%d", [repo.id])} | owner_keys(doc))
	some c in covering[key]
	c.environment in {"*", environment}
}

repo_coverage_any(repo, doc) := {c.via |
	some key in ({sprintf("%d", [repo.id])} | owner_keys(doc))
	some c in covering[key]
}

covering_secret(s) := repo_coverage_any(s.repo, input.github[s.index]) if s.scope == "repo"

covering_secret(s) := repo_coverage(s.repo, input.github[s.index], lower(s.environment.name)) if s.scope == "environment"

# An org secret: federation covers a repository that can read it, or its whole owner.
covering_secret(s) := {via |
	some key, entries in covering
	r := repos_by_id[key]
	r.org == input.github[s.index].org.login
	secrets.reaches(s.secret, r.repo)
	some entry in entries
	via := entry.via
} | {via |
	some key in owner_keys(input.github[s.index])
	some entry in covering[key]
	via := entry.via
} if s.scope == "org"
