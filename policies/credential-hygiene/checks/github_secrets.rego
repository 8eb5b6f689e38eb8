# METADATA
# title: GitHub Actions secrets
# description: |
#   GH-SEC checks over the org, repository and environment secrets of github-snapshot
#   documents: long-lived keys where OIDC federation exists, broad sharing, age, CI and
#   production sharing, and non-secrets kept as secrets. One finding per secret, on the
#   secret's own resource (an org secret once, never per repository that sees it).
#
#   Parameters read here (data.regolith.params; defaults in brackets):
#     openai_key_patterns, credential_name_patterns, credential_name_exceptions,
#     production_environments, secret_max_age_days, credential_mappings (lib/mappings.rego)
#     static_cloud_key_patterns    [provider -> name regexes; see default_static_cloud_key_patterns]
#     identifier_name_patterns     [["(?i)^OPENAI_.*_ID$", "(?i)_AUDIENCE$"]]
#
#   A holder (org, repository, environment) whose secret list is null in the snapshot
#   gives `unknown` on the holder for every check that needs that list.
package regolith.checks.gh_sec

import data.regolith.lib
import data.regolith.lib.federation
import data.regolith.lib.github as gh
import data.regolith.lib.mappings
import data.regolith.lib.openai
import data.regolith.lib.secrets
import data.regolith.lib.workflows as wf

# --- Names, judged once per distinct secret name -------------------------------------

secret_names := {s.name | some s in gh.secrets}

openai_key_names := {n | some n in secret_names; lib.is_openai_key_name(n)}

credential_names := {n | some n in secret_names; lib.is_credential_name(n)}

# A credential: its name says so, or a mapping declares what it holds.
is_credential(s) if s.name in credential_names

is_credential(s) if mappings.mapped(s.resource)

describe(s) := sprintf("Organization secret %s of %s", [s.name, input.github[s.index].org.login]) if s.scope == "org"

describe(s) := sprintf("Repository secret %s of %s", [s.name, s.repo.full_name]) if s.scope == "repo"

describe(s) := sprintf("Environment secret %s of %s (environment %s)", [s.name, s.repo.full_name, s.environment.name]) if {
	s.scope == "environment"
}

reads_evidence(uri) := [secrets.read_evidence(r) | some r in secrets.readers[uri]]

# Environment secrets behind required reviewers are less exposed: medium, not high.
key_severity(s) := "medium" if {
	s.scope == "environment"
	count(s.environment.required_reviewers.reviewers) > 0
} else := "high"

openai_keys[uri] := s if {
	some uri, s in gh.secrets
	s.name in openai_key_names
}

broad(s) if {
	s.scope == "org"
	s.secret.visibility in {"all", "private"}
}

# METADATA
# title: Long-lived OpenAI API key shared across the organization
# description: |
#   An org secret whose name matches an OpenAI key pattern is shared with every
#   repository (`visibility: all`) or every private and internal repository
#   (`private`), so any workflow in those repositories can read a long-lived OpenAI API
#   key. OpenAI workload identity federation replaces it with a short-lived token that a
#   GitHub OIDC token (`id-token: write`, the provider's exact audience) is exchanged for,
#   mapped to one project service account.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets" (organization secret access policies)
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     description: GitHub, "About security hardening with OpenID Connect"
# custom:
#   id: GH-SEC-001
#   severity: high
#   remediation: |
#     Move the jobs that call OpenAI to workload identity federation: in OpenAI
#     (Organization settings > Security > Workload Identity Provider) add a service account
#     mapping that pins repository_id and environment, give the job `permissions:
#     id-token: write` and exchange its OIDC token (requested with the provider's audience)
#     at https://auth.openai.com/oauth/token. Until then restrict the secret: Organization
#     settings > Secrets and variables > Actions > the secret > Repository access: Selected
#     repositories (or PUT /orgs/{org}/actions/secrets/{name} with visibility "selected").
#     Delete it and revoke the key in the OpenAI dashboard once no job reads it.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s holds a long-lived OpenAI API key and is shared with %s repositories", [describe(s), audience]),
	"evidence": array.concat(
		[sprintf("visibility: %s", [s.secret.visibility]), coverage_evidence],
		reads_evidence(uri),
	),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri, s in openai_keys
	broad(s)
	audience := {"all": "all", "private": "all private and internal"}[s.secret.visibility]
	vias := federation.covering_secret(s)
	coverage_evidence := federation_note(vias)
}

