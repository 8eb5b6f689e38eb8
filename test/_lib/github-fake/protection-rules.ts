/**
 * An environment's protection rules as GitHub lists them: one rule per kind of
 * protection that is switched on, in the order reviewers, wait timer, branch policy.
 * GraphQL's `protectionRules` and REST's `protection_rules` both come from here.
 * Custom protection apps are listed separately (`deployment_protection_rules`).
 */
import type { FakeEnvironment, FakeReviewer } from "./model.js";

export interface ProtectionRule {
  /** Derived from the environment id, so it is stable across runs; kept within GraphQL's 32-bit `Int`. */
  id: number;
  type: "REQUIRED_REVIEWERS" | "WAIT_TIMER" | "BRANCH_POLICY";
  /** Minutes; only the wait timer has one. */
  timeout: number;
  /** Only the reviewers rule has one. */
  preventSelfReview: boolean | null;
  reviewers: FakeReviewer[];
}

function ruleId(env: FakeEnvironment, kind: number): number {
  return ((env.id * 4 + kind) % 2_000_000_000) + 1;
}

export function protectionRules(env: FakeEnvironment): ProtectionRule[] {
  const rules: ProtectionRule[] = [];
  if (env.reviewers.length > 0) {
    rules.push({ id: ruleId(env, 1), type: "REQUIRED_REVIEWERS", timeout: 0, preventSelfReview: env.preventSelfReview, reviewers: env.reviewers });
  }
  if (env.waitTimer > 0) {
    rules.push({ id: ruleId(env, 2), type: "WAIT_TIMER", timeout: env.waitTimer, preventSelfReview: null, reviewers: [] });
  }
  if (env.deploymentBranchPolicy !== "none") {
    rules.push({ id: ruleId(env, 3), type: "BRANCH_POLICY", timeout: 0, preventSelfReview: null, reviewers: [] });
  }
  return rules;
}
