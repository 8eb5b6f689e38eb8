/**
 * The state a GitHub fake serves: one organization and its repositories.
 *
 * Settings that GitHub exposes only through REST are kept in their REST JSON shape
 * (snake_case), so a test can set any documented field and see it back unchanged.
 * Everything GraphQL reads (environments, rules, rulesets) is camelCase, and the
 * GraphQL and REST views are both derived from it, so the two can never disagree.
 * Times are ISO-8601 strings; ids are numbers (databaseId), node ids are strings.
 */

export type Visibility = "public" | "private" | "internal";

export interface FakeSecret {
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface FakeVariable extends FakeSecret {
  value: string;
}

/** Org secrets and variables: `selected` visibility lists repository names. */
export type OrgVisibility = "all" | "private" | "selected";

export interface FakeOrgSecret extends FakeSecret {
  visibility: OrgVisibility;
  selectedRepos: string[];
}

export interface FakeOrgVariable extends FakeVariable {
  visibility: OrgVisibility;
  selectedRepos: string[];
}

/** `GET …/actions/permissions/workflow` */
export interface WorkflowPermissions {
  default_workflow_permissions: "read" | "write";
  can_approve_pull_request_reviews: boolean;
}

/** `GET …/actions/permissions/fork-pr-contributor-approval` */
export interface ForkPrContributorApproval {
  approval_policy: "first_time_contributors_new_to_github" | "first_time_contributors" | "all_external_contributors";
}

/** `GET …/actions/permissions/fork-pr-workflows-private-repos` */
export interface ForkPrWorkflowsPrivateRepos {
  run_workflows_from_fork_pull_requests: boolean;
  send_write_tokens_to_workflows: boolean;
  send_secrets_and_variables: boolean;
  require_approval_for_fork_pr_workflows: boolean;
}

/** `GET /orgs/{org}/actions/permissions` */
export interface OrgActionsPermissions {
  enabled_repositories: "all" | "none" | "selected";
  allowed_actions?: "all" | "local_only" | "selected";
  sha_pinning_required?: boolean;
}

/** `GET /repos/{o}/{r}/actions/permissions` */
export interface RepoActionsPermissions {
  enabled: boolean;
  allowed_actions?: "all" | "local_only" | "selected";
  sha_pinning_required?: boolean;
}

/**
 * Actions settings. A `null` endpoint value answers 404, which is how GitHub answers
 * a setting that does not apply (fork-PR settings of the other visibility) [unverified].
 */
export interface OrgActionsSettings {
  permissions: OrgActionsPermissions;
  workflowPermissions: WorkflowPermissions;
  forkPrContributorApproval: ForkPrContributorApproval | null;
  forkPrWorkflowsPrivateRepos: ForkPrWorkflowsPrivateRepos | null;
}

export interface RepoActionsSettings {
  permissions: RepoActionsPermissions;
  workflowPermissions: WorkflowPermissions;
  forkPrContributorApproval: ForkPrContributorApproval | null;
  forkPrWorkflowsPrivateRepos: ForkPrWorkflowsPrivateRepos | null;
  /** `GET …/actions/permissions/access`; `null` → 404 (public repos). */
  access: { access_level: "none" | "user" | "organization" } | null;
}

/** `GET /orgs/{org}/actions/oidc/customization/sub`; the fake answers 404 when unset. */
export interface OrgOidcSub {
  include_claim_keys: string[];
  use_immutable_subject?: boolean;
}

/**
 * `GET /repos/{o}/{r}/actions/oidc/customization/sub`. A missing `sub_claim_prefix` is
 * computed from the owner, the repository and `use_immutable_subject`.
 */
export interface RepoOidcSub {
  use_default: boolean;
  include_claim_keys?: string[];
  use_immutable_subject?: boolean;
  sub_claim_prefix?: string;
}

export interface CustomPropertyClaim {
  custom_property_name: string;
  inclusion_source: "organization" | "enterprise";
}

export type FakeReviewer =
  | { type: "User"; login: string; id: number }
  | { type: "Team"; slug: string; id: number; name: string };

/** `none`: any branch may deploy; `protected`: protected branches only; else custom name patterns. */
export type DeploymentBranchPolicy =
  | "none"
  | "protected"
  | { custom: { id: number; name: string; type: "branch" | "tag" }[] };

export interface FakeProtectionApp {
  /** The rule's id. */
  id: number;
  enabled: boolean;
  app: { id: number; slug: string };
}

export interface FakeEnvironment {
  id: number;
  nodeId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  /** Empty → no required-reviewers rule. GitHub allows at most 6. */
  reviewers: FakeReviewer[];
  preventSelfReview: boolean;
  /** Minutes; 0 → no wait-timer rule. */
  waitTimer: number;
  deploymentBranchPolicy: DeploymentBranchPolicy;
  customProtectionApps: FakeProtectionApp[];
  secrets: FakeSecret[];
  variables: FakeVariable[];
}

/** Classic branch protection, in the GraphQL `BranchProtectionRule` shape. */
export interface FakeBranchProtectionRule {
  id: string;
  databaseId: number;
  pattern: string;
  isAdminEnforced: boolean;
  allowsForcePushes: boolean;
  allowsDeletions: boolean;
  requiresApprovingReviews: boolean;
  requiredApprovingReviewCount: number | null;
  requiresCodeOwnerReviews: boolean;
  dismissesStaleReviews: boolean;
  requireLastPushApproval: boolean;
  requiresStatusChecks: boolean;
  requiresStrictStatusChecks: boolean;
  requiredStatusCheckContexts: string[];
  requiresCommitSignatures: boolean;
  requiresLinearHistory: boolean;
  requiresConversationResolution: boolean;
  requiresDeployments: boolean;
  requiredDeploymentEnvironments: string[];
  restrictsPushes: boolean;
  restrictsReviewDismissals: boolean;
  blocksCreations: boolean;
  lockBranch: boolean;
  lockAllowsFetchAndMerge: boolean;
}

export type RuleEnforcement = "ACTIVE" | "DISABLED" | "EVALUATE";
export type RulesetTarget = "BRANCH" | "TAG" | "PUSH" | "REPOSITORY";

export interface FakeBypassActor {
  bypassMode: "ALWAYS" | "PULL_REQUEST";
  organizationAdmin: boolean;
  enterpriseOwner: boolean;
  deployKey: boolean;
  repositoryRoleName: string | null;
  repositoryRoleDatabaseId: number | null;
  actor: { type: "App" | "Team"; slug: string; id: number } | null;
}

/**
 * A rule's `parameters` in the GraphQL shape, `__typename` included
 * (e.g. `{ __typename: "PullRequestParameters", requiredApprovingReviewCount: 1, … }`).
 */
export type FakeRuleParameters = { __typename: string } & Record<string, unknown>;

export interface FakeRule {
  /** A `RepositoryRuleType` value, e.g. `PULL_REQUEST`, `NON_FAST_FORWARD`. */
  type: string;
  parameters: FakeRuleParameters | null;
}

export interface FakeRuleset {
  id: number;
  nodeId: string;
  name: string;
  enforcement: RuleEnforcement;
  target: RulesetTarget;
  createdAt: string;
  updatedAt: string;
  /** Ref patterns such as `~DEFAULT_BRANCH`, `refs/heads/release/*`. */
  refName: { include: string[]; exclude: string[] } | null;
  /** Org rulesets only: which repositories it applies to (`~ALL` or `*` globs). */
  repositoryName: { include: string[]; exclude: string[] } | null;
  bypassActors: FakeBypassActor[];
  rules: FakeRule[];
}

export type WorkflowState = "active" | "deleted" | "disabled_fork" | "disabled_inactivity" | "disabled_manually";

/** An entry of `GET …/actions/workflows`. */
export interface FakeWorkflowEntry {
  id: number;
  path: string;
  name: string;
  state: WorkflowState;
  createdAt: string;
  updatedAt: string;
}

export interface FakeRepo {
  id: number;
  nodeId: string;
  name: string;
  visibility: Visibility;
  archived: boolean;
  fork: boolean;
  isTemplate: boolean;
  createdAt: string;
  pushedAt: string;
  defaultBranch: string;
  /** The default branch's head commit. */
  headSha: string;
  /** The default branch's files: repository path → text (e.g. `.github/workflows/ci.yml`). */
  files: Record<string, string>;
  /** The Actions workflow registry (it outlives deleted files, hence a list of its own). */
  workflows: FakeWorkflowEntry[];
  actions: RepoActionsSettings;
  oidcSub: RepoOidcSub;
  secrets: FakeSecret[];
  variables: FakeVariable[];
  environments: FakeEnvironment[];
  branchProtectionRules: FakeBranchProtectionRule[];
  rulesets: FakeRuleset[];
}

export interface FakeOrg {
  login: string;
  id: number;
  nodeId: string;
  name: string;
  /** `null` is what GitHub shows a caller who is not an owner. */
  requiresTwoFactorAuthentication: boolean | null;
  actions: OrgActionsSettings;
  /** `null` → the endpoint answers 404 (never customized). */
  oidcSub: OrgOidcSub | null;
  customPropertyClaims: CustomPropertyClaim[];
  secrets: FakeOrgSecret[];
  variables: FakeOrgVariable[];
  rulesets: FakeRuleset[];
  repos: FakeRepo[];
  /** The authenticated user, for `viewer`. */
  viewer: { login: string; id: number };
}