federation_note(vias) := sprintf("leftover: federation already covers it (%s)", [secrets.short_list(vias)]) if {
	count(vias) > 0
} else := "migration candidate: no OpenAI federation rule covers its repositories yet"

# METADATA
# title: Leftover OpenAI API key where federation already works
# description: |
#   A secret whose name matches an OpenAI key pattern sits in a repository or
#   environment that an OpenAI federation rule (or a declared expected consumer) already
#   covers. The job can get a short-lived OpenAI token from its GitHub OIDC token, so the
#   long-lived key is a leftover: it still works if leaked, and nothing rotates it.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets"
# custom:
#   id: GH-SEC-001
#   severity: high
#   remediation: |
#     Remove the `secrets.<NAME>` references from the workflows listed in the evidence
#     (they should use the token exchanged through the federation rule), then delete the
#     secret (Settings > Secrets and variables > Actions, or DELETE
#     /repos/{owner}/{repo}/actions/secrets/{name}, /repos/{owner}/{repo}/environments/{env}/secrets/{name},
#     /orgs/{org}/actions/secrets/{name}) and revoke the key in the OpenAI dashboard
#     (Project settings > API keys).
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s holds a long-lived OpenAI API key although OpenAI workload identity federation already covers it", [describe(s)]),
	"evidence": array.concat([sprintf("covered by %s", [secrets.short_list(vias)])], reads_evidence(uri)),
	"identity": s.identity,
	"source": s.source,
	"severity": key_severity(s),
}) if {
	some uri, s in openai_keys
	not broad(s)
	vias := federation.covering_secret(s)
	count(vias) > 0
}

# METADATA
# title: Long-lived OpenAI API key to migrate to workload identity federation
# description: |
#   A secret whose name matches an OpenAI key pattern, where no OpenAI federation rule
#   covers the repository or environment yet. OpenAI workload identity federation lets
#   the job exchange its GitHub OIDC token for a short-lived OpenAI token mapped to one
#   project service account, so no key has to be stored in GitHub at all.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     description: GitHub, "About security hardening with OpenID Connect"
# custom:
#   id: GH-SEC-001
#   severity: high
#   remediation: |
#     In OpenAI (Organization settings > Security > Workload Identity Provider) add a
#     provider for https://token.actions.githubusercontent.com with an exact audience, and a
#     service account mapping that pins repository_id and the deploy environment. In the
#     workflow give the job `permissions: id-token: write`, request the OIDC token with that
#     audience and exchange it at https://auth.openai.com/oauth/token (identity_provider_id
#     and service_account_id as Actions variables, not secrets). Then delete this secret
#     and revoke the key. Declare the job in the openai-federation document's
#     expected_consumers.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s holds a long-lived OpenAI API key and no OpenAI workload identity federation rule covers it yet", [describe(s)]),
	"evidence": array.concat(
		array.concat(["migration candidate: no federation rule or expected consumer for this repository or environment"], reads_evidence(uri)),
		wif_evidence(s),
	),
	"identity": s.identity,
	"source": s.source,
	"severity": key_severity(s),
}) if {
	some uri, s in openai_keys
	not broad(s)
	count(federation.covering_secret(s)) == 0
}

# Jobs of the secret's repository that look as if they already exchange GitHub OIDC
# tokens with OpenAI (lib/workflows.rego's heuristic markers, which include the actions
# in `openai_wif_actions`): the migration may be half done, and those jobs belong in
# the federation document's expected_consumers.
wif_jobs[gh.repo_uri(repo)] contains sprintf("%s appears to use workload identity federation already (%s)", [gh.job_uri(repo, workflow, job), concat("; ", sort(markers))]) if {
	some doc in input.github
	some repo in doc.repositories
	some workflow in repo.workflows
	some job in workflow.jobs
	job.requests_id_token
	markers := wf.openai_wif_markers(job)
	count(markers) > 0
}

wif_evidence(s) := sort(wif_jobs[gh.repo_uri(s.repo)]) if s.repo != null

else := []

