/**
 * `collect` against the loopback GitHub fake, through the real octokit clients:
 * every fact the document promises, pagination past one page, reads the token may
 * not make (recorded, the run goes on), transient failures (retried), fatal ones,
 * redaction, and that no request ever targets a secret value.
 */
import t from "tap";
import { collect, FatalGithubError, snapshotProblems, type CollectDeps, type GithubSnapshot } from "@regolith/snapshot-github";
import {
  fakeEnvironment,
  fakeOrg,
  fakeOrgSecret,
  fakeOrgVariable,
  fakeRepo,
  fakeRuleset,
  fakeSecret,
  fakeVariable,
  startGitHubFake,
  type FakeOrg,
  type GitHubFake,
} from "../_lib/github-fake/index.js";
import { fake as fakeCredential } from "../_lib/fake-credentials.js";

const TOKEN = "gh-test-token-never-printed";
const NOW = new Date("2026-11-25T17:00:00Z");

const DEPLOY = `name: Deploy
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  deploy:
    environment: production
    permissions:
      id-token: write
      contents: read
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: node scripts/eval.js
        env:
          OPENAI_API_KEY: \${{ secrets.OPENAI_API_KEY }}
`;

const PR_TARGET = `on: pull_request_target
jobs:
  label:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - run: ./label.sh
        env:
          TOKEN: \${{ secrets.LABEL_TOKEN }}
`;

function acme(): FakeOrg {
  return fakeOrg({
    secrets: [fakeOrgSecret("OPENAI_API_KEY", { visibility: "selected", selectedRepos: ["app"] })],
    variables: [fakeOrgVariable("OPENAI_WIF_PROVIDER_ID", "wip_01JH0000000000000000000000")],
    rulesets: [fakeRuleset("protect-main")],
    repos: [
      fakeRepo({
        name: "app",
        files: { ".github/workflows/deploy.yml": DEPLOY, ".github/workflows/broken.yml": "jobs: [unclosed\n" },
        oidcSub: { use_default: true, use_immutable_subject: false, sub_claim_prefix: "repo:acme@1234567/app@1001" },
        secrets: [fakeSecret("CLOUDFLARE_API_TOKEN")],
        variables: [fakeVariable("LEAKED", fakeCredential.openaiProject()), fakeVariable("REGION", "eu-west-1")],
        environments: [
          fakeEnvironment("production", {
            secrets: [fakeSecret("OPENAI_API_KEY")],
          }),
        ],
      }),
      fakeRepo({ name: "site", visibility: "public", files: { ".github/workflows/label.yml": PR_TARGET } }),
      fakeRepo({ name: "old", archived: true }),
    ],
  });
}

async function start(t: { teardown(f: () => unknown): void }, org: FakeOrg): Promise<GitHubFake> {
  const server = await startGitHubFake(org, { rateLimits: { core: 100_000, graphql: 100_000 } });
  t.teardown(() => server.close());
  return server;
}

/** Reads that failed, leaving out what does not apply and the org's never-customized OIDC template (404). */
function gaps(doc: GithubSnapshot): string[] {
  return doc.coverage.filter((c) => c.status !== "not_applicable" && c.resource !== "org:acme/actions/oidc/customization/sub").map((c) => c.resource);
}

const instant: CollectDeps = { now: () => NOW, sleep: async () => {} };

async function run(server: GitHubFake, extra: Partial<Parameters<typeof collect>[0]> = {}, deps: CollectDeps = instant): Promise<GithubSnapshot> {
  return collect({ org: "acme", apiUrl: server.url, token: TOKEN, ...extra }, deps);
}

