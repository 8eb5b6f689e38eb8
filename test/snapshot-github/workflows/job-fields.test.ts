/** `runs-on`, `environment` and `needs` in each of their shapes. */
import t from "tap";
import { oneJob, parse } from "../../_lib/workflow-parse.ts";

const job = (body: string) => parse(oneJob(body)).jobs[0]!;

t.test("runs-on", async (t) => {
  t.same(job("runs-on: ubuntu-latest").runs_on, ["ubuntu-latest"]);
  t.same(job("runs-on: [self-hosted, linux, ARM64]").runs_on, ["self-hosted", "linux", "ARM64"], "source order kept");
  t.same(job("runs-on:\n  group: ubuntu-runners\n  labels: ubuntu-20.04-16core").runs_on, ["ubuntu-20.04-16core"], "group form, one label");
  t.same(job("runs-on:\n  group: ubuntu-runners\n  labels: [a, b]").runs_on, ["a", "b"], "group form, label list");
  t.same(job("runs-on:\n  group: ubuntu-runners").runs_on, [], "group form, no labels");
  t.same(job("runs-on: ${{ inputs.runner }}").runs_on, ["${{ inputs.runner }}"], "an expression as written");
  t.same(job("uses: ./.github/workflows/x.yml").runs_on, [], "a reusable-workflow call has no runner");
  t.same(job("runs-on: [1, null, x]").runs_on, ["1", "x"], "odd items as text, nulls dropped");
});

t.test("environment", async (t) => {
  t.equal(job("runs-on: x\nenvironment: production").environment, "production");
  t.equal(job("runs-on: x\nenvironment:\n  name: staging\n  url: https://staging.example.com").environment, "staging");
  t.equal(job("runs-on: x\nenvironment:\n  url: https://x.example.com").environment, null, "object form without a name");
  t.equal(job("runs-on: x").environment, null);
  t.equal(job("runs-on: x\nenvironment: ${{ inputs.target }}").environment, "${{ inputs.target }}");
});

t.test("needs", async (t) => {
  t.same(job("runs-on: x\nneeds: build").needs, ["build"]);
  t.same(job("runs-on: x\nneeds: [test, build, test]").needs, ["build", "test"], "a set: sorted, deduplicated");
  t.same(job("runs-on: x").needs, []);
});
