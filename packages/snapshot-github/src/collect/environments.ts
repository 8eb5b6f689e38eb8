/**
 * Deployment environments, from REST (only REST has deployment branch policies):
 * required reviewers and self-review, wait timer, which branches may deploy, custom
 * protection apps, and the environment's own secrets and variables.
 */
import type { EnvironmentFact, Reviewer } from "../document.js";
import { allPages } from "../transport/pagination.js";
import { byKey, repoResource, type CollectContext } from "./context.js";
import { readSecrets, readVariables } from "./secrets.js";

interface RawProtectionRule {
  type: string;
  prevent_self_review?: boolean;
  wait_timer?: number;
  reviewers?: { type: "User" | "Team"; reviewer: { id?: number; login?: string; slug?: string } | null }[];
}

interface RawEnvironment {
  id: number;
  name: string;
  created_at: string;
  updated_at: string;
  protection_rules?: RawProtectionRule[];
  deployment_branch_policy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
}

function reviewers(rule: RawProtectionRule): Reviewer[] {
  return (rule.reviewers ?? [])
    .map((r) => ({ type: r.type, name: r.reviewer?.login ?? r.reviewer?.slug ?? "", id: r.reviewer?.id ?? null }))
    .sort(byKey((r) => `${r.type}/${r.name}`));
}

async function readEnvironment(ctx: CollectContext, fullName: string, env: RawEnvironment): Promise<EnvironmentFact> {
  const [owner, repo] = fullName.split("/") as [string, string];
  const params = { owner, repo, environment_name: env.name };
  const at = (path: string) => repoResource(fullName, `environments/${env.name}/${path}`);
  const rules = env.protection_rules ?? [];
  const reviewRule = rules.find((r) => r.type === "required_reviewers");
  const waitRule = rules.find((r) => r.type === "wait_timer");
  const policy = env.deployment_branch_policy;
  const custom = policy?.custom_branch_policies === true;
  const [secrets, variables, patterns, apps] = await Promise.all([
    readSecrets(ctx, at("secrets"), "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets", params),
    readVariables(ctx, at("variables"), "GET /repos/{owner}/{repo}/environments/{environment_name}/variables", params),
    custom
      ? ctx.coverage.read(at("deployment-branch-policies"), () =>
          allPages<{ name: string; type?: "branch" | "tag" }>(ctx.rest, "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies", params, "branch_policies"),
        )
      : null,
    ctx.coverage.read(at("deployment_protection_rules"), async () => {
      const res = await ctx.rest("GET /repos/{owner}/{repo}/environments/{environment_name}/deployment_protection_rules", params);
      const list = (res.data as { custom_deployment_protection_rules?: { app?: { slug?: string } }[] }).custom_deployment_protection_rules ?? [];
      return list.map((r) => r.app?.slug ?? "").filter((s) => s !== "").sort();
    }),
  ]);
  return {
    name: env.name,
    id: env.id,
    created_at: env.created_at,
    updated_at: env.updated_at,
    required_reviewers: { prevent_self_review: reviewRule?.prevent_self_review ?? false, reviewers: reviewRule ? reviewers(reviewRule) : [] },
    wait_timer_minutes: waitRule?.wait_timer ?? 0,
    deployment_branch_policy: {
      mode: policy === null ? "any" : custom ? "custom" : "protected_branches",
      patterns: custom ? patterns && patterns.map((p) => ({ name: p.name, type: p.type ?? "branch" })).sort(byKey((p) => `${p.type}/${p.name}`)) : [],
    },
    custom_protection_apps: apps,
    secrets,
    variables,
  };
}

/** Every environment of the repository with its facts, or null when the list could not be read. */
export async function readEnvironments(ctx: CollectContext, fullName: string): Promise<EnvironmentFact[] | null> {
  const [owner, repo] = fullName.split("/") as [string, string];
  const envs = await ctx.coverage.read(repoResource(fullName, "environments"), () =>
    allPages<RawEnvironment>(ctx.rest, "GET /repos/{owner}/{repo}/environments", { owner, repo }, "environments"),
  );
  if (!envs) return null;
  const facts = await Promise.all(envs.map((e) => readEnvironment(ctx, fullName, e)));
  return facts.sort(byKey((e) => e.name));
}
