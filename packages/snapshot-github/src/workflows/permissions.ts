/**
 * `permissions:` facts. The value is kept as written (`read-all`, `write-all`, `{}`
 * or a scope map with sorted keys); the effective value is the job's, else the
 * workflow's, else `null` with source `default`: the repository's default token
 * permissions apply, which the snapshot records separately and which never include
 * `id-token: write`.
 */
import type { JobFact, Permissions } from "../document.js";
import { redactText } from "../redact.js";
import { isMapping, scalarText, sortedKeys } from "./values.js";

/** `null` when absent; a bare `permissions:` (YAML null) counts as absent too. */
export function normalizePermissions(value: unknown): Permissions | null {
  if (value === null || value === undefined) return null;
  if (isMapping(value)) return Object.fromEntries(sortedKeys(value).map((scope) => [scope, redactText(scalarText(value[scope]))]));
  return redactText(scalarText(value));
}

export interface EffectivePermissions {
  readonly effective_permissions: Permissions | null;
  readonly permissions_source: JobFact["permissions_source"];
  readonly requests_id_token: boolean;
}

export function effectivePermissions(job: Permissions | null, workflow: Permissions | null): EffectivePermissions {
  const [effective, source]: [Permissions | null, JobFact["permissions_source"]] =
    job !== null ? [job, "job"] : workflow !== null ? [workflow, "workflow"] : [null, "default"];
  return { effective_permissions: effective, permissions_source: source, requests_id_token: grantsIdToken(effective) };
}

/** `id-token: write` explicitly, or through `write-all`. */
export function grantsIdToken(permissions: Permissions | null): boolean {
  if (permissions === null) return false;
  if (typeof permissions === "string") return permissions === "write-all";
  return permissions["id-token"] === "write";
}