# METADATA
# title: OpenAI API keys could not be checked
# description: A secret list needed to look for long-lived OpenAI keys is null in the snapshot.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
# custom:
#   id: GH-SEC-001
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets (fine-grained token or GitHub
#     App: "Secrets" repository permission read, "Secrets" organization permission read;
#     classic token: admin:org / repo) and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}

# --- GH-SEC-002: static cloud keys -----------------------------------------------------

default_static_cloud_key_patterns := {
	"AWS": ["(?i)(^|_)AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY)$"],
	"Google Cloud": ["(?i)(^|_)(GCP|GCLOUD|GOOGLE|GKE)_(SA_KEY|SA_JSON|SERVICE_ACCOUNT_KEY|SERVICE_ACCOUNT_JSON|CREDENTIALS|CREDENTIALS_JSON|APPLICATION_CREDENTIALS|KEY_JSON)$"],
	"Azure": ["(?i)(^|_)AZURE_CREDENTIALS$", "(?i)(^|_)(AZURE|ARM)_CLIENT_SECRET$"],
}

static_cloud_key_patterns := object.get(lib.params, "static_cloud_key_patterns", default_static_cloud_key_patterns)

# static_key_names[name]: the cloud whose static key a secret name looks like. A name
# can match the patterns of several providers (an overlay adds a provider beside the
# defaults): they are named together, one value per name.
static_key_names[name] := concat(" / ", sort(clouds)) if {
	some name in secret_names
	clouds := {cloud | some cloud, patterns in static_cloud_key_patterns; lib.matches_any(name, patterns)}
	count(clouds) > 0
}

# Steps that log in with a stored key where the action supports OIDC instead: the
# `with` input that carries the key, and the action it belongs to.
static_key_inputs := {
	"aws-access-key-id": "aws-actions/configure-aws-credentials",
	"aws-secret-access-key": "aws-actions/configure-aws-credentials",
	"credentials_json": "google-github-actions/auth",
	"creds": "azure/login",
}

action_name(uses) := lower(split(uses, "@")[0])

# static_key_jobs: where jobs have a step with a key input, as [document, repository,
# workflow, job] indexes. Walked straight from the input: the few jobs that match are
# the only ones worth an entity.
static_key_jobs contains [d, r, w, k] if {
	some d, doc in input.github
	some r, repo in doc.repositories
	some w, workflow in repo.workflows
	some k, job in workflow.jobs
	some step in job.steps
	some key, _ in step.with
	static_key_inputs[key]
}

static_key_steps(job) := {sprintf("steps[%d]: %s with %s", [step.index, action, key]) |
	some step in job.steps
	some key, _ in step.with
	action := static_key_inputs[key]
	is_string(step.uses)
	action_name(step.uses) == action
}

# METADATA
# title: Static cloud access key stored as a secret
# description: |
#   A secret whose name marks a long-lived cloud credential: AWS access keys, a Google
#   Cloud service-account key (JSON), or Azure service-principal credentials. AWS, Google
#   Cloud and Azure all trust GitHub's OIDC tokens, so workflows can get short-lived
#   credentials without storing any key.
# related_resources:
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/about-security-hardening-with-openid-connect
#     description: GitHub, "About security hardening with OpenID Connect"
#   - ref: https://github.com/aws-actions/configure-aws-credentials
#     description: aws-actions/configure-aws-credentials (OIDC with role-to-assume)
#   - ref: https://github.com/google-github-actions/auth
#     description: google-github-actions/auth (Workload Identity Federation)
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-azure
#     description: GitHub, "Configuring OpenID Connect in Azure"
# custom:
#   id: GH-SEC-002
#   severity: high
#   remediation: |
#     Configure the cloud to trust GitHub's OIDC issuer (AWS IAM OIDC provider and a role
#     whose trust policy pins the repository and environment; a Google Cloud Workload
#     Identity pool and provider; an Azure federated identity credential), switch the login
#     step to OIDC (`role-to-assume`, `workload_identity_provider`, `client-id`/`tenant-id`
#     with `permissions: id-token: write`), then delete the secret and deactivate the key in
#     the cloud console.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s looks like a static %s access key", [describe(s), cloud]),
	"evidence": array.concat([sprintf("name %s matches the %s static key patterns", [s.name, cloud])], reads_evidence(uri)),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri, s in gh.secrets
	cloud := static_key_names[s.name]
}

