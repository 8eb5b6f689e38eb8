/**
 * The `github-snapshot` document (schema_version 1): facts about an organization's
 * GitHub Actions credential posture, as `schemas/github-snapshot.schema.json`
 * describes them. Facts, not judgments: policies decide what is risky.
 *
 * Conventions: a collection the adapter could not read is `null` with a matching
 * `coverage` entry; an empty array means "read, found none". Collections are sorted
 * by a stable key; arrays whose order means something (steps, claim keys, runner
 * labels) keep source order.
 */

export const SCHEMA_VERSION = 1;

export type CoverageStatus = "ok" | "forbidden" | "not_found" | "not_applicable" | "error";

/** One read that did not give its data, so "none found" and "could not see" differ. */
export interface CoverageEntry {
  /** What was read: `org:ORG/actions/secrets`, `repo:ORG/REPO/environments/ENV/secrets`, … */
  readonly resource: string;
  readonly status: CoverageStatus;
  readonly http_status?: number;
  /** GitHub's `X-Accepted-GitHub-Permissions` header on a 403: the permission the read needs. */
  readonly accepted_permissions?: string;
  readonly message?: string;
}

/** A value that looked like a credential and was not copied. */
export interface Redacted {
  readonly redacted: true;
  /** What it looked like: `openai_api_key`, `github_pat`, `cloudflare_api_token`, `aws_access_key_id`, … */
  readonly looks_like: string;
}

export type MaybeRedacted = string | Redacted;

