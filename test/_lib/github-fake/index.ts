/**
 * A loopback GitHub API fake for the snapshot-github tests and benchmark: GraphQL
 * executed on GitHub's published schema, REST with GitHub's pagination, errors and
 * rate-limit headers, injectable faults, and a log of every request. See server.ts.
 *
 *   const fake = await startGitHubFake(fakeOrg({ repos: [fakeRepo({ name: "app" })] }));
 *   t.teardown(() => fake.close());
 *   const rest = request.defaults({ baseUrl: fake.url, headers: { authorization: "token x" } });
 *   const gql = withCustomRequest(rest);              // POST {fake.url}/graphql
 *   fake.faults.forbidden("/repos/acme/app/actions/secrets");
 *   …
 *   fake.requests.assertNoSecretValueRequests();
 *
 * The model is read on every request, so a test may change it between requests
 * (replace a repository's `files` object rather than mutating it: trees are cached by it).
 */
export { startGitHubFake, type GitHubFake, type GitHubFakeOptions } from "./server.js";
export type * from "./model.js";
export {
  fakeBranchProtectionRule,
  fakeBypassActor,
  fakeEnvironment,
  fakeOrg,
  fakeOrgSecret,
  fakeOrgVariable,
  fakeRepo,
  fakeRuleset,
  fakeSecret,
  fakeVariable,
  workflowRegistry,
} from "./builders.js";
export { generateOrg } from "./generate.js";
export type { FaultControl, FaultKind, PathPattern, Fault } from "./faults.js";
export { isSecretValueRequest, type LoggedRequest, type RequestLog, type RepositoryStats } from "./request-log.js";