# METADATA
# title: Cloud login step uses a stored key instead of OIDC
# description: |
#   A step logs in to a cloud with a long-lived key passed as an input:
#   aws-actions/configure-aws-credentials with aws-access-key-id / aws-secret-access-key
#   instead of role-to-assume, google-github-actions/auth with credentials_json instead of
#   workload_identity_provider, or azure/login with creds instead of client-id and
#   tenant-id. Each of these actions supports GitHub OIDC.
# related_resources:
#   - ref: https://github.com/aws-actions/configure-aws-credentials
#     description: aws-actions/configure-aws-credentials (OIDC with role-to-assume)
#   - ref: https://github.com/google-github-actions/auth
#     description: google-github-actions/auth (Workload Identity Federation)
#   - ref: https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-azure
#     description: GitHub, "Configuring OpenID Connect in Azure"
# custom:
#   id: GH-SEC-002
#   severity: high
#   remediation: |
#     Give the job `permissions: id-token: write` and replace the key inputs: AWS
#     `role-to-assume: arn:aws:iam::ACCOUNT:role/NAME` (drop aws-access-key-id and
#     aws-secret-access-key); Google `workload_identity_provider` and `service_account`
#     (drop credentials_json); Azure `client-id`, `tenant-id`, `subscription-id` (drop
#     creds). Then delete the key secrets.
#   identity: [repository_id, workflow, job]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": gh.job_uri(repo, workflow, job),
	"message": sprintf("Job %s of %s logs in to a cloud with a stored key instead of OIDC", [job.id, workflow.path]),
	"evidence": sort(steps),
	"identity": {"repository_id": repo.id, "workflow": workflow.path, "job": job.id},
	"source": lib.source("github", d, sprintf("/repositories/%d/workflows/%d/jobs/%d", [r, w, k])),
}) if {
	some [d, r, w, k] in static_key_jobs
	repo := input.github[d].repositories[r]
	workflow := repo.workflows[w]
	job := workflow.jobs[k]
	steps := static_key_steps(job)
	count(steps) > 0
}

# METADATA
# title: Static cloud keys could not be checked
# description: A secret list needed to look for static cloud keys is null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets"
# custom:
#   id: GH-SEC-002
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}

# --- GH-SEC-003: org secrets shared too widely -----------------------------------------

public_repositories(doc) := {r.full_name | some r in doc.repositories; r.visibility == "public"}

credential_severity(s) := "high" if is_credential(s)

else := "medium"

# METADATA
# title: Organization secret available to all repositories
# description: |
#   An org secret with `visibility: all` can be read by the workflows of every
#   repository in the organization, public ones and ones created later included. Share
#   it only with the repositories that need it (`visibility: selected`).
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets" (organization secret access policies)
#   - ref: https://docs.github.com/actions/security-guides/using-secrets-in-github-actions
#     description: GitHub, "Using secrets in GitHub Actions"
# custom:
#   id: GH-SEC-003
#   severity: high
#   remediation: |
#     Organization settings > Secrets and variables > Actions > the secret > Repository
#     access: Selected repositories, and pick the repositories that use it (or PUT
#     /orgs/{org}/actions/secrets/{name} with "visibility": "selected" and
#     "selected_repository_ids"). A credential used by one deployment belongs in that
#     repository's environment instead.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s is available to every repository of the organization", [describe(s)]),
	"evidence": evidence,
	"identity": s.identity,
	"source": s.source,
	"severity": credential_severity(s),
}) if {
	some uri, s in gh.secrets
	s.scope == "org"
	s.secret.visibility == "all"
	public := public_repositories(input.github[s.index])
	evidence := array.concat(["visibility: all"], [sprintf("public repositories: %s", [secrets.short_list(public)]) | count(public) > 0])
}

