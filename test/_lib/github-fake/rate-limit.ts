/**
 * GitHub's primary rate limits, one budget per resource (`core` for REST, `graphql`),
 * spent as GitHub spends them (a REST request costs 1; a query its computed cost)
 * and reported in the `x-ratelimit-*` headers. The window is one hour from the
 * fake's start and never rolls over: a test that exhausts it sees exhaustion.
 */
export type Resource = "core" | "graphql";

export interface Budget {
  readonly resource: Resource;
  readonly limit: number;
  used: number;
  /** Epoch seconds. */
  readonly reset: number;
}

export function createBudget(resource: Resource, limit: number, nowMs: number): Budget {
  return { resource, limit, used: 0, reset: Math.floor(nowMs / 1000) + 3600 };
}

export function remaining(b: Budget): number {
  return Math.max(0, b.limit - b.used);
}

/** Spends `points` if the budget has them; `false` means the limit is exhausted. */
export function spend(b: Budget, points: number): boolean {
  if (remaining(b) < points) return false;
  b.used += points;
  return true;
}

export function rateLimitHeaders(b: Budget): Record<string, string> {
  return {
    "x-ratelimit-limit": String(b.limit),
    "x-ratelimit-remaining": String(remaining(b)),
    "x-ratelimit-used": String(b.used),
    "x-ratelimit-reset": String(b.reset),
    "x-ratelimit-resource": b.resource,
  };
}

/** GitHub's message when the primary limit is spent. */
export function exhaustedMessage(userId: number): string {
  return `API rate limit exceeded for user ID ${userId}.`;
}