t.test("an organization's facts, valid against the schema", async (t) => {
  const server = await start(t, acme());
  const doc = await run(server);
  t.same(snapshotProblems(doc), [], "valid against schemas/github-snapshot.schema.json");
  t.match(doc, { kind: "github-snapshot", schema_version: 1, generated_at: "2026-11-25T17:00:00Z", source: { rest_base_url: server.url, graphql_url: `${server.url}/graphql`, auth: { login: "octo-admin" } } });
  t.same(doc.repositories.map((r) => r.full_name), ["acme/app", "acme/site"], "archived repositories are skipped by default");

  const org = doc.org;
  t.equal(org.login, "acme");
  t.match(org.secrets, [{ name: "OPENAI_API_KEY", visibility: "selected" }]);
  t.match(org.variables, [{ name: "OPENAI_WIF_PROVIDER_ID", value: "wip_01JH0000000000000000000000", visibility: "all" }]);
  t.match(org.rulesets, [{ name: "protect-main" }]);
  t.equal(org.actions.default_workflow_permissions, "read");

  const app = doc.repositories[0]!;
  t.equal(app.visibility, "private");
  t.match(app.actions.oidc, { use_default: true, sub_claim_prefix: "repo:acme@1234567/app@1001", effective_sub_template: ["repo", "context"] });
  t.same(app.secrets?.map((s) => s.name), ["CLOUDFLARE_API_TOKEN"]);
  t.same(app.variables?.find((v) => v.name === "LEAKED")?.value, { redacted: true, looks_like: "openai_api_key" }, "a credential-looking variable value is redacted");
  t.equal(app.variables?.find((v) => v.name === "REGION")?.value, "eu-west-1");
  t.same(app.org_secrets_available, ["OPENAI_API_KEY"]);
  t.match(app.environments, [{ name: "production", secrets: [{ name: "OPENAI_API_KEY" }] }]);
  t.equal(app.actions.fork_pr_contributor_approval, null, "contributor approval does not apply to a private repository");
  t.ok(doc.coverage.some((c) => c.resource === "repo:acme/app/actions/permissions/fork-pr-contributor-approval" && c.status === "not_applicable"));

  const deploy = app.workflows?.find((w) => w.path === ".github/workflows/deploy.yml");
  t.match(deploy, { name: "Deploy", state: "active", parse_error: null, triggers: { push: { branches: ["main"] } } });
  t.match(deploy?.jobs[0], {
    id: "deploy",
    environment: "production",
    requests_id_token: true,
    permissions_source: "job",
    secret_refs: [{ name: "OPENAI_API_KEY", dynamic: false }],
    oidc_sub_candidates: ["repo:acme@1234567/app@1001:environment:production"],
  });
  const broken = app.workflows?.find((w) => w.path === ".github/workflows/broken.yml");
  t.ok(broken?.parse_error, "a malformed workflow is recorded with its error");
  t.same(broken?.jobs, []);

  const site = doc.repositories[1]!;
  t.equal(site.actions.fork_pr_workflows_private_repos, null);
  t.match(site.workflows?.[0]?.jobs[0], { secret_refs: [{ name: "LABEL_TOKEN" }], steps: [{ pinned_sha: true }, {}] });
  t.match(site.workflows?.[0]?.triggers, { pull_request_target: null });

  t.notOk(JSON.stringify(doc).includes(TOKEN), "the token is nowhere in the document");
  server.requests.assertNoSecretValueRequests();
});

t.test("archived repositories on request, and a chosen subset", async (t) => {
  const server = await start(t, acme());
  const all = await run(server, { includeArchived: true });
  t.same(all.repositories.map((r) => r.name), ["app", "old", "site"]);
  const one = await run(server, { repositories: ["site"] });
  t.same(one.repositories.map((r) => r.name), ["site"]);
  t.same(one.scope.repositories, ["site"]);
});

t.test("pagination past one page: 105 repositories, 31 variables", async (t) => {
  const repos = Array.from({ length: 105 }, (_, i) => fakeRepo({ name: `repo-${String(i).padStart(3, "0")}` }));
  repos[0] = fakeRepo({ name: "repo-000", variables: Array.from({ length: 31 }, (_, i) => fakeVariable(`VAR_${String(i).padStart(2, "0")}`, `value-${i}`)) });
  const server = await start(t, fakeOrg({ repos }));
  const doc = await run(server);
  t.equal(doc.repositories.length, 105);
  t.equal(doc.repositories[0]!.variables?.length, 31);
  t.same(gaps(doc), [], "nothing failed");
});