# METADATA
# title: Organization secret shared with public repositories
# description: |
#   An org secret with `visibility: selected` is shared with at least one public
#   repository. Workflows of public repositories run code anyone can propose, and
#   fork-triggered events such as pull_request_target run with the base repository's
#   secrets.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets" (organization secret access policies)
# custom:
#   id: GH-SEC-003
#   severity: high
#   remediation: |
#     Remove the public repositories from the secret's selected repositories
#     (Organization settings > Secrets and variables > Actions > the secret > Repository
#     access, or DELETE /orgs/{org}/actions/secrets/{name}/repositories/{repository_id}).
#     If a public repository needs the credential, keep it in a protected environment of
#     that repository.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s is shared with public repositories", [describe(s)]),
	"evidence": ["visibility: selected", sprintf("public repositories: %s", [secrets.short_list(public)])],
	"identity": s.identity,
	"source": s.source,
	"severity": credential_severity(s),
}) if {
	some uri, s in gh.secrets
	s.scope == "org"
	s.secret.visibility == "selected"
	public := {r.full_name | some r in s.secret.selected_repositories; gh.repositories[gh.repo_uri(r)].repo.visibility == "public"}
	count(public) > 0
}

# METADATA
# title: Organization secret sharing could not be checked
# description: |
#   The org's secrets, or the selected repositories of an org secret with
#   `visibility: selected`, are null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets"
# custom:
#   id: GH-SEC-003
#   severity: high
#   remediation: |
#     Give the snapshot token the organization "Secrets" permission (read) and take the
#     snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if some fields in org_sharing_unknowns

org_sharing_unknowns contains fields if {
	some fields in secrets.holder_gaps
	fields.identity.scope == "org"
}

org_sharing_unknowns contains {
	"resource": uri,
	"message": sprintf("Could not check which repositories %s is shared with: the list could not be read", [describe(s)]),
	"evidence": ["visibility: selected", "selected_repositories: null in the snapshot"],
	"identity": s.identity,
	"source": s.source,
	"status": "unknown",
} if {
	some uri, s in gh.secrets
	s.scope == "org"
	s.secret.visibility == "selected"
	s.secret.selected_repositories == null
}

# --- GH-SEC-004: production credentials outside a protected environment ----------------

# Credential names that say "production" in one of their words (PROD_DEPLOY_TOKEN).
production_named := {n |
	some n in credential_names
	some word in split(lower(n), "_")
	lib.is_production_environment(word)
}

production_reads(uri) := {secrets.read_evidence(r) |
	some r in secrets.readers[uri]
	secrets.production_read(r)
}

# Only secrets that jobs read, or with a production name, can be production credentials.
production_candidates := {uri | some uri, _ in secrets.readers} | {uri | some uri, s in gh.secrets; s.name in production_named}

production_reasons(uri, s) := array.concat(
	[sprintf("read by a production job: %s", [secrets.short_list(reads)]) | reads := production_reads(uri); count(reads) > 0],
	[sprintf("the name %s marks a production credential", [s.name]) | s.name in production_named],
)

# METADATA
# title: Production credential stored at repository or organization scope
# description: |
#   A credential that production deployments use (read by jobs in a production
#   environment, or named for production) is stored as a repository or organization
#   secret. Every workflow of the repository, on any branch, can read it without passing
#   the environment's protection rules (required reviewers, branch policy); in an
#   environment it is released only to approved deployment jobs.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment" (environment secrets, protection rules)
#   - ref: https://docs.github.com/en/actions/security-for-github-actions/security-guides/about-secrets
#     description: GitHub, "About secrets" (secret precedence)
# custom:
#   id: GH-SEC-004
#   severity: high
#   remediation: |
#     Create the secret in the production environment (Settings > Environments >
#     production > Environment secrets > Add secret, or `gh secret set NAME --env
#     production`), make sure that environment has required reviewers and a deployment
#     branch policy, then delete the repository or organization secret. Jobs that need it
#     must declare `environment: production`.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s is a production credential stored outside a protected environment", [describe(s)]),
	"evidence": reasons,
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri in production_candidates
	s := gh.secrets[uri]
	s.scope in {"org", "repo"}
	is_credential(s)
	reasons := production_reasons(uri, s)
	count(reasons) > 0
}

# METADATA
# title: Production credential storage could not be checked
# description: An organization or repository secret list is null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment"
# custom:
#   id: GH-SEC-004
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
	fields.identity.scope in {"org", "repo"}
}

