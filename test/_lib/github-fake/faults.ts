/**
 * Injected failures, armed per path pattern and fired a set number of times, in the
 * order they were armed. Each kind answers exactly as GitHub does (VENDOR-APIS §1.6),
 * so the adapter's retry, back-off and coverage code meets the real shapes:
 *
 * - `badGateway`: 502, as on a GraphQL timeout or a REST hiccup;
 * - `secondaryRateLimit`: 403 (or 429) with `retry-after` and GitHub's message;
 * - `forbidden`: 403 with `x-accepted-github-permissions` (fine-grained token lacking a permission);
 * - `rateLimitExhausted`: the primary limit spent: `x-ratelimit-remaining: 0` and the reset time.
 *
 * Patterns match the decoded request path: `*` stands for one path segment, `**` for
 * any run of characters; a RegExp is tested as is. `/graphql` matches every query;
 * narrow it with `operationName`.
 */

export type FaultKind = "bad-gateway" | "secondary-rate-limit" | "forbidden" | "rate-limit-exhausted";
export type PathPattern = string | RegExp;

export interface Fault {
  kind: FaultKind;
  path: PathPattern;
  operationName: string | undefined;
  /** How many more requests it answers. */
  remaining: number;
  status: number;
  retryAfter: number;
  acceptedPermissions: string;
  message: string | undefined;
}

interface Common {
  /** Default 1. */
  times?: number;
  /** GraphQL only: fire only for this operation. */
  operationName?: string;
}

export interface FaultControl {
  badGateway(path: PathPattern, options?: Common): void;
  secondaryRateLimit(path: PathPattern, options?: Common & { status?: 403 | 429; retryAfter?: number }): void;
  forbidden(path: PathPattern, options?: Common & { acceptedPermissions?: string; message?: string }): void;
  rateLimitExhausted(path: PathPattern, options?: Common & { status?: 403 | 429 }): void;
  /** Faults still armed (remaining > 0). */
  pending(): readonly Fault[];
  clear(): void;
}

export interface FaultSource extends FaultControl {
  /** The next armed fault for this request, consuming one of its `times`. */
  take(path: string, operationName: string | null): Fault | undefined;
}

function toRegExp(pattern: PathPattern): RegExp {
  if (pattern instanceof RegExp) return pattern;
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]+" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}/?$`);
}

export function createFaults(): FaultSource {
  let faults: Fault[] = [];
  const arm = (kind: FaultKind, path: PathPattern, o: Common & Partial<Fault>) => {
    faults.push({
      kind,
      path,
      operationName: o.operationName,
      remaining: o.times ?? 1,
      status: o.status ?? 403,
      retryAfter: o.retryAfter ?? 1,
      acceptedPermissions: o.acceptedPermissions ?? "secrets=read",
      message: o.message,
    });
  };
  return {
    badGateway: (path, o = {}) => arm("bad-gateway", path, { ...o, status: 502 }),
    secondaryRateLimit: (path, o = {}) => arm("secondary-rate-limit", path, o),
    forbidden: (path, o = {}) => arm("forbidden", path, { ...o, status: 403 }),
    rateLimitExhausted: (path, o = {}) => arm("rate-limit-exhausted", path, o),
    pending: () => faults.filter((f) => f.remaining > 0),
    clear: () => {
      faults = [];
    },
    take(path, operationName) {
      const fault = faults.find(
        (f) => f.remaining > 0 && toRegExp(f.path).test(path) && (!f.operationName || f.operationName === operationName),
      );
      if (fault) fault.remaining--;
      return fault;
    },
  };
}
