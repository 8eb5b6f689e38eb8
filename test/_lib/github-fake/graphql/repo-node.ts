/**
 * A repository as a GraphQL node: plain values for scalars, functions for everything
 * with arguments or cycles (graphql-js's default resolver calls a function-valued
 * field with the field's arguments).
 */
import type { FakeRepo } from "../model.js";
import { resolveExpression } from "../files.js";
import { findEnvironment, orgRulesetsFor } from "../lookup.js";
import { connectionField, type ConnectionArgs } from "./connection.js";
import { WEB, type GraphEnv, type GraphNode } from "./env.js";
import { environmentNode } from "./environment-node.js";
import { commitNode, fileNode } from "./git-nodes.js";
import { orgNode } from "./org-node.js";
import { rulesetNode } from "./ruleset-node.js";

type EnvironmentArgs = ConnectionArgs & { names?: string[] | null; orderBy?: { direction: "ASC" | "DESC" } | null };
type RulesetArgs = ConnectionArgs & { includeParents?: boolean | null; targets?: string[] | null };

export function repoNode(env: GraphEnv, repo: FakeRepo): GraphNode {
  const full = `${env.org.login}/${repo.name}`;
  const self = () => repoNode(env, repo);
  return {
    __typename: "Repository",
    id: repo.nodeId,
    databaseId: repo.id,
    name: repo.name,
    nameWithOwner: full,
    url: `${WEB}/${full}`,
    resourcePath: `/${full}`,
    visibility: repo.visibility.toUpperCase(),
    isPrivate: repo.visibility !== "public",
    isArchived: repo.archived,
    isFork: repo.fork,
    isTemplate: repo.isTemplate,
    isDisabled: false,
    isLocked: false,
    isEmpty: Object.keys(repo.files).length === 0,
    createdAt: repo.createdAt,
    pushedAt: repo.pushedAt,
    updatedAt: repo.pushedAt,
    owner: () => orgNode(env),
    defaultBranchRef: () => ({
      id: `REF_${repo.nodeId}`,
      name: repo.defaultBranch,
      prefix: "refs/heads/",
      target: commitNode(env, repo),
      repository: self,
    }),
    object: ({ expression }: { expression?: string | null }) => {
      const found = expression ? resolveExpression(repo, expression) : undefined;
      if (found === undefined) return null;
      return found === "commit" ? commitNode(env, repo) : fileNode(env, repo, found);
    },
    environment: ({ name }: { name: string }) => {
      const found = findEnvironment(repo, name);
      return found ? environmentNode(env, found) : null;
    },
    environments: (args: EnvironmentArgs) => {
      const names = args.names?.length ? new Set(args.names) : undefined;
      const list = repo.environments
        .filter((e) => !names || names.has(e.name))
        .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
      if (args.orderBy?.direction === "DESC") list.reverse();
      return connectionField(() => list.map((e) => environmentNode(env, e)))(args);
    },
    branchProtectionRules: connectionField(() => repo.branchProtectionRules.map((r) => ({ ...r, repository: self }))),
    rulesets: (args: RulesetArgs) => connectionField(() => rulesetsOf(env, repo, args))(args),
    ruleset: ({ databaseId, includeParents }: { databaseId: number; includeParents?: boolean | null }) =>
      rulesetsOf(env, repo, { includeParents }).find((r) => r.databaseId === databaseId) ?? null,
  };
}

/** The repository's own rulesets, then (with `includeParents`, the default) the org's that reach it. */
function rulesetsOf(env: GraphEnv, repo: FakeRepo, args: RulesetArgs): GraphNode[] {
  const own = repo.rulesets.map((rs) => [rs, () => repoNode(env, repo)] as const);
  const parents =
    args.includeParents === false ? [] : orgRulesetsFor(env.org, repo).map((rs) => [rs, () => orgNode(env)] as const);
  const targets = args.targets?.length ? new Set(args.targets) : undefined;
  return [...own, ...parents]
    .filter(([rs]) => !targets || targets.has(rs.target))
    .map(([rs, source]) => rulesetNode(env, rs, source));
}
