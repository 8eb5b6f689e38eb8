/**
 * The resource URI a snapshot coverage entry is about (CLI.md, "Resource
 * identifiers"), from the entry's `resource`, which names the read:
 *
 *   github-snapshot      org:ORG/actions/secrets/NAME/repositories  → github://ORG/secrets/NAME
 *                        org:ORG/actions/variables/NAME/repositories → github://ORG/variables/NAME
 *                        org:ORG/…                                  → github://ORG
 *                        repo:ORG/REPO/environments/ENV/…           → github://ORG/REPO/environments/ENV
 *                        repo:ORG/REPO/…                            → github://ORG/REPO
 *   cloudflare-snapshot  accounts/ID, accounts/ID/…                 → cloudflare://accounts/ID
 *                        zones?account.id=ID                        → cloudflare://accounts/ID
 *                        user/…                                     → cloudflare://user
 *                        accounts, zones (the lists themselves)     → cloudflare://accounts, cloudflare://zones
 */

/** The last path segments of environment reads (the environment's name comes before them). */
const ENVIRONMENT_READS = new Set(["secrets", "variables", "deployment-branch-policies", "deployment_protection_rules"]);

export function githubCoverageURI(resource: string): string {
  const org = /^org:([^/]+)(?:\/(.*))?$/.exec(resource);
  if (org) {
    const shared = /^actions\/(secrets|variables)\/([^/]+)\/repositories$/.exec(org[2] ?? "");
    return shared ? `github://${org[1]}/${shared[1]}/${shared[2]}` : `github://${org[1]}`;
  }
  const repo = /^repo:([^/]+)\/([^/]+)(?:\/(.*))?$/.exec(resource);
  if (!repo) return `github://${resource.replace(/^(org|repo):/, "")}`;
  const base = `github://${repo[1]}/${repo[2]}`;
  const rest = repo[3] ?? "";
  if (!rest.startsWith("environments/")) return base;
  let env = rest.slice("environments/".length);
  const cut = env.lastIndexOf("/");
  if (cut >= 0 && ENVIRONMENT_READS.has(env.slice(cut + 1))) env = env.slice(0, cut);
  return env === "" ? base : `${base}/environments/${env}`;
}

export function cloudflareCoverageURI(resource: string): string {
  const zonesOf = /^zones\?account\.id=([^&]+)/.exec(resource);
  if (zonesOf) return `cloudflare://accounts/${zonesOf[1]}`;
  const account = /^accounts\/([^/?]+)/.exec(resource);
  if (account) return `cloudflare://accounts/${account[1]}`;
  if (resource === "user" || resource.startsWith("user/") || resource.startsWith("user?")) return "cloudflare://user";
  return `cloudflare://${resource.replace(/[?].*$/, "")}`;
}
