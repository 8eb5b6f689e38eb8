/** `regolith snapshot cloudflare`: the CLI contract over the loopback Cloudflare fake. */
import t from "tap";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fakeAccount, fakeCloudflare, fakeToken, startCloudflareFake } from "../_lib/cloudflare-fake/index.js";
import { run } from "../_lib/cli-run.js";

for (const key of Object.keys(process.env)) if (key.startsWith("CLOUDFLARE_")) delete process.env[key];

t.test("writes a valid document to -o with a summary on stderr", async (t) => {
  const server = await startCloudflareFake(fakeCloudflare({ accounts: [fakeAccount("Acme", { tokens: [fakeToken("ci")] })], userTokens: [fakeToken("mine")] }));
  t.teardown(() => server.close());
  const dir = t.testdir({});
  const r = await run(["snapshot", "cloudflare", "--api-url", server.url, "-o", "cf.json"], dir, undefined, { CLOUDFLARE_API_TOKEN: "cf-test" });
  t.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(readFileSync(join(dir, "cf.json"), "utf8")) as { kind: string; tokens: { name: string }[] };
  t.equal(doc.kind, "cloudflare-snapshot");
  t.same(doc.tokens.map((x) => x.name).sort(), ["ci", "mine"]);
  t.match(r.stderr, /read 2 tokens in 1 accounts as a user token/);
  t.notOk(r.stderr.includes("cf-test"));
});

t.test("an invalid token exits 2 with what to check, never echoing it", async (t) => {
  const server = await startCloudflareFake(fakeCloudflare());
  t.teardown(() => server.close());
  const dir = t.testdir({});
  const r = await run(["snapshot", "cloudflare", "--api-url", server.url, "-o", "cf.json"], dir, undefined, { CLOUDFLARE_API_TOKEN: "cf-not-a-real-token-xyz" });
  t.equal(r.code, 2);
  t.match(r.stderr, /regolith snapshot: Cloudflare rejected the token .*check that CLOUDFLARE_API_TOKEN/);
  t.notOk(r.stderr.includes("cf-not-a-real-token-xyz") || r.stdout.includes("cf-not-a-real-token-xyz"));
  t.notOk(existsSync(join(dir, "cf.json")));
  const none = await run(["snapshot", "cloudflare"], dir);
  t.same([none.code, /no token: set CLOUDFLARE_API_TOKEN/.test(none.stderr)], [2, true]);
});
