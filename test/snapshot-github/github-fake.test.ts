/**
 * The GitHub fake itself, driven by the real clients the adapter uses
 * (`@octokit/request` and `@octokit/graphql` over it), so that what passes here is
 * what the adapter's tests will meet.
 */
import t from "tap";
import { request } from "@octokit/request";
import { GraphqlResponseError, withCustomRequest } from "@octokit/graphql";
import {
  fakeBranchProtectionRule,
  fakeEnvironment,
  fakeOrg,
  fakeOrgSecret,
  fakeRepo,
  fakeRuleset,
  fakeSecret,
  fakeVariable,
  generateOrg,
  startGitHubFake,
  type FakeOrg,
} from "../_lib/github-fake/index.js";
import { blobOid } from "../_lib/github-fake/ids.js";

// The drafts of VENDOR-APIS §1.3, verbatim: the fake must accept exactly what GitHub accepts.
const Q1 = `query OrgRepos($org: String!, $cursor: String) {
  organization(login: $org) {
    id
    databaseId
    login
    requiresTwoFactorAuthentication
    repositories(first: 100, after: $cursor, orderBy: {field: NAME, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id databaseId name nameWithOwner visibility isArchived isFork isTemplate createdAt pushedAt
        defaultBranchRef { name target { oid } }
      }
    }
  }
  rateLimit { cost limit remaining used resetAt }
}`;

const Q2 = `query RepoDetail($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    id databaseId nameWithOwner visibility isArchived isFork createdAt
    owner { __typename login ... on Organization { databaseId } ... on User { databaseId } }
    defaultBranchRef { name target { oid } }
    workflowsDir: object(expression: "HEAD:.github/workflows") {
      ... on Tree {
        entries { name path type mode object { ... on Blob { oid byteSize isBinary isTruncated text } } }
      }
    }
    environments(first: 50) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        id databaseId name
        protectionRules(first: 5) {
          nodes {
            databaseId type timeout preventSelfReview
            reviewers(first: 6) {   # GitHub allows at most 6 reviewers per environment
              nodes { __typename ... on User { login databaseId } ... on Team { slug databaseId } }
            }
          }
        }
      }
    }
    branchProtectionRules(first: 50) {
      totalCount
      nodes {
        id databaseId pattern isAdminEnforced allowsForcePushes allowsDeletions
        requiresApprovingReviews requiredApprovingReviewCount requiresCodeOwnerReviews dismissesStaleReviews
        requireLastPushApproval requiresStatusChecks requiresStrictStatusChecks requiredStatusCheckContexts
        requiresCommitSignatures requiresLinearHistory requiresConversationResolution
        requiresDeployments requiredDeploymentEnvironments restrictsPushes lockBranch
      }
    }
    rulesets(first: 50, includeParents: true) {
      totalCount
      nodes {
        id databaseId name enforcement target createdAt updatedAt
        source { __typename ... on Repository { nameWithOwner } ... on Organization { login } ... on Enterprise { slug } }
        conditions { refName { include exclude } }
        bypassActors(first: 20) {
          nodes {
            bypassMode organizationAdmin enterpriseOwner deployKey repositoryRoleName repositoryRoleDatabaseId
            actor { __typename ... on App { slug databaseId } ... on Team { slug databaseId } }
          }
        }
        rules(first: 30) {
          nodes {
            type
            parameters {
              __typename
              ... on PullRequestParameters { requiredApprovingReviewCount requireCodeOwnerReview dismissStaleReviewsOnPush requireLastPushApproval requiredReviewThreadResolution }
              ... on RequiredDeploymentsParameters { requiredDeploymentEnvironments }
              ... on RequiredStatusChecksParameters { strictRequiredStatusChecksPolicy requiredStatusChecks { context integrationId } }
              ... on WorkflowsParameters { workflows { path ref repositoryId sha } }
            }
          }
        }
      }
    }
  }
  rateLimit { cost remaining resetAt }
}`;

const Q3 = `query MoreEnvironments($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    environments(first: 50, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { id databaseId name protectionRules(first: 5) { nodes { type timeout preventSelfReview } } }
    }
  }
}`;

