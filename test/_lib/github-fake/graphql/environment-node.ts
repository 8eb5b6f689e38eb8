/** Deployment environments and their protection rules as GraphQL nodes. */
import type { FakeEnvironment, FakeReviewer } from "../model.js";
import { protectionRules, type ProtectionRule } from "../protection-rules.js";
import { connectionField } from "./connection.js";
import type { GraphEnv } from "./env.js";
import { teamNode, userNode } from "./actor-nodes.js";

export function environmentNode(env: GraphEnv, environment: FakeEnvironment) {
  return {
    id: environment.nodeId,
    databaseId: environment.id,
    name: environment.name,
    isPinned: false,
    pinnedPosition: null,
    latestCompletedDeployment: null,
    protectionRules: connectionField(() => protectionRules(environment).map((r) => protectionRuleNode(env, r))),
  };
}

function protectionRuleNode(env: GraphEnv, rule: ProtectionRule) {
  return {
    databaseId: rule.id,
    type: rule.type,
    timeout: rule.timeout,
    preventSelfReview: rule.preventSelfReview,
    reviewers: connectionField(() => rule.reviewers.map((r) => reviewerNode(env, r))),
  };
}

function reviewerNode(env: GraphEnv, reviewer: FakeReviewer) {
  return reviewer.type === "User"
    ? userNode(reviewer.login, reviewer.id)
    : teamNode(env.org.login, reviewer.slug, reviewer.id, reviewer.name);
}
