/** parseWorkflow on realistic workflows, on files that are not workflows, and its determinism. */
import t from "tap";
import { parseWorkflow } from "@regolith/snapshot-github";
import { CTX, PREFIX, jobOf, parse, parseFixture } from "../../_lib/workflow-parse.ts";

t.test("a deploy workflow with OIDC and an environment", async (t) => {
  const wf = parseFixture("deploy-oidc.yml");
  t.equal(wf.path, ".github/workflows/deploy-oidc.yml");
  t.equal(wf.name, "Deploy");
  t.equal(wf.parse_error, null);
  t.same(wf.triggers, {
    push: { branches: ["main"], tags: ["v*"] },
    workflow_dispatch: { inputs: { "dry-run": { default: false, description: "Only print what would be deployed", type: "boolean" } } },
  });
  t.same(wf.permissions, { contents: "read" });
  t.same(wf.env, { NODE_VERSION: "20", OPENAI_BASE_URL: "https://api.openai.com/v1" });
  t.same(wf.jobs.map((j) => j.id), ["deploy", "test"], "jobs sorted by id");
  t.same(jobOf(wf, "deploy"), {
    id: "deploy",
    name: "Deploy to production",
    environment: "production",
    runs_on: ["ubuntu-latest"],
    runs_on_group: null,
    uses: null,
    needs: ["test"],
    if: "github.ref == 'refs/heads/main' || startsWith(github.ref, 'refs/tags/v')",
    permissions: { contents: "read", "id-token": "write" },
    effective_permissions: { contents: "read", "id-token": "write" },
    permissions_source: "job",
    requests_id_token: true,
    secrets_inherit: false,
    secrets_passed: {},
    secret_refs: [{ name: "CLOUDFLARE_API_TOKEN", where: "steps[2].with.apiToken", dynamic: false, expression: "secrets.CLOUDFLARE_API_TOKEN" }],
    var_refs: [
      { name: "OPENAI_WIF_PROVIDER_ID", where: "steps[1].env.PROVIDER_ID", dynamic: false, expression: "vars.OPENAI_WIF_PROVIDER_ID" },
      { name: "OPENAI_SERVICE_ACCOUNT_ID", where: "steps[1].env.SERVICE_ACCOUNT_ID", dynamic: false, expression: "vars.OPENAI_SERVICE_ACCOUNT_ID" },
      { name: "CLOUDFLARE_ACCOUNT_ID", where: "steps[2].with.accountId", dynamic: false, expression: "vars.CLOUDFLARE_ACCOUNT_ID" },
    ],
    context_refs: ["github.ref", "github.sha"],
    env: {},
    with: {},
    steps: [
      {
        index: 0, id: null, name: null, uses: "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683", pinned_sha: true,
        with: {}, env: {}, run: null, shell: null, if: null,
      },
      {
        index: 1, id: "openai", name: "Exchange the GitHub OIDC token for an OpenAI token", uses: null, pinned_sha: null, with: {},
        env: { PROVIDER_ID: "${{ vars.OPENAI_WIF_PROVIDER_ID }}", SERVICE_ACCOUNT_ID: "${{ vars.OPENAI_SERVICE_ACCOUNT_ID }}" },
        run: [
          'jwt=$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \\',
          '  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=https://api.openai.com/v1" | jq -r .value)',
          'curl -sSf https://auth.openai.com/oauth/token -d "subject_token=$jwt" \\',
          '  -d "identity_provider_id=$PROVIDER_ID" -d "service_account_id=$SERVICE_ACCOUNT_ID" > token.json',
          "",
        ].join("\n"),
        shell: null,
        if: null,
      },
      {
        index: 2, id: null, name: "Publish the Worker", uses: "cloudflare/wrangler-action@v3", pinned_sha: false,
        with: { accountId: "${{ vars.CLOUDFLARE_ACCOUNT_ID }}", apiToken: "${{ secrets.CLOUDFLARE_API_TOKEN }}", command: "deploy --env production" },
        env: {}, run: null, shell: null, if: null,
      },
      { index: 3, id: null, name: null, uses: null, pinned_sha: null, with: {}, env: {}, run: 'echo "deploy of ${{ github.sha }} failed"', shell: null, if: "${{ failure() }}" },
    ],
    oidc_sub_candidates: [`${PREFIX}:environment:production`],
  });
  const test = jobOf(wf, "test");
  t.equal(test.permissions, null);
  t.same(test.effective_permissions, { contents: "read" });
  t.equal(test.permissions_source, "workflow");
  t.equal(test.requests_id_token, false);
  t.same(test.context_refs, ["env.NODE_VERSION"]);
  t.same(test.oidc_sub_candidates, [`${PREFIX}:ref:refs/heads/main`, `${PREFIX}:ref:refs/tags/v*`]);
});

