/** What every collector shares for one run. */
import type { Coverage } from "../coverage.js";
import type { GraphqlClient, RestClient } from "../transport/clients.js";

export interface CollectContext {
  readonly rest: RestClient;
  readonly gql: GraphqlClient;
  readonly coverage: Coverage;
  readonly org: string;
}

/** A coverage resource name for an org-level read: `org:ORG/actions/secrets`. */
export function orgResource(ctx: CollectContext, path: string): string {
  return `org:${ctx.org}/${path}`;
}

/** A coverage resource name for a repository read: `repo:ORG/REPO/actions/secrets`. */
export function repoResource(fullName: string, path: string): string {
  return `repo:${fullName}/${path}`;
}

/** Sorts by a string key, for stable document order. */
export function byKey<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
