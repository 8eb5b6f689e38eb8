/**
 * Failures that end a snapshot run: the token is refused, the API cannot be reached,
 * or the rate limit is spent for longer than the run may wait. A failure to read one
 * resource is not one of these; it becomes a coverage entry instead.
 */
export class FatalGithubError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FatalGithubError";
  }
}

/** What octokit's RequestError carries that we read (status, response headers and body). */
export interface HttpFailure {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers: Readonly<Record<string, string | undefined>>; readonly data?: unknown };
}

export function isHttpFailure(e: unknown): e is HttpFailure {
  return typeof e === "object" && e !== null && typeof (e as { status?: unknown }).status === "number";
}

/** GitHub's `message` from an error body, else the error's own message. */
export function githubMessage(e: HttpFailure): string {
  const data = e.response?.data as { message?: unknown } | undefined;
  return typeof data?.message === "string" ? data.message : e.message;
}