t.test("a pull_request_target workflow that checks out the PR head and uses secrets", async (t) => {
  const wf = parseFixture("pr-target-head-checkout.yml");
  t.same(wf.triggers, { pull_request_target: { branches: ["main", "release/**", "!release/old"], types: ["opened", "synchronize"] } });
  const job = jobOf(wf, "preview");
  t.equal(job.permissions_source, "default");
  t.equal(job.effective_permissions, null);
  t.same(
    job.secret_refs.map((r) => [r.name, r.where, r.expression]),
    [
      ["NPM_TOKEN", "steps[1].env.NPM_TOKEN", "secrets.NPM_TOKEN"],
      ["PREVIEW_DEPLOY_KEY", "steps[1].env.PREVIEW_DEPLOY_KEY", "secrets['PREVIEW_DEPLOY_KEY']"],
      ["GITHUB_TOKEN", "steps[2].with.github-token", "secrets.GITHUB_TOKEN"],
    ],
    "text in comments and string literals is not a reference",
  );
  t.same(job.context_refs, [
    "github.event.pull_request.head.repo.full_name",
    "github.event.pull_request.head.sha",
    "github.event.pull_request.title",
  ]);
  t.same(job.steps[0]?.with, { ref: "${{ github.event.pull_request.head.sha }}", repository: "${{ github.event.pull_request.head.repo.full_name }}" });
  t.same(job.oidc_sub_candidates, [
    `${PREFIX}:pull_request`,
    `${PREFIX}:ref:refs/heads/main`,
    `${PREFIX}:ref:refs/heads/release/**`,
  ], "negated filters are not candidates");
});

t.test("a reusable-workflow caller", async (t) => {
  const wf = parseFixture("reusable-caller.yml");
  t.same(wf.triggers, { pull_request: null, push: { tags: ["v*.*.*"] }, schedule: [{ cron: "17 3 * * 1" }] });
  t.equal(wf.permissions, "write-all");
  const deploy = jobOf(wf, "call-deploy");
  t.equal(deploy.uses, "acme/shared-workflows/.github/workflows/deploy.yml@0123456789abcdef0123456789abcdef01234567");
  t.equal(deploy.secrets_inherit, true);
  t.same(deploy.secrets_passed, {});
  t.same(deploy.with, { "dry-run": "false", environment: "production" });
  t.same(deploy.runs_on, []);
  t.same(deploy.steps, []);
  t.equal(deploy.effective_permissions, "write-all");
  t.equal(deploy.requests_id_token, true, "write-all includes id-token: write");
  t.same(deploy.oidc_sub_candidates, [`${PREFIX}:pull_request`, `${PREFIX}:ref:refs/heads/main`, `${PREFIX}:ref:refs/tags/v*.*.*`]);
  const lint = jobOf(wf, "call-lint");
  t.equal(lint.uses, "./.github/workflows/lint.yml");
  t.same(lint.needs, ["call-deploy"]);
  t.equal(lint.secrets_inherit, false);
  t.same(lint.secrets_passed, { "lint-token": "${{ secrets.LINT_TOKEN }}", "npm-token": "${{ secrets.NPM_TOKEN }}" });
  t.same(lint.secret_refs.map((r) => [r.name, r.where]), [["LINT_TOKEN", "secrets.lint-token"], ["NPM_TOKEN", "secrets.npm-token"]]);
  t.same(lint.with, { "node-version": "20.1" }, "the YAML number 20.10 is 20.1, as GitHub passes it");
  t.equal(lint.requests_id_token, false);
  t.equal(jobOf(wf, "call-pinned-tag").secret_refs[0]?.name, "SLACK_WEBHOOK_URL");
});

