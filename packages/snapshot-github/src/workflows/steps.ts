/** Step facts: what each step runs, with its inputs and environment, redacted. */
import type { StepFact } from "../document.js";
import { isMapping, optionalText, redactedMap } from "./values.js";

/** A step's facts; `inheritedShell` is the job's or workflow's `defaults.run.shell`. */
export function stepFact(step: unknown, index: number, inheritedShell: string | null = null): StepFact {
  const s = isMapping(step) ? step : {};
  const uses = optionalText(s["uses"]);
  return {
    index,
    id: optionalText(s["id"]),
    name: optionalText(s["name"]),
    uses,
    pinned_sha: pinnedSha(uses),
    with: redactedMap(s["with"]),
    env: redactedMap(s["env"]),
    run: optionalText(s["run"]),
    shell: s["run"] === undefined ? null : (optionalText(s["shell"]) ?? inheritedShell),
    if: optionalText(s["if"]),
  };
}

/**
 * Whether `uses` names its action by a full 40-hex commit SHA, the only immutable
 * ref. `null` when the question does not apply: no `uses` (a `run` step), a local
 * `./` action (it comes from the same checkout) or a `docker://` image (pinned, if
 * at all, by digest).
 */
export function pinnedSha(uses: string | null): boolean | null {
  if (uses === null || uses.startsWith("./") || uses.startsWith("docker://")) return null;
  const at = uses.lastIndexOf("@");
  return at >= 0 && /^[0-9a-fA-F]{40}$/.test(uses.slice(at + 1));
}
