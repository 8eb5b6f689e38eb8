/** Helpers for the workflow-facts suites: parse a text or a fixture with a default repository context. */
import { readFileSync } from "node:fs";
import { parseWorkflow, type JobFact, type ParsedWorkflow, type WorkflowContext } from "@regolith/snapshot-github";

export const PREFIX = "repo:acme@1234567/app@987654321";

export const CTX: WorkflowContext = { subClaimPrefix: PREFIX, effectiveSubTemplate: ["repo", "context"], defaultBranch: "main" };

export function parse(text: string, ctx: WorkflowContext = CTX, path = ".github/workflows/test.yml"): ParsedWorkflow {
  return parseWorkflow(path, text, ctx);
}

export function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/workflows/${name}`, import.meta.url), "utf8");
}

export function parseFixture(name: string, ctx: WorkflowContext = CTX): ParsedWorkflow {
  return parseWorkflow(`.github/workflows/${name}`, fixture(name), ctx);
}

/** The job `id`; fails loudly when it is missing, so tests read plainly. */
export function jobOf(workflow: ParsedWorkflow, id: string): JobFact {
  const job = workflow.jobs.find((j) => j.id === id);
  if (!job) throw new Error(`no job ${id} in ${workflow.path}: ${JSON.stringify(workflow.parse_error)}`);
  return job;
}

/** A one-job workflow around `body` (the job's YAML, indented by four spaces). */
export function oneJob(body: string, top = "on: push\n"): string {
  return `${top}jobs:\n  j:\n${body.replace(/^/gm, "    ")}\n`;
}
