/** What every GraphQL node builder needs: the model and the server's tunables. */
import type { FakeOrg } from "../model.js";

export interface GraphEnv {
  org: FakeOrg;
  /** Blob `text` beyond this many bytes is cut and flagged `isTruncated`. */
  blobTextLimit: number;
}

/** Links in GraphQL answers point at github.com, as GitHub's do. */
export const WEB = "https://github.com";

/**
 * A GraphQL object as the fake builds it: field name → value, or → function of the
 * field's arguments. Typed loosely because nodes refer to each other in cycles.
 */
export type GraphNode = { readonly [field: string]: unknown };
