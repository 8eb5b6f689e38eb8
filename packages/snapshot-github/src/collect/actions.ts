/**
 * Actions settings at org and repository level: which actions may run, the default
 * `GITHUB_TOKEN` permissions, whether Actions may approve pull requests, fork
 * pull-request settings, and the OIDC subject customization.
 */
import type { ActionsPermissions, ForkPrWorkflowsPrivateRepos, OrgActions, OrgOidc, RepoActions, RepoOidc } from "../document.js";
import { orgResource, repoResource, type CollectContext } from "./context.js";

/** The claim keys of GitHub's default subject template. */
export const DEFAULT_SUB_TEMPLATE: readonly string[] = ["repo", "context"];

interface RawPermissions {
  enabled?: boolean;
  enabled_repositories?: string;
  allowed_actions?: string;
  sha_pinning_required?: boolean;
}

interface RawWorkflowPermissions {
  default_workflow_permissions: "read" | "write";
  can_approve_pull_request_reviews: boolean;
}

function permissionsFact(raw: RawPermissions): ActionsPermissions {
  return {
    ...(raw.enabled_repositories !== undefined ? { enabled_repositories: raw.enabled_repositories } : {}),
    ...(raw.enabled !== undefined ? { enabled: raw.enabled } : {}),
    allowed_actions: raw.allowed_actions ?? null,
    sha_pinning_required: raw.sha_pinning_required ?? null,
  };
}

function forkPrFact(raw: ForkPrWorkflowsPrivateRepos): ForkPrWorkflowsPrivateRepos {
  return {
    run_workflows_from_fork_pull_requests: raw.run_workflows_from_fork_pull_requests,
    send_write_tokens_to_workflows: raw.send_write_tokens_to_workflows,
    send_secrets_and_variables: raw.send_secrets_and_variables,
    require_approval_for_fork_pr_workflows: raw.require_approval_for_fork_pr_workflows,
  };
}

/** The settings org and repositories share, from their REST answers (null where unread). */
function settingsFacts(
  permissions: RawPermissions | null,
  workflow: RawWorkflowPermissions | null,
  contributor: { approval_policy: string } | null,
  forkPr: ForkPrWorkflowsPrivateRepos | null,
) {
  return {
    permissions: permissions && permissionsFact(permissions),
    default_workflow_permissions: workflow?.default_workflow_permissions ?? null,
    can_approve_pull_request_reviews: workflow?.can_approve_pull_request_reviews ?? null,
    fork_pr_contributor_approval: contributor?.approval_policy ?? null,
    fork_pr_workflows_private_repos: forkPr && forkPrFact(forkPr),
  };
}

async function data<T>(ctx: CollectContext, route: string, params: Record<string, unknown>): Promise<T> {
  return (await ctx.rest(route, params)).data as T;
}

export async function readOrgActions(ctx: CollectContext): Promise<OrgActions> {
  const org = { org: ctx.org };
  const read = <T>(path: string, route: string, missing?: (m: string) => T | null) =>
    ctx.coverage.read(orgResource(ctx, path), () => data<T>(ctx, route, org), missing);
  const [permissions, workflow, contributor, forkPr, sub, properties] = await Promise.all([
    read<RawPermissions>("actions/permissions", "GET /orgs/{org}/actions/permissions"),
    read<RawWorkflowPermissions>("actions/permissions/workflow", "GET /orgs/{org}/actions/permissions/workflow"),
    read<{ approval_policy: string }>("actions/permissions/fork-pr-contributor-approval", "GET /orgs/{org}/actions/permissions/fork-pr-contributor-approval"),
    read<ForkPrWorkflowsPrivateRepos>("actions/permissions/fork-pr-workflows-private-repos", "GET /orgs/{org}/actions/permissions/fork-pr-workflows-private-repos"),
    read<{ include_claim_keys?: string[]; use_immutable_subject?: boolean }>("actions/oidc/customization/sub", "GET /orgs/{org}/actions/oidc/customization/sub"),
    read<{ custom_property_name: string; inclusion_source: string }[]>("actions/oidc/customization/properties/repo", "GET /orgs/{org}/actions/oidc/customization/properties/repo"),
  ]);
  const oidc: OrgOidc = {
    sub_template: sub && { include_claim_keys: sub.include_claim_keys ?? [], use_immutable_subject: sub.use_immutable_subject ?? null },
    custom_property_claims: properties && properties.map((p) => ({ name: p.custom_property_name, inclusion_source: p.inclusion_source })).sort((a, b) => (a.name < b.name ? -1 : 1)),
  };
  return { ...settingsFacts(permissions, workflow, contributor, forkPr), oidc };
}