const Q4 = `query WorkflowFiles($owner: String!, $name: String!, $expr: String!) {
  repository(owner: $owner, name: $name) {
    object(expression: $expr) {
      __typename
      ... on Tree { entries { name path type object { ... on Blob { byteSize isBinary isTruncated text } } } }
      ... on Blob { byteSize isTruncated text }
    }
  }
}`;

const DEPLOY = "name: Deploy\non:\n  push:\n    branches: [main]\njobs:\n  deploy:\n    environment: production\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo hi\n";

/** One organization with one fully described repository, `acme/app`. */
function appOrg(): FakeOrg {
  return fakeOrg({
    secrets: [fakeOrgSecret("OPENAI_API_KEY", { visibility: "selected", selectedRepos: ["app"] }), fakeOrgSecret("NPM_TOKEN", { visibility: "private" })],
    rulesets: [fakeRuleset("org-main", { repositoryName: { include: ["~ALL"], exclude: [] } })],
    repos: [
      fakeRepo({
        name: "app",
        files: { ".github/workflows/deploy.yml": DEPLOY, ".github/workflows/lib/helper.yml": "x: 1\n", "README.md": "# app\n" },
        secrets: [fakeSecret("CLOUDFLARE_API_TOKEN")],
        variables: Array.from({ length: 35 }, (_, i) => fakeVariable(`VAR_${String(i).padStart(2, "0")}`, `v${i}`)),
        environments: [
          fakeEnvironment("production", {
            reviewers: [{ type: "Team", slug: "release-managers", id: 5551234, name: "Release managers" }],
            preventSelfReview: true,
            deploymentBranchPolicy: { custom: [{ id: 361471, name: "main", type: "branch" }, { id: 361472, name: "v*", type: "tag" }] },
            secrets: [fakeSecret("DEPLOY_KEY")],
          }),
        ],
        branchProtectionRules: [fakeBranchProtectionRule("main")],
        rulesets: [fakeRuleset("protect-main")],
      }),
      fakeRepo({ name: "site", visibility: "public" }),
    ],
  });
}

async function clients(t: { teardown(fn: () => unknown): void }, org: FakeOrg, options?: Parameters<typeof startGitHubFake>[1]) {
  const fake = await startGitHubFake(org, options);
  t.teardown(() => fake.close());
  const rest = request.defaults({
    baseUrl: fake.url,
    headers: { authorization: "token gh-test", "x-github-api-version": "2022-11-28" },
  });
  return { fake, rest, gql: withCustomRequest(rest) };
}

/** The rejection of a promise that must fail. */
async function failure(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (e) {
    return e as Record<string, any>;
  }
  throw new Error("expected a failure");
}

type Data = Record<string, any>;

t.test("Q1 pages through more than 100 repositories", async (t) => {
  const { fake, gql } = await clients(t, generateOrg(230, 7));
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  for (;;) {
    const data: Data = await gql(Q1, { org: "acme", cursor });
    const repos = data["organization"].repositories;
    t.equal(repos.totalCount, 230);
    t.equal(data["rateLimit"].cost, 1, "one connection of 100 costs 1 point");
    names.push(...repos.nodes.map((n: Data) => n["name"]));
    pages++;
    if (!repos.pageInfo.hasNextPage) break;
    cursor = repos.pageInfo.endCursor;
  }
  t.equal(pages, 3);
  t.equal(new Set(names).size, 230, "no repository twice");
  t.same(names, [...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)), "orderBy NAME ASC");
  t.equal(fake.requests.count((r) => r.graphql && r.operationName === "OrgRepos"), 3);
  const first = fake.requests.entries[0]!;
  t.same(first.headers.authorization, { present: true, scheme: "token" });
  t.equal(first.headers.apiVersion, "2022-11-28");
  t.notMatch(JSON.stringify(fake.requests.entries), /gh-test/, "the token itself is never logged");
});