t.test("a read the token may not make is recorded and the run goes on", async (t) => {
  const server = await start(t, acme());
  server.faults.forbidden("/repos/acme/app/actions/secrets", { acceptedPermissions: "secrets=read" });
  const doc = await run(server);
  const app = doc.repositories.find((r) => r.name === "app")!;
  t.equal(app.secrets, null, "unknown, not empty");
  t.match(doc.coverage.find((c) => c.resource === "repo:acme/app/actions/secrets"), {
    status: "forbidden",
    http_status: 403,
    accepted_permissions: "secrets=read",
    message: "Resource not accessible by personal access token",
  });
  t.ok(app.variables, "other reads of the repository still happened");
  t.same(snapshotProblems(doc), []);
});

t.test("transient failures are retried: 502s and a secondary rate limit", async (t) => {
  const server = await start(t, acme());
  server.faults.badGateway("/graphql", { times: 2, operationName: "RegolithRepo" });
  server.faults.badGateway("/repos/acme/site/actions/variables", { times: 1 });
  server.faults.secondaryRateLimit("/orgs/acme/actions/secrets", { retryAfter: 1 });
  const waits: number[] = [];
  const doc = await run(server, {}, { ...instant, sleep: async (ms) => void waits.push(ms) });
  t.equal(doc.stats.retries, 4);
  t.ok(waits.includes(1000), "the secondary limit's retry-after is honoured");
  t.same(gaps(doc), [], "every read succeeded in the end");
  t.same(server.faults.pending(), []);
});

t.test("an exhausted rate limit that resets soon is waited out", async (t) => {
  const server = await start(t, acme());
  server.faults.rateLimitExhausted("/repos/acme/app/actions/secrets");
  const waits: number[] = [];
  // The fake's window resets an hour after it starts: pretend that is ten seconds away.
  const soon = () => new Date(Date.now() + 3_600_000 - 10_000);
  const doc = await run(server, {}, { now: soon, sleep: async (ms) => void waits.push(ms) });
  t.equal(waits.length, 1);
  t.ok(waits[0]! > 5_000 && waits[0]! <= 12_000, `waited ${waits[0]} ms for the reset`);
  t.same(doc.repositories.find((r) => r.name === "app")!.secrets?.map((x) => x.name), ["CLOUDFLARE_API_TOKEN"]);
});

t.test("fatal failures end the run with a clear message and no token", async (t) => {
  const server = await start(t, acme());
  server.faults.rateLimitExhausted("/graphql");
  await t.rejects(run(server), { name: "FatalGithubError", message: /rate limit is exhausted until .*run again after the reset/ });

  const refused = await start(t, { ...acme(), viewer: { login: "x", id: 1 } });
  await t.rejects(collect({ org: "nope", apiUrl: refused.url, token: TOKEN }, instant), { message: /organization nope not found/ });

  const closed = await startGitHubFake(acme());
  const url = closed.url;
  await closed.close();
  const error = await collect({ org: "acme", apiUrl: url, token: TOKEN }, { ...instant, retry: { maxRetries: 1, baseDelayMs: 1, maxResetWaitMs: 0 } }).catch((e: unknown) => e);
  t.ok(error instanceof FatalGithubError);
  t.match((error as Error).message, /cannot reach the GitHub API at http:\/\/127\.0\.0\.1/);
  t.notOk(String((error as Error).message).includes(TOKEN));
});

t.test("requests per repository stay within budget (the benchmark measures 1,000 repositories)", async (t) => {
  const server = await start(t, acme());
  await run(server);
  const perRepo = new Map<string, { rest: number; graphql: number }>();
  for (const r of server.requests.entries) {
    for (const repo of r.repositories) {
      const c = perRepo.get(repo) ?? { rest: 0, graphql: 0 };
      if (r.graphql) c.graphql++;
      else c.rest++;
      perRepo.set(repo, c);
    }
  }
  t.equal(perRepo.size, 2);
  for (const [repo, c] of perRepo) t.equal(c.graphql, 1, `${repo}: one GraphQL request`);
  const rest = [...perRepo.values()].reduce((sum, c) => sum + c.rest, 0);
  t.ok(rest / perRepo.size <= 12, `${rest / perRepo.size} REST requests per repository on average (at most 12)`);
});
