/**
 * A loopback fake of Cloudflare's v4 API for the snapshot-cloudflare tests: API
 * tokens (user and account), the permission-group catalogue, accounts, zones and the
 * user, in Cloudflare's envelope, with the SDK's page-number paging (an empty page
 * past the end), injectable faults, a write guard, and a log of every request.
 * See server.ts.
 *
 *   const fake = await startCloudflareFake(fakeCloudflare({ accounts: [acme], userTokens: [fakeToken("ci")] }));
 *   t.teardown(() => fake.close());
 *   const cf = new Cloudflare({ apiToken: "cf-test", baseURL: fake.url, … every option explicit … });
 *   fake.faults.rateLimited("/user/tokens", { retryAfterMs: 10 });
 *   …
 *   fake.requests.assertNoWrites();
 *
 * The model is read on every request, so a test may change it between requests.
 */
export { startCloudflareFake, type CloudflareFake, type CloudflareFakeOptions } from "./server.js";
export type * from "./model.js";
export {
  DEFAULT_SECRET,
  fakeAccount,
  fakeAccountCaller,
  fakeCloudflare,
  fakePolicy,
  fakeToken,
  fakeUser,
  fakeUserCaller,
  fakeZone,
  policyGroup,
} from "./builders.js";
export { defaultPermissionGroups } from "./catalogue.js";
export { generateCloudflare } from "./generate.js";
export { resource } from "./resources.js";
export { CF_ERRORS, type CfMessage, type ResultInfo } from "./envelope.js";
export type { FaultControl, FaultKind, PathPattern, Fault } from "./faults.js";
export { isTokenValueRequest, type LoggedRequest, type RequestLog } from "./request-log.js";
