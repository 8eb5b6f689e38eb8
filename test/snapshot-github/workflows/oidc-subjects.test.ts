/** The OIDC subjects a job can present, for the default sub template. */
import t from "tap";
import { oidcSubCandidates, type OidcSubjectInput } from "@regolith/snapshot-github";
import { PREFIX, parse } from "../../_lib/workflow-parse.ts";

const base: OidcSubjectInput = { subClaimPrefix: PREFIX, effectiveSubTemplate: null, defaultBranch: "main", environment: null, triggers: {} };
const subs = (over: Partial<OidcSubjectInput>): string[] => oidcSubCandidates({ ...base, ...over });
const heads = (b: string): string => `${PREFIX}:ref:refs/heads/${b}`;
const tags = (b: string): string => `${PREFIX}:ref:refs/tags/${b}`;

t.test("an environment decides the subject", async (t) => {
  t.same(subs({ environment: "production", triggers: { push: null, pull_request: null } }), [`${PREFIX}:environment:production`]);
  t.same(subs({ environment: "Production:V1" }), [`${PREFIX}:environment:Production%3AV1`], "a colon in a value is encoded");
  t.same(subs({ environment: "${{ inputs.env }}" }), [`${PREFIX}:environment:\${{ inputs.env }}`], "an expression is kept as written");
});

t.test("pull request events", async (t) => {
  t.same(subs({ triggers: { pull_request: null } }), [`${PREFIX}:pull_request`]);
  t.same(subs({ triggers: { pull_request_review: null, pull_request_review_comment: null } }), [`${PREFIX}:pull_request`]);
  t.same(subs({ triggers: { pull_request_target: null } }), [`${PREFIX}:pull_request`, heads("main")], "pull_request_target also runs on its base branch");
  t.same(subs({ triggers: { pull_request_target: { branches: ["release/*", "!release/old"] } } }), [`${PREFIX}:pull_request`, heads("release/*")]);
});

t.test("push filters", async (t) => {
  t.same(subs({ triggers: { push: null } }), [heads("main")], "no filters: the default branch stands for every branch");
  t.same(subs({ triggers: { push: { branches: ["main", "releases/**"] } } }), [heads("main"), heads("releases/**")], "globs kept as written");
  t.same(subs({ triggers: { push: { tags: ["v*"] } } }), [tags("v*")], "tags only: no branch pushes");
  t.same(subs({ triggers: { push: { branches: ["dev"], tags: ["v1", "v2"] } } }), [heads("dev"), tags("v1"), tags("v2")]);
  t.same(subs({ triggers: { push: { "branches-ignore": ["wip/**"] } } }), [heads("main")]);
  t.same(subs({ triggers: { push: { branches: "main", tags: "v1" } } }), [heads("main"), tags("v1")], "a single string as a filter");
  t.same(subs({ triggers: { push: { "tags-ignore": ["nightly"] } } }), [], "tags-ignore only: tags unknown, no branch pushes");
  t.same(subs({ triggers: { push: { paths: ["src/**"] } } }), [heads("main")]);
  t.same(subs({ triggers: { push: { branches: ["main", { redacted: true, looks_like: "jwt" }] } } }), [heads("main")], "redacted entries are not names");
});

t.test("events that run on the default branch, and events that give none", async (t) => {
  for (const event of ["schedule", "workflow_dispatch", "workflow_run", "repository_dispatch", "issue_comment", "issues"]) {
    t.same(subs({ triggers: { [event]: null } }), [heads("main")], event);
  }
  for (const event of ["workflow_call", "release", "create", "deployment", "merge_group"]) {
    t.same(subs({ triggers: { [event]: null } }), [], event);
  }
  t.same(subs({ defaultBranch: null, triggers: { schedule: [{ cron: "0 0 * * *" }], push: null } }), [], "default branch unknown");
});

t.test("sorted and deduplicated across triggers", async (t) => {
  t.same(subs({ triggers: { schedule: null, push: { branches: ["main", "a"] }, pull_request: null, pull_request_target: null } }), [
    `${PREFIX}:pull_request`,
    heads("a"),
    heads("main"),
  ]);
});

t.test("only for the default template and a known prefix", async (t) => {
  const triggers = { push: null };
  t.same(subs({ triggers, effectiveSubTemplate: ["repo", "context"] }), [heads("main")]);
  t.same(subs({ triggers, effectiveSubTemplate: ["repo", "context", "job_workflow_ref"] }), []);
  t.same(subs({ triggers, effectiveSubTemplate: ["context", "repo"] }), [], "order matters");
  t.same(subs({ triggers, effectiveSubTemplate: ["repository_owner"] }), []);
  t.same(subs({ triggers, subClaimPrefix: null }), []);
  const wf = parse("on: push\njobs:\n  j:\n    runs-on: x\n    environment: prod\n", { subClaimPrefix: "repo:acme/app", effectiveSubTemplate: null, defaultBranch: "trunk" });
  t.same(wf.jobs[0]?.oidc_sub_candidates, ["repo:acme/app:environment:prod"], "through parseWorkflow");
});
