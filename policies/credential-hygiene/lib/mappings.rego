# METADATA
# title: Credential mappings
# description: |
#   What the org declares about the values of its GitHub secrets, read from
#   `data.regolith.params.credential_mappings`: which Cloudflare token or which OpenAI
#   project service account a secret holds. GitHub never reveals secret values, so
#   these declarations are the only link between a secret and the credential behind it.
#
#   Parameter `credential_mappings` (default `[]`): a list of objects, each naming one
#   GitHub secret and what it holds:
#
#     scope                 "org", "repo" or "environment"
#     org                   org login, for scope "org" (optional: every org in the input)
#     repository            "OWNER/NAME", for scopes "repo" and "environment"
#     environment           the environment name, for scope "environment"
#     secret                the secret name (matched case-insensitively, as GitHub does)
#     cloudflare_token_id   the Cloudflare API token the secret holds, or
#     openai                {"project_id": "proj_…", "service_account_id": "svc_acct_…"}
#
#   e.g. {"scope": "environment", "repository": "acme/app", "environment": "production",
#         "secret": "CLOUDFLARE_API_TOKEN", "cloudflare_token_id": "5f4e…"}
#   Entries with another scope, or without the fields their scope needs, name nothing.
package regolith.lib.mappings

import data.regolith.lib

mappings := object.get(lib.params, "credential_mappings", [])

# Repository full names as the snapshots spell them, by lower case: GitHub names are
# case-insensitive, so a mapping written "Acme/App" still finds acme/app.
repository_names[lower(repo.full_name)] := repo.full_name if some repo in input.github[_].repositories

repository_name(m) := repository_names[lower(m.repository)]

# Environment names as the snapshots spell them, by lower-cased repository and name
# (GitHub compares environment names case-insensitively too). A mapping naming an
# environment the snapshot does not list keeps its own spelling.
environment_names[[lower(repo.full_name), lower(env.name)]] := env.name if {
	some repo in input.github[_].repositories
	some env in repo.environments
}

environment_name(m) := environment_names[[lower(m.repository), lower(m.environment)]]

else := m.environment

# secret_uris(m): the resource URIs of the secrets mapping `m` names.
secret_uris(m) := {sprintf("github://%s/secrets/%s", [doc.org.login, upper(m.secret)]) |
	some doc in input.github
	lower(object.get(m, "org", doc.org.login)) == lower(doc.org.login)
} if m.scope == "org"

secret_uris(m) := {sprintf("github://%s/secrets/%s", [repository_name(m), upper(m.secret)])} if m.scope == "repo"

secret_uris(m) := {sprintf("github://%s/environments/%s/secrets/%s", [repository_name(m), environment_name(m), upper(m.secret)])} if {
	m.scope == "environment"
	is_string(m.environment)
}

# links: one entry per (mapping, secret URI) pair. `index` is the mapping's position in
# the parameter list, for evidence.
links contains {"secret": uri, "mapping": m, "index": i} if {
	some i, m in mappings
	is_string(m.secret)
	some uri in secret_uris(m)
}

# cloudflare_tokens[secret_uri]: the Cloudflare token ids a secret is declared to hold.
cloudflare_tokens[link.secret] contains link.mapping.cloudflare_token_id if {
	some link in links
	is_string(link.mapping.cloudflare_token_id)
}

# secrets_of_token[token_id]: the secrets declared to hold a Cloudflare token.
secrets_of_token[id] contains link.secret if {
	some link in links
	id := link.mapping.cloudflare_token_id
	is_string(id)
}

# openai_accounts[secret_uri]: the OpenAI service accounts a secret is declared to hold
# a key of.
openai_accounts[link.secret] contains link.mapping.openai.service_account_id if {
	some link in links
	is_string(link.mapping.openai.service_account_id)
}

# secrets_of_account[service_account_id]: the secrets declared to hold a key of it.
secrets_of_account[id] contains link.secret if {
	some link in links
	id := link.mapping.openai.service_account_id
	is_string(id)
}

# mapped: the secret is declared to hold a known credential, whatever its name says.
mapped(uri) if cloudflare_tokens[uri]

mapped(uri) if openai_accounts[uri]
