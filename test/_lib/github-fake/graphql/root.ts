/**
 * The query root: the entry points a snapshot needs. A lookup that finds nothing
 * answers `null` with a `NOT_FOUND` error at its path, as GitHub does.
 */
import { GraphQLError } from "graphql";
import { findRepo, isOrg } from "../lookup.js";
import { remaining, type Budget } from "../rate-limit.js";
import type { GraphEnv } from "./env.js";
import { orgNode } from "./org-node.js";
import { repoNode } from "./repo-node.js";
import { userNode } from "./actor-nodes.js";

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: "NOT_FOUND" } });
}

/** What `rateLimit` reports: this query's cost and the budget after paying it. */
export interface QueryCharge {
  cost: number;
  nodeCount: number;
  budget: Budget;
}

export function rootValue(env: GraphEnv, charge: QueryCharge) {
  const { org } = env;
  const viewer = () => ({ ...userNode(org.viewer.login, org.viewer.id), isViewer: true });
  return {
    viewer,
    organization: ({ login }: { login: string }) => {
      if (!isOrg(org, login)) throw notFound(`Could not resolve to an Organization with the login of '${login}'.`);
      return orgNode(env);
    },
    repositoryOwner: ({ login }: { login: string }) =>
      isOrg(org, login) ? orgNode(env) : login.toLowerCase() === org.viewer.login.toLowerCase() ? viewer() : null,
    user: ({ login }: { login: string }) => {
      if (login.toLowerCase() !== org.viewer.login.toLowerCase()) {
        throw notFound(`Could not resolve to a User with the login of '${login}'.`);
      }
      return viewer();
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = findRepo(org, owner, name);
      if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repoNode(env, repo);
    },
    rateLimit: () => ({
      cost: charge.cost,
      nodeCount: charge.nodeCount,
      limit: charge.budget.limit,
      remaining: remaining(charge.budget),
      used: charge.budget.used,
      resetAt: new Date(charge.budget.reset * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
    }),
  };
}
