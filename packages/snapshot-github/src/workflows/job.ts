/** One job's facts, from its YAML mapping and the workflow-level facts it inherits. */
import type { JobFact, Permissions } from "../document.js";
import { environmentName, needsList, runsOnGroup, runsOnLabels } from "./job-fields.js";
import { oidcSubCandidates } from "./oidc-subjects.js";
import { effectivePermissions, normalizePermissions } from "./permissions.js";
import { RefCollector } from "./ref-collector.js";
import { stepFact } from "./steps.js";
import { isMapping, optionalText, redactedMap, type Mapping } from "./values.js";

/** What the caller knows about the repository, for `oidc_sub_candidates`. */
export interface WorkflowContext {
  readonly subClaimPrefix: string | null;
  readonly effectiveSubTemplate: readonly string[] | null;
  readonly defaultBranch: string | null;
}

/** The workflow-level facts every job inherits. */
export interface WorkflowLevel {
  readonly permissions: Permissions | null;
  /** The raw workflow `env:`, scanned for references on every job. */
  readonly env: unknown;
  readonly triggers: Readonly<Record<string, unknown>>;
  /** The workflow's `defaults.run.shell`, or null. */
  readonly shell: string | null;
}

/** `defaults: { run: { shell } }` of a job or workflow, or null. */
export function defaultShell(defaults: unknown): string | null {
  const run = isMapping(defaults) ? defaults["run"] : undefined;
  return isMapping(run) ? optionalText(run["shell"]) : null;
}

export function jobFact(id: string, job: Mapping, workflow: WorkflowLevel, ctx: WorkflowContext): JobFact {
  const refs = new RefCollector();
  // The workflow-level env is evaluated for every job that runs steps; a reusable
  // workflow call does not receive it (GitHub does not propagate the caller's env).
  if (job["uses"] === undefined) refs.scanValue(workflow.env, "workflow.env");
  refs.scanJob(job);
  const permissions = normalizePermissions(job["permissions"]);
  const environment = environmentName(job["environment"]);
  const secrets = job["secrets"];
  const inherit = typeof secrets === "string" && secrets.trim() === "inherit";
  return {
    id,
    name: optionalText(job["name"]),
    environment,
    runs_on: runsOnLabels(job["runs-on"]),
    runs_on_group: runsOnGroup(job["runs-on"]),
    uses: optionalText(job["uses"]),
    needs: needsList(job["needs"]),
    if: optionalText(job["if"]),
    permissions,
    ...effectivePermissions(permissions, workflow.permissions),
    secrets_inherit: inherit,
    secrets_passed: inherit ? {} : redactedMap(secrets),
    ...refs.result(),
    env: redactedMap(job["env"]),
    with: redactedMap(job["with"]),
    steps: Array.isArray(job["steps"]) ? job["steps"].map((step, i) => stepFact(step, i, defaultShell(job["defaults"]) ?? workflow.shell)) : [],
    oidc_sub_candidates: oidcSubCandidates({ ...ctx, environment, triggers: workflow.triggers }),
  };
}