t.test("Q2 reads one repository in full", async (t) => {
  const { fake, gql } = await clients(t, appOrg());
  const data: Data = await gql(Q2, { owner: "acme", name: "app" });
  const repo = data["repository"];
  t.match(repo, { nameWithOwner: "acme/app", visibility: "PRIVATE", owner: { __typename: "Organization", login: "acme", databaseId: 1234567 } });
  t.equal(repo.defaultBranchRef.name, "main");
  t.match(repo.defaultBranchRef.target.oid, /^[0-9a-f]{40}$/);
  t.same(
    repo.workflowsDir.entries.map((e: Data) => [e["name"], e["type"]]),
    [["deploy.yml", "blob"], ["lib", "tree"]],
    "direct children only, subdirectories as trees",
  );
  t.match(repo.workflowsDir.entries[0].object, { text: DEPLOY, oid: blobOid(DEPLOY), byteSize: DEPLOY.length, isBinary: false, isTruncated: false });
  const production = repo.environments.nodes[0];
  t.same(production.protectionRules.nodes.map((r: Data) => r["type"]), ["REQUIRED_REVIEWERS", "BRANCH_POLICY"]);
  t.match(production.protectionRules.nodes[0], { preventSelfReview: true, reviewers: { nodes: [{ __typename: "Team", slug: "release-managers" }] } });
  t.equal(repo.branchProtectionRules.nodes[0].pattern, "main");
  t.same(
    repo.rulesets.nodes.map((r: Data) => [r["name"], r["source"].__typename]),
    [["protect-main", "Repository"], ["org-main", "Organization"]],
    "the repository's rulesets, then the org's it inherits",
  );
  t.match(repo.rulesets.nodes[0].rules.nodes[0].parameters, { __typename: "PullRequestParameters", requiredApprovingReviewCount: 1 });
  t.equal(data["rateLimit"].cost, 4, "403 requests, /100, rounded: VENDOR-APIS §1.3's estimate");
  t.same(fake.requests.byRepository(), new Map([["acme/app", 1]]));

  const action: Data = await gql(Q4, { owner: "acme", name: "app", expr: "main:.github/workflows/deploy.yml" });
  t.match(action["repository"].object, { __typename: "Blob", text: DEPLOY, isTruncated: false });
});

t.test("Q3 pages environments; organization rulesets", async (t) => {
  const org = appOrg();
  org.repos[0]!.environments = Array.from({ length: 60 }, (_, i) => fakeEnvironment(`env-${String(i).padStart(2, "0")}`));
  const { gql } = await clients(t, org);
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const data: Data = await gql(Q3, { owner: "acme", name: "app", cursor });
    const envs = data["repository"].environments;
    seen.push(...envs.nodes.map((e: Data) => e["name"]));
    cursor = envs.pageInfo.hasNextPage ? envs.pageInfo.endCursor : null;
  } while (cursor);
  t.equal(seen.length, 60);
  t.equal(seen[50], "env-50");

  const rulesets: Data = await gql(`query OrgRulesets($org: String!) {
    organization(login: $org) { rulesets(first: 50) { totalCount nodes { name target source { __typename ... on Organization { login } } conditions { repositoryName { include exclude } } } } }
  }`, { org: "acme" });
  t.match(rulesets["organization"].rulesets, { totalCount: 1, nodes: [{ name: "org-main", source: { __typename: "Organization", login: "acme" }, conditions: { repositoryName: { include: ["~ALL"] } } }] });
});

t.test("truncated blobs fall back to REST contents", async (t) => {
  const { gql, rest } = await clients(t, appOrg(), { blobTextLimit: 16 });
  const data: Data = await gql(Q4, { owner: "acme", name: "app", expr: "HEAD:.github/workflows/deploy.yml" });
  t.match(data["repository"].object, { isTruncated: true, text: DEPLOY.slice(0, 16) });
  const file = await rest("GET /repos/{owner}/{repo}/contents/{path}", { owner: "acme", repo: "app", path: ".github/workflows/deploy.yml" });
  const body = file.data as Data;
  t.equal(Buffer.from(body["content"], "base64").toString(), DEPLOY);
  t.equal(body["sha"], blobOid(DEPLOY));
});

t.test("a missing repository is data.repository null with NOT_FOUND", async (t) => {
  const { gql } = await clients(t, appOrg());
  const err = await failure(gql(Q2, { owner: "acme", name: "nope" }));
  t.ok(err instanceof GraphqlResponseError);
  t.equal(err["data"].repository, null);
  t.match(err["errors"], [{ type: "NOT_FOUND", path: ["repository"], message: "Could not resolve to a Repository with the name 'acme/nope'." }]);
});

