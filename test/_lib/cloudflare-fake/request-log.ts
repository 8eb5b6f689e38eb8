/**
 * Every request the fake received, for assertions: counts per path, the pages a list
 * was read in, writes, and the headers the SDK sent. The authorization header is
 * never stored: only whether it was there and its scheme (`bearer`, …).
 */
import type { FaultKind } from "./faults.js";

export interface LoggedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** The path below `/client/v4`, as received (or the whole path, if outside it). */
  path: string;
  /** The raw query string without `?`, e.g. `account.id=…&page=1`. */
  search: string;
  query: Record<string, string>;
  /** 0 when the connection was reset instead of answered. */
  status: number;
  /** Any method but GET and HEAD; the fake refuses them all. */
  write: boolean;
  fault: FaultKind | null;
  headers: {
    apiVersion: string | null;
    userAgent: string | null;
    /** The SDK's `x-stainless-retry-count`: 0 on a first attempt. */
    retryCount: number | null;
    authorization: { present: boolean; scheme: string | null };
    /** Whether a legacy Global API Key header (`x-auth-key` / `x-auth-email`) was sent. */
    legacyAuth: boolean;
  };
}

export interface RequestLog {
  readonly entries: readonly LoggedRequest[];
  count(filter?: (r: LoggedRequest) => boolean): number;
  /** Path → requests received for it. */
  countsByPath(): Map<string, number>;
  /** The `page` numbers of the GETs of this exact path, in order (1 when none was sent). */
  pages(path: string): number[];
  writes(): LoggedRequest[];
  /** Throws, listing the offenders, if any request was a write. */
  assertNoWrites(): void;
  /** Requests that would return or mint a token's secret: `…/tokens/{id}/value` (roll) and token creation. */
  tokenValueRequests(): LoggedRequest[];
  assertNoTokenValueRequests(): void;
  /** Throws unless every request sent `api-version: expected`. */
  assertApiVersion(expected: string): void;
  clear(): void;
}

export interface RequestRecorder extends RequestLog {
  record(entry: Omit<LoggedRequest, "seq">): void;
}

export function isWrite(method: string): boolean {
  return method !== "GET" && method !== "HEAD";
}

export function isTokenValueRequest(r: Pick<LoggedRequest, "method" | "path">): boolean {
  return /\/tokens\/[^/]+\/value\/?$/.test(r.path) || (r.method === "POST" && /\/tokens\/?$/.test(r.path));
}

function fail(what: string, bad: readonly LoggedRequest[]): void {
  if (bad.length > 0) throw new Error(`${what}:\n${bad.map((r) => `  ${r.method} ${r.path}`).join("\n")}`);
}

export function createRequestLog(): RequestRecorder {
  let entries: LoggedRequest[] = [];
  const log: RequestRecorder = {
    get entries() {
      return entries;
    },
    record(entry) {
      entries.push({ seq: entries.length + 1, ...entry });
    },
    count: (filter) => (filter ? entries.filter(filter).length : entries.length),
    countsByPath() {
      const counts = new Map<string, number>();
      for (const r of entries) counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
      return counts;
    },
    pages: (path) => entries.filter((r) => r.path === path && r.method === "GET").map((r) => Number(r.query["page"] ?? 1)),
    writes: () => entries.filter((r) => r.write),
    assertNoWrites: () => fail("the fake received writes", log.writes()),
    tokenValueRequests: () => entries.filter(isTokenValueRequest),
    assertNoTokenValueRequests: () => fail("requests targeted token values", log.tokenValueRequests()),
    assertApiVersion(expected) {
      fail(`requests without api-version: ${expected}`, entries.filter((r) => r.headers.apiVersion !== expected));
    },
    clear() {
      entries = [];
    },
  };
  return log;
}
