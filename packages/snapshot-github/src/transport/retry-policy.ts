/**
 * When to try a GitHub request again, and after how long (VENDOR-APIS §1.6):
 * server errors and network failures back off exponentially; a secondary rate limit
 * waits for `retry-after` (else a minute, then longer); an exhausted primary limit
 * waits for its reset when that is near and ends the run otherwise.
 */
import { FatalGithubError, githubMessage, isHttpFailure } from "./errors.js";

export interface RetrySettings {
  /** Attempts after the first for server errors, network failures and secondary limits. */
  readonly maxRetries: number;
  /** The first back-off; each retry doubles it. */
  readonly baseDelayMs: number;
  /** The longest wait for a primary rate limit to reset; a later reset ends the run. */
  readonly maxResetWaitMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 4, baseDelayMs: 1_000, maxResetWaitMs: 5 * 60_000 };

/** Why and how long to wait, or `undefined` to give up and rethrow. */
export type RetryDecision = { readonly waitMs: number; readonly reason: string } | undefined;

const PERMANENT_NETWORK_ERRORS = new Set(["ECONNREFUSED", "ENOTFOUND", "ERR_INVALID_URL", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

/** The system error code under octokit's RequestError → fetch's TypeError → cause. */
function networkCode(e: unknown): string | undefined {
  let cause: unknown = e;
  for (let i = 0; i < 4 && cause; i++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "string") return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

function header(e: unknown, name: string): string | undefined {
  return isHttpFailure(e) ? e.response?.headers[name] : undefined;
}

/** Exhausted primary limit: no requests left until `x-ratelimit-reset`. */
export function primaryResetWait(headers: Readonly<Record<string, string | undefined>>, nowMs: number, settings: RetrySettings): RetryDecision {
  if (headers["x-ratelimit-remaining"] !== "0") return undefined;
  const reset = Number(headers["x-ratelimit-reset"]);
  const waitMs = Number.isFinite(reset) ? Math.max(0, reset * 1000 - nowMs) + 1_000 : 60_000;
  if (waitMs > settings.maxResetWaitMs) {
    const at = Number.isFinite(reset) ? new Date(reset * 1000).toISOString() : "an unknown time";
    const resource = headers["x-ratelimit-resource"] ?? "core";
    throw new FatalGithubError(
      `GitHub's ${resource} rate limit is exhausted until ${at} (${Math.ceil(waitMs / 60_000)} min); run again after the reset or with a token that has budget left`,
    );
  }
  return { waitMs, reason: "primary rate limit" };
}

export function retryDecision(e: unknown, attempt: number, nowMs: number, settings: RetrySettings): RetryDecision {
  const backoff = settings.baseDelayMs * 2 ** attempt;
  if (!isHttpFailure(e)) return attempt < settings.maxRetries ? { waitMs: backoff, reason: "network failure" } : undefined;
  const status = e.status;
  if (status === 403 || status === 429) {
    const primary = primaryResetWait(e.response?.headers ?? {}, nowMs, settings);
    if (primary) return primary;
    const retryAfter = Number(header(e, "retry-after"));
    const secondary = Number.isFinite(retryAfter) || status === 429 || /secondary rate limit|abuse/i.test(githubMessage(e));
    if (!secondary || attempt >= settings.maxRetries) return undefined;
    return { waitMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : Math.max(60_000, backoff), reason: "secondary rate limit" };
  }
  // octokit reports a failed fetch as status 500 without a response. A refused
  // connection or an unknown host will not heal by waiting; a reset or timeout may.
  if (!e.response && PERMANENT_NETWORK_ERRORS.has(networkCode(e) ?? "")) return undefined;
  if (status >= 500 && attempt < settings.maxRetries) return { waitMs: backoff, reason: e.response ? `HTTP ${status}` : "network failure" };
  return undefined;
}