t.test("queries GitHub would reject are rejected", async (t) => {
  const { fake, gql } = await clients(t, appOrg());
  const unknown = await failure(gql("query Bad { viewer { login notAField } }"));
  t.ok(unknown instanceof GraphqlResponseError, "HTTP 200 with errors");
  t.match(unknown["errors"][0].message, /notAField/);
  t.equal(unknown["data"], undefined, "validation failures carry no data");
  t.equal(fake.requests.entries.at(-1)!.status, 200);

  const tooMany = await failure(gql(`{ organization(login: "acme") { repositories(first: 101) { nodes { name } } } }`));
  t.match(tooMany["errors"], [{ type: "EXCESSIVE_PAGINATION", message: "Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records." }]);
  const unbounded = await failure(gql(`{ organization(login: "acme") { repositories { nodes { name } } } }`));
  t.match(unbounded["errors"], [{ type: "MISSING_PAGINATION_BOUNDARIES", path: ["organization", "repositories"] }]);
  const viaVariable = await failure(gql(`query($n: Int) { organization(login: "acme") { repositories(first: $n) { nodes { name } } } }`, { n: 500 }));
  t.match(viaVariable["errors"], [{ type: "EXCESSIVE_PAGINATION" }], "page sizes from variables count too");

  const viewer: Data = await gql("query Who { viewer { login } }");
  t.same(viewer, { viewer: { login: "octo-admin" } });
});

