/**
 * (d) The GitHub adapter's request budget: a snapshot of a generated organization of
 * 1,000 repositories from the loopback fake, with the requests each repository
 * cost (target: at most 12 REST plus 1 GraphQL) and the GraphQL points spent.
 */
import { collect } from "@regolith/snapshot-github";
import { generateOrg, startGitHubFake } from "../_lib/github-fake/index.js";

export async function snapshotBudget(): Promise<void> {
  const org = generateOrg(1000, 1);
  const server = await startGitHubFake(org, { rateLimits: { core: 1_000_000, graphql: 1_000_000 } });
  try {
    const t0 = performance.now();
    const doc = await collect({ org: org.login, apiUrl: server.url, token: "bench-token", includeArchived: true }, { sleep: async () => {} });
    const ms = performance.now() - t0;
    const perRepo = new Map<string, { rest: number; graphql: number }>();
    let orgLevel = 0;
    for (const r of server.requests.entries) {
      if (r.repositories.length === 0) orgLevel++;
      for (const repo of r.repositories) {
        const c = perRepo.get(repo) ?? { rest: 0, graphql: 0 };
        if (r.graphql) c.graphql++;
        else c.rest++;
        perRepo.set(repo, c);
      }
    }
    const counts = [...perRepo.values()];
    const n = counts.length;
    const rest = counts.reduce((s, c) => s + c.rest, 0);
    const graphql = counts.reduce((s, c) => s + c.graphql, 0);
    const maxRest = Math.max(...counts.map((c) => c.rest));
    console.log("(d) snapshot github: 1,000 generated repositories from the loopback fake");
    console.log(`    repositories read    ${doc.repositories.length} (${doc.coverage.filter((c) => c.status !== "not_applicable").length} coverage gaps)`);
    console.log(`    REST per repository  ${(rest / n).toFixed(2)} on average, ${maxRest} at most   (target: at most 12)`);
    console.log(`    GraphQL per repo     ${(graphql / n).toFixed(2)}   (target: 1)`);
    console.log(`    org-level requests   ${orgLevel}`);
    console.log(`    GraphQL points       ${doc.stats.graphql_points} in ${doc.stats.graphql_requests} requests`);
    console.log(`    wall time            ${(ms / 1000).toFixed(1)} s against loopback`);
  } finally {
    await server.close();
  }
}
