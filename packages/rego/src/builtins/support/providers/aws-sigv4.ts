/**
 * AWS Signature Version 4 (the `Authorization` header method), as OPA's
 * `aws.SignV4` computes it: canonical request over the signed headers, string to
 * sign, and the derived signing key.
 */
import { createHash, createHmac } from "node:crypto";
import { fromBinary } from "../gobytes/utf8.js";
import { escapedPath } from "../gourl/format.js";
import type { Url } from "../gourl/url.js";

export interface AWSCredentials {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly regionName: string;
  readonly sessionToken: string;
}

/** Headers that proxies may rewrite, left out of the signature. */
const IGNORED_HEADERS: ReadonlySet<string> = new Set(["authorization", "user-agent", "x-amzn-trace-id"]);

const sha256Hex = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");
const hmac = (key: Buffer | string, msg: string): Buffer => createHmac("sha256", key).update(msg, "utf8").digest();

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Byte-wise order, as Go's `sort.Strings`. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * Signs a request. `headers` are the request's own (name to value) and `url` is
 * parsed by `gourl` (binary strings). Returns the `Authorization` value and the
 * headers AWS requires (`host`, `x-amz-date`, and `x-amz-content-sha256` /
 * `x-amz-security-token` when applicable).
 */
export function signV4(
  headers: ReadonlyMap<string, string>,
  method: string,
  url: Url,
  body: Buffer,
  service: string,
  creds: AWSCredentials,
  timeMs: number,
  disablePayloadSigning: boolean,
): { authorization: string; awsHeaders: Map<string, string> } {
  const payloadHash = disablePayloadSigning ? "UNSIGNED-PAYLOAD" : sha256Hex(body);
  const d = new Date(timeMs);
  const dateNow = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  const iso8601Now = `${dateNow}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;

  const awsHeaders = new Map<string, string>([
    ["host", fromBinary(url.host)],
    ["x-amz-date", iso8601Now],
  ]);
  if (service === "s3" || service === "glacier") awsHeaders.set("x-amz-content-sha256", payloadHash);
  if (creds.sessionToken !== "") awsHeaders.set("x-amz-security-token", creds.sessionToken);

  const toSign = new Map<string, string>(awsHeaders);
  for (const [k, v] of headers) {
    const lower = k.toLowerCase();
    if (!IGNORED_HEADERS.has(lower)) toSign.set(lower, v);
  }
  const ordered = [...toSign.keys()].sort(compareBytes);
  const signedHeaders = ordered.join(";");
  let canonical = `${method}\n${fromBinary(escapedPath(url))}\n${fromBinary(url.rawQuery)}\n`;
  for (const k of ordered) canonical += `${k}:${toSign.get(k)}\n`;
  canonical += `\n${signedHeaders}\n${payloadHash}`;

  const scope = `${dateNow}/${creds.regionName}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${iso8601Now}\n${scope}\n${sha256Hex(canonical)}`;
  let key = hmac(`AWS4${creds.secretKey}`, dateNow);
  key = hmac(key, creds.regionName);
  key = hmac(key, service);
  key = hmac(key, "aws4_request");
  const signature = hmac(key, stringToSign).toString("hex");
  const authorization = `AWS4-HMAC-SHA256 Credential=${creds.accessKey}/${scope},SignedHeaders=${signedHeaders},Signature=${signature}`;
  return { authorization, awsHeaders };
}
