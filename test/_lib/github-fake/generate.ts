/**
 * `generateOrg(n, seed)`: an organization of `n` varied repositories for the benchmark
 * and for tests that need volume. The same `(n, seed)` gives the same org, ids
 * included, on every run (a seeded PRNG, and no global counters or clocks).
 *
 * The mix, roughly: visibility 50% private, 30% public, 20% internal; 8% archived;
 * forks among public repositories; 60% with workflows; 30% with environments; 2% with
 * more than 30 variables (a second REST page); some created after 2026-07-15 (the
 * immutable OIDC subject); branch protection, rulesets and org secrets of every visibility.
 */
import type { FakeEnvironment, FakeOrg, FakeRepo, FakeRuleset, FakeVariable, Visibility } from "./model.js";
import {
  fakeBranchProtectionRule,
  fakeBypassActor,
  fakeEnvironment,
  fakeOrg,
  fakeOrgSecret,
  fakeOrgVariable,
  fakeRepo,
  fakeRuleset,
  fakeSecret,
  fakeVariable,
  workflowRegistry,
} from "./builders.js";
import { sha1 } from "./ids.js";
import { SETUP_ACTION, WORKFLOW_TEMPLATES } from "./workflow-templates.js";

/** mulberry32: tiny, fast, and good enough to vary fixtures. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Dice {
  /** A fresh id: GraphQL `databaseId`s are 32-bit `Int`s, so ids count up from one base. */
  id(): number;
  chance(p: number): boolean;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  some<T>(items: readonly T[], min: number, max: number): T[];
}

function dice(seed: number): Dice {
  const next = prng(seed);
  let lastId = 200_000_000;
  const d: Dice = {
    id: () => ++lastId,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    some: (items, min, max) => {
      const pool = [...items];
      const out: (typeof items)[number][] = [];
      for (let k = d.int(min, Math.min(max, pool.length)); k > 0; k--) out.push(pool.splice(d.int(0, pool.length - 1), 1)[0]!);
      return out;
    },
  };
  return d;
}

const AREAS = ["billing", "search", "auth", "payments", "web", "mobile", "data", "infra", "docs", "ml", "sandbox", "ops"];
const KINDS = ["api", "service", "worker", "site", "lib", "cli", "pipeline", "infra", "sdk", "tools"];
const REPO_SECRETS = ["NPM_TOKEN", "CLOUDFLARE_API_TOKEN", "OPENAI_API_KEY", "SENTRY_AUTH_TOKEN", "DOCKERHUB_TOKEN", "PYPI_TOKEN"];
const REPO_VARIABLES = ["CLOUDFLARE_ACCOUNT_ID", "DEPLOY_REGION", "NODE_VERSION", "SERVICE_NAME", "LOG_LEVEL"];
const ENVIRONMENTS = ["production", "staging", "preview", "release"];
const DAY = 86_400_000;
const START = Date.UTC(2018, 0, 1);
const END = Date.UTC(2026, 9, 31);
const IMMUTABLE_SUBJECT_SINCE = Date.UTC(2026, 6, 15);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function visibilityOf(d: Dice): Visibility {
  const r = d.int(1, 10);
  return r <= 5 ? "private" : r <= 8 ? "public" : "internal";
}

function environmentFor(d: Dice, name: string, created: number): FakeEnvironment {
  const when = iso(created + d.int(1, 300) * DAY);
  return fakeEnvironment(name, {
    id: d.id(),
    createdAt: when,
    updatedAt: when,
    reviewers:
      name === "production" && d.chance(0.7)
        ? [
            { type: "Team", slug: "release-managers", id: 5_551_234, name: "Release managers" },
            ...(d.chance(0.3) ? [{ type: "User" as const, login: "octo-lead", id: 5_550_002 }] : []),
          ]
        : [],
    preventSelfReview: d.chance(0.5),
    waitTimer: d.chance(0.25) ? d.pick([5, 15, 30, 60]) : 0,
    deploymentBranchPolicy: d.chance(0.4)
      ? "none"
      : d.chance(0.5)
        ? "protected"
        : { custom: [{ id: d.id(), name: "main", type: "branch" }, ...(d.chance(0.5) ? [{ id: d.id(), name: "v*", type: "tag" as const }] : [])] },
    customProtectionApps: d.chance(0.1) ? [{ id: d.id(), enabled: true, app: { id: 424_242, slug: "deploy-guard" } }] : [],
    secrets: d.some(REPO_SECRETS, 0, 2).map((s) => fakeSecret(s, { createdAt: when, updatedAt: when })),
    variables: d.some(REPO_VARIABLES, 0, 2).map((v) => fakeVariable(v, `${name}-${v.toLowerCase()}`, { createdAt: when, updatedAt: when })),
  });
}

function repoRuleset(d: Dice, created: string): FakeRuleset {
  return fakeRuleset("protect-main", {
    id: d.id(),
    createdAt: created,
    updatedAt: created,
    enforcement: d.pick(["ACTIVE", "ACTIVE", "EVALUATE", "DISABLED"] as const),
    bypassActors: d.chance(0.5) ? [fakeBypassActor({ organizationAdmin: true })] : [],
  });
}

