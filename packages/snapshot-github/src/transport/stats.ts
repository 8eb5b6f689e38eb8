/** What a run cost: requests by kind, GraphQL points, retries. */
export interface TransportStats {
  rest_requests: number;
  graphql_requests: number;
  graphql_points: number;
  retries: number;
}

export function emptyStats(): TransportStats {
  return { rest_requests: 0, graphql_requests: 0, graphql_points: 0, retries: 0 };
}