# METADATA
# title: Whether a credential is stored for production outside an environment could not be told
# description: |
#   A production job reads the secret's name, but the snapshot cannot tell whether it
#   reads this repository or organization secret: the environment's secrets, or the
#   organization secret's reach, could not be read.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment"
# custom:
#   id: GH-SEC-004
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets and environments ("Secrets"
#     and "Environments" permissions, read) and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.unknown(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("Whether %s is a production credential stored outside a protected environment could not be told", [describe(s)]),
	"evidence": sort(why),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri in {r.secret | some r in secrets.uncertain_reads}
	s := gh.secrets[uri]
	s.scope in {"org", "repo"}
	is_credential(s)
	count(production_reasons(uri, s)) == 0
	why := {r.evidence | some r in secrets.uncertain_reads; r.secret == uri}
}

# --- GH-SEC-005: stale secrets ---------------------------------------------------------

max_age_days := object.get(lib.params, "secret_max_age_days", {"credential": 90, "other": 365})

age_limit(s) := max_age_days.credential if is_credential(s)

else := max_age_days.other

# cutoffs[document index][days]: the instant `days` whole days before the document's
# generated_at; a value set before it is older than the limit (lib.older_than, with one
# timestamp parse per secret instead of two).
cutoffs[d] := {days: cutoff(doc, days) | some days in {max_age_days.credential, max_age_days.other}} if some d, doc in input.github

cutoff(doc, days) := time.parse_rfc3339_ns(doc.generated_at) - ((days + 1) * lib.ns_per_day)

# METADATA
# title: Secret not rotated within its maximum age
# description: |
#   The secret's value was last set (`updated_at`) longer ago than the maximum age for
#   its kind (`secret_max_age_days`: 90 days for credentials, 365 otherwise). GitHub
#   exposes no "last used" time, so the age of the value is the only rotation signal.
# related_resources:
#   - ref: https://docs.github.com/actions/security-guides/using-secrets-in-github-actions
#     description: GitHub, "Using secrets in GitHub Actions"
#   - ref: https://developers.cloudflare.com/fundamentals/api/how-to/roll-token/
#     description: Cloudflare, "Roll tokens"
# custom:
#   id: GH-SEC-005
#   severity: medium
#   remediation: |
#     Issue a new credential at its source (roll the Cloudflare token, create a new OpenAI
#     project key, rotate the cloud key), store it with `gh secret set NAME` (add `--env
#     ENV` or `--org ORG` for other scopes), then revoke the old one. Better, replace the
#     secret with OIDC federation so there is nothing to rotate.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s was last set %d days ago (limit %d days)", [describe(s), lib.days_between(s.secret.updated_at, input.github[s.index].generated_at), limit]),
	"evidence": [sprintf("updated_at: %s", [s.secret.updated_at]), sprintf("snapshot generated_at: %s", [input.github[s.index].generated_at])],
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri, s in gh.secrets
	limit := age_limit(s)
	time.parse_rfc3339_ns(s.secret.updated_at) <= cutoffs[s.index][limit]
}

# METADATA
# title: Secret age could not be checked
# description: A secret list needed to judge secret ages is null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/actions/security-guides/using-secrets-in-github-actions
#     description: GitHub, "Using secrets in GitHub Actions"
# custom:
#   id: GH-SEC-005
#   severity: medium
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}

# --- GH-SEC-006: one credential for CI and production ----------------------------------

# Both production deployment jobs and CI jobs (not production, or PR-triggered) read
# the very same secret.
read_sharing(uri) := [
	sprintf("production: %s", [secrets.short_list(production)]),
	sprintf("CI: %s", [secrets.short_list(ci)]),
] if {
	rs := secrets.readers[uri]
	production := {secrets.read_evidence(r) | some r in rs; secrets.production_read(r)}
	ci := {secrets.read_evidence(r) | some r in rs; secrets.ci_read(r)}
	count(production) > 0
	count(ci) > 0
} else := []

# production_accounts[service_account_id]: why an OpenAI service account is a
# production identity: a federation rule or an expected consumer binds it to a
# production environment, or a production environment secret holds its key.
production_accounts[r.rule.service_account_id] contains sprintf("%s trusts environment %s", [r.resource, environment]) if {
	some r in openai.federation_rules
	r.rule.enabled
	environment := federation.matcher_environment(r.rule.attribute_matchers)
	lib.is_production_environment(environment)
}

