/**
 * Fetching bundles from a loopback HTTP server (node:http on 127.0.0.1, no
 * internet): bearer token, ETag cache with If-None-Match/304, redirects that keep
 * the token on its origin, size limit, errors that never show the token or a query
 * string; and the whole path: fetch, read, verify.
 */
import t from "tap";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readdirSync } from "node:fs";
import { fetchBundle, loadVerificationKeys, readBundleArchive, verifyBundle } from "@regolith/bundle";
import { signedBundle } from "../_lib/bundle-signed.js";

const TOKEN = "test-token-value-0123456789";
const signed = await signedBundle({ keyId: "k1" });
let current = { etag: '"v1"', bytes: Buffer.from(signed.bytes) };
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

const server: Server = createServer((req, res) => {
  seen.push({ url: req.url ?? "", headers: req.headers });
  const path = new URL(req.url ?? "/", "http://x").pathname;
  const authorized = req.headers.authorization === `Bearer ${TOKEN}`;
  switch (path) {
    case "/bundle.tar.gz":
      if (!authorized) return void res.writeHead(401).end("no");
      if (req.headers["if-none-match"] === current.etag) return void res.writeHead(304, { etag: current.etag }).end();
      return void res.writeHead(200, { etag: current.etag, "content-type": "application/gzip" }).end(current.bytes);
    case "/noetag":
      return void res.writeHead(200).end(current.bytes);
    case "/always304":
      return void res.writeHead(304).end();
    case "/big":
      return void res.writeHead(200, { "content-length": String(10 * 1024 * 1024) }).end();
    case "/stream": {
      res.writeHead(200); // chunked: no length given
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const more = (): void => {
        while (sent < 4 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      return more();
    }
    case "/to-same":
      return void res.writeHead(302, { location: "/bundle.tar.gz" }).end();
    case "/to-other":
      return void res.writeHead(302, { location: `http://localhost:${port}/bundle.tar.gz` }).end();
    case "/loop":
      return void res.writeHead(302, { location: "/loop" }).end();
    case "/to-file":
      return void res.writeHead(302, { location: "file:///etc/passwd" }).end();
    default:
      return void res.writeHead(404, "Not Found").end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as AddressInfo).port;
const base = `http://127.0.0.1:${port}`;
t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A loopback port with nothing listening: open one, then close it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const p = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return p;
}

t.test("200 with a bearer token, then 304 from the cache by ETag, then 200 when it changes", async (t) => {
  const cacheDir = t.testdir({});
  seen.length = 0;
  const first = await fetchBundle(`${base}/bundle.tar.gz`, { token: TOKEN, cacheDir });
  t.match(first, { fromCache: false, etag: '"v1"' });
  t.same(Buffer.from(first.bytes), current.bytes);
  t.equal(seen[0]!.headers.authorization, `Bearer ${TOKEN}`);
  t.equal(seen[0]!.headers["if-none-match"], undefined, "nothing cached yet");
  t.ok(readdirSync(cacheDir).every((f) => /^[0-9a-f]{64}\.(json|tar\.gz)$/.test(f)), "cache names do not contain the URL");

  const second = await fetchBundle(`${base}/bundle.tar.gz`, { token: TOKEN, cacheDir });
  t.equal(seen[1]!.headers["if-none-match"], '"v1"');
  t.match(second, { fromCache: true, etag: '"v1"' });
  t.same(Buffer.from(second.bytes), current.bytes);

  current = { etag: '"v2"', bytes: Buffer.from("new bytes") };
  const third = await fetchBundle(`${base}/bundle.tar.gz`, { token: TOKEN, cacheDir });
  t.match(third, { fromCache: false, etag: '"v2"' });
  t.equal(Buffer.from(third.bytes).toString(), "new bytes");
  t.match(await fetchBundle(`${base}/bundle.tar.gz`, { token: TOKEN, cacheDir }), { fromCache: true, etag: '"v2"' });
  current = { etag: '"v1"', bytes: Buffer.from(signed.bytes) };
});

t.test("fetched like any bundle: read and verified by the caller", async (t) => {
  const { bytes } = await fetchBundle(`${base}/bundle.tar.gz`, { token: TOKEN, cacheDir: t.testdir({}) });
  const url = `${base}/bundle.tar.gz`;
  const v = await verifyBundle(readBundleArchive(bytes, url), await loadVerificationKeys(signed.keys.pub));
  t.equal(v.files.length, 4);
});

t.test("no ETag: not cached", async (t) => {
  const cacheDir = t.testdir({});
  t.same(await fetchBundle(`${base}/noetag`, { cacheDir }).then((r) => ({ fromCache: r.fromCache, etag: r.etag })), { fromCache: false, etag: undefined });
  t.same(readdirSync(cacheDir), []);
});

t.test("HTTP errors, with the URL shown without its query string and the token never shown", async (t) => {
  const cacheDir = t.testdir({});
  const e401 = await fetchBundle(`${base}/bundle.tar.gz?sig=QUERYSECRET`, { token: "wrong-token", cacheDir }).catch((e: Error) => e);
  t.match(e401, { name: "BundleError", message: `${base}/bundle.tar.gz?…: HTTP 401 Unauthorized` });
  t.notMatch((e401 as Error).message, /QUERYSECRET|wrong-token/);
  await t.rejects(fetchBundle(`${base}/missing`, { token: TOKEN, cacheDir }), { message: `${base}/missing: HTTP 404 Not Found` });
  await t.rejects(fetchBundle(`${base}/always304`, { cacheDir }), { message: `${base}/always304: the server answered 304 Not Modified, but there is no cached copy` });
  const closed = await closedPort();
  const refused = await fetchBundle(`http://127.0.0.1:${closed}/x`, { token: TOKEN, cacheDir }).catch((e: Error) => e);
  t.match(refused, { message: `http://127.0.0.1:${closed}/x: request failed (ECONNREFUSED)` });
  t.notMatch((refused as Error).message, TOKEN, "the token is not in the message");
});

t.test("redirects: the token follows on the same origin and is dropped on another", async (t) => {
  const cacheDir = t.testdir({});
  seen.length = 0;
  t.match(await fetchBundle(`${base}/to-same`, { token: TOKEN, cacheDir }), { fromCache: false });
  t.same(seen.map((s) => [s.url, s.headers.authorization]), [["/to-same", `Bearer ${TOKEN}`], ["/bundle.tar.gz", `Bearer ${TOKEN}`]]);
  seen.length = 0;
  await t.rejects(fetchBundle(`${base}/to-other`, { token: TOKEN, cacheDir: t.testdir({}) }), { message: `${base}/to-other: HTTP 401 Unauthorized` });
  t.same(seen.map((s) => [s.url, s.headers.authorization]), [["/to-other", `Bearer ${TOKEN}`], ["/bundle.tar.gz", undefined]], "not sent to localhost, another origin");
  await t.rejects(fetchBundle(`${base}/loop`, { cacheDir }), { message: `${base}/loop: more than 5 redirects` });
  await t.rejects(fetchBundle(`${base}/to-file`, { cacheDir }), { message: `${base}/to-file: redirected to a file: URL` });
});

t.test("the token is never sent over plain http to another host; only http(s) URLs", async (t) => {
  const cacheDir = t.testdir({});
  let called = false;
  const spy = (async () => {
    called = true;
    return new Response("");
  }) as unknown as typeof fetch;
  await t.rejects(fetchBundle("http://bundles.example.test/b.tar.gz", { token: TOKEN, cacheDir, fetch: spy }), { message: "http://bundles.example.test/b.tar.gz: refusing to send a bearer token over plain http; use https" });
  t.notOk(called, "no request was made");
  await t.rejects(fetchBundle("file:///etc/passwd", { cacheDir }), { message: "file:///etc/passwd: only http and https URLs can be fetched" });
  await t.rejects(fetchBundle("not a url?token=x", { cacheDir }), { message: 'not a URL: "not a url?…"' });
});

t.test("downloads stop at the size limit, declared or streamed", async (t) => {
  const cacheDir = t.testdir({});
  await t.rejects(fetchBundle(`${base}/big`, { cacheDir, limits: { maxBytes: 1024 * 1024 } }), { message: `${base}/big: the download is larger than 1 MiB (the limit)` });
  await t.rejects(fetchBundle(`${base}/stream`, { cacheDir, limits: { maxBytes: 1024 * 1024 } }), { message: `${base}/stream: the download is larger than 1 MiB (the limit)` });
  t.equal((await fetchBundle(`${base}/stream`, { cacheDir })).bytes.length, 4 * 1024 * 1024, "within the default limit");
});
