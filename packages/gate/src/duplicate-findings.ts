/**
 * Findings of one check that share a fingerprint. The fingerprint is the check's
 * identity of the thing found (fingerprint.ts), so two such findings are one thing to
 * waivers, baselines and code scanning, which then hide or keep both together. Either
 * a snapshot lists one entity twice, or the check's `custom.identity` leaves out a
 * field that tells its findings apart. Both findings are still reported; the run says
 * so in its warnings, where a bundle author or the snapshot's owner will see it.
 */
import type { Finding } from "./result.js";

/** At most this many groups are listed; the rest are counted. */
const LISTED = 10;

export function duplicateFindingWarnings(findings: readonly Finding[]): string[] {
  const groups = new Map<string, Finding[]>();
  // The fingerprint hashes the rule with the identity, so it alone tells checks apart.
  for (const f of findings) {
    const group = groups.get(f.fingerprint);
    if (group) group.push(f);
    else groups.set(f.fingerprint, [f]);
  }
  const shared = [...groups.values()].filter((g) => g.length > 1);
  const lines = shared.slice(0, LISTED).map((g) => {
    const resources = [...new Set(g.map((f) => f.resource))].join(", ");
    return `${g[0]!.rule}: ${g.length} findings share the fingerprint ${g[0]!.fingerprint} (${resources}), so waivers, baselines and code scanning treat them as one: does a snapshot list the same entity twice, or does the check's custom.identity leave out a field?`;
  });
  if (shared.length > LISTED) lines.push(`… and ${shared.length - LISTED} more groups of findings that share a fingerprint`);
  return lines;
}
