/**
 * Injected failures, armed per path pattern and fired a set number of times, in the
 * order they were armed. Each kind answers as Cloudflare does, so the adapter's
 * retry and coverage code meets the real shapes:
 *
 * - `rateLimited`: 429 with `retry-after` (seconds) and/or `retry-after-ms`, both of
 *   which the SDK honours; prefer `retryAfterMs: 10` in tests;
 * - `serverError`: 502 (or another 5xx) with the edge's HTML page, which the SDK retries;
 * - `forbidden`: 403 with code 9109, as for a token lacking the permission;
 * - `connectionReset`: the socket is destroyed before any answer.
 *
 * Patterns match the decoded path below `/client/v4`, such as `/user/tokens`: `*`
 * stands for one path segment, `**` for any run of characters; a RegExp is tested as
 * is. A fault fires before routing, so it also answers paths the fake does not serve.
 */

export type FaultKind = "rate-limited" | "server-error" | "forbidden" | "connection-reset";
export type PathPattern = string | RegExp;

export interface Fault {
  kind: FaultKind;
  path: PathPattern;
  /** How many more requests it answers. */
  remaining: number;
  status: number;
  /** Seconds for `retry-after`, or `undefined` to send none. */
  retryAfter: number | undefined;
  /** Milliseconds for `retry-after-ms`, or `undefined` to send none. */
  retryAfterMs: number | undefined;
}

interface Times {
  /** Default 1; `Infinity` for every request. */
  times?: number;
}

export interface FaultControl {
  /** Without either option, sends `retry-after-ms: 10`, so retries stay fast. */
  rateLimited(path: PathPattern, options?: Times & { retryAfter?: number; retryAfterMs?: number }): void;
  serverError(path: PathPattern, options?: Times & { status?: 500 | 502 | 503 | 504 }): void;
  forbidden(path: PathPattern, options?: Times): void;
  connectionReset(path: PathPattern, options?: Times): void;
  /** Faults still armed (remaining > 0). */
  pending(): readonly Fault[];
  clear(): void;
}

export interface FaultSource extends FaultControl {
  /** The next armed fault for this path, consuming one of its `times`. */
  take(path: string): Fault | undefined;
}

/** A glob over paths: `*` is one segment, `**` anything; every other character is literal. */
function toRegExp(pattern: PathPattern): RegExp {
  if (pattern instanceof RegExp) return pattern;
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c !== "*") {
      source += /[\w/-]/.test(c) ? c : `\\${c}`;
    } else if (pattern[i + 1] === "*") {
      source += ".*";
      i++;
    } else {
      source += "[^/]+";
    }
  }
  return new RegExp(`^${source}/?$`);
}

export function createFaults(): FaultSource {
  let faults: Fault[] = [];
  const arm = (kind: FaultKind, path: PathPattern, times: number | undefined, rest: Partial<Fault>) => {
    faults.push({ kind, path, remaining: times ?? 1, status: 0, retryAfter: undefined, retryAfterMs: undefined, ...rest });
  };
  return {
    rateLimited(path, o = {}) {
      const neither = o.retryAfter === undefined && o.retryAfterMs === undefined;
      arm("rate-limited", path, o.times, { status: 429, retryAfter: o.retryAfter, retryAfterMs: neither ? 10 : o.retryAfterMs });
    },
    serverError: (path, o = {}) => arm("server-error", path, o.times, { status: o.status ?? 502 }),
    forbidden: (path, o = {}) => arm("forbidden", path, o.times, { status: 403 }),
    connectionReset: (path, o = {}) => arm("connection-reset", path, o.times, {}),
    pending: () => faults.filter((f) => f.remaining > 0),
    clear: () => {
      faults = [];
    },
    take(path) {
      const fault = faults.find((f) => f.remaining > 0 && toRegExp(f.path).test(path));
      if (fault) fault.remaining--;
      return fault;
    },
  };
}
