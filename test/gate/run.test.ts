/**
 * The whole run over the shipped bundle and the example organization. Other checks are
 * still being added to the bundle, so these assertions are loose: they hold for any
 * complete bundle (exact sets are asserted on small bundles elsewhere).
 */
import t from "tap";
import { runGate, SEVERITIES } from "@regolith/gate";
import { example, named, shippedBundle } from "../_lib/gate-fixtures.js";

const docs = [named("github.json", example("github-snapshot.acme")), named("cloudflare.json", example("cloudflare-snapshot.acme")), named("openai.json", example("openai-federation.acme"))];
const run = (documents = docs) => runGate({ ...shippedBundle(), documents, toolVersion: "test" });

t.test("the shipped bundle over the example organization", async (t) => {
  const r = run();
  const ids = new Set(r.rules.map((x) => x.id));
  t.ok(r.summary.total > 10, `${r.summary.total} findings`);
  t.ok(r.summary.blocking > 0, "the example organization fails the gate at high");
  t.equal(r.clock, "2026-11-25T17:00:00Z");
  for (const f of r.findings) {
    t.ok(ids.has(f.rule), `${f.rule} is in the catalog`);
    t.match(f.fingerprint, /^[0-9a-f]{64}$/);
    t.ok(f.location === null || docs.some((d) => d.name === f.location!.file), `${f.rule} ${f.resource} points into an input`);
    t.match(f.resource, /^(github|cloudflare|openai):\/\//);
  }
  for (const rule of r.rules) {
    t.ok(rule.title && rule.remediation && rule.identity.length > 0 && SEVERITIES.includes(rule.severity), `${rule.id} has complete metadata`);
  }
  t.ok(ids.has("CF-TOK-010") && ids.has("COVERAGE"));
  t.ok(r.findings.some((f) => f.rule === "CF-TOK-010" && f.resource === "cloudflare://user/tokens/3a9c0e5f7b2d4816a0c3e5f7b9d1f2a4"), "the disabled old-laptop-cli token");
  t.same(
    r.findings.filter((f) => f.rule === "COVERAGE").map((f) => `${f.severity} ${f.resource}`),
    ["high cloudflare://accounts/aa11bb22cc33dd44ee55ff6677889900", "high github://acme/legacy", "high github://acme/legacy", "low cloudflare://user"],
  );
});

t.test("the same documents in another order, or again, give the same result", async (t) => {
  const r = run();
  t.same(run([...docs].reverse()).findings, r.findings);
  t.same(run(), r);
});