production_accounts[c.service_account_id] contains sprintf("expected consumer %s/%s#jobs/%s runs in environment %s", [c.repository, c.workflow, c.job, c.environment]) if {
	some doc in input.openai
	some c in doc.expected_consumers
	is_string(c.environment)
	lib.is_production_environment(c.environment)
}

production_accounts[account] contains sprintf("%s holds its key", [uri]) if {
	some account, uris in mappings.secrets_of_account
	some uri in uris
	production_secret(gh.secrets[uri])
}

production_secret(s) if {
	s.scope == "environment"
	s.environment.name in secrets.production_names
}

# A CI-side secret holds a key of a production service account.
account_sharing(uri, s) := [sprintf("holds a key of OpenAI service account %s: %s", [account, secrets.short_list(vias)]) |
	not production_secret(s)
	some account in mappings.openai_accounts[uri]
	vias := production_accounts[account]
]

sharing_candidates := {uri | some uri, _ in secrets.readers} | {uri | some uri, _ in mappings.openai_accounts}

# METADATA
# title: CI and production share a credential
# description: |
#   The same credential serves CI and production: CI jobs (jobs outside a production
#   environment, or in PR-triggered workflows) and production deployment jobs read the
#   same secret, or a secret CI can read holds a key of an OpenAI service account that
#   production uses (by federation rule, expected consumer or mapping). Whoever controls
#   a CI run then holds production access; separate identities keep CI compromise out of
#   production.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment"
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions" (service account mappings)
# custom:
#   id: GH-SEC-006
#   severity: high
#   remediation: |
#     Issue a separate credential for production (a separate Cloudflare token, OpenAI
#     project service account or cloud role), store it only as a secret of the protected
#     production environment, and give CI its own, less privileged credential (e.g. a
#     staging project). For OpenAI, map CI and production subjects to different service
#     accounts in the federation rules.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sharing_message(s, reads),
	"evidence": array.concat(reads, accounts),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri in sharing_candidates
	s := gh.secrets[uri]
	reads := read_sharing(uri)
	accounts := account_sharing(uri, s)
	count(reads) + count(accounts) > 0
}

# The message says which kind of sharing was found: jobs of both kinds read the secret,
# or a secret outside production holds a credential production uses.
sharing_message(s, reads) := sprintf("%s is read by both CI and production jobs", [describe(s)]) if {
	count(reads) > 0
} else := sprintf("%s is outside production but holds a credential production uses", [describe(s)])

# METADATA
# title: CI and production credential sharing could not be checked
# description: A secret list needed to tell which secret each job reads is null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
#     description: GitHub, "Managing environments for deployment"
# custom:
#   id: GH-SEC-006
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}

# --- GH-SEC-007: Cloudflare Global API Key ---------------------------------------------
# Cloudflare's tools read the Global API Key from CLOUDFLARE_API_KEY (with
# CLOUDFLARE_EMAIL); scoped API tokens go in CLOUDFLARE_API_TOKEN.

global_key_names := {n | some n in secret_names; regex.match(`(?i)^(CLOUDFLARE|CF)_(GLOBAL_)?(API|AUTH)_KEY$`, n)}

is_cloudflare_email(name) if regex.match(`(?i)^(CLOUDFLARE|CF)_(API_|AUTH_)?EMAIL$`, name)

listed(xs) := xs if is_array(xs)

else := []

names_of(holder) := {x.name | some x in array.concat(listed(holder.secrets), listed(holder.variables))}

# Secret and variable names a job reading the key would also see.
nearby_names(s) := names_of(input.github[s.index].org) if s.scope == "org"

nearby_names(s) := names_of(input.github[s.index].org) | names_of(s.repo) if s.scope == "repo"

nearby_names(s) := (names_of(input.github[s.index].org) | names_of(s.repo)) | names_of(s.environment) if s.scope == "environment"

email_note(s) := sprintf("stored alongside %s: the pair authenticates as the user with X-Auth-Email / X-Auth-Key", [concat(", ", sort(emails))]) if {
	emails := {n | some n in nearby_names(s); is_cloudflare_email(n)}
	count(emails) > 0
} else := "no CLOUDFLARE_EMAIL alongside: if this holds a scoped API token, rename it CLOUDFLARE_API_TOKEN"

