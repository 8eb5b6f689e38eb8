/**
 * `collect(options, deps)`: one organization's GitHub state as a `github-snapshot`
 * document, validated against its schema before it is returned. Read-only: the
 * adapter never creates, changes or deletes anything, and never asks for a secret
 * value (GitHub has no endpoint for one).
 */
import { authKind } from "./auth.js";
import { Coverage } from "./coverage.js";
import type { GithubSnapshot, OrgFact, RepositoryFact } from "./document.js";
import { SCHEMA_VERSION } from "./document.js";
import type { CollectContext } from "./collect/context.js";
import { byKey } from "./collect/context.js";
import { listRepositories, readOrganization } from "./collect/organization.js";
import { readRepository } from "./collect/repository.js";
import { makeGithubClients, REST_API_VERSION } from "./transport/clients.js";
import type { RetrySettings } from "./transport/retry-policy.js";
import { Limiter } from "./transport/limiter.js";
import { ADAPTER_NAME, ADAPTER_VERSION, LIBRARY_VERSIONS } from "./version.js";
import { assertValidSnapshot } from "./validate.js";

export const DEFAULT_API_URL = "https://api.github.com";

export interface CollectOptions {
  readonly org: string;
  /** Only these repositories (names within the org); all when empty. */
  readonly repositories?: readonly string[];
  readonly includeArchived?: boolean;
  /** REST base URL (GitHub Enterprise Server: `https://HOST/api/v3`). */
  readonly apiUrl?: string;
  readonly token: string;
  /** HTTP requests in flight at most (default 8). */
  readonly concurrency?: number;
}

export interface Progress {
  readonly done: number;
  readonly total: number;
  readonly repository: string | null;
}

export interface CollectDeps {
  readonly fetch?: typeof globalThis.fetch;
  /** The clock for `generated_at`. */
  readonly now?: () => Date;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: RetrySettings;
  readonly onProgress?: (p: Progress) => void;
  readonly onRetry?: (reason: string, waitMs: number) => void;
}

/** Repositories read at once; the HTTP limiter bounds the requests underneath. */
const REPOSITORY_PARALLELISM = 4;

export async function collect(options: CollectOptions, deps: CollectDeps = {}): Promise<GithubSnapshot> {
  const apiUrl = (options.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
  const now = deps.now ?? (() => new Date());
  const generatedAt = now();
  const clients = makeGithubClients({
    baseUrl: apiUrl,
    token: options.token,
    userAgent: `${ADAPTER_NAME.replace("@", "").replace("/", "-")}/${ADAPTER_VERSION}`,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(deps.sleep ? { sleep: deps.sleep } : {}),
    now: () => now().getTime(),
    ...(deps.onRetry ? { onRetry: deps.onRetry } : {}),
  });
  const coverage = new Coverage();
  const ctx: CollectContext = { rest: clients.rest, gql: clients.gql, coverage, org: options.org };

  const { fact: org, viewer } = await readOrganization(ctx, apiUrl);
  const names = await repositoryNames(ctx, options);
  const repositories = await readRepositories(ctx, names, org, deps.onProgress);

  const snapshot: GithubSnapshot = {
    kind: "github-snapshot",
    schema_version: SCHEMA_VERSION,
    generated_at: generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z"),
    adapter: { name: ADAPTER_NAME, version: ADAPTER_VERSION, libs: LIBRARY_VERSIONS },
    source: { rest_base_url: apiUrl, graphql_url: clients.graphqlUrl, rest_api_version: REST_API_VERSION, auth: { kind: authKind(options.token), login: viewer } },
    scope: {
      org: options.org,
      repositories: options.repositories && options.repositories.length > 0 ? [...new Set(options.repositories)].sort() : "all",
      include_archived: options.includeArchived ?? false,
      scanned_ref: "default_branch",
    },
    coverage: coverage.entries,
    stats: { ...clients.stats },
    org,
    repositories,
  };
  assertValidSnapshot(snapshot);
  return snapshot;
}

/** The full names to read: the ones asked for, or every (non-archived unless asked) repository. */
async function repositoryNames(ctx: CollectContext, options: CollectOptions): Promise<string[]> {
  if (options.repositories && options.repositories.length > 0) return [...new Set(options.repositories)].sort().map((r) => `${ctx.org}/${r}`);
  const all = await listRepositories(ctx);
  return all.filter((r) => options.includeArchived || !r.isArchived).map((r) => r.nameWithOwner);
}

async function readRepositories(ctx: CollectContext, names: readonly string[], org: OrgFact, onProgress?: (p: Progress) => void): Promise<RepositoryFact[]> {
  const limiter = new Limiter(REPOSITORY_PARALLELISM);
  let done = 0;
  onProgress?.({ done, total: names.length, repository: null });
  const results = await Promise.all(
    names.map((name) =>
      limiter.run(async () => {
        const fact = await readRepository(ctx, name, org);
        onProgress?.({ done: ++done, total: names.length, repository: name });
        return fact;
      }),
    ),
  );
  return results.filter((r): r is RepositoryFact => r !== null).sort(byKey((r) => r.full_name));
}
