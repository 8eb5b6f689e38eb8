/**
 * The organization: identity and rulesets from GraphQL (the first request of a run,
 * so a bad token or an unreachable API ends the run here), Actions settings,
 * secrets and variables from REST, and the list of repositories to read.
 */
import type { OrgFact } from "../document.js";
import { ORG_QUERY, ORG_REPOS_QUERY } from "../queries.js";
import { FatalGithubError, githubMessage, isHttpFailure } from "../transport/errors.js";
import { readOrgActions } from "./actions.js";
import type { CollectContext } from "./context.js";
import { rulesetFacts, type GqlRuleset } from "./protection.js";
import type { GqlRepositorySummary } from "./repository.js";
import { readOrgSecrets, readOrgVariables } from "./secrets.js";

interface GqlOrg {
  viewer: { login: string } | null;
  organization: {
    id: string;
    databaseId: number | null;
    login: string;
    requiresTwoFactorAuthentication: boolean | null;
    rulesets: { totalCount: number; nodes: GqlRuleset[] } | null;
  } | null;
}

/** Why the first request failed, in words that say what to do next. */
function fatal(e: unknown, org: string, apiUrl: string): FatalGithubError {
  if (e instanceof FatalGithubError) return e;
  if (isHttpFailure(e)) {
    if (e.status === 401) return new FatalGithubError(`GitHub refused the token (401 ${githubMessage(e)}); check GITHUB_TOKEN or GH_TOKEN`);
    if (e.status === 500 && !e.response) return new FatalGithubError(`cannot reach the GitHub API at ${apiUrl}: ${e.message}`, { cause: e });
    return new FatalGithubError(`GitHub answered ${e.status} for organization ${org}: ${githubMessage(e)}`);
  }
  const errors = (e as { errors?: { type?: string; message?: string }[] }).errors;
  if (Array.isArray(errors) && errors[0]?.type === "NOT_FOUND") return new FatalGithubError(`organization ${org} not found, or not visible to the token`);
  return new FatalGithubError(`reading organization ${org} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

export interface OrgRead {
  readonly fact: OrgFact;
  readonly viewer: string | null;
}

export async function readOrganization(ctx: CollectContext, apiUrl: string): Promise<OrgRead> {
  let data: GqlOrg;
  try {
    data = await ctx.gql<GqlOrg>(ORG_QUERY, { org: ctx.org });
  } catch (e) {
    throw fatal(e, ctx.org, apiUrl);
  }
  const o = data.organization;
  if (!o) throw new FatalGithubError(`organization ${ctx.org} not found, or not visible to the token`);
  const [actions, secrets, variables] = await Promise.all([readOrgActions(ctx), readOrgSecrets(ctx), readOrgVariables(ctx)]);
  if (o.requiresTwoFactorAuthentication === null) {
    ctx.coverage.note({ resource: `org:${ctx.org}/requires_two_factor_authentication`, status: "forbidden", message: "GitHub shows the two-factor requirement to organization owners only" });
  }
  if (o.rulesets === null) ctx.coverage.note({ resource: `org:${ctx.org}/rulesets`, status: "forbidden", message: "GitHub did not show the organization's rulesets to the token" });
  if (o.rulesets && o.rulesets.totalCount > o.rulesets.nodes.length) {
    ctx.coverage.note({ resource: `org:${ctx.org}/rulesets`, status: "error", message: `only the first ${o.rulesets.nodes.length} of ${o.rulesets.totalCount} rulesets were read` });
  }
  return {
    viewer: data.viewer?.login ?? null,
    fact: {
      login: o.login,
      id: o.databaseId,
      node_id: o.id,
      requires_two_factor_authentication: o.requiresTwoFactorAuthentication,
      actions,
      secrets,
      variables,
      rulesets: o.rulesets ? rulesetFacts(o.rulesets.nodes) : null,
    },
  };
}

/** Every repository of the organization, by name (GraphQL cursor pagination). */
export async function listRepositories(ctx: CollectContext): Promise<GqlRepositorySummary[]> {
  const out: GqlRepositorySummary[] = [];
  let cursor: string | null = null;
  for (;;) {
    type Page = { organization: { repositories: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: GqlRepositorySummary[] } } };
    const data: Page = await ctx.gql<Page>(ORG_REPOS_QUERY, { org: ctx.org, cursor });
    const page = data.organization.repositories;
    out.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return out;
    cursor = page.pageInfo.endCursor;
  }
}
