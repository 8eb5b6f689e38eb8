/**
 * The GraphQL documents the adapter sends, checked in tests against GitHub's
 * published schema (`@octokit/graphql-schema`). Each names its operation, so logs
 * and the test server can tell them apart.
 */

/** Everything a ruleset says, for org rulesets and a repository's own and inherited ones. */
const RULESET_FIELDS = `
fragment RulesetFields on RepositoryRuleset {
  id databaseId name enforcement target
  source { __typename ... on Repository { nameWithOwner } ... on Organization { login } ... on Enterprise { slug } }
  conditions { refName { include exclude } }
  bypassActors(first: 20) {
    totalCount
    nodes {
      bypassMode organizationAdmin enterpriseOwner deployKey repositoryRoleName
      actor { __typename ... on App { slug databaseId } ... on Team { slug databaseId } }
    }
  }
  rules(first: 30) {
    totalCount
    nodes {
      type
      parameters {
        __typename
        ... on PullRequestParameters { requiredApprovingReviewCount requireCodeOwnerReview dismissStaleReviewsOnPush requireLastPushApproval requiredReviewThreadResolution }
        ... on RequiredDeploymentsParameters { requiredDeploymentEnvironments }
        ... on RequiredStatusChecksParameters { strictRequiredStatusChecksPolicy requiredStatusChecks { context integrationId } }
        ... on WorkflowsParameters { workflows { path ref repositoryId sha } }
      }
    }
  }
}`;

const REPOSITORY_SUMMARY = `id databaseId name nameWithOwner visibility isArchived isFork createdAt defaultBranchRef { name target { oid } }`;

/** The organization itself, the caller, and the org's rulesets. */
export const ORG_QUERY = `
query RegolithOrg($org: String!) {
  viewer { login }
  organization(login: $org) {
    id databaseId login requiresTwoFactorAuthentication
    rulesets(first: 50) { totalCount nodes { ...RulesetFields } }
  }
  rateLimit { cost remaining resetAt }
}
${RULESET_FIELDS}`;

/** One page of the org's repositories, by name. */
export const ORG_REPOS_QUERY = `
query RegolithOrgRepos($org: String!, $cursor: String) {
  organization(login: $org) {
    repositories(first: 100, after: $cursor, orderBy: {field: NAME, direction: ASC}) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${REPOSITORY_SUMMARY} }
    }
  }
  rateLimit { cost remaining resetAt }
}`;

/**
 * Everything GraphQL can tell about one repository in one request: its summary,
 * workflow files on the default branch, whether it has environments (their details
 * come from REST, which alone has deployment branch policies), branch protection
 * and rulesets (its own and inherited).
 */
export const REPO_QUERY = `
query RegolithRepo($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) {
    ${REPOSITORY_SUMMARY}
    owner { __typename login ... on Organization { databaseId } ... on User { databaseId } }
    workflowsDir: object(expression: "HEAD:.github/workflows") {
      __typename
      ... on Tree { entries { name path type object { __typename ... on Blob { oid byteSize isBinary isTruncated text } } } }
    }
    environments(first: 1) { totalCount }
    branchProtectionRules(first: 50) {
      totalCount
      nodes {
        pattern isAdminEnforced allowsForcePushes allowsDeletions
        requiresApprovingReviews requiredApprovingReviewCount requiresCodeOwnerReviews dismissesStaleReviews
        requireLastPushApproval requiresStatusChecks requiresStrictStatusChecks requiredStatusCheckContexts
        requiresCommitSignatures requiresLinearHistory requiresConversationResolution
        requiresDeployments requiredDeploymentEnvironments restrictsPushes lockBranch
      }
    }
    rulesets(first: 50, includeParents: true) { totalCount nodes { ...RulesetFields } }
  }
  rateLimit { cost remaining resetAt }
}
${RULESET_FIELDS}`;

/** Every GraphQL document, by operation name (for schema validation in tests). */
export const QUERIES: Readonly<Record<string, string>> = {
  RegolithOrg: ORG_QUERY,
  RegolithOrgRepos: ORG_REPOS_QUERY,
  RegolithRepo: REPO_QUERY,
};
