/**
 * Read versus write for permission groups. Cloudflare names them `<Thing> Read` and
 * `<Thing> Write` (the dashboard says "Edit"); a few act as writes under another
 * name. Classified by id through the catalogue, since token policies may omit names.
 */
import type { Access } from "../document.js";

/** Groups whose names do not say what they do. */
const OVERRIDES: ReadonlyMap<string, Access> = new Map([["Cache Purge", "write"]]);

export function accessOf(name: string | null): Access {
  if (name === null) return "other";
  const override = OVERRIDES.get(name);
  if (override) return override;
  if (/ Read$/.test(name)) return "read";
  // Revoking is a change too.
  if (/ (Write|Edit|Revoke)$/.test(name)) return "write";
  return "other";
}

const RANK: Readonly<Record<Access, number>> = { read: 1, other: 2, write: 3 };

/** The highest of several accesses (write > other > read). */
export function highestAccess(accesses: Iterable<Access>): Access | "none" {
  let best: Access | "none" = "none";
  for (const a of accesses) if (best === "none" || RANK[a] > RANK[best]) best = a;
  return best;
}
