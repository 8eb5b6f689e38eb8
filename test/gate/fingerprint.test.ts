/** The fingerprint recipe: sha256 of the canonical JSON of [rule, identity], exactly what Rego's crypto.sha256(json.marshal(…)) gives. */
import t from "tap";
import { Engine } from "@regolith/rego";
import { fingerprint } from "@regolith/gate";
import { gate, githubDoc, named } from "../_lib/gate-fixtures.js";

t.test("equals crypto.sha256(json.marshal([rule, identity])) evaluated by the Rego engine", async (t) => {
  const identities: Record<string, string | number>[] = [{ token_id: "0b5e1f2a" }, { repo_id: 987654321, environment: "prod<eu>&co" }, { scope: "org", owner: "ac\u00e9me", name: "KEY \u2028" }];
  const engine = new Engine();
  for (const identity of identities) {
    const rego = engine.prepare("crypto.sha256(json.marshal([input.rule, input.identity]))").eval({ input: { rule: "GH-SEC-001", identity } });
    t.equal(fingerprint("GH-SEC-001", identity), rego[0]!.expressions[0]!.value, `identity with fields ${Object.keys(identity).join(", ")}`);
  }
});

t.test("independent of key order; changes with the rule or any identity value", async (t) => {
  const a = fingerprint("X-001", { repo_id: 1, name: "A" });
  t.match(a, /^[0-9a-f]{64}$/);
  t.equal(fingerprint("X-001", { name: "A", repo_id: 1 }), a);
  t.not(fingerprint("X-002", { repo_id: 1, name: "A" }), a);
  t.not(fingerprint("X-001", { repo_id: 1, name: "B" }), a);
  t.not(fingerprint("X-001", { repo_id: "1", name: "A" }), a, "a string id is not a numeric id");
});

t.test("a finding's fingerprint survives renames that keep its identity, and input order", async (t) => {
  const first = gate({ documents: [named("a.json", githubDoc("acme", ["bad-one", "bad-two"])), named("b.json", githubDoc("umbrella", ["bad-three"]))] });
  const renamed = githubDoc("acme", ["bad-one-renamed", "bad-two"]);
  const second = gate({ documents: [named("b.json", githubDoc("umbrella", ["bad-three"])), named("a.json", renamed)] });
  const byId = (r: typeof first) => r.findings.map((f) => `${String(f.identity["repo_id"])} ${f.location!.file} ${f.fingerprint}`).sort();
  t.same(byId(second), byId(first), "same identities, same fingerprints, whatever the order or the name");
  t.same(second.findings.map((f) => f.resource), ["github://acme/bad-one-renamed", "github://acme/bad-two", "github://umbrella/bad-three"]);
});

t.test("the same inputs give the same result, run after run, in any order", async (t) => {
  const docs = [named("a.json", githubDoc("acme", ["bad-1", "odd-2", { name: "pub", visibility: "public" }])), named("b.json", githubDoc("umbrella", ["bad-x"]))];
  const one = gate({ documents: docs });
  const two = gate({ documents: [...docs].reverse() });
  t.same(two.findings, one.findings);
  t.same(gate({ documents: docs }), one);
});