t.test("matrix jobs, the whole secrets context, and composite runs-on forms", async (t) => {
  const wf = parseFixture("matrix.yml");
  t.same(wf.permissions, {});
  const evaluate = jobOf(wf, "evaluate");
  t.same(evaluate.runs_on, ["${{ matrix.os }}"]);
  t.same(evaluate.secret_refs, [
    { name: null, where: "env.ALL_SECRETS", dynamic: true, expression: "toJSON(secrets)" },
    { name: null, where: "steps[0].env.API_KEY", dynamic: true, expression: "secrets[format('{0}_API_KEY', matrix.provider)]" },
  ]);
  t.same(evaluate.var_refs, [{ name: "OPENAI_MODEL", where: "strategy.matrix.include[0].model", dynamic: false, expression: "vars.OPENAI_MODEL" }]);
  t.same(evaluate.context_refs, ["matrix.model", "matrix.os", "matrix.provider", "steps.eval.outputs.summary"]);
  t.same(evaluate.env, { ALL_SECRETS: "${{ toJSON(secrets) }}" });
  t.equal(evaluate.steps[1]?.pinned_sha, null, "a local action");
  t.same(jobOf(wf, "self-hosted-list").runs_on, ["self-hosted", "linux", "x64"]);
  const gpu = jobOf(wf, "group-with-labels");
  t.same(gpu.runs_on, ["self-hosted", "gpu"]);
  t.equal(gpu.steps[0]?.pinned_sha, null, "a docker:// image");
  t.same(gpu.effective_permissions, {}, "permissions: {} at the workflow level grants nothing, and is still explicit");
  t.equal(gpu.permissions_source, "workflow");
  const groupOnly = jobOf(wf, "group-only");
  t.same(groupOnly.runs_on, [], "a group without labels has no labels");
  t.same(groupOnly.secret_refs, [{ name: "GHCR_PASSWORD", where: "container.credentials.password", dynamic: false, expression: "secrets.GHCR_PASSWORD" }]);
});

