/**
 * Relay connections over plain arrays, with GitHub's cursor behaviour: `first`/`after`
 * and `last`/`before`, `pageInfo`, `edges` and `nodes`. The "first or last, at most
 * 100" rule is checked before execution (analyze.ts), as GitHub checks it.
 */
import { GraphQLError } from "graphql";
import { decodeCursor, encodeCursor } from "../ids.js";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

function position(cursor: string): number {
  const n = decodeCursor(cursor);
  if (n === undefined) {
    throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`, {
      extensions: { type: "INVALID_CURSOR_ARGUMENTS" },
    });
  }
  return n;
}

export function connection<T>(items: readonly T[], args: ConnectionArgs): Connection<T> {
  // Positions are 1-based: the cursor of items[i] encodes i + 1.
  let start = args.after ? position(args.after) : 0;
  let end = args.before ? position(args.before) - 1 : items.length;
  start = Math.min(Math.max(start, 0), items.length);
  end = Math.max(Math.min(end, items.length), start);
  let from = start;
  let to = end;
  if (typeof args.first === "number") to = Math.min(to, from + args.first);
  if (typeof args.last === "number") from = Math.max(from, to - args.last);
  const page = items.slice(from, to);
  const edges = page.map((node, i) => ({ cursor: encodeCursor(from + i + 1), node }));
  return {
    totalCount: items.length,
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: to < end,
      hasPreviousPage: from > start,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** A connection-valued field: GraphQL's default resolver calls it with the field's args. */
export function connectionField<T>(items: () => readonly T[]): (args: ConnectionArgs) => Connection<T> {
  return (args) => connection(items(), args);
}
