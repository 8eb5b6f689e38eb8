/**
 * Branch protection rules and rulesets, from GraphQL shapes into snapshot facts
 * (snake_case names, lower-case enums), sorted for stable diffs.
 */
import type { BranchProtectionRule, Ruleset } from "../document.js";
import { byKey } from "./context.js";

export interface GqlBranchProtectionRule {
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
  requiredStatusCheckContexts: (string | null)[] | null;
  requiresCommitSignatures: boolean;
  requiresLinearHistory: boolean;
  requiresConversationResolution: boolean;
  requiresDeployments: boolean;
  requiredDeploymentEnvironments: (string | null)[] | null;
  restrictsPushes: boolean;
  lockBranch: boolean;
}

export interface GqlRuleset {
  databaseId: number | null;
  name: string;
  enforcement: "ACTIVE" | "DISABLED" | "EVALUATE";
  target: "BRANCH" | "TAG" | "PUSH" | "REPOSITORY" | null;
  source: { __typename: "Repository"; nameWithOwner: string } | { __typename: "Organization"; login: string } | { __typename: "Enterprise"; slug: string };
  conditions: { refName: { include: string[]; exclude: string[] } | null } | null;
  bypassActors: {
    nodes: {
      bypassMode: "ALWAYS" | "PULL_REQUEST" | null;
      organizationAdmin: boolean;
      enterpriseOwner: boolean;
      deployKey: boolean;
      repositoryRoleName: string | null;
      actor: { __typename: "App"; slug: string } | { __typename: "Team"; slug: string } | null;
    }[] | null;
  };
  rules: { nodes: { type: string; parameters: ({ __typename: string } & Record<string, unknown>) | null }[] | null };
}

const strings = (xs: (string | null)[] | null): string[] => (xs ?? []).filter((x): x is string => x !== null);

export function branchProtectionFact(r: GqlBranchProtectionRule): BranchProtectionRule {
  return {
    pattern: r.pattern,
    is_admin_enforced: r.isAdminEnforced,
    allows_force_pushes: r.allowsForcePushes,
    allows_deletions: r.allowsDeletions,
    requires_approving_reviews: r.requiresApprovingReviews,
    required_approving_review_count: r.requiredApprovingReviewCount,
    requires_code_owner_reviews: r.requiresCodeOwnerReviews,
    dismisses_stale_reviews: r.dismissesStaleReviews,
    require_last_push_approval: r.requireLastPushApproval,
    requires_status_checks: r.requiresStatusChecks,
    requires_strict_status_checks: r.requiresStrictStatusChecks,
    required_status_check_contexts: strings(r.requiredStatusCheckContexts),
    requires_commit_signatures: r.requiresCommitSignatures,
    requires_linear_history: r.requiresLinearHistory,
    requires_conversation_resolution: r.requiresConversationResolution,
    requires_deployments: r.requiresDeployments,
    required_deployment_environments: strings(r.requiredDeploymentEnvironments),
    restricts_pushes: r.restrictsPushes,
    lock_branch: r.lockBranch,
  };
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
}

function sourceFact(s: GqlRuleset["source"]): Ruleset["source"] {
  switch (s.__typename) {
    case "Repository":
      return { type: "Repository", name: s.nameWithOwner };
    case "Organization":
      return { type: "Organization", name: s.login };
    case "Enterprise":
      return { type: "Enterprise", name: s.slug };
  }
}

/** Who may bypass: GitHub's actor kinds flattened to a type and a name. */
function bypassActor(a: NonNullable<GqlRuleset["bypassActors"]["nodes"]>[number]): Ruleset["bypass_actors"][number] {
  const mode = a.bypassMode === "PULL_REQUEST" ? "pull_request" : "always";
  if (a.organizationAdmin) return { type: "OrganizationAdmin", name: null, mode };
  if (a.enterpriseOwner) return { type: "EnterpriseOwner", name: null, mode };
  if (a.deployKey) return { type: "DeployKey", name: null, mode };
  if (a.repositoryRoleName) return { type: "RepositoryRole", name: a.repositoryRoleName, mode };
  if (a.actor) return { type: a.actor.__typename === "App" ? "Integration" : "Team", name: a.actor.slug, mode };
  return { type: "Unknown", name: null, mode };
}

function ruleParameters(p: ({ __typename: string } & Record<string, unknown>) | null): Readonly<Record<string, unknown>> | null {
  if (!p) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (k !== "__typename") out[snake(k)] = v;
  return out;
}

export function rulesetFact(r: GqlRuleset): Ruleset {
  return {
    id: r.databaseId,
    name: r.name,
    source: sourceFact(r.source),
    enforcement: r.enforcement.toLowerCase() as Ruleset["enforcement"],
    target: r.target ? (r.target.toLowerCase() as NonNullable<Ruleset["target"]>) : null,
    ref_include: r.conditions?.refName?.include ?? [],
    ref_exclude: r.conditions?.refName?.exclude ?? [],
    bypass_actors: (r.bypassActors.nodes ?? []).map(bypassActor).sort(byKey((a) => `${a.type}/${a.name ?? ""}/${a.mode}`)),
    rules: (r.rules.nodes ?? []).map((n) => ({ type: n.type.toLowerCase(), parameters: ruleParameters(n.parameters) })),
  };
}

export function rulesetFacts(rs: readonly GqlRuleset[]): Ruleset[] {
  return rs.map(rulesetFact).sort(byKey((r) => `${r.source.type}/${r.source.name}/${r.name}/${r.id ?? ""}`));
}
