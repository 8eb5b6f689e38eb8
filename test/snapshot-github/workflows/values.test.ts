/** Scalar text and redaction of everything copied from a workflow. */
import t from "tap";
import { fake } from "../../_lib/fake-credentials.ts";
import { jobOf, oneJob, parse } from "../../_lib/workflow-parse.ts";

t.test("scalars as GitHub passes them", async (t) => {
  const env = parse(oneJob("runs-on: x\nenv:\n  S: text\n  I: 42\n  F: 1.50\n  B: false\n  N:\n  BIG: 123456789012345678901\n  L: [1, 2]\n  M: {a: 1}")).jobs[0]!.env;
  t.same(env, { B: "false", BIG: "123456789012345678901", F: "1.5", I: "42", L: "[1,2]", M: '{"a":1}', N: "", S: "text" });
  t.same(Object.keys(env), ["B", "BIG", "F", "I", "L", "M", "N", "S"], "keys sorted");
});

t.test("trigger configuration keeps its scalar types", async (t) => {
  t.same(parse("on:\n  workflow_dispatch:\n    inputs:\n      n: {type: number, default: 3, required: true}\n  schedule:\n    - cron: '0 0 * * *'\njobs: {}\n").triggers, {
    schedule: [{ cron: "0 0 * * *" }],
    workflow_dispatch: { inputs: { n: { default: 3, required: true, type: "number" } } },
  });
});

t.test("a mapping expected but something else given", async (t) => {
  const j = parse(oneJob("runs-on: x\nenv: ${{ fromJSON(inputs.env) }}\nwith: [a]")).jobs[0]!;
  t.same(j.env, {});
  t.same(j.with, {});
  t.same(j.context_refs, ["inputs.env"], "its expressions are still read");
});

t.test("every copied value is redacted", async (t) => {
  const openai = fake.openaiProject();
  const cf = fake.cloudflareAccount();
  const pat = fake.githubFineGrained();
  const text = `name: Deploy ${pat}
on:
  workflow_dispatch:
    inputs:
      key:
        default: ${cf}
env:
  OPENAI_API_KEY: ${openai}
  AWS_SECRET_ACCESS_KEY: ${fake.awsSecretAccessKey()}
jobs:
  deploy:
    name: uses ${pat}
    runs-on: x
    if: \${{ secrets.A != '${openai}' }}
    env:
      CF: "${cf}"
    secrets:
      token: ${pat}
    uses: acme/w/.github/workflows/x.yml@v1
    with:
      key: ${cf}
`;
  const wf = parse(text);
  t.notMatch(JSON.stringify(wf), new RegExp(`${openai}|${cf}|${pat}|wJalr`), "no credential survives");
  t.equal(wf.name, "Deploy [redacted:github_pat]");
  t.same(wf.triggers, { workflow_dispatch: { inputs: { key: { default: { redacted: true, looks_like: "cloudflare_api_token" } } } } });
  t.same(wf.env, {
    AWS_SECRET_ACCESS_KEY: { redacted: true, looks_like: "aws_secret_access_key" },
    OPENAI_API_KEY: { redacted: true, looks_like: "openai_api_key" },
  });
  const job = jobOf(wf, "deploy");
  t.equal(job.name, "uses [redacted:github_pat]");
  t.equal(job.if, "${{ secrets.A != '[redacted:openai_api_key]' }}");
  t.same(job.env, { CF: { redacted: true, looks_like: "cloudflare_api_token" } });
  t.same(job.with, { key: { redacted: true, looks_like: "cloudflare_api_token" } });
  t.same(job.secrets_passed, { token: { redacted: true, looks_like: "github_pat" } });
  t.same(job.secret_refs, [{ name: "A", where: "if", dynamic: false, expression: "secrets.A != '[redacted:openai_api_key]'" }], "expression text too");
});
