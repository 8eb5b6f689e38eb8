/** Where each reference was found, and what counts as an expression. */
import t from "tap";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

const job = (body: string, top?: string) => parse(oneJob(body, top)).jobs[0]!;
const wheres = (refs: readonly { name: string | null; where: string }[]) => refs.map((r) => `${r.name}@${r.where}`);

t.test("locations are job-relative paths", async (t) => {
  const j = job(`name: Build \${{ secrets.N }}
runs-on: \${{ secrets.RUNNER }}
environment:
  name: \${{ secrets.ENV_NAME }}
  url: \${{ secrets.URL }}
if: secrets.IF_BARE
env:
  E: \${{ secrets.E }}
outputs:
  o: \${{ secrets.OUT }}
services:
  db:
    env:
      PASSWORD: \${{ secrets.DB }}
strategy:
  matrix:
    include:
      - k: \${{ secrets.M }}
steps:
  - if: secrets.STEP_IF
    run: echo \${{ secrets.RUN }}
    with:
      token: \${{ secrets.WITH }}
    env:
      X: \${{ secrets.STEP_ENV }}
    working-directory: \${{ secrets.WD }}`);
  t.same(wheres(j.secret_refs), [
    "E@env.E",
    "ENV_NAME@environment.name",
    "URL@environment.url",
    "IF_BARE@if",
    "N@name",
    "OUT@outputs.o",
    "RUNNER@runs-on",
    "DB@services.db.env.PASSWORD",
    "STEP_ENV@steps[0].env.X",
    "STEP_IF@steps[0].if",
    "RUN@steps[0].run",
    "WITH@steps[0].with.token",
    "WD@steps[0].working-directory",
    "M@strategy.matrix.include[0].k",
  ]);
});

t.test("if: conditions are expressions with or without ${{ }}; other strings only inside ${{ }}", async (t) => {
  const j = job(`runs-on: x
if: \${{ secrets.A != '' }} && vars.NOT_EVALUATED
steps:
  - run: echo secrets.PLAIN_TEXT vars.PLAIN
  - if: "!cancelled() && vars.ON"
    run: x`);
  t.same(wheres(j.secret_refs), ["A@if"]);
  t.same(wheres(j.var_refs), ["ON@steps[1].if"], "text outside ${{ }} in a condition that has ${{ }} is not an expression");
  t.same(job("runs-on: x\nif: true\nsteps:\n  - if: false\n    run: x").secret_refs, [], "boolean conditions");
  t.same(wheres(job("runs-on: x\nsteps:\n  - ${{ secrets.ODD }}").secret_refs), ["ODD@steps[0]"], "a step that is not a mapping is still read");
});

t.test("each reference once per place, every place recorded", async (t) => {
  const j = job(`runs-on: x
env:
  A: \${{ secrets.T }} \${{ secrets.T }}
  B: \${{ secrets.T }}
steps:
  - run: echo \${{ secrets.T }} && echo \${{ format('{0}', secrets.T) }}`);
  t.same(j.secret_refs.map((r) => [r.where, r.expression]), [
    ["env.A", "secrets.T"],
    ["env.B", "secrets.T"],
    ["steps[0].run", "secrets.T"],
    ["steps[0].run", "format('{0}', secrets.T)"],
  ]);
});

t.test("context references are deduplicated and sorted across the job", async (t) => {
  const j = job(
    `runs-on: x
steps:
  - run: echo "\${{ github.head_ref }}" "\${{ github.event.issue.title }}"
  - run: echo "\${{ needs.build.outputs.version }}" "\${{ github.head_ref }}" "\${{ inputs.tag }}"`,
    "on: push\nenv:\n  W: ${{ github.actor }}\n",
  );
  t.same(j.context_refs, ["github.actor", "github.event.issue.title", "github.head_ref", "inputs.tag", "needs.build.outputs.version"]);
});