function generateRepo(d: Dice, org: string, i: number, seed: number): FakeRepo {
  const id = d.id();
  const name = `${d.pick(AREAS)}-${d.pick(KINDS)}-${String(i).padStart(4, "0")}`;
  const visibility = visibilityOf(d);
  const createdMs = START + d.int(0, (END - START) / DAY) * DAY + d.int(0, 86_399) * 1000;
  const createdAt = iso(createdMs);
  const environments = d.chance(0.3) ? d.some(ENVIRONMENTS, 1, 3).map((e) => environmentFor(d, e, createdMs)) : [];
  const ctx = { org, environment: environments[0]?.name, pinned: d.chance(0.3) };
  const files: Record<string, string> = { "README.md": `# ${name}\n` };
  if (d.chance(0.6)) {
    for (const file of d.some(Object.keys(WORKFLOW_TEMPLATES), 1, 4)) files[`.github/workflows/${file}`] = WORKFLOW_TEMPLATES[file]!(ctx);
    if (d.chance(0.15)) files[".github/actions/setup/action.yml"] = SETUP_ACTION;
  }
  const variableCount = d.chance(0.02) ? d.int(31, 45) : d.int(0, 5);
  const variables: FakeVariable[] = Array.from({ length: variableCount }, (_, k) =>
    fakeVariable(REPO_VARIABLES[k] ?? `SETTING_${String(k).padStart(2, "0")}`, `value-${k}`, { createdAt, updatedAt: createdAt }),
  );
  const base = { id, files, createdAt };
  const workflows = workflowRegistry(base);
  if (workflows.length > 0 && d.chance(0.1)) workflows[0]!.state = d.pick(["disabled_manually", "disabled_inactivity"] as const);
  if (d.chance(0.05)) {
    workflows.push({ id: d.id(), path: ".github/workflows/legacy.yml", name: "Legacy", state: "deleted", createdAt, updatedAt: createdAt });
  }
  const repo = fakeRepo({
    ...base,
    name,
    visibility,
    archived: d.chance(0.08),
    fork: visibility === "public" && d.chance(0.15),
    isTemplate: d.chance(0.02),
    pushedAt: iso(Math.min(END, createdMs + d.int(1, 900) * DAY)),
    headSha: sha1(`${seed}:${name}`),
    workflows,
    oidcSub: {
      use_default: !d.chance(0.1),
      use_immutable_subject: createdMs >= IMMUTABLE_SUBJECT_SINCE,
    },
    secrets: d.some(REPO_SECRETS, 0, 4).map((s) => fakeSecret(s, { createdAt, updatedAt: createdAt })),
    variables,
    environments,
    branchProtectionRules: d.chance(0.3)
      ? [
          fakeBranchProtectionRule("main", {
            databaseId: d.id(),
            isAdminEnforced: d.chance(0.5),
            requiresCodeOwnerReviews: d.chance(0.3),
            allowsForcePushes: d.chance(0.1),
          }),
        ]
      : [],
    rulesets: d.chance(0.15) ? [repoRuleset(d, createdAt)] : [],
  });
  if (!repo.oidcSub.use_default) repo.oidcSub.include_claim_keys = ["repo", "context", "job_workflow_ref"];
  if (d.chance(0.3)) repo.actions.workflowPermissions = { default_workflow_permissions: "write", can_approve_pull_request_reviews: d.chance(0.3) };
  if (d.chance(0.1)) repo.actions.permissions = { enabled: true, allowed_actions: "selected", sha_pinning_required: true };
  return repo;
}

export function generateOrg(n: number, seed = 1): FakeOrg {
  const d = dice(seed);
  const login = "acme";
  const repos = Array.from({ length: n }, (_, i) => generateRepo(d, login, i, seed));
  const sample = (p: number) => repos.filter(() => d.chance(p)).map((r) => r.name);
  return fakeOrg({
    login,
    oidcSub: { include_claim_keys: ["repo", "context", "job_workflow_ref"], use_immutable_subject: false },
    customPropertyClaims: [{ custom_property_name: "team", inclusion_source: "organization" }],
    secrets: [
      fakeOrgSecret("NPM_TOKEN", { visibility: "private", createdAt: "2023-01-09T12:00:00Z", updatedAt: "2023-01-09T12:00:00Z" }),
      fakeOrgSecret("OPENAI_API_KEY", {
        visibility: "selected",
        selectedRepos: sample(0.05),
        createdAt: "2024-05-01T12:00:00Z",
        updatedAt: "2025-02-11T08:30:00Z",
      }),
      fakeOrgSecret("CLOUDFLARE_API_TOKEN", { visibility: "selected", selectedRepos: sample(0.1) }),
      fakeOrgSecret("SLACK_WEBHOOK_URL", { visibility: "all" }),
      fakeOrgSecret("AWS_SECRET_ACCESS_KEY", {
        visibility: "selected",
        selectedRepos: sample(0.03),
        createdAt: "2021-03-01T00:00:00Z",
        updatedAt: "2021-03-01T00:00:00Z",
      }),
    ],
    variables: [
      fakeOrgVariable("OPENAI_WIF_PROVIDER_ID", "wip_01JHFAKE0000000000000000", { visibility: "all" }),
      fakeOrgVariable("CLOUDFLARE_ACCOUNT_ID", "0123456789abcdef0123456789abcdef", { visibility: "private" }),
      fakeOrgVariable("RELEASE_CHANNEL", "stable", { visibility: "selected", selectedRepos: sample(0.05) }),
    ],
    rulesets: [
      fakeRuleset("org-default-branch", {
        id: 9001,
        repositoryName: { include: ["~ALL"], exclude: ["sandbox-*"] },
        bypassActors: [fakeBypassActor({ actor: { type: "Team", slug: "platform", id: 5_551_000 } })],
      }),
      fakeRuleset("org-release-tags", {
        id: 9002,
        target: "TAG",
        enforcement: "EVALUATE",
        refName: { include: ["refs/tags/v*"], exclude: [] },
        repositoryName: { include: ["~ALL"], exclude: [] },
        rules: [{ type: "DELETION", parameters: null }, { type: "NON_FAST_FORWARD", parameters: null }],
      }),
    ],
    repos,
  });
}
