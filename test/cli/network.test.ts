/** `regolith eval` keeps the network off unless `--allow-net` or the capabilities' `allow_net` list the host. */
import t from "tap";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";
import { startLoopbackServer } from "../_lib/loopback-http.js";

t.test("http.send needs --allow-net or allow_net", async (t) => {
  const server = await startLoopbackServer();
  t.teardown(() => server.close());
  const dir = t.testdir({ "p.rego": `package p\n\nstatus := http.send({"method": "get", "url": "${server.base}/echo"}).status_code\n` });

  const refused = await run(["eval", "-f", "pretty", "-d", "p.rego", "data.p.status"], dir);
  t.equal(refused.code, 2);
  t.match(refused.stderr, /p\.rego:3:11: eval_builtin_error: http\.send: unallowed host: 127\.0\.0\.1 \(network access is off/);
  t.same(await server.seen(), [], "nothing was sent");

  const allowed = await run(["eval", "-f", "raw", "--allow-net", "127.0.0.1", "-d", "p.rego", "data.p.status"], dir);
  t.same([allowed.code, allowed.stdout], [0, "200\n"]);

  const all = JSON.parse((await run(["capabilities"], dir)).stdout) as Record<string, unknown>;
  writeFileSync(join(dir, "caps.json"), JSON.stringify({ ...all, allow_net: ["127.0.0.1"] }));
  const viaCapabilities = await run(["eval", "-f", "raw", "--capabilities", "caps.json", "-d", "p.rego", "data.p.status"], dir);
  t.same([viaCapabilities.code, viaCapabilities.stdout], [0, "200\n"]);
  t.equal((await server.seen()).length, 2);
});
