/**
 * The Cloudflare SDK client, configured entirely from options: the SDK falls back to
 * `CLOUDFLARE_*` environment variables for anything left unset, and an adapter must
 * never take its token or base URL from the environment behind the caller's back.
 * The API version is pinned so that snapshots are reproducible.
 */
import Cloudflare from "cloudflare";

/** The Cloudflare API version every request pins (`api-version` header). */
export const API_VERSION = "2026-11-01";

export const DEFAULT_BASE_URL = "https://api.cloudflare.com/client/v4";

export interface ClientOptions {
  readonly token: string;
  readonly baseUrl: string;
  readonly fetch?: typeof globalThis.fetch;
  /** Retries of 429, 408, 409 and 5xx answers, honouring `retry-after` (default 4). */
  readonly maxRetries?: number;
  readonly timeoutMs?: number;
}

export interface CountingClient {
  readonly client: Cloudflare;
  /** HTTP requests made, and how many answers asked for a retry (429 or 5xx). */
  readonly stats: { requests: number; retries: number };
}

export function makeCloudflareClient(options: ClientOptions): CountingClient {
  const stats = { requests: 0, retries: 0 };
  const base = options.fetch ?? globalThis.fetch;
  const counting: typeof globalThis.fetch = async (input, init) => {
    stats.requests++;
    const res = await base(input, init);
    if (res.status === 429 || res.status >= 500) stats.retries++;
    return res;
  };
  const client = new Cloudflare({
    apiToken: options.token,
    apiKey: null,
    apiEmail: null,
    userServiceKey: null,
    baseURL: options.baseUrl,
    apiVersion: API_VERSION,
    maxRetries: options.maxRetries ?? 4,
    timeout: options.timeoutMs ?? 30_000,
    fetch: counting,
    // The SDK's own log lines would bypass the CLI's stderr handling.
    logLevel: "off",
  });
  return { client, stats };
}
