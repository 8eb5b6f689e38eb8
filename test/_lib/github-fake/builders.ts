/**
 * Builders with sensible defaults, so a test states only what it is about:
 * `fakeOrg({ repos: [fakeRepo({ name: "app", visibility: "public" })] })`.
 *
 * Ids come from one counter per process (`nextId`), so two builders never hand out
 * the same id; pass `id` explicitly when a test compares ids.
 */
import type {
  FakeBranchProtectionRule,
  FakeBypassActor,
  FakeEnvironment,
  FakeOrg,
  FakeOrgSecret,
  FakeOrgVariable,
  FakeRepo,
  FakeRuleset,
  FakeSecret,
  FakeVariable,
  FakeWorkflowEntry,
} from "./model.js";
import { nodeId, sha1 } from "./ids.js";

let counter = 100_000;
/** Ids stay far below 2^31: GraphQL serializes `databaseId` as a 32-bit `Int`. */
export function nextId(): number {
  return ++counter;
}

const CREATED = "2024-01-15T10:00:00Z";
const UPDATED = "2025-06-01T12:00:00Z";
const WORKFLOWS_DIR = ".github/workflows/";

export function fakeSecret(name: string, overrides: Partial<FakeSecret> = {}): FakeSecret {
  return { name, createdAt: CREATED, updatedAt: UPDATED, ...overrides };
}

export function fakeVariable(name: string, value: string, overrides: Partial<FakeVariable> = {}): FakeVariable {
  return { name, value, createdAt: CREATED, updatedAt: UPDATED, ...overrides };
}

export function fakeOrgSecret(name: string, overrides: Partial<FakeOrgSecret> = {}): FakeOrgSecret {
  return { ...fakeSecret(name), visibility: "all", selectedRepos: [], ...overrides };
}

export function fakeOrgVariable(name: string, value: string, overrides: Partial<FakeOrgVariable> = {}): FakeOrgVariable {
  return { ...fakeVariable(name, value), visibility: "all", selectedRepos: [], ...overrides };
}

/** An environment with no protection at all; add reviewers, timers and policies as needed. */
export function fakeEnvironment(name: string, overrides: Partial<FakeEnvironment> = {}): FakeEnvironment {
  const id = overrides.id ?? nextId();
  return {
    id,
    nodeId: nodeId("EN", id),
    name,
    createdAt: CREATED,
    updatedAt: UPDATED,
    reviewers: [],
    preventSelfReview: false,
    waitTimer: 0,
    deploymentBranchPolicy: "none",
    customProtectionApps: [],
    secrets: [],
    variables: [],
    ...overrides,
  };
}

export function fakeBranchProtectionRule(
  pattern: string,
  overrides: Partial<FakeBranchProtectionRule> = {},
): FakeBranchProtectionRule {
  const databaseId = overrides.databaseId ?? nextId();
  return {
    id: nodeId("BPR", databaseId),
    databaseId,
    pattern,
    isAdminEnforced: false,
    allowsForcePushes: false,
    allowsDeletions: false,
    requiresApprovingReviews: true,
    requiredApprovingReviewCount: 1,
    requiresCodeOwnerReviews: false,
    dismissesStaleReviews: false,
    requireLastPushApproval: false,
    requiresStatusChecks: false,
    requiresStrictStatusChecks: false,
    requiredStatusCheckContexts: [],
    requiresCommitSignatures: false,
    requiresLinearHistory: false,
    requiresConversationResolution: false,
    requiresDeployments: false,
    requiredDeploymentEnvironments: [],
    restrictsPushes: false,
    restrictsReviewDismissals: false,
    blocksCreations: false,
    lockBranch: false,
    lockAllowsFetchAndMerge: false,
    ...overrides,
  };
}

export function fakeBypassActor(overrides: Partial<FakeBypassActor> = {}): FakeBypassActor {
  return {
    bypassMode: "ALWAYS",
    organizationAdmin: false,
    enterpriseOwner: false,
    deployKey: false,
    repositoryRoleName: null,
    repositoryRoleDatabaseId: null,
    actor: null,
    ...overrides,
  };
}

