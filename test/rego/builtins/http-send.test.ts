/**
 * `http.send` and `net.lookup_ip_addr` against a real loopback server: the network
 * is off unless hosts are allowed, a refusal is an error (never an undefined call)
 * and sends nothing, and allowed requests behave as OPA's do.
 */
import t from "tap";
import { Engine, readCapabilities, type EngineOptions, type Evaluation } from "@regolith/rego";
import { startLoopbackServer, type LoopbackServer } from "../../_lib/loopback-http.js";

let server: LoopbackServer;
t.before(async () => {
  server = await startLoopbackServer();
});
t.teardown(() => server.close());

function evaluate(query: string, options: EngineOptions = {}, timeoutMs?: number): Evaluation {
  return new Engine(options).prepare(query).evaluate(timeoutMs === undefined ? {} : { timeoutMs });
}

function value(query: string, options: EngineOptions = { allowNet: ["127.0.0.1"] }): unknown {
  const { results, error } = evaluate(query, options);
  if (error) throw error;
  return results[0]?.expressions[0]?.value;
}

const send = (request: string) => `http.send(${request})`;

t.test("with no hosts allowed, nothing is sent and the call is an error even without strict mode", async (t) => {
  const before = (await server.seen()).length;
  const r = evaluate(send(`{"method": "get", "url": "${server.base}/echo"}`));
  t.same(r.results, []);
  t.match(r.error, { code: "eval_builtin_error", message: /^http\.send: unallowed host: 127\.0\.0\.1 \(network access is off/ });
  const other = evaluate(send(`{"method": "get", "url": "${server.base}/echo"}`), { allowNet: ["example.com"] });
  t.match(other.error, { code: "eval_builtin_error", message: "http.send: unallowed host: 127.0.0.1" });
  const withFiles = evaluate(send(`{"method": "get", "url": "${server.base}/echo", "tls_ca_cert_file": "/nonexistent/ca.pem"}`));
  t.match(withFiles.error, { message: /unallowed host/ }, "a refused request reads no files");
  t.equal((await server.seen()).length, before, "the server received no request");
});

t.test("raise_error: false reports a refusal inside the response", async (t) => {
  const v = value(send(`{"method": "get", "url": "${server.base}/echo", "raise_error": false}`), {});
  t.match(v, { status_code: 0, error: { code: "eval_http_send_internal_error", message: /unallowed host: 127\.0\.0\.1/ } });
});

t.test("an allowed request returns OPA's response shape", async (t) => {
  const v = value(send(`{"method": "post", "url": "${server.base}/echo", "body": {"b": [1, 2], "a": "x"}, "headers": {"x-trace-id": "abc"}}`)) as Record<string, any>;
  t.equal(v.status, "200 OK");
  t.equal(v.status_code, 200);
  t.same(v.headers["x-multi"], ["a", "b"], "header names in lower case, every value");
  t.equal(v.body.method, "POST", "the method is sent in upper case");
  t.equal(v.body.body, '{"a":"x","b":[1,2]}', "the body is sent as JSON");
  t.equal(v.body.headers["x-trace-id"], "abc");
  t.equal(typeof v.raw_body, "string");
  t.same(JSON.parse(v.raw_body).path, "/echo");
});

t.test("bodies decode by content type, or as forced", async (t) => {
  t.equal(value(send(`{"method": "get", "url": "${server.base}/text"}`) + ".body"), null);
  t.same(value(send(`{"method": "get", "url": "${server.base}/text", "force_json_decode": true}`) + ".body"), { n: 1 });
  t.same(value(send(`{"method": "get", "url": "${server.base}/yaml"}`) + ".body"), { a: [1, "two"] });
  t.equal(value(send(`{"method": "get", "url": "${server.base}/missing"}`) + ".status_code"), 404, "HTTP errors are responses, not errors");
  t.equal(value(send(`{"method": "put", "url": "${server.base}/echo", "raw_body": "plain"}`) + ".body.body"), "plain");
});

t.test("redirects are followed only when asked, and only to allowed hosts", async (t) => {
  const to = encodeURIComponent(`${server.base}/echo`);
  t.equal(value(send(`{"method": "get", "url": "${server.base}/redirect?to=${to}"}`) + ".status_code"), 302);
  t.equal(value(send(`{"method": "get", "url": "${server.base}/redirect?to=${to}", "enable_redirect": true}`) + ".body.path"), "/echo");
  const away = encodeURIComponent("http://localhost:1/echo");
  const r = evaluate(send(`{"method": "get", "url": "${server.base}/redirect?to=${away}", "enable_redirect": true}`), { allowNet: ["127.0.0.1"], strictBuiltinErrors: true });
  t.match(r.error, { code: "eval_builtin_error", message: 'http.send: Get "http://localhost:1/echo": unallowed host: localhost' });
});

t.test("network failures and timeouts", async (t) => {
  const refused = value(send(`{"method": "get", "url": "http://127.0.0.1:1/", "raise_error": false}`));
  t.match(refused, { status_code: 0, error: { code: "eval_http_send_network_error", message: 'Get "http://127.0.0.1:1/": dial tcp 127.0.0.1:1: connect: connection refused' } });
  const slow = `{"method": "get", "url": "${server.base}/slow", "timeout": "200ms"}`;
  const strict = evaluate(send(slow), { allowNet: ["127.0.0.1"], strictBuiltinErrors: true });
  t.match(strict.error, { code: "eval_builtin_error", message: `http.send: Get ${server.base}/slow: request timed out` });
  const lax = evaluate(send(slow), { allowNet: ["127.0.0.1"] });
  t.same([lax.results, lax.error], [[], undefined], "without strict mode a failed request is an undefined call");
  const cancelled = evaluate(send(`{"method": "get", "url": "${server.base}/slow"}`), { allowNet: ["127.0.0.1"] }, 300);
  t.match(cancelled.error, { code: "eval_cancel_error", message: "http.send: timed out (context deadline exceeded)" });
});

t.test("parameters are checked before anything is sent", async (t) => {
  const before = (await server.seen()).length;
  const strict = { allowNet: ["127.0.0.1"], strictBuiltinErrors: true };
  t.match(evaluate(send(`{"method": "get", "url": "${server.base}/echo", "timeout": "soon"}`), strict).error, {
    message: 'http.send: invalid timeout value "soon": time: invalid duration "soon"',
  });
  t.match(evaluate(send(`{"method": "get", "url": "${server.base}/echo", "headers": {"a": 1}}`), strict).error, {
    message: 'http.send: invalid type for headers value "1"',
  });
  t.match(evaluate(send(`{"method": "get", "url": "${server.base}/echo", "max_retry_attempts": -1}`), strict).error, {
    message: 'http.send: invalid value -1 for field "max_retry_attempts"',
  });
  t.equal((await server.seen()).length, before);
});

t.test("the same request twice in one query is sent once", async (t) => {
  const before = (await server.seen()).length;
  const req = `{"method": "get", "url": "${server.base}/echo?once"}`;
  t.equal(value(`${send(req)}.status_code == ${send(req)}.status_code`), true);
  t.equal((await server.seen()).length, before + 1);
});

t.test("allow_net in a capabilities document allows hosts too", async (t) => {
  const capabilities = readCapabilities({ builtins: [{ name: "http.send" }], allow_net: ["127.0.0.1"] });
  t.equal(value(send(`{"method": "get", "url": "${server.base}/echo"}`) + ".status_code", { capabilities }), 200);
});

t.test("net.lookup_ip_addr answers literals offline and needs permission for names", async (t) => {
  t.same(value(`net.lookup_ip_addr("10.0.0.1")`, {}), ["10.0.0.1"]);
  const r = evaluate(`net.lookup_ip_addr("regolith-test.invalid")`);
  t.match(r.error, { code: "eval_builtin_error", message: /^net\.lookup_ip_addr: unallowed host: regolith-test\.invalid/ });
});