t.test("REST variables paginate 30 at a time with a link header", async (t) => {
  const { fake, rest } = await clients(t, appOrg());
  const first = await rest("GET /repos/{owner}/{repo}/actions/variables", { owner: "acme", repo: "app", per_page: 100 });
  const page1 = first.data as Data;
  t.equal(page1["total_count"], 35);
  t.equal(page1["variables"].length, 30, "per_page is capped at 30 on variables endpoints");
  const next = /<([^>]+)>;\s*rel="next"/.exec(first.headers.link ?? "")?.[1];
  t.equal(next, `${fake.url}/repos/acme/app/actions/variables?per_page=30&page=2`);
  const second = await rest(`GET ${next}`);
  t.same((second.data as Data)["variables"].map((v: Data) => v["name"]), ["VAR_30", "VAR_31", "VAR_32", "VAR_33", "VAR_34"]);
  t.notMatch(second.headers.link ?? "", /rel="next"/);
  t.match(first.headers, { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-resource": "core" });
});

t.test("REST Actions settings, environments and OIDC in their documented shapes", async (t) => {
  const { rest } = await clients(t, appOrg());
  const app = { owner: "acme", repo: "app" };
  const envs = (await rest("GET /repos/{owner}/{repo}/environments", app)).data as Data;
  t.match(envs["environments"][0], {
    name: "production",
    protection_rules: [{ type: "required_reviewers", prevent_self_review: true, reviewers: [{ type: "Team", reviewer: { slug: "release-managers" } }] }, { type: "branch_policy" }],
    deployment_branch_policy: { protected_branches: false, custom_branch_policies: true },
  });
  const policies = await rest("GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies", { ...app, environment_name: "production" });
  t.same((policies.data as Data)["branch_policies"].map((p: Data) => [p["name"], p["type"]]), [["main", "branch"], ["v*", "tag"]]);
  const envSecrets = await rest("GET /repos/{owner}/{repo}/environments/{environment_name}/secrets", { ...app, environment_name: "production" });
  t.match(envSecrets.data, { total_count: 1, secrets: [{ name: "DEPLOY_KEY" }] });
  const orgSecrets = await rest("GET /repos/{owner}/{repo}/actions/organization-secrets", app);
  t.same((orgSecrets.data as Data)["secrets"].map((s: Data) => s["name"]), ["OPENAI_API_KEY", "NPM_TOKEN"], "selected for app, and private");
  const publicSite = await rest("GET /repos/{owner}/{repo}/actions/organization-secrets", { owner: "acme", repo: "site" });
  t.equal((publicSite.data as Data)["total_count"], 0, "a public repository sees neither");
  const selected = await rest("GET /orgs/{org}/actions/secrets/{secret_name}/repositories", { org: "acme", secret_name: "OPENAI_API_KEY" });
  t.match(selected.data, { total_count: 1, repositories: [{ full_name: "acme/app", private: true }] });
  const sub = await rest("GET /repos/{owner}/{repo}/actions/oidc/customization/sub", app);
  t.same(sub.data, { use_default: true, sub_claim_prefix: "repo:acme/app" });
  const orgSub = await failure(rest("GET /orgs/{org}/actions/oidc/customization/sub", { org: "acme" }));
  t.equal(orgSub["status"], 404, "never customized");
  t.same(orgSub["response"].data, { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" });
  const workflow = await rest("GET /repos/{owner}/{repo}/actions/permissions/workflow", app);
  t.same(workflow.data, { default_workflow_permissions: "read", can_approve_pull_request_reviews: false });
  const forkPublic = await failure(rest("GET /repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos", { owner: "acme", repo: "site" }));
  t.equal(forkPublic["status"], 404, "the private-repository setting does not apply to a public one");
  const workflows = await rest("GET /repos/{owner}/{repo}/actions/workflows", app);
  t.match(workflows.data, { total_count: 1, workflows: [{ name: "Deploy", path: ".github/workflows/deploy.yml", state: "active" }] });
});

t.test("a 403 fault carries x-accepted-github-permissions, once", async (t) => {
  const { fake, rest } = await clients(t, appOrg());
  fake.faults.forbidden("/repos/acme/*/actions/secrets");
  const err = await failure(rest("GET /repos/{owner}/{repo}/actions/secrets", { owner: "acme", repo: "app" }));
  t.equal(err["status"], 403);
  t.equal(err["response"].headers["x-accepted-github-permissions"], "secrets=read");
  t.equal(err["response"].data.message, "Resource not accessible by personal access token");
  const ok = await rest("GET /repos/{owner}/{repo}/actions/secrets", { owner: "acme", repo: "app" });
  t.equal((ok.data as Data)["total_count"], 1, "the fault fired once");
  t.same(fake.requests.entries.map((r) => [r.status, r.fault]), [[403, "forbidden"], [200, null]]);
  t.same(fake.faults.pending(), []);
});

t.test("a 502 fault on one GraphQL operation", async (t) => {
  const { fake, gql } = await clients(t, appOrg());
  fake.faults.badGateway("/graphql", { operationName: "RepoDetail", times: 2 });
  const viewer: Data = await gql("query Who { viewer { login } }");
  t.equal(viewer["viewer"].login, "octo-admin", "other operations pass");
  for (let i = 0; i < 2; i++) t.equal((await failure(gql(Q2, { owner: "acme", name: "app" })))["status"], 502);
  const data: Data = await gql(Q2, { owner: "acme", name: "app" });
  t.equal(data["repository"].nameWithOwner, "acme/app");
});

t.test("secondary and primary rate limits", async (t) => {
  const { fake, rest, gql } = await clients(t, appOrg());
  fake.faults.secondaryRateLimit("/repos/*/*/environments", { status: 429 });
  fake.faults.secondaryRateLimit("/repos/**");
  const app = { owner: "acme", repo: "app" };
  for (const status of [429, 403]) {
    const err = await failure(rest("GET /repos/{owner}/{repo}/environments", app));
    t.equal(err["status"], status);
    t.equal(err["response"].headers["retry-after"], "1");
    t.match(err["response"].data.message, /^You have exceeded a secondary rate limit/);
  }
  t.equal((await rest("GET /repos/{owner}/{repo}/environments", app)).status, 200);

  fake.faults.rateLimitExhausted("/repos/**");
  const spent = await failure(rest("GET /repos/{owner}/{repo}/actions/variables", app));
  t.equal(spent["status"], 403);
  t.equal(spent["response"].headers["x-ratelimit-remaining"], "0");
  t.ok(Number(spent["response"].headers["x-ratelimit-reset"]) > Date.now() / 1000, "reset is epoch seconds ahead");

  fake.faults.rateLimitExhausted("/graphql");
  const gqlSpent = await failure(gql("query Who { viewer { login } }"));
  t.ok(gqlSpent instanceof GraphqlResponseError, "GraphQL reports it in a 200");
  t.match(gqlSpent["errors"], [{ type: "RATE_LIMITED" }]);
  t.equal(gqlSpent["headers"]["x-ratelimit-remaining"], "0");
});

t.test("the real budget runs out too", async (t) => {
  const { rest } = await clients(t, appOrg(), { rateLimits: { core: 2 } });
  await rest("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" });
  await rest("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" });
  const err = await failure(rest("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" }));
  t.equal(err["status"], 403);
  t.match(err["response"].data.message, /^API rate limit exceeded/);
});

t.test("the request log catches secret-value requests", async (t) => {
  const { fake, rest } = await clients(t, appOrg());
  await rest("GET /repos/{owner}/{repo}/actions/secrets", { owner: "acme", repo: "app" });
  await rest("GET /orgs/{org}/actions/secrets/{secret_name}/repositories", { org: "acme", secret_name: "OPENAI_API_KEY" });
  t.doesNotThrow(() => fake.requests.assertNoSecretValueRequests(), "listing names is fine");
  await rest("GET /repos/{owner}/{repo}/actions/secrets/public-key", { owner: "acme", repo: "app" });
  await rest("GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}", {
    owner: "acme",
    repo: "app",
    environment_name: "production",
    secret_name: "DEPLOY_KEY",
  });
  t.throws(() => fake.requests.assertNoSecretValueRequests(), /public-key[\s\S]*secrets\/DEPLOY_KEY/);
  t.equal(fake.requests.secretValueRequests().length, 2);
  t.match(fake.requests.stats(), { repositories: 1, requests: 4, unattributed: 1, perRepository: 4, max: 3 });
});

t.test("API version and authentication are checked first", async (t) => {
  const { fake } = await clients(t, appOrg());
  const anonymous = request.defaults({ baseUrl: fake.url });
  t.equal((await failure(anonymous("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" })))["status"], 401);
  const future = request.defaults({ baseUrl: fake.url, headers: { authorization: "bearer x", "x-github-api-version": "2099-01-01" } });
  const err = await failure(future("GET /repos/{owner}/{repo}", { owner: "acme", repo: "app" }));
  t.equal(err["status"], 400);
  t.match(err["response"].data.message, /API version 2099-01-01 is not supported/);
  t.same(fake.requests.entries.map((r) => r.headers.authorization), [{ present: false, scheme: null }, { present: true, scheme: "bearer" }]);
  const unknown = await failure(request.defaults({ baseUrl: fake.url, headers: { authorization: "token x" } })("GET /nope"));
  t.equal(unknown["status"], 404);
});