t.test("a file that does not parse", async (t) => {
  t.same(parseFixture("malformed.yml"), {
    path: ".github/workflows/malformed.yml",
    name: null,
    parse_error: { message: "A block sequence may not be used as an implicit map key", line: 8, column: 1 },
    triggers: {},
    permissions: null,
    env: {},
    jobs: [],
  });
  const flow = parse("on: push\njobs: {build: [\n");
  t.ok(flow.parse_error, "an unclosed flow collection");
  t.same(flow.jobs, []);
  t.match(parse("a: 1\na: 2\n").parse_error, { message: /unique/, line: 2, column: 1 }, "duplicate keys, which GitHub rejects too");
  t.match(parse("on: push\n---\njobs: {}\n").parse_error, { message: /multiple documents/ }, "several YAML documents");
  const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 0; i < 8; i++) bomb.push(`${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${i === 0 ? "a" : "bcdefghi"[i - 1]}`).join(", ")}]`);
  t.match(parse(`${bomb.join("\n")}\njobs: {}\n`).parse_error, { message: /alias/i, line: null, column: null }, "alias expansion is bounded");
});

t.test("a file that is not a workflow", async (t) => {
  t.same(parse("").parse_error, { message: "a workflow must be a mapping", line: null, column: null }, "empty");
  t.same(parse("- a\n- b\n").parse_error, { message: "a workflow must be a mapping", line: 1, column: 1 }, "a list");
  t.same(parse("just text\n").parse_error, { message: "a workflow must be a mapping", line: 1, column: 1 }, "a scalar");
  const missing = parse("name: No jobs\non: push\n");
  t.same(missing.parse_error, { message: "the workflow has no `jobs`", line: null, column: null });
  t.equal(missing.name, "No jobs", "the name is still reported");
  t.same(missing.triggers, {}, "no facts from a file GitHub cannot run");
  t.same(parse("on: push\njobs:\n  - build\n").parse_error, { message: "`jobs` must be a mapping of job ids to jobs", line: 3, column: 3 });
  t.same(parse("on: push\njobs:\n  ok:\n    runs-on: x\n  bad: 3\n").parse_error, { message: "job `bad` must be a mapping", line: 5, column: 8 });
});

t.test("`on` under YAML 1.1 rules", async (t) => {
  const wf = parseFixture("yaml11-directive.yml");
  t.same(wf.triggers, { push: { branches: ["main"] } }, "a %YAML 1.1 directive does not turn `on` into true");
  t.same(wf.jobs[0]?.steps[0]?.env, { ENABLED: "on" }, "nor `on` values into booleans");
  const rewritten = parse("true:\n  push:\n    branches: [main]\njobs:\n  j:\n    runs-on: x\n");
  t.same(rewritten.triggers, { push: { branches: ["main"] } }, "a `true` key stands in for `on`");
  t.same(parse('"on": push\n"true": pull_request\njobs: {}\n').triggers, { push: null }, "`on` wins when both are present");
});

t.test("workflow-level env references apply to every job", async (t) => {
  const wf = parse(
    "on: push\nenv:\n  TOKEN: ${{ secrets.SHARED_TOKEN }}\n  REGION: ${{ vars.REGION }}\njobs:\n  a:\n    runs-on: x\n  b:\n    runs-on: x\n    env:\n      OWN: ${{ secrets.OWN }}\n",
  );
  t.same(wf.env, { REGION: "${{ vars.REGION }}", TOKEN: "${{ secrets.SHARED_TOKEN }}" });
  t.same(jobOf(wf, "a").secret_refs, [{ name: "SHARED_TOKEN", where: "workflow.env.TOKEN", dynamic: false, expression: "secrets.SHARED_TOKEN" }]);
  t.same(jobOf(wf, "b").secret_refs.map((r) => r.where), ["workflow.env.TOKEN", "env.OWN"]);
  t.same(jobOf(wf, "b").var_refs.map((r) => r.where), ["workflow.env.REGION"]);
  const caller = parse("on: push\nenv:\n  TOKEN: ${{ secrets.SHARED_TOKEN }}\njobs:\n  call:\n    uses: ./.github/workflows/x.yml\n");
  t.same(jobOf(caller, "call").secret_refs, [], "except reusable-workflow calls, which do not receive the caller's env");
});

t.test("the same facts whatever the order of keys and jobs", async (t) => {
  const a = "name: W\non: [push, pull_request]\nenv: {A: '1', B: '2'}\njobs:\n  x:\n    runs-on: r\n    env: {P: '${{ secrets.P }}', Q: '${{ secrets.Q }}'}\n  y:\n    runs-on: r\n";
  const b = "jobs:\n  y:\n    runs-on: r\n  x:\n    env: {Q: '${{ secrets.Q }}', P: '${{ secrets.P }}'}\n    runs-on: r\nenv: {B: '2', A: '1'}\non: [pull_request, push]\nname: W\n";
  t.same(JSON.stringify(parse(a)), JSON.stringify(parse(b)));
  t.same(JSON.stringify(parse(a)), JSON.stringify(parse(a)), "and the same on every run");
});

t.test("never throws", async (t) => {
  for (const text of ["\u0000", "[", "{", "? ? ?", "%YAML 9.9\n---\na: 1", "a: !!binary aGVsbG8=\n", "a: &x [*x]\n", "\t- tab"]) {
    t.doesNotThrow(() => parseWorkflow("w.yml", text, CTX), JSON.stringify(text));
  }
});
