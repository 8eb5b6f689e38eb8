/**
 * @regolith/snapshot-github: reads an organization's GitHub Actions credential
 * posture into a `github-snapshot` document. The public surface.
 */
export * from "./document.js";
export { collect, DEFAULT_API_URL, type CollectOptions, type CollectDeps, type Progress } from "./collect.js";
export { FatalGithubError } from "./transport/errors.js";
export { InvalidSnapshotError, snapshotProblems, assertValidSnapshot } from "./validate.js";
export { makeGithubClients, graphqlUrlFor, REST_API_VERSION, type GithubClients, type ClientOptions } from "./transport/clients.js";
export { DEFAULT_RETRY, type RetrySettings } from "./transport/retry-policy.js";
export { QUERIES } from "./queries.js";
export { authKind } from "./auth.js";
export { redactText, redactValue, redactionMarker, type CredentialKind } from "./redact.js";
export { parseWorkflow, type ParsedWorkflow } from "./workflows/parse.js";
export type { WorkflowContext } from "./workflows/job.js";
export { tokenizeExpression, type Token, type TokenKind } from "./workflows/expression-lexer.js";
export { findExpressions, conditionExpressions } from "./workflows/expression-spans.js";
export { readExpressionRefs, type ExpressionRefs, type NamedRef } from "./workflows/expression-refs.js";
export { normalizeTriggers } from "./workflows/triggers.js";
export { oidcSubCandidates, type OidcSubjectInput } from "./workflows/oidc-subjects.js";
export { effectivePermissions, grantsIdToken } from "./workflows/permissions.js";
export { pinnedSha } from "./workflows/steps.js";
