/**
 * Every request the fake answered, for assertions and the benchmark's
 * requests-per-repository figure. The authorization header is never stored: only
 * whether it was there and its scheme (`token`, `bearer`, …).
 */
import type { FaultKind } from "./faults.js";

export interface LoggedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** The path as received (percent-encoding kept). */
  path: string;
  query: Record<string, string>;
  status: number;
  graphql: boolean;
  operationName: string | null;
  /** `owner/name` of each repository the request concerns: the REST path's, or GraphQL's root `repository` fields. */
  repositories: string[];
  fault: FaultKind | null;
  headers: {
    apiVersion: string | null;
    userAgent: string | null;
    accept: string | null;
    authorization: { present: boolean; scheme: string | null };
  };
}

export interface RepositoryStats {
  /** Repositories that received at least one request. */
  repositories: number;
  requests: number;
  /** Requests about no single repository (org-level REST, inventory queries). */
  unattributed: number;
  /** All requests divided by the repositories reached: the benchmark's figure. */
  perRepository: number;
  /** The most requests any one repository received. */
  max: number;
}

export interface RequestLog {
  readonly entries: readonly LoggedRequest[];
  count(filter?: (r: LoggedRequest) => boolean): number;
  /** `owner/name` → requests about it (a request naming two repositories counts for both). */
  byRepository(): Map<string, number>;
  stats(): RepositoryStats;
  /** Requests that read, or could lead to, a secret's value: single-secret GETs, public keys, any write to secrets. */
  secretValueRequests(): LoggedRequest[];
  /** Throws, listing the offenders, if any request targeted a secret value. */
  assertNoSecretValueRequests(): void;
  clear(): void;
}

export interface RequestRecorder extends RequestLog {
  record(entry: Omit<LoggedRequest, "seq">): void;
}

/**
 * Listing secrets returns names and dates only; these paths go further. The org
 * secret's `/repositories` listing is allowed: it names repositories, not values.
 */
const SECRET_VALUE_PATHS = [
  /\/public-key\/?$/,
  /\/secrets\/[^/]+\/?$/,
  /\/(dependabot|codespaces|agents)\/secrets(\/|$)/,
];

export function isSecretValueRequest(r: Pick<LoggedRequest, "method" | "path" | "graphql">): boolean {
  if (r.graphql) return false;
  const writes = r.method !== "GET" && r.method !== "HEAD";
  return SECRET_VALUE_PATHS.some((re) => re.test(r.path)) || (writes && /secrets/.test(r.path));
}

export function createRequestLog(): RequestRecorder {
  let entries: LoggedRequest[] = [];
  const byRepository = () => {
    const counts = new Map<string, number>();
    for (const r of entries) {
      for (const repo of new Set(r.repositories.map((n) => n.toLowerCase()))) counts.set(repo, (counts.get(repo) ?? 0) + 1);
    }
    return counts;
  };
  const log: RequestRecorder = {
    get entries() {
      return entries;
    },
    record(entry) {
      entries.push({ seq: entries.length + 1, ...entry });
    },
    count: (filter) => (filter ? entries.filter(filter).length : entries.length),
    byRepository,
    stats() {
      const counts = [...byRepository().values()];
      return {
        repositories: counts.length,
        requests: entries.length,
        unattributed: entries.filter((r) => r.repositories.length === 0).length,
        perRepository: counts.length > 0 ? entries.length / counts.length : 0,
        max: Math.max(0, ...counts),
      };
    },
    secretValueRequests: () => entries.filter(isSecretValueRequest),
    assertNoSecretValueRequests() {
      const bad = log.secretValueRequests();
      if (bad.length > 0) {
        throw new Error(`requests targeted secret values:\n${bad.map((r) => `  ${r.method} ${r.path}`).join("\n")}`);
      }
    },
    clear() {
      entries = [];
    },
  };
  return log;
}
