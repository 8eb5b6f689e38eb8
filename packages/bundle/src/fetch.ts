/**
 * Downloads a bundle over HTTP(S) the way OPA's bundle plugin does (Bundles →
 * Bundle Service API, Caching): a GET with `Authorization: Bearer <token>` when a
 * token is given and `If-None-Match` with the cached ETag; 304 answers with the
 * cached bytes. The caller reads and verifies the bytes like a local archive.
 *
 * Care taken: the token goes only to the origin it was given for (redirects are
 * followed by hand, and the header is dropped when the origin changes), never over
 * plain http to a non-loopback host, and never into a message; messages show the
 * URL without its query string or user info; the download stops at the size limit.
 */
import { BundleError } from "./errors.js";
import { formatBytes, resolveLimits } from "./limits.js";
import { readCache, writeCache } from "./fetch-cache.js";
import type { Limits } from "./types.js";

export interface FetchOptions {
  /** The bearer token's value (read from the environment by the caller). */
  readonly token?: string;
  readonly cacheDir: string;
  readonly fetch?: typeof fetch;
  readonly limits?: Limits;
}

export interface Fetched {
  readonly bytes: Uint8Array;
  readonly fromCache: boolean;
  readonly etag?: string;
}

const MAX_REDIRECTS = 5;
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** The URL as shown in messages: no credentials, no query string (it may carry a signature). */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? "?…" : ""}`;
}

export async function fetchBundle(url: string, options: FetchOptions): Promise<Fetched> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new BundleError(`not a URL: ${JSON.stringify(url.replace(/\?.*$/s, "?…"))}`);
  }
  const shown = displayUrl(target);
  if (target.protocol !== "https:" && target.protocol !== "http:") throw new BundleError(`${shown}: only http and https URLs can be fetched`);
  const doFetch = options.fetch ?? fetch;
  const { maxBytes } = resolveLimits(options.limits);
  const cached = await readCache(options.cacheDir, url);
  const origin = target.origin;

  let response: Response;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { accept: "application/gzip, application/octet-stream;q=0.9, */*;q=0.1" };
    const sendToken = options.token !== undefined && options.token !== "" && target.origin === origin;
    if (sendToken) {
      if (target.protocol === "http:" && !LOOPBACK.has(target.hostname)) {
        throw new BundleError(`${displayUrl(target)}: refusing to send a bearer token over plain http; use https`);
      }
      headers.authorization = `Bearer ${options.token!}`;
    }
    if (cached) headers["if-none-match"] = cached.etag;
    try {
      response = await doFetch(target, { headers, redirect: "manual" });
    } catch (e) {
      throw new BundleError(`${displayUrl(target)}: request failed (${causeOf(e)})`);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new BundleError(`${shown}: more than ${MAX_REDIRECTS} redirects`);
      target = new URL(location, target);
      if (target.protocol !== "https:" && target.protocol !== "http:") throw new BundleError(`${shown}: redirected to a ${target.protocol} URL`);
      continue;
    }
    break;
  }

  if (response.status === 304) {
    await response.body?.cancel();
    if (!cached) throw new BundleError(`${shown}: the server answered 304 Not Modified, but there is no cached copy`);
    return { bytes: cached.bytes, fromCache: true, etag: cached.etag };
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new BundleError(`${shown}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  }
  const bytes = await readBody(response, maxBytes, shown);
  const etag = response.headers.get("etag") ?? undefined;
  await writeCache(options.cacheDir, url, etag ? { etag, bytes } : undefined);
  return etag ? { bytes, fromCache: false, etag } : { bytes, fromCache: false };
}

async function readBody(response: Response, maxBytes: number, shown: string): Promise<Uint8Array> {
  const tooBig = (): BundleError => new BundleError(`${shown}: the download is larger than ${formatBytes(maxBytes)} (the limit)`);
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooBig();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof BundleError) throw e;
    throw new BundleError(`${shown}: the download failed (${causeOf(e)})`);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A network error's reason: undici puts it in `cause` (ECONNREFUSED, ...). */
function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}
