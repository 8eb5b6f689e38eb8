/** Failures that end a snapshot run, with messages that say what to check and never include the token. */
import Cloudflare from "cloudflare";

export class FatalCloudflareError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FatalCloudflareError";
  }
}

export function describeFailure(e: InstanceType<typeof Cloudflare.APIError>): string {
  const first = (e.errors as { code?: number; message?: string }[] | undefined)?.[0];
  const detail = first ? `${first.message ?? ""}${first.code ? ` (code ${first.code})` : ""}` : e.message;
  return `Cloudflare rejected the token (HTTP ${e.status ?? "?"}: ${detail}); check that CLOUDFLARE_API_TOKEN holds an active API token (user or account token), not a Global API Key, and that it has not expired or been rolled`;
}
