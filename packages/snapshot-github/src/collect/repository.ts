/**
 * One repository: one GraphQL request (summary, workflow files, branch protection,
 * rulesets, whether it has environments) and a bounded set of REST reads (Actions
 * settings, OIDC, secrets, variables, environments), at most ~10 plus 3–4 per
 * environment. Reads that the org-level answers make pointless are skipped.
 */
import type { OrgFact, RepositoryFact } from "../document.js";
import { REPO_QUERY } from "../queries.js";
import { readRepoActions } from "./actions.js";
import { repoResource, type CollectContext } from "./context.js";
import { readEnvironments } from "./environments.js";
import { branchProtectionFact, rulesetFacts, type GqlBranchProtectionRule, type GqlRuleset } from "./protection.js";
import { readAvailableNames, readSecrets, readVariables } from "./secrets.js";
import { readWorkflows, type GqlWorkflowsDir } from "./workflows.js";

export interface GqlRepositorySummary {
  id: string;
  databaseId: number;
  name: string;
  nameWithOwner: string;
  visibility: "PUBLIC" | "PRIVATE" | "INTERNAL";
  isArchived: boolean;
  isFork: boolean;
  createdAt: string;
  defaultBranchRef: { name: string; target: { oid: string } | null } | null;
}

interface GqlRepositoryDetail extends GqlRepositorySummary {
  owner: { __typename: string; login: string; databaseId?: number };
  workflowsDir: GqlWorkflowsDir | null;
  environments: { totalCount: number };
  branchProtectionRules: { totalCount: number; nodes: GqlBranchProtectionRule[] };
  rulesets: { totalCount: number; nodes: GqlRuleset[] } | null;
}

/** Reads one repository; null when GraphQL cannot see it (recorded in coverage). */
export async function readRepository(ctx: CollectContext, fullName: string, org: OrgFact): Promise<RepositoryFact | null> {
  const [owner, name] = fullName.split("/") as [string, string];
  const detail = await ctx.coverage.read(repoResource(fullName, "graphql"), async () => {
    const data = await ctx.gql<{ repository: GqlRepositoryDetail | null }>(REPO_QUERY, { owner, name });
    if (!data.repository) throw new Error("repository not visible to the token");
    return data.repository;
  });
  if (!detail) return null;
  const visibility = detail.visibility.toLowerCase() as RepositoryFact["visibility"];
  const params = { owner, repo: name };
  const at = (path: string) => repoResource(fullName, path);
  // An org that has no secrets (or variables) to share makes the per-repository list pointless.
  const orgSecretsNone = org.secrets !== null && org.secrets.length === 0;
  const orgVariablesNone = org.variables !== null && org.variables.length === 0;
  const [actions, secrets, variables, orgSecrets, orgVariables, environments] = await Promise.all([
    readRepoActions(ctx, { fullName, visibility }, org.actions.oidc),
    readSecrets(ctx, at("actions/secrets"), "GET /repos/{owner}/{repo}/actions/secrets", params),
    readVariables(ctx, at("actions/variables"), "GET /repos/{owner}/{repo}/actions/variables", params),
    orgSecretsNone ? [] : readAvailableNames(ctx, at("actions/organization-secrets"), "GET /repos/{owner}/{repo}/actions/organization-secrets", params, "secrets"),
    orgVariablesNone ? [] : readAvailableNames(ctx, at("actions/organization-variables"), "GET /repos/{owner}/{repo}/actions/organization-variables", params, "variables"),
    detail.environments.totalCount === 0 ? [] : readEnvironments(ctx, fullName),
  ]);
  const defaultBranch = detail.defaultBranchRef?.name ?? null;
  const workflows = await readWorkflows(ctx, {
    fullName,
    defaultBranch,
    subClaimPrefix: actions.oidc?.sub_claim_prefix ?? null,
    effectiveSubTemplate: actions.oidc?.effective_sub_template ?? null,
  }, detail.workflowsDir);
  const bpr = detail.branchProtectionRules;
  if (bpr.totalCount > bpr.nodes.length) ctx.coverage.note({ resource: at("branch_protection_rules"), status: "error", message: `only the first ${bpr.nodes.length} of ${bpr.totalCount} rules were read` });
  const rulesets = detail.rulesets;
  if (rulesets === null) ctx.coverage.note({ resource: at("rulesets"), status: "forbidden", message: "GitHub did not show the repository's rulesets to the token" });
  if (rulesets && rulesets.totalCount > rulesets.nodes.length) ctx.coverage.note({ resource: at("rulesets"), status: "error", message: `only the first ${rulesets.nodes.length} of ${rulesets.totalCount} rulesets were read` });
  return {
    full_name: detail.nameWithOwner,
    name: detail.name,
    id: detail.databaseId,
    node_id: detail.id,
    owner_id: detail.owner.databaseId ?? null,
    visibility,
    archived: detail.isArchived,
    fork: detail.isFork,
    created_at: detail.createdAt,
    default_branch: defaultBranch,
    default_branch_sha: detail.defaultBranchRef?.target?.oid ?? null,
    actions,
    secrets,
    variables,
    org_secrets_available: orgSecrets,
    org_variables_available: orgVariables,
    environments,
    branch_protection_rules: bpr.nodes.map(branchProtectionFact).sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0)),
    rulesets: rulesets ? rulesetFacts(rulesets.nodes) : null,
    workflows,
  };
}
