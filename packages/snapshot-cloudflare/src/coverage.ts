/**
 * Reads that may fail without ending the run: a refused or missing resource becomes
 * a coverage entry (with Cloudflare's `errors[]`) and its fact is `null`. An invalid
 * token or an unreachable API is fatal instead.
 */
import Cloudflare from "cloudflare";
import type { CoverageEntry, CoverageStatus } from "./document.js";
import { FatalCloudflareError, describeFailure } from "./errors.js";

export class Coverage {
  readonly #entries: CoverageEntry[] = [];

  get entries(): readonly CoverageEntry[] {
    return [...this.#entries].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  }

  note(entry: CoverageEntry): void {
    this.#entries.push(entry);
  }

  async read<T>(resource: string, read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof FatalCloudflareError) throw e;
      if (e instanceof Cloudflare.AuthenticationError) throw new FatalCloudflareError(describeFailure(e), { cause: e });
      if (e instanceof Cloudflare.APIConnectionError) throw new FatalCloudflareError(`cannot reach the Cloudflare API: ${e.message}`, { cause: e });
      if (e instanceof Cloudflare.APIError) {
        const status: CoverageStatus = e.status === 403 ? "forbidden" : e.status === 404 ? "not_found" : "error";
        const errors = cfErrors(e.errors);
        this.note({
          resource,
          status,
          ...(typeof e.status === "number" ? { http_status: e.status } : {}),
          ...(errors.length > 0 ? { cf_errors: errors } : {}),
          message: errors[0]?.message ?? e.message,
        });
        return null;
      }
      this.note({ resource, status: "error", message: e instanceof Error ? e.message : String(e) });
      return null;
    }
  }
}

/** Cloudflare's `errors[]` as `{ code, message }` pairs. */
export function cfErrors(errors: unknown): { code: number; message: string }[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((x: { code?: unknown; message?: unknown }) => ({ code: typeof x.code === "number" ? x.code : 0, message: String(x.message ?? "") }));
}
