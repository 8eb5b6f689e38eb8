/**
 * A loopback HTTP server on its own thread. Evaluation blocks the calling thread
 * while `http.send` waits, so a server on the test's own thread could never answer.
 * It records every request it receives, so tests can prove that nothing was sent.
 *
 * Routes: `/echo` answers JSON describing the request; `/text`, `/yaml` answer
 * those types; `/redirect?to=URL` answers 302; `/slow` answers after 3 seconds.
 */
import { Worker } from "node:worker_threads";
import { once } from "node:events";

const SERVER = `
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const seen = [];
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method, url: req.url });
    const u = new URL(req.url, "http://x");
    switch (u.pathname) {
      case "/redirect":
        res.writeHead(302, { location: u.searchParams.get("to") });
        return res.end();
      case "/text":
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end('{"n": 1}');
      case "/yaml":
        res.writeHead(200, { "content-type": "application/yaml" });
        return res.end("a: [1, two]\\n");
      case "/slow":
        setTimeout(() => res.end("late"), 3000).unref();
        return;
      default:
        res.writeHead(u.pathname === "/missing" ? 404 : 200, { "content-type": "application/json", "x-multi": ["a", "b"] });
        res.end(JSON.stringify({ method: req.method, path: u.pathname, body, headers: req.headers }));
    }
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
parentPort.on("message", (m) => {
  if (m === "seen") parentPort.postMessage({ seen });
  if (m === "close") server.close(() => parentPort.close());
});
`;

export interface LoopbackServer {
  readonly base: string;
  /** The requests received so far, in order. */
  seen(): Promise<{ method: string; url: string }[]>;
  close(): Promise<void>;
}

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const worker = new Worker(SERVER, { eval: true });
  const [{ port }] = (await once(worker, "message")) as [{ port: number }];
  return {
    base: `http://127.0.0.1:${port}`,
    async seen() {
      worker.postMessage("seen");
      const [m] = (await once(worker, "message")) as [{ seen: { method: string; url: string }[] }];
      return m.seen;
    },
    async close() {
      worker.postMessage("close");
      await once(worker, "exit");
    },
  };
}
