/**
 * `oidc_sub_candidates`: the OIDC `sub` values a job can present. A derived field
 * (VENDOR-APIS §5.1 principle 1), so it is a pure function of facts that are in the
 * same document: the repository's `sub_claim_prefix` and `effective_sub_template`,
 * its default branch, the job's `environment` and the workflow's `triggers`. It
 * encodes no opinion; policies match the candidates against declared trust rules.
 *
 * Derivation, for GitHub's default template (`repo`, `context`) only; with a
 * customized template or an unknown prefix the result is `[]`.
 *
 * 1. A job with an environment presents `PREFIX:environment:NAME` and nothing else
 *    (the environment takes precedence over the ref in the default `sub`).
 * 2. Otherwise, per trigger:
 *    - `pull_request`, `pull_request_target`, `pull_request_review`,
 *      `pull_request_review_comment` → `PREFIX:pull_request`.
 *      `pull_request_target` runs on the base branch (its `ref` claim is the base
 *      branch), so its branch filters, or the default branch, are added as
 *      `ref:refs/heads/…` candidates too: which of the two GitHub puts in `sub` is not
 *      settled in the sources we have, and a candidate list must not miss one.
 *    - `push` → `PREFIX:ref:refs/heads/B` for each `branches` entry and
 *      `PREFIX:ref:refs/tags/T` for each `tags` entry. Without a `branches` list
 *      branch pushes still run unless only tag filters are given (GitHub's rule:
 *      defining only one kind of ref filter excludes the other kind), and the default
 *      branch stands for them. A `tags-ignore`-only push gives no tag candidate: the
 *      tags are not known.
 *    - Events that run on the default branch (`schedule`, `workflow_dispatch`,
 *      `workflow_run`, `repository_dispatch`, `issue_comment`, `issues` and the other
 *      repository-activity events in GitHub's event table) → the default branch.
 *    - Others (`workflow_call`: the caller's context; `release`, `create`,
 *      `deployment`, `merge_group`, …: refs not knowable from the file) → none.
 * 3. Filters are kept as written, glob patterns included (policies match them);
 *    negated entries (`!main`) are skipped. An environment name written as an
 *    expression is kept as written too. `:` inside a value is encoded as `%3A`, as
 *    GitHub encodes it.
 * 4. Sorted, deduplicated.
 */

export interface OidcSubjectInput {
  readonly subClaimPrefix: string | null;
  readonly effectiveSubTemplate: readonly string[] | null;
  readonly defaultBranch: string | null;
  readonly environment: string | null;
  readonly triggers: Readonly<Record<string, unknown>>;
}

const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"]);

/** Events whose runs use the default branch as `GITHUB_REF` (GitHub's "Events that trigger workflows"). */
const DEFAULT_BRANCH_EVENTS = new Set([
  "branch_protection_rule", "check_run", "check_suite", "delete", "discussion", "discussion_comment", "fork",
  "gollum", "issue_comment", "issues", "label", "milestone", "page_build", "project", "project_card",
  "project_column", "public", "repository_dispatch", "schedule", "status", "watch", "workflow_dispatch",
  "workflow_run",
]);

export function oidcSubCandidates(input: OidcSubjectInput): string[] {
  const prefix = input.subClaimPrefix;
  if (prefix === null || !isDefaultTemplate(input.effectiveSubTemplate)) return [];
  if (input.environment !== null) return [`${prefix}:environment:${encode(input.environment)}`];
  const found = new Set<string>();
  const branch = (name: string): void => void found.add(`${prefix}:ref:refs/heads/${encode(name)}`);
  const tag = (name: string): void => void found.add(`${prefix}:ref:refs/tags/${encode(name)}`);
  const defaultBranch = (): void => {
    if (input.defaultBranch !== null) branch(input.defaultBranch);
  };
  for (const [event, config] of Object.entries(input.triggers)) {
    if (PULL_REQUEST_EVENTS.has(event)) {
      found.add(`${prefix}:pull_request`);
      if (event === "pull_request_target") {
        const branches = literalFilter(config, "branches");
        if (branches.length > 0) branches.forEach(branch);
        else defaultBranch();
      }
    } else if (event === "push") {
      const branches = literalFilter(config, "branches");
      const tags = literalFilter(config, "tags");
      branches.forEach(branch);
      tags.forEach(tag);
      const onlyTagFilters = hasFilter(config, "tags") && !hasFilter(config, "branches");
      if (!hasKey(config, "branches") && !onlyTagFilters) defaultBranch();
    } else if (DEFAULT_BRANCH_EVENTS.has(event)) {
      defaultBranch();
    }
  }
  return [...found].sort();
}

function isDefaultTemplate(template: readonly string[] | null): boolean {
  return template === null || (template.length === 2 && template[0] === "repo" && template[1] === "context");
}

function encode(value: string): string {
  return value.replaceAll(":", "%3A");
}

function hasKey(config: unknown, key: string): boolean {
  return typeof config === "object" && config !== null && !Array.isArray(config) && key in config;
}

/** A `NAME` or `NAME-ignore` filter is present. */
function hasFilter(config: unknown, name: string): boolean {
  return hasKey(config, name) || hasKey(config, `${name}-ignore`);
}

/** The filter's string entries, negations left out (redacted entries are not names). */
function literalFilter(config: unknown, key: string): string[] {
  if (!hasKey(config, key)) return [];
  const list = (config as Record<string, unknown>)[key];
  const items = Array.isArray(list) ? list : [list];
  return items.filter((item): item is string => typeof item === "string" && item !== "" && !item.startsWith("!"));
}
