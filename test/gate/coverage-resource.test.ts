/** A coverage entry's `resource` (the read) → the URI of the thing the gap is about. */
import t from "tap";
import { cloudflareCoverageURI, githubCoverageURI } from "@regolith/gate";

t.test("github reads map to the organization, a shared secret, a repository or an environment", async (t) => {
  const cases: [string, string][] = [
    ["org:acme/actions/secrets", "github://acme"],
    ["org:acme/actions/oidc/customization/sub", "github://acme"],
    ["org:acme/rulesets", "github://acme"],
    ["org:acme", "github://acme"],
    ["org:acme/actions/secrets/DEPLOY_KEY/repositories", "github://acme/secrets/DEPLOY_KEY"],
    ["org:acme/actions/variables/REGION/repositories", "github://acme/variables/REGION"],
    ["repo:acme/app/graphql", "github://acme/app"],
    ["repo:acme/app/actions/permissions/fork-pr-contributor-approval", "github://acme/app"],
    ["repo:acme/app", "github://acme/app"],
    ["repo:acme/app/environments", "github://acme/app"],
    ["repo:acme/app/environments/production/secrets", "github://acme/app/environments/production"],
    ["repo:acme/app/environments/prod-eu/deployment-branch-policies", "github://acme/app/environments/prod-eu"],
    ["repo:acme/app/environments/staging/deployment_protection_rules", "github://acme/app/environments/staging"],
    ["repo:acme/app/environments/staging", "github://acme/app/environments/staging"],
  ];
  for (const [read, uri] of cases) t.equal(githubCoverageURI(read), uri, read);
});

t.test("cloudflare reads map to the account or the caller's user", async (t) => {
  const cases: [string, string][] = [
    ["accounts/9f1a/tokens", "cloudflare://accounts/9f1a"],
    ["accounts/9f1a/tokens/permission_groups", "cloudflare://accounts/9f1a"],
    ["accounts/9f1a", "cloudflare://accounts/9f1a"],
    ["zones?account.id=9f1a", "cloudflare://accounts/9f1a"],
    ["user/tokens", "cloudflare://user"],
    ["user/tokens/permission_groups", "cloudflare://user"],
    ["accounts", "cloudflare://accounts"],
    ["zones", "cloudflare://zones"],
  ];
  for (const [read, uri] of cases) t.equal(cloudflareCoverageURI(read), uri, read);
});
