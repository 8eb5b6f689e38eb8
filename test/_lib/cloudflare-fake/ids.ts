/**
 * Cloudflare-looking identifiers: account, zone, token, policy and user ids are all
 * 32 lowercase hex characters. Derived from a label by hashing, so the same label
 * always gives the same id and snapshot tests over the fake stay stable.
 */
import { createHash } from "node:crypto";

export function hexId(label: string): string {
  return createHash("sha256").update(label).digest("hex").slice(0, 32);
}

/** ISO-8601 without milliseconds, as Cloudflare writes its dates. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
