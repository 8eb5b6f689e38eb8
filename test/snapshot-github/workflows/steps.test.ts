/** Step facts and SHA pinning. */
import t from "tap";
import { pinnedSha } from "@regolith/snapshot-github";
import { fake } from "../../_lib/fake-credentials.ts";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

t.test("pinned to a full commit SHA", async (t) => {
  t.equal(pinnedSha("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683"), true);
  t.equal(pinnedSha("actions/checkout@11BD71901BBE5B1630CEEA73D27597364C9AF683"), true, "hex in either case");
  t.equal(pinnedSha("github/codeql-action/init@11bd71901bbe5b1630ceea73d27597364c9af683"), true, "an action in a subdirectory");
  t.equal(pinnedSha("actions/checkout@v4"), false);
  t.equal(pinnedSha("actions/checkout@11bd719"), false, "a short SHA is a ref that can be shadowed");
  t.equal(pinnedSha("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af6830"), false, "41 characters");
  t.equal(pinnedSha("actions/checkout@main"), false);
  t.equal(pinnedSha("actions/checkout"), false, "no ref at all");
  t.equal(pinnedSha("./.github/actions/setup"), null, "a local action");
  t.equal(pinnedSha("docker://alpine:3.20"), null, "a container image");
  t.equal(pinnedSha(null), null, "a run step");
});

t.test("steps keep their index, with their inputs and environment", async (t) => {
  const wf = parse(oneJob(`runs-on: x
steps:
  - name: Set up
    id: setup
    uses: actions/setup-python@v5
    with:
      python-version: 3.10
      cache: pip
  - run: pytest -q
    if: \${{ always() }}
    env:
      CI: true
      EMPTY:
  - just a string
  - uses: ./local`));
  const steps = wf.jobs[0]!.steps;
  t.same(steps.map((s) => s.index), [0, 1, 2, 3]);
  t.same(steps[0], {
    index: 0, id: "setup", name: "Set up", uses: "actions/setup-python@v5", pinned_sha: false,
    with: { cache: "pip", "python-version": "3.1" }, env: {}, run: null, shell: null, if: null,
  });
  t.same(steps[1], { index: 1, id: null, name: null, uses: null, pinned_sha: null, with: {}, env: { CI: "true", EMPTY: "" }, run: "pytest -q", shell: null, if: "${{ always() }}" });
  t.same(steps[2], { index: 2, id: null, name: null, uses: null, pinned_sha: null, with: {}, env: {}, run: null, shell: null, if: null }, "a step that is not a mapping keeps its place");
  t.equal(steps[3]!.pinned_sha, null);
});

t.test("step text is redacted", async (t) => {
  const key = fake.openaiProject();
  const wf = parse(oneJob(`runs-on: x
steps:
  - name: call ${key}
    run: |
      curl -H "Authorization: Bearer ${key}" https://api.openai.com/v1/models
    if: env.KEY == '${key}'
    env:
      OPENAI_API_KEY: ${key}
    with:
      header: "Bearer ${key}"`));
  t.equal(wf.parse_error, null);
  t.same(wf.jobs[0]!.steps[0], {
    index: 0, id: null, name: "call [redacted:openai_api_key]", uses: null, pinned_sha: null,
    with: { header: "Bearer [redacted:openai_api_key]" },
    env: { OPENAI_API_KEY: { redacted: true, looks_like: "openai_api_key" } },
    run: 'curl -H "Authorization: Bearer [redacted:openai_api_key]" https://api.openai.com/v1/models\n',
    shell: null,
    if: "env.KEY == '[redacted:openai_api_key]'",
  });
  t.notMatch(JSON.stringify(wf), key, "the key appears nowhere in the facts");
});

t.test("a run step's shell: its own, else the job's, else the workflow's defaults", async (t) => {
  const wf = parse(`on: push
defaults:
  run:
    shell: bash -x {0}
jobs:
  a:
    runs-on: x
    steps:
      - run: echo workflow default
      - run: echo own
        shell: pwsh
      - uses: actions/checkout@v4
  b:
    runs-on: { group: deployers, labels: [linux] }
    defaults:
      run:
        shell: sh
    steps:
      - run: echo job default
`);
  t.same(wf.jobs[0]!.steps.map((s) => s.shell), ["bash -x {0}", "pwsh", null]);
  t.same(wf.jobs[1]!.steps.map((s) => s.shell), ["sh"]);
  t.same([wf.jobs[1]!.runs_on_group, wf.jobs[1]!.runs_on], ["deployers", ["linux"]]);
  t.equal(wf.jobs[0]!.runs_on_group, null);
});
