/**
 * Rulesets as GraphQL nodes. `source` is a union (Repository | Organization |
 * Enterprise), so the caller passes the already-built owner node.
 */
import type { FakeBypassActor, FakeRule, FakeRuleset } from "../model.js";
import { nodeId } from "../ids.js";
import { connectionField, type ConnectionArgs } from "./connection.js";
import type { GraphEnv, GraphNode } from "./env.js";
import { appNode, teamNode } from "./actor-nodes.js";

export function rulesetNode(env: GraphEnv, ruleset: FakeRuleset, source: () => GraphNode): GraphNode {
  const self: GraphNode = {
    id: ruleset.nodeId,
    databaseId: ruleset.id,
    name: ruleset.name,
    enforcement: ruleset.enforcement,
    target: ruleset.target,
    createdAt: ruleset.createdAt,
    updatedAt: ruleset.updatedAt,
    source,
    conditions: {
      refName: ruleset.refName,
      repositoryName: ruleset.repositoryName && { ...ruleset.repositoryName, protected: false },
      repositoryId: null,
      repositoryProperty: null,
    },
    bypassActors: connectionField(() => ruleset.bypassActors.map((a, i) => bypassActorNode(env, ruleset, a, i, self))),
    rules: (args: ConnectionArgs & { type?: string | null }) =>
      connectionField(() =>
        ruleset.rules.filter((r) => !args.type || r.type === args.type).map((r, i) => ruleNode(ruleset, r, i, self)),
      )(args),
  };
  return self;
}

function bypassActorNode(env: GraphEnv, ruleset: FakeRuleset, actor: FakeBypassActor, i: number, owner: GraphNode): GraphNode {
  const a = actor.actor;
  return {
    id: nodeId("RRSBA", ruleset.id * 100 + i),
    bypassMode: actor.bypassMode,
    organizationAdmin: actor.organizationAdmin,
    enterpriseOwner: actor.enterpriseOwner,
    deployKey: actor.deployKey,
    repositoryRoleName: actor.repositoryRoleName,
    repositoryRoleDatabaseId: actor.repositoryRoleDatabaseId,
    actor: a && (a.type === "App" ? appNode(a.slug, a.id) : teamNode(env.org.login, a.slug, a.id, a.slug)),
    repositoryRuleset: owner,
  };
}

function ruleNode(ruleset: FakeRuleset, rule: FakeRule, i: number, owner: GraphNode): GraphNode {
  return { id: nodeId("RRR", ruleset.id * 100 + i), type: rule.type, parameters: rule.parameters, repositoryRuleset: owner };
}
