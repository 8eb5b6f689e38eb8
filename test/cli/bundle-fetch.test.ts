/**
 * `-b https://…` / `-b http://…`: bundles fetched from a bundle server (here a
 * loopback node:http server on 127.0.0.1, no internet), with a bearer token read
 * from the environment variable that --bundle-token-env names, cached by ETag and
 * verified like a local archive. The token never appears in output.
 */
import t, { type Test } from "tap";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";
import { flipByte, repack, writeKeyPair } from "../_lib/bundle-kit.js";

const TOKEN = "tok-7c1f0e5b9a2d4e61";
const ETAG = '"rev-1"';

interface Seen {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly ifNoneMatch: string | undefined;
  readonly status: number;
}

/** A bundle server: `/NAME.tar.gz` serves `bodies[NAME]`, wants the bearer token, honours If-None-Match. */
async function bundleServer(t: Test, bodies: Record<string, Buffer>): Promise<{ base: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const body = bodies[path.replace(/^\/|\.tar\.gz$/g, "")];
    const status = req.headers.authorization !== `Bearer ${TOKEN}` ? 401 : !body ? 404 : req.headers["if-none-match"] === ETAG ? 304 : 200;
    seen.push({ path, authorization: req.headers.authorization, ifNoneMatch: req.headers["if-none-match"], status });
    if (status === 200) res.writeHead(200, { "content-type": "application/gzip", etag: ETAG }).end(body);
    else res.writeHead(status, status === 401 ? { "www-authenticate": "Bearer" } : {}).end();
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const policy = "package acme.authz\n\nallow if input.user in data.acme.admins\n";
const policyTest = 'package acme.authz_test\n\nimport data.acme.authz\n\ntest_admin if authz.allow with input.user as "ann"\n';

async function signedBundle(t: Test): Promise<{ dir: string; bytes: Buffer; tampered: Buffer }> {
  const dir = t.testdir({
    src: { ".manifest": '{"roots": ["acme"]}', "authz.rego": policy, "authz_test.rego": policyTest, acme: { "data.json": '{"admins": ["ann"]}' } },
    "input.json": '{"user": "ann"}',
  });
  writeKeyPair(dir, "k");
  t.equal((await run(["bundle", "build", "src", "-o", "s.tar.gz", "--include-tests", "--signing-key", "k.pem"], dir)).code, 0);
  repack(join(dir, "s.tar.gz"), join(dir, "t.tar.gz"), (f) => f.set("authz.rego", flipByte(f.get("authz.rego")!)));
  return { dir, bytes: readFileSync(join(dir, "s.tar.gz")), tampered: readFileSync(join(dir, "t.tar.gz")) };
}

const env = { BUNDLE_TOKEN: TOKEN };
const query = ["-i", "input.json", "-f", "raw", "data.acme.authz.allow"];

t.test("200 with an ETag, then 304 served from the cache; the token is sent, never shown", async (t) => {
  const { dir, bytes } = await signedBundle(t);
  const server = await bundleServer(t, { policy: bytes });
  const args = ["eval", "-b", `${server.base}/policy.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", "--verification-key", "k.pub.pem", "--require-signature", ...query];

  const first = await run(args, dir, undefined, env);
  t.same([first.code, first.stdout, first.stderr], [0, "true\n", ""]);
  t.same(server.seen[0], { path: "/policy.tar.gz", authorization: `Bearer ${TOKEN}`, ifNoneMatch: undefined, status: 200 });
  t.ok(readdirSync(join(dir, "cache")).some((f) => f.endsWith(".tar.gz")), "the bundle is cached under --bundle-cache");

  const second = await run(args, dir, undefined, env);
  t.same([second.code, second.stdout, second.stderr], [0, "true\n", ""]);
  t.same(server.seen[1], { path: "/policy.tar.gz", authorization: `Bearer ${TOKEN}`, ifNoneMatch: ETAG, status: 304 }, "revalidated with If-None-Match; 304 has no body");

  const tests = await run(["test", `${server.base}/policy.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", "--verification-key", "k.pub.pem"], dir, undefined, env);
  t.same([tests.code, tests.stdout], [0, "PASS: 1/1\n"], "regolith test takes a bundle URL as a PATH");
  const verify = await run(["bundle", "verify", `${server.base}/policy.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", "--verification-key", "k.pub.pem"], dir, undefined, env);
  t.equal(verify.code, 0);
  t.match(verify.stdout, `${server.base}/policy.tar.gz: verified`);
  for (const r of [first, second, tests, verify]) t.notMatch(r.stdout + r.stderr, TOKEN);
});

t.test("401 without a token, or with a wrong one: exit 2, and the token is never printed", async (t) => {
  const { dir, bytes } = await signedBundle(t);
  const server = await bundleServer(t, { policy: bytes });
  const url = `${server.base}/policy.tar.gz`;

  const none = await run(["eval", "-b", url, "--bundle-cache", "cache", ...query], dir, undefined, env);
  t.same([none.code, none.stdout], [2, ""]);
  t.match(none.stderr, `regolith eval: ${url}: HTTP 401 Unauthorized (the server wants credentials: name the variable holding a bearer token with --bundle-token-env NAME)`);
  t.equal(server.seen[0]?.authorization, undefined, "no Authorization header without --bundle-token-env");

  const wrong = await run(["eval", "-b", url, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", ...query], dir, undefined, { BUNDLE_TOKEN: "not-the-token-5e2a" });
  t.equal(wrong.code, 2);
  t.match(wrong.stderr, "HTTP 401");
  t.notMatch(wrong.stderr + wrong.stdout, "not-the-token-5e2a");

  const unset = await run(["eval", "-b", url, "--bundle-token-env", "MISSING_TOKEN", "--bundle-cache", "cache", ...query], dir, undefined, env);
  t.equal(unset.code, 2);
  t.match(unset.stderr, "--bundle-token-env names the variable MISSING_TOKEN, which is not set or empty");

  const value = await run(["eval", "-b", url, "--bundle-token-env", TOKEN, "--bundle-cache", "cache", ...query], dir, undefined, env);
  t.equal(value.code, 2, "a token passed where the variable's name belongs is refused");
  t.match(value.stderr, "--bundle-token-env takes the NAME of an environment variable");
  t.notMatch(value.stderr, TOKEN, "and not echoed");
  t.equal(server.seen.length, 2, "nothing was fetched for the refused flags");

  const secretQuery = await run(["eval", "-b", `${server.base}/missing.tar.gz?sig=QUERY-SECRET-91`, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", ...query], dir, undefined, env);
  t.equal(secretQuery.code, 2);
  t.match(secretQuery.stderr, `${server.base}/missing.tar.gz?…: HTTP 404`);
  t.notMatch(secretQuery.stderr, "QUERY-SECRET-91", "a URL's query string (a signed URL) is not printed");
});

t.test("a fetched bundle is verified like a local one; the default cache follows XDG_CACHE_HOME, then HOME", async (t) => {
  const { dir, bytes, tampered } = await signedBundle(t);
  const server = await bundleServer(t, { policy: bytes, tampered });

  const bad = await run(["eval", "-b", `${server.base}/tampered.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", "--verification-key", "k.pub.pem", ...query], dir, undefined, { ...env, XDG_CACHE_HOME: join(dir, "xdg") });
  t.equal(bad.code, 2);
  t.match(bad.stderr, `${server.base}/tampered.tar.gz: verification failed:\n  authz.rego: modified`);

  const xdg = await run(["eval", "-b", `${server.base}/policy.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", ...query], dir, undefined, { ...env, XDG_CACHE_HOME: join(dir, "xdg") });
  t.equal(xdg.code, 0, xdg.stderr);
  t.ok(readdirSync(join(dir, "xdg/regolith/bundles")).some((f) => f.endsWith(".tar.gz")), "$XDG_CACHE_HOME/regolith/bundles");
  const home = await run(["eval", "-b", `${server.base}/policy.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", ...query], dir, undefined, { ...env, HOME: join(dir, "home") });
  t.equal(home.code, 0, home.stderr);
  t.ok(existsSync(join(dir, "home/.cache/regolith/bundles")), "~/.cache/regolith/bundles without XDG_CACHE_HOME");
});

t.test("gate -b URL: the shipped bundle, signed and served, gives the gate's findings", async (t) => {
  const root = join(import.meta.dirname, "../..");
  const dir = t.testdir({});
  writeKeyPair(dir, "ci");
  t.equal((await run(["bundle", "build", join(root, "policies/credential-hygiene"), "-o", "ch.tar.gz", "--signing-key", "ci.pem"], dir)).code, 0);
  const server = await bundleServer(t, { ch: readFileSync(join(dir, "ch.tar.gz")) });
  const r = await run(
    ["gate", "-b", `${server.base}/ch.tar.gz`, "--bundle-token-env", "BUNDLE_TOKEN", "--bundle-cache", "cache", "--verification-key", "ci.pub.pem", "--require-signature", "-i", join(root, "schemas/examples/cloudflare-snapshot.acme.json"), "-f", "json"],
    dir,
    undefined,
    env,
  );
  t.equal(r.code, 1, r.stderr);
  t.ok((JSON.parse(r.stdout).findings as { rule: string }[]).some((f) => f.rule.startsWith("CF-TOK-")), "Cloudflare findings from the fetched bundle");
  t.notMatch(r.stdout + r.stderr, TOKEN);
});
