/**
 * Model → REST JSON, in the documented shapes (VENDOR-APIS §1.4). `*_url` fields
 * point at the fake itself, so a client that follows them stays on loopback.
 */
import type {
  FakeEnvironment,
  FakeOrg,
  FakeOrgSecret,
  FakeOrgVariable,
  FakeRepo,
  FakeReviewer,
  FakeSecret,
  FakeVariable,
  FakeWorkflowEntry,
} from "../model.js";
import { nodeId } from "../ids.js";
import { protectionRules } from "../protection-rules.js";

const WEB = "https://github.com";

export function ownerJson(base: string, org: FakeOrg) {
  return {
    login: org.login,
    id: org.id,
    node_id: org.nodeId,
    type: "Organization",
    url: `${base}/users/${org.login}`,
    html_url: `${WEB}/${org.login}`,
    site_admin: false,
  };
}

/** `minimal-repository`, trimmed to the fields a snapshot could use. */
export function minimalRepository(base: string, org: FakeOrg, repo: FakeRepo) {
  const full = `${org.login}/${repo.name}`;
  return {
    id: repo.id,
    node_id: repo.nodeId,
    name: repo.name,
    full_name: full,
    private: repo.visibility !== "public",
    visibility: repo.visibility,
    owner: ownerJson(base, org),
    html_url: `${WEB}/${full}`,
    url: `${base}/repos/${full}`,
    fork: repo.fork,
    archived: repo.archived,
    disabled: false,
    is_template: repo.isTemplate,
    default_branch: repo.defaultBranch,
    created_at: repo.createdAt,
    updated_at: repo.pushedAt,
    pushed_at: repo.pushedAt,
  };
}

export function secretJson(s: FakeSecret) {
  return { name: s.name, created_at: s.createdAt, updated_at: s.updatedAt };
}

export function variableJson(v: FakeVariable) {
  return { name: v.name, value: v.value, created_at: v.createdAt, updated_at: v.updatedAt };
}

/** Org secrets and variables add `visibility`, and a link to the selection when it is `selected`. */
export function orgScoped<T extends FakeOrgSecret | FakeOrgVariable>(base: string, org: FakeOrg, kind: "secrets" | "variables", item: T) {
  const plain = "value" in item ? variableJson(item) : secretJson(item);
  return {
    ...plain,
    visibility: item.visibility,
    ...(item.visibility === "selected"
      ? { selected_repositories_url: `${base}/orgs/${org.login}/actions/${kind}/${encodeURIComponent(item.name)}/repositories` }
      : {}),
  };
}

function reviewerJson(base: string, org: FakeOrg, r: FakeReviewer) {
  return r.type === "User"
    ? { type: "User", reviewer: { login: r.login, id: r.id, node_id: nodeId("U", r.id), type: "User", url: `${base}/users/${r.login}` } }
    : { type: "Team", reviewer: { id: r.id, node_id: nodeId("T", r.id), slug: r.slug, name: r.name, url: `${base}/orgs/${org.login}/teams/${r.slug}` } };
}

export function environmentJson(base: string, org: FakeOrg, repo: FakeRepo, env: FakeEnvironment) {
  const full = `${org.login}/${repo.name}`;
  const policy = env.deploymentBranchPolicy;
  return {
    id: env.id,
    node_id: env.nodeId,
    name: env.name,
    url: `${base}/repos/${full}/environments/${encodeURIComponent(env.name)}`,
    html_url: `${WEB}/${full}/deployments/activity_log?environments_filter=${encodeURIComponent(env.name)}`,
    created_at: env.createdAt,
    updated_at: env.updatedAt,
    can_admins_bypass: true,
    protection_rules: protectionRules(env).map((rule) => {
      const common = { id: rule.id, node_id: nodeId("GA", rule.id), type: rule.type.toLowerCase() };
      switch (rule.type) {
        case "REQUIRED_REVIEWERS":
          return { ...common, prevent_self_review: rule.preventSelfReview, reviewers: rule.reviewers.map((r) => reviewerJson(base, org, r)) };
        case "WAIT_TIMER":
          return { ...common, wait_timer: rule.timeout };
        case "BRANCH_POLICY":
          return common;
      }
    }),
    // `null` means any branch may deploy.
    deployment_branch_policy:
      policy === "none"
        ? null
        : { protected_branches: policy === "protected", custom_branch_policies: policy !== "protected" },
  };
}

export function branchPolicyJson(p: { id: number; name: string; type: "branch" | "tag" }) {
  return { id: p.id, node_id: nodeId("GBP", p.id), name: p.name, type: p.type };
}

export function protectionAppJson(base: string, rule: FakeEnvironment["customProtectionApps"][number]) {
  return {
    id: rule.id,
    node_id: nodeId("GA", rule.id),
    enabled: rule.enabled,
    app: { id: rule.app.id, slug: rule.app.slug, integration_url: `${base}/apps/${rule.app.slug}`, node_id: nodeId("A", rule.app.id) },
  };
}

export function workflowJson(base: string, org: FakeOrg, repo: FakeRepo, w: FakeWorkflowEntry) {
  const full = `${org.login}/${repo.name}`;
  return {
    id: w.id,
    node_id: nodeId("W", w.id),
    name: w.name,
    path: w.path,
    state: w.state,
    created_at: w.createdAt,
    updated_at: w.updatedAt,
    url: `${base}/repos/${full}/actions/workflows/${w.id}`,
    html_url: `${WEB}/${full}/blob/${repo.defaultBranch}/${w.path}`,
    badge_url: `${WEB}/${full}/workflows/${encodeURIComponent(w.name)}/badge.svg`,
  };
}