# METADATA
# title: Cloudflare Global API Key stored as a secret
# description: |
#   A secret named like Cloudflare's Global API Key (CLOUDFLARE_API_KEY, CF_API_KEY),
#   usually with CLOUDFLARE_EMAIL. The Global API Key has every permission of its user on
#   every account and zone, cannot be restricted by IP or expiry, and there is only one
#   per user. Scoped API tokens (preferably account-owned) replace it.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/keys/
#     description: Cloudflare, "Get Global API key (legacy)"
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/create-token/
#     description: Cloudflare, "Create API token"
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/account-owned-tokens/
#     description: Cloudflare, "Account API tokens"
# custom:
#   id: GH-SEC-007
#   severity: high
#   remediation: |
#     Create an account API token with only the permission groups and zones the workflow
#     needs (Manage Account > API Tokens > Create Token), add client IP filtering and an
#     expiry, store it as CLOUDFLARE_API_TOKEN, and remove CLOUDFLARE_API_KEY and
#     CLOUDFLARE_EMAIL from the workflow and the secrets. Then change the Global API Key
#     (My Profile > API Tokens > Global API Key > Change) so the stored copy stops working.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s looks like a Cloudflare Global API Key", [describe(s)]),
	"evidence": array.concat([email_note(s)], reads_evidence(uri)),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri, s in gh.secrets
	s.name in global_key_names
}

# METADATA
# title: Cloudflare Global API Keys could not be checked
# description: A secret list needed to look for Cloudflare Global API Keys is null in the snapshot.
# related_resources:
#   - ref: https://developers.cloudflare.com/fundamentals/api/get-started/keys/
#     description: Cloudflare, "Get Global API key (legacy)"
# custom:
#   id: GH-SEC-007
#   severity: high
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}

# --- GH-SEC-008: identifiers kept as secrets --------------------------------------------

identifier_name_patterns := object.get(lib.params, "identifier_name_patterns", ["(?i)^OPENAI_.*_ID$", "(?i)_AUDIENCE$"])

identifier_names := {n |
	some n in secret_names
	lib.matches_any(n, identifier_name_patterns)
	not n in openai_key_names
	not n in credential_names
}

# METADATA
# title: Non-secret identifier stored as a secret
# description: |
#   A secret named like an identifier of OpenAI workload identity federation (provider
#   id, service account id, project id, audience). These values are not credentials: they
#   grant nothing without a GitHub OIDC token the federation rule accepts. As secrets
#   they are masked in logs, which hides what a failing exchange sent, and they dilute the
#   secret store, which should hold bearer credentials only. Keep them in Actions
#   variables.
# related_resources:
#   - ref: https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions
#     description: OpenAI, "Configuring workload identity federation for GitHub Actions"
#   - ref: https://docs.github.com/actions/security-guides/using-secrets-in-github-actions
#     description: GitHub, "Using secrets in GitHub Actions"
# custom:
#   id: GH-SEC-008
#   severity: info
#   remediation: |
#     Create an Actions variable with the same name and value (Settings > Secrets and
#     variables > Actions > Variables, or `gh variable set NAME`), change the workflows from
#     `secrets.NAME` to `vars.NAME`, then delete the secret.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), {
	"resource": uri,
	"message": sprintf("%s holds an identifier, not a credential; keep it in an Actions variable", [describe(s)]),
	"evidence": array.concat([sprintf("name %s matches identifier_name_patterns", [s.name])], reads_evidence(uri)),
	"identity": s.identity,
	"source": s.source,
}) if {
	some uri, s in gh.secrets
	s.name in identifier_names
}

# METADATA
# title: Identifiers stored as secrets could not be checked
# description: A secret list needed to look for identifiers stored as secrets is null in the snapshot.
# related_resources:
#   - ref: https://docs.github.com/actions/security-guides/using-secrets-in-github-actions
#     description: GitHub, "Using secrets in GitHub Actions"
# custom:
#   id: GH-SEC-008
#   severity: info
#   remediation: |
#     Give the snapshot token read access to Actions secrets ("Secrets" permission, read)
#     and take the snapshot again.
#   identity: [scope, owner, name]
findings contains lib.finding(rego.metadata.rule(), fields) if {
	some fields in secrets.holder_gaps
}
