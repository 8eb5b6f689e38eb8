/**
 * Questions both the GraphQL and the REST side ask of the model, answered once:
 * name lookups (GitHub matches owner, repository and environment names without
 * regard to case), what an org secret's visibility lets a repository see, and which
 * org rulesets reach a repository.
 */
import type { FakeEnvironment, FakeOrg, FakeOrgSecret, FakeRepo, FakeRuleset } from "./model.js";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function isOrg(org: FakeOrg, login: string): boolean {
  return same(org.login, login);
}

export function findRepo(org: FakeOrg, owner: string, name: string): FakeRepo | undefined {
  return isOrg(org, owner) ? org.repos.find((r) => same(r.name, name)) : undefined;
}

export function findEnvironment(repo: FakeRepo, name: string): FakeEnvironment | undefined {
  return repo.environments.find((e) => same(e.name, name));
}

/** `private` reaches private and internal repositories; `selected` only the listed ones. */
export function visibleTo<T extends Pick<FakeOrgSecret, "visibility" | "selectedRepos">>(
  items: readonly T[],
  repo: FakeRepo,
): T[] {
  return items.filter((item) => {
    switch (item.visibility) {
      case "all":
        return true;
      case "private":
        return repo.visibility !== "public";
      case "selected":
        return item.selectedRepos.some((n) => same(n, repo.name));
    }
  });
}

/** `fnmatch`-style patterns as rulesets use them: `*` matches anything, `~ALL` everything. */
function matchesName(pattern: string, name: string): boolean {
  if (pattern === "~ALL") return true;
  const re = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${re}$`, "i").test(name);
}

/** Org rulesets without repository conditions apply to every repository. */
export function orgRulesetsFor(org: FakeOrg, repo: FakeRepo): FakeRuleset[] {
  return org.rulesets.filter((rs) => {
    const cond = rs.repositoryName;
    if (!cond) return true;
    return cond.include.some((p) => matchesName(p, repo.name)) && !cond.exclude.some((p) => matchesName(p, repo.name));
  });
}

/**
 * The prefix GitHub puts before `:…` in the OIDC `sub` claim. The immutable form
 * carries the owner's and the repository's ids (VENDOR-APIS §0 item 3).
 */
export function subClaimPrefix(org: FakeOrg, repo: FakeRepo): string {
  return repo.oidcSub.use_immutable_subject
    ? `repo:${org.login}@${org.id}/${repo.name}@${repo.id}`
    : `repo:${org.login}/${repo.name}`;
}
