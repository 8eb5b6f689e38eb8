/**
 * The waivers file: validated against schemas/regolith-waivers.schema.json, then
 * against the parameters. A waiver that runs longer than `waiver_max_days` (from
 * `created` to `expires`), that expires before it is created, or that names a locked
 * check is invalid, and so is the file: the gate refuses to run (exit 2) rather than
 * guess which exceptions the org meant.
 */
import type { NamedValue } from "./documents.js";
import { GateInputError } from "./errors.js";
import type { GateParams } from "./params.js";
import type { Waiver } from "./result.js";
import { schemaProblems } from "./schemas.js";
import { MS_PER_DAY, parseInstant } from "./time.js";

/** A waiver checked and ready to match. */
export interface ValidWaiver {
  readonly waiver: Waiver;
  /** `/waivers/N` in its file. */
  readonly pointer: string;
  readonly createdMs: number;
  readonly expiresMs: number;
}

export interface WaiverFile {
  readonly file: string;
  readonly waivers: readonly ValidWaiver[];
}

/** A duration in days as messages give it: whole, or to one decimal. */
export function waiverDays(ms: number): string {
  const d = ms / MS_PER_DAY;
  return Number.isInteger(d) ? String(d) : d.toFixed(1);
}

/** Problems of one schema-valid waiver against the parameters (empty when valid). */
function waiverProblems(w: Waiver, params: GateParams): { problems: string[]; created?: number; expires?: number } {
  const created = parseInstant(w.created);
  const expires = parseInstant(w.expires);
  const problems: string[] = [];
  if (created === undefined) problems.push(`created: ${JSON.stringify(w.created)} is not a valid date`);
  if (expires === undefined) problems.push(`expires: ${JSON.stringify(w.expires)} is not a valid date`);
  if (params.locked.has(w.rule)) problems.push(`${w.rule} is a locked check (locked_checks): no waiver may cover it; fix the finding instead`);
  if (created === undefined || expires === undefined) return { problems };
  if (expires <= created) problems.push(`expires ${w.expires} is not after created ${w.created}`);
  else if (expires - created > params.waiverMaxDays * MS_PER_DAY) {
    problems.push(`runs ${waiverDays(expires - created)} days (created ${w.created}, expires ${w.expires}); a waiver may run at most ${params.waiverMaxDays} days (waiver_max_days)`);
  }
  return { problems, created, expires };
}

/** How problems name a waiver: `FILE: /waivers/N (RULE on RESOURCE, owner OWNER)`. */
export function waiverLabel(file: string, v: { readonly waiver: Waiver; readonly pointer: string }): string {
  return `${file}: ${v.pointer} (${v.waiver.rule} on ${v.waiver.resource}, owner ${v.waiver.owner})`;
}

export function readWaivers(named: NamedValue, params: GateParams): WaiverFile {
  const schema = schemaProblems("regolith-waivers", named.value, `${named.name}: `);
  if (schema.length > 0) throw new GateInputError("invalid waivers:", schema);
  const list = (named.value as { waivers: Waiver[] }).waivers;
  const problems: string[] = [];
  const waivers: ValidWaiver[] = [];
  list.forEach((waiver, i) => {
    const pointer = `/waivers/${i}`;
    const checked = waiverProblems(waiver, params);
    if (checked.problems.length > 0) {
      const label = waiverLabel(named.name, { waiver, pointer });
      problems.push(...checked.problems.map((p) => `${label}: ${p}`));
    } else waivers.push({ waiver, pointer, createdMs: checked.created!, expiresMs: checked.expires! });
  });
  if (problems.length > 0) throw new GateInputError("invalid waivers:", problems);
  return { file: named.name, waivers };
}
