/**
 * Builtin errors during the checks' evaluation, as gate warnings. Outside strict mode a
 * builtin error makes its call undefined (as in OPA), so the rule that made the call
 * yields nothing for that value: a check may have missed a finding. The gate still
 * runs, but says so in every output rather than passing in silence.
 */
import type { RegoError } from "@regolith/rego";

/** At most this many distinct errors are listed; the rest are counted. */
const LISTED = 10;

export function builtinWarnings(errors: readonly RegoError[]): string[] {
  // The same call fails once per value it meets: one line per place and message.
  const counts = new Map<string, number>();
  for (const e of errors) {
    const loc = e.location;
    const where = loc ? `${loc.file || "query"}:${loc.row}:${loc.col}: ` : "";
    const key = `${where}${e.code}: ${e.message}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lines = [...counts].slice(0, LISTED).map(([text, n]) => `${text} (the call was undefined${n > 1 ? ` ${n} times` : ""}, so a check may have missed findings)`);
  if (counts.size > LISTED) lines.push(`… and ${counts.size - LISTED} more builtin errors`);
  return lines;
}
