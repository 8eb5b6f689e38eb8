/**
 * A workflow file → its facts (VENDOR-APIS §1.5). Pure: no network, no clock; the
 * same text and context always give the same facts, with jobs sorted by id. A file
 * GitHub could not run as a workflow (a YAML error, a top level that is not a
 * mapping, `jobs` missing or not a mapping, a job that is not a mapping) gets a
 * `parse_error` and no triggers or jobs; this function never throws.
 */
import type { WorkflowFact } from "../document.js";
import { redactText } from "../redact.js";
import { defaultShell, jobFact, type WorkflowContext } from "./job.js";
import { normalizePermissions } from "./permissions.js";
import { normalizeTriggers } from "./triggers.js";
import { isMapping, optionalText, redactedMap, sortedKeys, type Mapping } from "./values.js";
import { loadYaml } from "./yaml-load.js";

export type ParsedWorkflow = Omit<WorkflowFact, "state" | "blob_sha" | "byte_size">;

export function parseWorkflow(path: string, text: string, ctx: WorkflowContext): ParsedWorkflow {
  const loaded = loadYaml(text);
  if (!loaded.ok) return failed(path, null, loaded.problem);
  const root = loaded.value;
  if (!isMapping(root)) return failed(path, null, { message: "a workflow must be a mapping", ...at(loaded.position([])) });
  const name = optionalText(root["name"]);
  const jobs = root["jobs"];
  if (!isMapping(jobs)) {
    const message = jobs === undefined ? "the workflow has no `jobs`" : "`jobs` must be a mapping of job ids to jobs";
    return failed(path, name, { message, ...at(loaded.position(["jobs"])) });
  }
  const badJob = sortedKeys(jobs).find((id) => !isMapping(jobs[id]));
  if (badJob !== undefined) {
    return failed(path, name, { message: `job \`${redactText(badJob)}\` must be a mapping`, ...at(loaded.position(["jobs", badJob])) });
  }
  const workflow = {
    permissions: normalizePermissions(root["permissions"]),
    env: root["env"],
    triggers: normalizeTriggers(triggersOf(root)),
    shell: defaultShell(root["defaults"]),
  };
  return {
    path,
    name,
    parse_error: null,
    triggers: workflow.triggers,
    permissions: workflow.permissions,
    env: redactedMap(root["env"]),
    jobs: sortedKeys(jobs).map((id) => jobFact(id, jobs[id] as Mapping, workflow, ctx)),
  };
}

/**
 * `on:`. The loader reads YAML 1.2, where `on` is a string, but a `true` key stands in
 * for it when there is no `on`: that is what `on:` becomes when YAML 1.1 rules
 * (`on` = boolean true) were applied to the file, e.g. by a tool that rewrote it.
 */
function triggersOf(root: Mapping): unknown {
  return "on" in root ? root["on"] : root["true"];
}

function at(position: { line: number; column: number } | null): { line: number | null; column: number | null } {
  return { line: position?.line ?? null, column: position?.column ?? null };
}

function failed(path: string, name: string | null, problem: { message: string; line: number | null; column: number | null }): ParsedWorkflow {
  return {
    path,
    name,
    parse_error: { message: redactText(problem.message), line: problem.line, column: problem.column },
    triggers: {},
    permissions: null,
    env: {},
    jobs: [],
  };
}