/** The repository's subject template in force (a pure function of the facts; see RepoOidc). */
export function effectiveSubTemplate(repo: { use_default: boolean; include_claim_keys: readonly string[] | null } | null, org: OrgOidc): readonly string[] | null {
  if (!repo) return null;
  if (repo.use_default) return DEFAULT_SUB_TEMPLATE;
  if (repo.include_claim_keys && repo.include_claim_keys.length > 0) return repo.include_claim_keys;
  return org.sub_template ? (org.sub_template.include_claim_keys.length > 0 ? org.sub_template.include_claim_keys : DEFAULT_SUB_TEMPLATE) : null;
}

export interface RepoSummary {
  readonly fullName: string;
  readonly visibility: "public" | "private" | "internal";
}

export async function readRepoActions(ctx: CollectContext, repo: RepoSummary, orgOidc: OrgOidc): Promise<RepoActions> {
  const [owner, name] = repo.fullName.split("/") as [string, string];
  const params = { owner, repo: name };
  const read = <T>(path: string, route: string) => ctx.coverage.read(repoResource(repo.fullName, path), () => data<T>(ctx, route, params));
  const isPublic = repo.visibility === "public";
  const contributorPath = "actions/permissions/fork-pr-contributor-approval";
  const forkPrPath = "actions/permissions/fork-pr-workflows-private-repos";
  // Each fork pull-request setting exists for one kind of repository only.
  if (isPublic) ctx.coverage.notApplicable(repoResource(repo.fullName, forkPrPath), "public repository: fork pull-request workflow settings apply to private and internal repositories");
  else ctx.coverage.notApplicable(repoResource(repo.fullName, contributorPath), `${repo.visibility} repository: contributor approval applies to public repositories`);
  const [permissions, workflow, contributor, forkPr, sub] = await Promise.all([
    read<RawPermissions>("actions/permissions", "GET /repos/{owner}/{repo}/actions/permissions"),
    read<RawWorkflowPermissions>("actions/permissions/workflow", "GET /repos/{owner}/{repo}/actions/permissions/workflow"),
    isPublic ? read<{ approval_policy: string }>(contributorPath, `GET /repos/{owner}/{repo}/${contributorPath}`) : null,
    isPublic ? null : read<ForkPrWorkflowsPrivateRepos>(forkPrPath, `GET /repos/{owner}/{repo}/${forkPrPath}`),
    read<{ use_default: boolean; include_claim_keys?: string[]; use_immutable_subject?: boolean; sub_claim_prefix?: string }>(
      "actions/oidc/customization/sub",
      "GET /repos/{owner}/{repo}/actions/oidc/customization/sub",
    ),
  ]);
  const base = sub && { use_default: sub.use_default, include_claim_keys: sub.include_claim_keys ?? null };
  const oidc: RepoOidc | null = sub && {
    use_default: sub.use_default,
    include_claim_keys: sub.include_claim_keys ?? null,
    use_immutable_subject: sub.use_immutable_subject ?? null,
    sub_claim_prefix: sub.sub_claim_prefix ?? null,
    effective_sub_template: effectiveSubTemplate(base, orgOidc),
  };
  return { ...settingsFacts(permissions, workflow, contributor, forkPr), oidc };
}
