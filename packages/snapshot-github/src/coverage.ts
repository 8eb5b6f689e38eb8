/**
 * Reads that may fail without ending the run. A refused or missing resource becomes
 * a coverage entry and the fact is `null`, so policies can tell "none found" from
 * "could not see"; only fatal failures (bad token, unreachable API, exhausted rate
 * limit) propagate.
 */
import type { CoverageEntry, CoverageStatus } from "./document.js";
import { FatalGithubError, githubMessage, isHttpFailure } from "./transport/errors.js";

export class Coverage {
  readonly #entries: CoverageEntry[] = [];

  get entries(): readonly CoverageEntry[] {
    return [...this.#entries].sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  }

  note(entry: CoverageEntry): void {
    this.#entries.push(entry);
  }

  notApplicable(resource: string, message: string): void {
    this.note({ resource, status: "not_applicable", message });
  }

  /**
   * Runs one read; on a 403, 404 or exhausted retries records why and returns null.
   * `missing` overrides what a 404 means for this resource (e.g. "never configured").
   */
  async read<T>(resource: string, read: () => Promise<T>, missing?: (message: string) => T | null): Promise<T | null> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof FatalGithubError) throw e;
      if (!isHttpFailure(e)) {
        this.note(graphqlFailure(resource, e));
        return null;
      }
      if (e.status === 401) throw new FatalGithubError(`GitHub refused the token (401 ${githubMessage(e)}); check GITHUB_TOKEN or GH_TOKEN`);
      const message = githubMessage(e);
      if (e.status === 404 && missing) {
        const value = missing(message);
        if (value !== null) return value;
      }
      const status: CoverageStatus = e.status === 403 ? "forbidden" : e.status === 404 ? "not_found" : "error";
      const accepted = e.response?.headers["x-accepted-github-permissions"];
      this.note({ resource, status, http_status: e.status, ...(accepted ? { accepted_permissions: accepted } : {}), message });
      return null;
    }
  }
}

/** A GraphQL error response (`GraphqlResponseError`): GitHub types its errors NOT_FOUND, FORBIDDEN, … */
function graphqlFailure(resource: string, e: unknown): CoverageEntry {
  const errors = (e as { errors?: { type?: string; message?: string }[] }).errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  const message = first?.message ?? (e instanceof Error ? e.message : String(e));
  const status: CoverageStatus = first?.type === "NOT_FOUND" ? "not_found" : first?.type === "FORBIDDEN" ? "forbidden" : "error";
  return { resource, status, message };
}
