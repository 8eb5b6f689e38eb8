/** The organization as a GraphQL node, with its repository inventory and rulesets. */
import type { FakeRepo } from "../model.js";
import { findRepo } from "../lookup.js";
import { connectionField, type ConnectionArgs } from "./connection.js";
import { WEB, type GraphEnv, type GraphNode } from "./env.js";
import { repoNode } from "./repo-node.js";
import { rulesetNode } from "./ruleset-node.js";

type RepositoriesArgs = ConnectionArgs & {
  orderBy?: { field: "CREATED_AT" | "NAME" | "PUSHED_AT" | "STARGAZERS" | "UPDATED_AT"; direction: "ASC" | "DESC" } | null;
  privacy?: "PUBLIC" | "PRIVATE" | null;
  visibility?: "PUBLIC" | "PRIVATE" | "INTERNAL" | null;
  isArchived?: boolean | null;
  isFork?: boolean | null;
};

type RulesetArgs = ConnectionArgs & { targets?: string[] | null };

const SORT_KEYS: Record<string, (r: FakeRepo) => string> = {
  NAME: (r) => r.name.toLowerCase(),
  CREATED_AT: (r) => r.createdAt,
  PUSHED_AT: (r) => r.pushedAt,
  UPDATED_AT: (r) => r.pushedAt,
  STARGAZERS: () => "",
};

export function orgNode(env: GraphEnv): GraphNode {
  const org = env.org;
  const self = () => orgNode(env);
  return {
    __typename: "Organization",
    id: org.nodeId,
    databaseId: org.id,
    login: org.login,
    name: org.name,
    url: `${WEB}/${org.login}`,
    resourcePath: `/${org.login}`,
    requiresTwoFactorAuthentication: org.requiresTwoFactorAuthentication,
    repositories: (args: RepositoriesArgs) => connectionField(() => inventory(org.repos, args).map((r) => repoNode(env, r)))(args),
    repository: ({ name }: { name: string }) => {
      const repo = findRepo(org, org.login, name);
      return repo ? repoNode(env, repo) : null;
    },
    rulesets: (args: RulesetArgs) => {
      const targets = args.targets?.length ? new Set(args.targets) : undefined;
      const list = org.rulesets.filter((rs) => !targets || targets.has(rs.target));
      return connectionField(() => list.map((rs) => rulesetNode(env, rs, self)))(args);
    },
    ruleset: ({ databaseId }: { databaseId: number }) => {
      const rs = org.rulesets.find((r) => r.id === databaseId);
      return rs ? rulesetNode(env, rs, self) : null;
    },
  };
}

/** Filters, then sorts; without `orderBy` the model's own order stands. */
function inventory(repos: readonly FakeRepo[], args: RepositoriesArgs): FakeRepo[] {
  const list = repos.filter(
    (r) =>
      (args.visibility == null || r.visibility.toUpperCase() === args.visibility) &&
      (args.privacy == null || (args.privacy === "PUBLIC") === (r.visibility === "public")) &&
      (args.isArchived == null || r.archived === args.isArchived) &&
      (args.isFork == null || r.fork === args.isFork),
  );
  if (!args.orderBy) return list;
  const key = SORT_KEYS[args.orderBy.field] ?? SORT_KEYS["NAME"]!;
  const sign = args.orderBy.direction === "DESC" ? -1 : 1;
  return list.sort((a, b) => (key(a) < key(b) ? -sign : key(a) > key(b) ? sign : 0));
}