export interface SecretFact {
  readonly name: string;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface OrgSecretFact extends SecretFact {
  readonly visibility: "all" | "private" | "selected";
  /** For `selected` visibility: the repositories; `null` when they could not be read or do not apply. */
  readonly selected_repositories: readonly RepoRef[] | null;
}

export interface VariableFact {
  readonly name: string;
  readonly value: MaybeRedacted;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface OrgVariableFact extends VariableFact {
  readonly visibility: "all" | "private" | "selected";
  readonly selected_repositories: readonly RepoRef[] | null;
}

export interface RepoRef {
  readonly id: number;
  readonly full_name: string;
}

export interface ActionsPermissions {
  /** Org: `all`, `none` or `selected`; absent on repositories. */
  readonly enabled_repositories?: string;
  /** Repositories: whether Actions is enabled; absent on the org. */
  readonly enabled?: boolean;
  readonly allowed_actions: string | null;
  readonly sha_pinning_required: boolean | null;
}

export interface ForkPrWorkflowsPrivateRepos {
  readonly run_workflows_from_fork_pull_requests: boolean;
  readonly send_write_tokens_to_workflows: boolean;
  readonly send_secrets_and_variables: boolean;
  readonly require_approval_for_fork_pr_workflows: boolean;
}

export interface OrgOidc {
  /** `null` when no template was ever set (GitHub answers 404) or it could not be read. */
  readonly sub_template: { readonly include_claim_keys: readonly string[]; readonly use_immutable_subject: boolean | null } | null;
  readonly custom_property_claims: readonly { readonly name: string; readonly inclusion_source: string }[] | null;
}

export interface RepoOidc {
  readonly use_default: boolean;
  readonly include_claim_keys: readonly string[] | null;
  readonly use_immutable_subject: boolean | null;
  /** The subject prefix GitHub reports (`repo:OWNER/REPO` or the immutable `repo:OWNER@ID/REPO@ID`). */
  readonly sub_claim_prefix: string | null;
  /**
   * The claim keys in force: the default (`repo`, `context`) when `use_default`, else
   * the repository's keys, else the org's. A pure function of the other facts.
   */
  readonly effective_sub_template: readonly string[] | null;
}

export interface OrgActions {
  readonly permissions: ActionsPermissions | null;
  readonly default_workflow_permissions: "read" | "write" | null;
  readonly can_approve_pull_request_reviews: boolean | null;
  readonly fork_pr_contributor_approval: string | null;
  readonly fork_pr_workflows_private_repos: ForkPrWorkflowsPrivateRepos | null;
  readonly oidc: OrgOidc;
}

export interface RepoActions {
  readonly permissions: ActionsPermissions | null;
  readonly default_workflow_permissions: "read" | "write" | null;
  readonly can_approve_pull_request_reviews: boolean | null;
  /** Public repositories only (`null` with a `not_applicable` coverage entry otherwise). */
  readonly fork_pr_contributor_approval: string | null;
  /** Private and internal repositories only. */
  readonly fork_pr_workflows_private_repos: ForkPrWorkflowsPrivateRepos | null;
  readonly oidc: RepoOidc | null;
}

export interface Reviewer {
  readonly type: "User" | "Team";
  /** A user's login or a team's slug. */
  readonly name: string;
  readonly id: number | null;
}

export interface EnvironmentFact {
  readonly name: string;
  readonly id: number | null;
  readonly created_at: string | null;
  readonly updated_at: string | null;
  /** The required-reviewers rule; `reviewers` is empty when the environment has none. */
  readonly required_reviewers: { readonly prevent_self_review: boolean; readonly reviewers: readonly Reviewer[] };
  /** 0 when the environment has no wait timer. */
  readonly wait_timer_minutes: number;
  /**
   * `any` (every branch may deploy), `protected_branches`, or `custom` with the
   * patterns (`null` when they could not be read).
   */
  readonly deployment_branch_policy: {
    readonly mode: "any" | "protected_branches" | "custom";
    readonly patterns: readonly { readonly name: string; readonly type: "branch" | "tag" }[] | null;
  };
  readonly custom_protection_apps: readonly string[] | null;
  readonly secrets: readonly SecretFact[] | null;
  readonly variables: readonly VariableFact[] | null;
}

export interface BranchProtectionRule {
  readonly pattern: string;
  readonly is_admin_enforced: boolean;
  readonly allows_force_pushes: boolean;
  readonly allows_deletions: boolean;
  readonly requires_approving_reviews: boolean;
  readonly required_approving_review_count: number | null;
  readonly requires_code_owner_reviews: boolean;
  readonly dismisses_stale_reviews: boolean;
  readonly require_last_push_approval: boolean;
  readonly requires_status_checks: boolean;
  readonly requires_strict_status_checks: boolean;
  readonly required_status_check_contexts: readonly string[];
  readonly requires_commit_signatures: boolean;
  readonly requires_linear_history: boolean;
  readonly requires_conversation_resolution: boolean;
  readonly requires_deployments: boolean;
  readonly required_deployment_environments: readonly string[];
  readonly restricts_pushes: boolean;
  readonly lock_branch: boolean;
}

export interface Ruleset {
  readonly id: number | null;
  readonly name: string;
  /** Where it is defined: the repository itself, or the org or enterprise it inherits from. */
  readonly source: { readonly type: "Repository" | "Organization" | "Enterprise"; readonly name: string };
  readonly enforcement: "active" | "disabled" | "evaluate";
  readonly target: "branch" | "tag" | "push" | "repository" | null;
  readonly ref_include: readonly string[];
  readonly ref_exclude: readonly string[];
  readonly bypass_actors: readonly { readonly type: string; readonly name: string | null; readonly mode: "always" | "pull_request" }[];
  readonly rules: readonly { readonly type: string; readonly parameters: Readonly<Record<string, unknown>> | null }[];
}

/** A reference to a secret or variable in a workflow expression. */
export interface ContextRef {
  /** The name (`OPENAI_API_KEY`), or `null` for a dynamic reference. */
  readonly name: string | null;
  /** Where: `env.X`, `steps[1].with.token`, `steps[0].run`, `with.key`, `if`, `secrets.X` (reusable call). */
  readonly where: string;
  /** `secrets[expr]`, `toJSON(secrets)` and similar: the whole context may be exposed. */
  readonly dynamic: boolean;
  /** The expression text inside `${{ }}` (or the `if:` condition), redacted. */
  readonly expression: string;
}

export interface StepFact {
  readonly index: number;
  readonly id: string | null;
  readonly name: string | null;
  readonly uses: string | null;
  /** `uses` pinned to a full 40-hex commit SHA; `null` for `run` steps, local and `docker://` actions. */
  readonly pinned_sha: boolean | null;
  readonly with: Readonly<Record<string, MaybeRedacted>>;
  readonly env: Readonly<Record<string, MaybeRedacted>>;
  readonly run: string | null;
  /**
   * The shell a `run` step uses: its own `shell:`, else the job's, else the
   * workflow's `defaults.run.shell`; `null` for the runner's default (or a `uses` step).
   */
  readonly shell: string | null;
  readonly if: string | null;
}

/** `permissions:` as written: `read-all`, `write-all`, or a scope map (`{}` grants nothing). */
export type Permissions = string | Readonly<Record<string, string>>;

export interface JobFact {
  readonly id: string;
  readonly name: string | null;
  /** `environment:` name (the string form, or the `name` of the object form). */
  readonly environment: string | null;
  readonly runs_on: readonly string[];
  /** The runner group of `runs-on: { group, labels }`; `null` when none is named. */
  readonly runs_on_group: string | null;
  /** A reusable workflow call: `owner/repo/.github/workflows/x.yml@ref` or `./.github/workflows/x.yml`. */
  readonly uses: string | null;
  readonly needs: readonly string[];
  readonly if: string | null;
  /** The job's own `permissions:`, or `null` when it has none. */
  readonly permissions: Permissions | null;
  /** The permissions in force: the job's, else the workflow's, else `null` (the repository default applies). */
  readonly effective_permissions: Permissions | null;
  readonly permissions_source: "job" | "workflow" | "default";
  /** The effective permissions grant `id-token: write` (explicitly or through `write-all`). */
  readonly requests_id_token: boolean;
  readonly secrets_inherit: boolean;
  /** `secrets:` passed to a reusable workflow, by name (values are expressions, redacted). */
  readonly secrets_passed: Readonly<Record<string, MaybeRedacted>>;
  readonly secret_refs: readonly ContextRef[];
  readonly var_refs: readonly ContextRef[];
  /** Other contexts the job's expressions read (`github.event.pull_request.head.ref`, …), deduplicated, sorted. */
  readonly context_refs: readonly string[];
  readonly env: Readonly<Record<string, MaybeRedacted>>;
  readonly with: Readonly<Record<string, MaybeRedacted>>;
  readonly steps: readonly StepFact[];
  /**
   * The OIDC subjects the job can present, from the repository's `sub_claim_prefix`
   * and the job's environment or the workflow's triggering refs and events.
   */
  readonly oidc_sub_candidates: readonly string[];
}

export interface WorkflowFact {
  readonly path: string;
  readonly name: string | null;
  /** From the workflow registry: `active`, `disabled_manually`, …; `null` when unknown. */
  readonly state: string | null;
  readonly blob_sha: string | null;
  readonly byte_size: number | null;
  /** Why the file could not be read as a workflow; its facts below are then empty. */
  readonly parse_error: { readonly message: string; readonly line: number | null; readonly column: number | null } | null;
  /** `on:` normalized to `event → config` (`null` config for bare events). */
  readonly triggers: Readonly<Record<string, unknown>>;
  readonly permissions: Permissions | null;
  readonly env: Readonly<Record<string, MaybeRedacted>>;
  readonly jobs: readonly JobFact[];
}

export interface RepositoryFact {
  readonly full_name: string;
  readonly name: string;
  readonly id: number;
  readonly node_id: string;
  readonly owner_id: number | null;
  readonly visibility: "public" | "private" | "internal";
  readonly archived: boolean;
  readonly fork: boolean;
  readonly created_at: string;
  readonly default_branch: string | null;
  readonly default_branch_sha: string | null;
  readonly actions: RepoActions;
  readonly secrets: readonly SecretFact[] | null;
  readonly variables: readonly VariableFact[] | null;
  /** Names of the org secrets this repository can use. */
  readonly org_secrets_available: readonly string[] | null;
  readonly org_variables_available: readonly string[] | null;
  readonly environments: readonly EnvironmentFact[] | null;
  readonly branch_protection_rules: readonly BranchProtectionRule[] | null;
  readonly rulesets: readonly Ruleset[] | null;
  readonly workflows: readonly WorkflowFact[] | null;
}

export interface OrgFact {
  readonly login: string;
  readonly id: number | null;
  readonly node_id: string | null;
  readonly requires_two_factor_authentication: boolean | null;
  readonly actions: OrgActions;
  readonly secrets: readonly OrgSecretFact[] | null;
  readonly variables: readonly OrgVariableFact[] | null;
  readonly rulesets: readonly Ruleset[] | null;
}

export type AuthKind = "classic_pat" | "fine_grained_pat" | "app_installation" | "oauth" | "actions" | "unknown";

export interface GithubSnapshot {
  readonly kind: "github-snapshot";
  readonly schema_version: typeof SCHEMA_VERSION;
  readonly generated_at: string;
  readonly adapter: { readonly name: string; readonly version: string; readonly libs: Readonly<Record<string, string>> };
  readonly source: {
    readonly rest_base_url: string;
    readonly graphql_url: string;
    readonly rest_api_version: string;
    readonly auth: { readonly kind: AuthKind; readonly login: string | null };
  };
  readonly scope: {
    readonly org: string;
    /** `all`, or the repository names asked for. */
    readonly repositories: "all" | readonly string[];
    readonly include_archived: boolean;
    readonly scanned_ref: "default_branch";
  };
  readonly coverage: readonly CoverageEntry[];
  /** Run statistics; they differ between runs and are ignored when diffing. */
  readonly stats: {
    readonly rest_requests: number;
    readonly graphql_requests: number;
    readonly graphql_points: number;
    readonly retries: number;
  };
  readonly org: OrgFact;
  readonly repositories: readonly RepositoryFact[];
}
