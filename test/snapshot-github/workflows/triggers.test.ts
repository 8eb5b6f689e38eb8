/** `on:` in its three forms, normalized to `event → config`. */
import t from "tap";
import { normalizeTriggers } from "@regolith/snapshot-github";
import { fake } from "../../_lib/fake-credentials.ts";

t.test("string and list forms give bare events", async (t) => {
  t.same(normalizeTriggers("push"), { push: null });
  t.same(normalizeTriggers(["push", "pull_request", "push"]), { pull_request: null, push: null }, "sorted, deduplicated");
  t.same(normalizeTriggers(["push", null, ""]), { push: null }, "empty items are skipped");
  t.same(normalizeTriggers(""), {});
  t.same(normalizeTriggers(undefined), {}, "no `on`");
  t.same(normalizeTriggers(42), {}, "not a trigger form");
});

t.test("the mapping form keeps each event's configuration", async (t) => {
  t.same(
    normalizeTriggers({
      workflow_dispatch: null,
      push: { branches: ["main", "release/**"], "tags-ignore": ["nightly-*"], paths: ["src/**"] },
      pull_request: { types: ["opened", "synchronize"], "branches-ignore": ["wip/*"] },
      schedule: [{ cron: "0 4 * * *" }],
      workflow_run: { workflows: ["CI"], types: ["completed"] },
    }),
    {
      pull_request: { "branches-ignore": ["wip/*"], types: ["opened", "synchronize"] },
      push: { branches: ["main", "release/**"], paths: ["src/**"], "tags-ignore": ["nightly-*"] },
      schedule: [{ cron: "0 4 * * *" }],
      workflow_dispatch: null,
      workflow_run: { types: ["completed"], workflows: ["CI"] },
    },
  );
});

t.test("single-string filters become lists", async (t) => {
  t.same(normalizeTriggers({ push: { branches: "main", tags: "v*" }, pull_request_target: { types: "opened" } }), {
    pull_request_target: { types: ["opened"] },
    push: { branches: ["main"], tags: ["v*"] },
  });
  t.same(normalizeTriggers({ workflow_call: { inputs: { env: { type: "string", default: "staging" } } } }), {
    workflow_call: { inputs: { env: { default: "staging", type: "string" } } },
  }, "other keys are kept as written");
});

t.test("strings in trigger configuration are redacted", async (t) => {
  const token = fake.githubClassic();
  t.same(normalizeTriggers({ workflow_dispatch: { inputs: { token: { default: token, description: `e.g. ${token}` } } } }), {
    workflow_dispatch: { inputs: { token: { default: { redacted: true, looks_like: "github_pat" }, description: "e.g. [redacted:github_pat]" } } },
  });
});
