/**
 * What each fault kind answers, REST and GraphQL, in GitHub's words. The request id
 * GitHub quotes in its messages is the fake's `x-github-request-id`.
 */
import type { Fault } from "./faults.js";
import { exhaustedMessage, rateLimitHeaders, type Budget } from "./rate-limit.js";
import { errorReply, type Reply } from "./rest/router.js";

const SECONDARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits";
const PRIMARY_DOCS = "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits";

export function faultReply(fault: Fault, graphql: boolean, budget: Budget, requestId: string, userId: number): Reply {
  switch (fault.kind) {
    case "bad-gateway":
      return graphql
        ? {
            status: 502,
            body: {
              data: null,
              errors: [
                {
                  message: `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`${requestId}\` when reporting this issue.`,
                },
              ],
            },
          }
        : { status: 502, body: { message: "Server Error" } };
    case "secondary-rate-limit":
      return errorReply(
        fault.status,
        `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`,
        { "retry-after": String(fault.retryAfter) },
        SECONDARY_DOCS,
      );
    case "forbidden":
      return errorReply(403, fault.message ?? "Resource not accessible by personal access token", {
        "x-accepted-github-permissions": fault.acceptedPermissions,
      });
    case "rate-limit-exhausted":
      return primaryLimitReply(fault.status, graphql, budget, requestId, userId);
  }
}

/** The primary limit spent, whether by a fault or by the budget running out. */
export function primaryLimitReply(status: number, graphql: boolean, budget: Budget, requestId: string, userId: number): Reply {
  const headers = { ...rateLimitHeaders(budget), "x-ratelimit-remaining": "0", "x-ratelimit-used": String(budget.limit) };
  // GraphQL reports the spent limit in the body of a 200; REST answers 403 (or 429).
  if (graphql) return { status: 200, body: { errors: [{ type: "RATE_LIMITED", message: exhaustedMessage(userId) }] }, headers };
  const message = `${exhaustedMessage(userId)} If you reach out to GitHub Support for help, please include the request ID ${requestId}.`;
  return errorReply(status, message, headers, PRIMARY_DOCS);
}
