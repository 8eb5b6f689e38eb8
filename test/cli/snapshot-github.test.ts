/** `regolith snapshot github`: the CLI contract over the loopback GitHub fake. */
import t from "tap";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeOrg, fakeRepo, startGitHubFake } from "../_lib/github-fake/index.js";
import { run } from "../_lib/cli-run.js";

const TOKEN = "gh-cli-test-token";

t.test("writes a valid document atomically to -o, progress and a summary to stderr", async (t) => {
  const server = await startGitHubFake(fakeOrg({ repos: [fakeRepo({ name: "app" }), fakeRepo({ name: "site", visibility: "public" })] }));
  t.teardown(() => server.close());
  const dir = t.testdir({});
  const r = await run(["snapshot", "github", "--org", "acme", "--api-url", server.url, "-o", "acme.json"], dir, undefined, { GITHUB_TOKEN: TOKEN });
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stdout, "", "the document goes to the file, not standard output");
  const doc = JSON.parse(readFileSync(join(dir, "acme.json"), "utf8")) as { kind: string; repositories: { name: string }[] };
  t.equal(doc.kind, "github-snapshot");
  t.same(doc.repositories.map((x) => x.name), ["app", "site"]);
  t.match(r.stderr, /repositories: 2\/2 done/);
  t.match(r.stderr, /read 2 repositories of acme: \d+ REST requests, \d+ GraphQL requests/);
  t.notOk(r.stderr.includes(TOKEN) || readFileSync(join(dir, "acme.json"), "utf8").includes(TOKEN), "the token is printed nowhere");
  t.same(
    (await import("node:fs")).readdirSync(dir).filter((f) => f.endsWith(".tmp")),
    [],
    "no temporary file is left behind",
  );
});

t.test("GH_TOKEN works too, and the document goes to stdout without -o", async (t) => {
  const server = await startGitHubFake(fakeOrg({ repos: [fakeRepo({ name: "app" })] }));
  t.teardown(() => server.close());
  const r = await run(["snapshot", "github", "--org", "acme", "--api-url", server.url, "--repo", "app"], t.testdir({}), undefined, { GH_TOKEN: TOKEN });
  t.equal(r.code, 0, r.stderr);
  t.match(JSON.parse(r.stdout), { kind: "github-snapshot", scope: { repositories: ["app"] } });
});

t.test("misuse and fatal failures exit 2 with a message that says what to do", async (t) => {
  const dir = t.testdir({});
  const noToken = await run(["snapshot", "github", "--org", "acme"], dir);
  t.equal(noToken.code, 2);
  t.match(noToken.stderr, /no token: set GITHUB_TOKEN \(or GH_TOKEN\)/);
  const noOrg = await run(["snapshot", "github"], dir, undefined, { GITHUB_TOKEN: TOKEN });
  t.same([noOrg.code, /--org ORG is required/.test(noOrg.stderr)], [2, true]);
  const tokenFlag = await run(["snapshot", "github", "--org", "acme", "--token", "x"], dir, undefined, { GITHUB_TOKEN: TOKEN });
  t.same([tokenFlag.code, /unknown flag: --token/.test(tokenFlag.stderr)], [2, true], "there is no flag for a token");

  const server = await startGitHubFake(fakeOrg());
  const url = server.url;
  await server.close();
  const unreachable = await run(["snapshot", "github", "--org", "acme", "--api-url", url, "-o", "x.json"], dir, undefined, { GITHUB_TOKEN: TOKEN });
  t.equal(unreachable.code, 2);
  t.match(unreachable.stderr, /cannot reach the GitHub API/);
  t.notOk(existsSync(join(dir, "x.json")), "no document is written when the run fails");
  t.notOk(unreachable.stderr.includes(TOKEN));
  t.match((await run(["snapshot", "github", "--help"], dir)).stdout, /Usage: regolith snapshot github --org ORG/);
});
