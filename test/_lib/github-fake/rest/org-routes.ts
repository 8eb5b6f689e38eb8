/** `/orgs/{org}/…`: the organization's Actions secrets, variables, OIDC and policy settings. */
import type { FakeOrg, FakeOrgSecret } from "../model.js";
import { LIST_PAGES, paginate, VARIABLE_PAGES } from "./paginate.js";
import { notFound, ok, okOr404, route, type Reply, type RestRequest, type Route } from "./router.js";
import { findNamed, inOrg, named, publicKey } from "./scope.js";
import { minimalRepository, orgScoped } from "./shapes.js";

/** The repositories a `selected` secret or variable lists (an empty list for other visibilities). */
function selectedRepos(req: RestRequest, org: FakeOrg, item: Pick<FakeOrgSecret, "visibility" | "selectedRepos">): Reply {
  const wanted = new Set(item.visibility === "selected" ? item.selectedRepos.map((n) => n.toLowerCase()) : []);
  const repos = org.repos.filter((r) => wanted.has(r.name.toLowerCase()));
  return paginate(req, repos.map((r) => minimalRepository(req.base, org, r)), "repositories", LIST_PAGES);
}

export const orgRoutes: Route[] = [
  route("/orgs/{org}", inOrg((req, org) =>
    ok({
      login: org.login,
      id: org.id,
      node_id: org.nodeId,
      name: org.name,
      url: `${req.base}/orgs/${org.login}`,
      two_factor_requirement_enabled: org.requiresTwoFactorAuthentication,
    }),
  )),
  route("/orgs/{org}/repos", inOrg((req, org) => paginate(req, org.repos.map((r) => minimalRepository(req.base, org, r)), null))),

  route("/orgs/{org}/actions/secrets", inOrg((req, org) => paginate(req, org.secrets.map((s) => orgScoped(req.base, org, "secrets", s)), "secrets"))),
  route("/orgs/{org}/actions/secrets/public-key", inOrg((_req, org) => publicKey(org.login))),
  route("/orgs/{org}/actions/secrets/{secret_name}", inOrg((req, org) =>
    named(org.secrets, req.params["secret_name"], (s) => orgScoped(req.base, org, "secrets", s)),
  )),
  route("/orgs/{org}/actions/secrets/{secret_name}/repositories", inOrg((req, org) => {
    const secret = findNamed(org.secrets, req.params["secret_name"]);
    return secret ? selectedRepos(req, org, secret) : notFound();
  })),

  route("/orgs/{org}/actions/variables", inOrg((req, org) =>
    paginate(req, org.variables.map((v) => orgScoped(req.base, org, "variables", v)), "variables", VARIABLE_PAGES),
  )),
  route("/orgs/{org}/actions/variables/{name}", inOrg((req, org) =>
    named(org.variables, req.params["name"], (v) => orgScoped(req.base, org, "variables", v)),
  )),
  route("/orgs/{org}/actions/variables/{name}/repositories", inOrg((req, org) => {
    const variable = findNamed(org.variables, req.params["name"]);
    return variable ? selectedRepos(req, org, variable) : notFound();
  })),

  route("/orgs/{org}/actions/oidc/customization/sub", inOrg((_req, org) => okOr404(org.oidcSub))),
  route("/orgs/{org}/actions/oidc/customization/properties/repo", inOrg((_req, org) => ok(org.customPropertyClaims))),
  route("/orgs/{org}/actions/permissions", inOrg((req, org) => {
    const p = org.actions.permissions;
    return ok({
      ...p,
      ...(p.enabled_repositories === "selected" ? { selected_repositories_url: `${req.base}/orgs/${org.login}/actions/permissions/repositories` } : {}),
      ...(p.allowed_actions === "selected" ? { selected_actions_url: `${req.base}/orgs/${org.login}/actions/permissions/selected-actions` } : {}),
    });
  })),
  route("/orgs/{org}/actions/permissions/workflow", inOrg((_req, org) => ok(org.actions.workflowPermissions))),
  route("/orgs/{org}/actions/permissions/fork-pr-contributor-approval", inOrg((_req, org) => okOr404(org.actions.forkPrContributorApproval))),
  route("/orgs/{org}/actions/permissions/fork-pr-workflows-private-repos", inOrg((_req, org) => okOr404(org.actions.forkPrWorkflowsPrivateRepos))),
];