/** An active branch ruleset on the default branch requiring a pull request and blocking force pushes. */
export function fakeRuleset(name: string, overrides: Partial<FakeRuleset> = {}): FakeRuleset {
  const id = overrides.id ?? nextId();
  return {
    id,
    nodeId: nodeId("RRS", id),
    name,
    enforcement: "ACTIVE",
    target: "BRANCH",
    createdAt: CREATED,
    updatedAt: UPDATED,
    refName: { include: ["~DEFAULT_BRANCH"], exclude: [] },
    repositoryName: null,
    bypassActors: [],
    rules: [
      {
        type: "PULL_REQUEST",
        parameters: {
          __typename: "PullRequestParameters",
          requiredApprovingReviewCount: 1,
          requireCodeOwnerReview: false,
          dismissStaleReviewsOnPush: true,
          requireLastPushApproval: false,
          requiredReviewThreadResolution: false,
          allowedMergeMethods: ["MERGE", "SQUASH", "REBASE"],
        },
      },
      { type: "NON_FAST_FORWARD", parameters: null },
    ],
    ...overrides,
  };
}

/**
 * Registry entries for every workflow file, all active: what GitHub shows after a push.
 * Ids derive from the repository id, so a generated org is the same on every run (they
 * appear only in REST, so they may exceed GraphQL's 32-bit `Int`).
 */
export function workflowRegistry(repo: Pick<FakeRepo, "id" | "files" | "createdAt">): FakeWorkflowEntry[] {
  return Object.entries(repo.files)
    .filter(([path]) => isWorkflowPath(path))
    .map(([path, text], i) => ({
      id: repo.id * 1000 + i + 1,
      path,
      name: /^name:\s*["']?(.+?)["']?\s*$/m.exec(text)?.[1] ?? path,
      state: "active" as const,
      createdAt: repo.createdAt,
      updatedAt: repo.createdAt,
    }));
}

/** Only top-level YAML files in `.github/workflows` are workflows. */
export function isWorkflowPath(path: string): boolean {
  return path.startsWith(WORKFLOWS_DIR) && !path.slice(WORKFLOWS_DIR.length).includes("/") && /\.ya?ml$/.test(path);
}

/**
 * A private repository with one branch (`main`), no workflows, and GitHub's defaults for
 * a new repository: Actions on, read-only `GITHUB_TOKEN`, default OIDC subject.
 * `workflows` defaults to one active registry entry per workflow file in `files`.
 */
export function fakeRepo(overrides: Partial<FakeRepo> & { name: string }): FakeRepo {
  const id = overrides.id ?? nextId();
  const visibility = overrides.visibility ?? "private";
  const isPublic = visibility === "public";
  const base: Omit<FakeRepo, "workflows"> = {
    id,
    nodeId: nodeId("R", id),
    visibility,
    archived: false,
    fork: false,
    isTemplate: false,
    createdAt: CREATED,
    pushedAt: UPDATED,
    defaultBranch: "main",
    headSha: sha1(`commit ${overrides.name} ${id}`),
    files: {},
    actions: {
      permissions: { enabled: true, allowed_actions: "all", sha_pinning_required: false },
      workflowPermissions: { default_workflow_permissions: "read", can_approve_pull_request_reviews: false },
      forkPrContributorApproval: isPublic ? { approval_policy: "first_time_contributors" } : null,
      forkPrWorkflowsPrivateRepos: isPublic
        ? null
        : {
            run_workflows_from_fork_pull_requests: false,
            send_write_tokens_to_workflows: false,
            send_secrets_and_variables: false,
            require_approval_for_fork_pr_workflows: true,
          },
      access: isPublic ? null : { access_level: "none" },
    },
    oidcSub: { use_default: true },
    secrets: [],
    variables: [],
    environments: [],
    branchProtectionRules: [],
    rulesets: [],
    ...overrides,
  };
  return { ...base, workflows: overrides.workflows ?? workflowRegistry(base) };
}

/** An organization `acme` with GitHub's defaults and no repositories. */
export function fakeOrg(overrides: Partial<FakeOrg> = {}): FakeOrg {
  const id = overrides.id ?? 1_234_567;
  return {
    login: "acme",
    id,
    nodeId: nodeId("O", id),
    name: "Acme Corp",
    requiresTwoFactorAuthentication: true,
    actions: {
      permissions: { enabled_repositories: "all", allowed_actions: "all", sha_pinning_required: false },
      workflowPermissions: { default_workflow_permissions: "read", can_approve_pull_request_reviews: false },
      forkPrContributorApproval: { approval_policy: "first_time_contributors" },
      forkPrWorkflowsPrivateRepos: {
        run_workflows_from_fork_pull_requests: false,
        send_write_tokens_to_workflows: false,
        send_secrets_and_variables: false,
        require_approval_for_fork_pr_workflows: true,
      },
    },
    oidcSub: null,
    customPropertyClaims: [],
    secrets: [],
    variables: [],
    rulesets: [],
    repos: [],
    viewer: { login: "octo-admin", id: 5_550_001 },
    ...overrides,
  };
}
