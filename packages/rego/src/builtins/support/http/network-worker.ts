/**
 * The network worker: a thread that makes HTTP requests and name lookups for the
 * evaluator, which is synchronous and cannot wait for a promise. The evaluator's
 * thread posts a call, blocks on a shared word, and reads the answer from its
 * port once this thread has written it and raised the word (see sync-network.ts).
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { lookup } from "node:dns/promises";
import * as http from "node:http";
import * as https from "node:https";
import { rootCertificates } from "node:tls";
import type { WireAnswer, WireCall, WireFailure, WireHTTPRequest, WireHTTPResponse } from "./wire.js";

interface Setup {
  readonly signal: Int32Array;
  readonly answers: MessagePort;
}

const { signal, answers } = workerData as Setup;

function failure(e: unknown, timedOut = false): WireFailure {
  const err = e as NodeJS.ErrnoException;
  return { code: err?.code ?? "", message: String(err?.message ?? e), timedOut: timedOut || err?.name === "TimeoutError" };
}

function send(req: WireHTTPRequest): Promise<WireHTTPResponse> {
  const url = new URL(req.url);
  const client = url.protocol === "https:" ? https : http;
  const tls = req.tls;
  const options: https.RequestOptions = {
    method: req.method,
    headers: req.headers,
    ...(req.socketPath ? { socketPath: req.socketPath } : {}),
    ...(tls?.ca ? { ca: tls.useSystemCAs ? [...rootCertificates, ...tls.ca] : [...tls.ca] } : {}),
    ...(tls?.cert && tls.key ? { cert: tls.cert, key: tls.key } : {}),
    ...(tls?.insecureSkipVerify ? { rejectUnauthorized: false } : {}),
    ...(tls?.serverName ? { servername: tls.serverName } : {}),
    // A fresh connection per request: TLS settings differ from call to call.
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const request = client.request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          statusCode: res.statusCode ?? 0,
          statusText: res.statusMessage ?? "",
          headers: res.headersDistinct as Record<string, string[]>,
          body: new Uint8Array(Buffer.concat(chunks)),
        });
      });
    });
    // One deadline for the whole exchange, as Go's http.Client.Timeout is.
    const timer = setTimeout(() => request.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT", name: "TimeoutError" })), req.timeoutMs);
    request.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    request.end(req.body);
  });
}

async function answer(call: WireCall): Promise<WireAnswer> {
  try {
    if (call.op === "http") return { ok: true, response: await send(call) };
    const found = await lookup(call.name, { all: true, verbatim: true });
    return { ok: true, addresses: found.map((a) => a.address) };
  } catch (e) {
    return { ok: false, failure: failure(e) };
  }
}

parentPort!.on("message", (message: { id: number; call: WireCall }) => {
  void answer(message.call).then((a) => {
    answers.postMessage({ id: message.id, answer: a });
    Atomics.store(signal, 0, message.id);
    Atomics.notify(signal, 0);
  });
});
