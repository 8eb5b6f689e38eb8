/**
 * @regolith/snapshot-cloudflare: reads Cloudflare API tokens and what they can reach
 * into a `cloudflare-snapshot` document. The public surface.
 */
export * from "./document.js";
export { collect, type CollectOptions, type CollectDeps, type Progress } from "./collect.js";
export { API_VERSION, DEFAULT_BASE_URL } from "./client.js";
export { FatalCloudflareError } from "./errors.js";
export { InvalidSnapshotError, snapshotProblems, assertValidSnapshot } from "./validate.js";
export { parseResources, type Names } from "./facts/resources.js";
export { accessOf, highestAccess } from "./facts/access.js";
export { summarize, widestScope } from "./facts/summary.js";
export { tokenFact, type RawToken } from "./facts/token.js";