t.test("every generated repository answers Q2 and the REST reads", async (t) => {
  // Catches generator output GitHub could never send, such as a databaseId beyond 32 bits.
  const org = generateOrg(300, 42);
  const { fake, gql, rest } = await clients(t, org);
  const costs = new Set<number>();
  for (let i = 0; i < org.repos.length; i += 10) {
    await Promise.all(
      org.repos.slice(i, i + 10).map(async ({ name }) => {
        const data: Data = await gql(Q2, { owner: "acme", name });
        costs.add(data["rateLimit"].cost);
        for (const env of data["repository"].environments.nodes) {
          await rest("GET /repos/{owner}/{repo}/environments/{environment_name}/variables", { owner: "acme", repo: name, environment_name: env.name });
        }
        await rest("GET /repos/{owner}/{repo}/actions/organization-variables", { owner: "acme", repo: name });
      }),
    );
  }
  t.same([...costs], [4], "Q2 costs the same on every repository: cost counts page sizes, not results");
  t.equal(fake.requests.count((r) => r.status !== 200), 0);
  t.equal(fake.requests.stats().repositories, 300);
});

t.test("generateOrg is deterministic and varied", async (t) => {
  const org = generateOrg(1000, 42);
  t.same(generateOrg(1000, 42), org, "same seed, same org");
  t.not(JSON.stringify(generateOrg(50, 43).repos[0]), JSON.stringify(generateOrg(50, 42).repos[0]));
  const share = (p: (r: FakeOrg["repos"][number]) => boolean) => org.repos.filter(p).length / org.repos.length;
  for (const v of ["public", "private", "internal"]) t.ok(share((r) => r.visibility === v) > 0.1, `${v} repositories`);
  t.ok(share((r) => r.archived) > 0.03, "archived");
  t.ok(share((r) => r.environments.length > 0) > 0.2, "environments");
  t.ok(share((r) => r.workflows.length > 0) > 0.4, "workflows");
  t.ok(org.repos.some((r) => r.variables.length > 30), "a second page of variables");
  t.ok(org.repos.some((r) => r.oidcSub.use_immutable_subject), "the immutable OIDC subject");
  t.equal(new Set(org.repos.map((r) => r.name)).size, 1000);
});
