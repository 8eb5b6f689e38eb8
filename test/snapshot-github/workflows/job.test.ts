/** One job's facts, assembled. */
import t from "tap";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

t.test("a minimal job", async (t) => {
  t.same(parse(oneJob("runs-on: ubuntu-latest")).jobs[0], {
    id: "j",
    name: null,
    environment: null,
    runs_on: ["ubuntu-latest"],
    runs_on_group: null,
    uses: null,
    needs: [],
    if: null,
    permissions: null,
    effective_permissions: null,
    permissions_source: "default",
    requests_id_token: false,
    secrets_inherit: false,
    secrets_passed: {},
    secret_refs: [],
    var_refs: [],
    context_refs: [],
    env: {},
    with: {},
    steps: [],
    oidc_sub_candidates: ["repo:acme@1234567/app@987654321:ref:refs/heads/main"],
  });
});

t.test("secrets: inherit and passed secrets", async (t) => {
  const inherit = parse(oneJob("uses: o/r/.github/workflows/w.yml@v1\nsecrets: inherit")).jobs[0]!;
  t.equal(inherit.secrets_inherit, true);
  t.same(inherit.secrets_passed, {});
  const passed = parse(oneJob("uses: o/r/.github/workflows/w.yml@v1\nsecrets:\n  a: ${{ secrets.A }}\n  b: literal")).jobs[0]!;
  t.equal(passed.secrets_inherit, false);
  t.same(passed.secrets_passed, { a: "${{ secrets.A }}", b: "literal" });
  t.same(parse(oneJob("uses: o/r/.github/workflows/w.yml@v1\nsecrets: other")).jobs[0]!.secrets_inherit, false, "only the keyword");
});

t.test("the job's id-token permission and environment together", async (t) => {
  const j = parse(oneJob("runs-on: x\nenvironment: prod\npermissions:\n  id-token: write"), {
    subClaimPrefix: "repo:acme/app",
    effectiveSubTemplate: ["repo", "context"],
    defaultBranch: "main",
  }).jobs[0]!;
  t.equal(j.requests_id_token, true);
  t.same(j.oidc_sub_candidates, ["repo:acme/app:environment:prod"]);
  t.equal(j.if, null);
});

t.test("steps in source order", async (t) => {
  const j = parse(oneJob("runs-on: x\nsteps:\n  - run: b\n  - run: a")).jobs[0]!;
  t.same(j.steps.map((s) => [s.index, s.run]), [[0, "b"], [1, "a"]]);
  t.same(parse(oneJob("runs-on: x\nsteps: not-a-list")).jobs[0]!.steps, [], "steps that are not a list");
});

t.test("the job condition as written", async (t) => {
  t.equal(parse(oneJob("runs-on: x\nif: github.repository == 'acme/app'")).jobs[0]!.if, "github.repository == 'acme/app'");
  t.equal(parse(oneJob("runs-on: x\nif: false")).jobs[0]!.if, "false");
});
