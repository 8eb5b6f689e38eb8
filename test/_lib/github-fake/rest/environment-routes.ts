/** `/repos/{owner}/{repo}/environments/…`: environments, their secrets, variables and deployment policies. */
import { paginate, VARIABLE_PAGES } from "./paginate.js";
import { ok, route, type Route } from "./router.js";
import { inEnvironment, inRepo, named, publicKey } from "./scope.js";
import { branchPolicyJson, environmentJson, protectionAppJson, secretJson, variableJson } from "./shapes.js";

const ENV = "/repos/{owner}/{repo}/environments/{environment_name}";

export const environmentRoutes: Route[] = [
  route("/repos/{owner}/{repo}/environments", inRepo((req, org, repo) =>
    paginate(req, repo.environments.map((e) => environmentJson(req.base, org, repo, e)), "environments"),
  )),
  route(ENV, inEnvironment((req, org, repo, env) => ok(environmentJson(req.base, org, repo, env)))),
  route(`${ENV}/secrets`, inEnvironment((req, _org, _repo, env) => paginate(req, env.secrets.map(secretJson), "secrets"))),
  route(`${ENV}/secrets/public-key`, inEnvironment((_req, _org, repo, env) => publicKey(`${repo.name}/${env.name}`))),
  route(`${ENV}/secrets/{secret_name}`, inEnvironment((req, _org, _repo, env) => named(env.secrets, req.params["secret_name"], secretJson))),
  route(`${ENV}/variables`, inEnvironment((req, _org, _repo, env) =>
    paginate(req, env.variables.map(variableJson), "variables", VARIABLE_PAGES),
  )),
  route(`${ENV}/variables/{name}`, inEnvironment((req, _org, _repo, env) => named(env.variables, req.params["name"], variableJson))),
  // Only a `custom` policy has patterns; other policies list none [unverified: GitHub may answer 404].
  route(`${ENV}/deployment-branch-policies`, inEnvironment((req, _org, _repo, env) => {
    const policy = env.deploymentBranchPolicy;
    return paginate(req, typeof policy === "object" ? policy.custom.map(branchPolicyJson) : [], "branch_policies");
  })),
  // Not paginated: an environment has at most a handful of app rules.
  route(`${ENV}/deployment_protection_rules`, inEnvironment((req, _org, _repo, env) =>
    ok({
      total_count: env.customProtectionApps.length,
      custom_deployment_protection_rules: env.customProtectionApps.map((r) => protectionAppJson(req.base, r)),
    }),
  )),
];
