/** `/repos/{owner}/{repo}/…`: a repository's Actions secrets, variables, OIDC and policy settings. */
import { subClaimPrefix, visibleTo } from "../lookup.js";
import { paginate, VARIABLE_PAGES } from "./paginate.js";
import { ok, okOr404, route, type Route } from "./router.js";
import { inRepo, named, publicKey } from "./scope.js";
import { minimalRepository, secretJson, variableJson, workflowJson } from "./shapes.js";

export const repoRoutes: Route[] = [
  route("/repos/{owner}/{repo}", inRepo((req, org, repo) => ok(minimalRepository(req.base, org, repo)))),

  route("/repos/{owner}/{repo}/actions/secrets", inRepo((req, _org, repo) => paginate(req, repo.secrets.map(secretJson), "secrets"))),
  route("/repos/{owner}/{repo}/actions/secrets/public-key", inRepo((_req, _org, repo) => publicKey(repo.name))),
  route("/repos/{owner}/{repo}/actions/secrets/{secret_name}", inRepo((req, _org, repo) => named(repo.secrets, req.params["secret_name"], secretJson))),
  route("/repos/{owner}/{repo}/actions/organization-secrets", inRepo((req, org, repo) =>
    paginate(req, visibleTo(org.secrets, repo).map(secretJson), "secrets"),
  )),

  route("/repos/{owner}/{repo}/actions/variables", inRepo((req, _org, repo) =>
    paginate(req, repo.variables.map(variableJson), "variables", VARIABLE_PAGES),
  )),
  route("/repos/{owner}/{repo}/actions/variables/{name}", inRepo((req, _org, repo) => named(repo.variables, req.params["name"], variableJson))),
  route("/repos/{owner}/{repo}/actions/organization-variables", inRepo((req, org, repo) =>
    paginate(req, visibleTo(org.variables, repo).map(variableJson), "variables", VARIABLE_PAGES),
  )),

  route("/repos/{owner}/{repo}/actions/oidc/customization/sub", inRepo((_req, org, repo) =>
    ok({ ...repo.oidcSub, sub_claim_prefix: repo.oidcSub.sub_claim_prefix ?? subClaimPrefix(org, repo) }),
  )),
  route("/repos/{owner}/{repo}/actions/permissions", inRepo((req, org, repo) => {
    const p = repo.actions.permissions;
    const selected = p.allowed_actions === "selected";
    return ok({ ...p, ...(selected ? { selected_actions_url: `${req.base}/repos/${org.login}/${repo.name}/actions/permissions/selected-actions` } : {}) });
  })),
  route("/repos/{owner}/{repo}/actions/permissions/workflow", inRepo((_req, _org, repo) => ok(repo.actions.workflowPermissions))),
  route("/repos/{owner}/{repo}/actions/permissions/fork-pr-contributor-approval", inRepo((_req, _org, repo) =>
    okOr404(repo.actions.forkPrContributorApproval),
  )),
  route("/repos/{owner}/{repo}/actions/permissions/fork-pr-workflows-private-repos", inRepo((_req, _org, repo) =>
    okOr404(repo.actions.forkPrWorkflowsPrivateRepos),
  )),
  route("/repos/{owner}/{repo}/actions/permissions/access", inRepo((_req, _org, repo) => okOr404(repo.actions.access))),
  route("/repos/{owner}/{repo}/actions/workflows", inRepo((req, org, repo) =>
    paginate(req, repo.workflows.map((w) => workflowJson(req.base, org, repo, w)), "workflows"),
  )),
];
