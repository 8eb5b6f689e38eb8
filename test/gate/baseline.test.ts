/** Baselines: written from a run, read back; old findings stop blocking, new ones still block. */
import t from "tap";
import { baselineDocument } from "@regolith/gate";
import { gate, githubDoc, inputProblems, named, pairs } from "../_lib/gate-fixtures.js";

t.test("a baseline suppresses old findings and not new ones (write, then read)", async (t) => {
  const first = gate({ documents: [named("gh.json", githubDoc("acme", ["bad-app", "bad-api", "odd-x"]))] });
  t.equal(first.summary.blocking, 2);
  // Through JSON, as the CLI writes and reads it.
  const baseline = JSON.parse(JSON.stringify(baselineDocument(first))) as unknown;
  const later = gate({ documents: [named("gh.json", githubDoc("acme", ["bad-app", "bad-api", "odd-x", "bad-new"]))], baseline: named("baseline.json", baseline) });
  t.same(pairs(later, (f) => f.baselined), ["T-001 github://acme/bad-api", "T-001 github://acme/bad-app", "T-003 github://acme/odd-x"]);
  t.same(pairs(later, (f) => !f.baselined), ["T-001 github://acme/bad-new"]);
  t.match(later.summary, { blocking: 1, baselined: 3, by_severity: { high: 1, low: 0 } });
});

t.test("the document: version 1, one entry per fingerprint, sorted by rule, resource, fingerprint; no waived or WAIVER-* findings", async (t) => {
  const gh = githubDoc("acme", ["bad-b", "bad-a", { name: "pub", visibility: "public" }]);
  gh.coverage = [{ resource: "repo:acme/pub/actions/secrets", status: "forbidden", http_status: 403 }];
  const waivers = {
    version: 1,
    waivers: [
      { rule: "T-002", resource: "github://acme/pub", reason: "public docs", owner: "web", created: "2026-11-01", expires: "2026-12-01" },
      { rule: "T-001", resource: "github://acme/nothing", reason: "x", owner: "web", created: "2026-11-01", expires: "2026-12-01" },
    ],
  };
  const r = gate({ documents: [named("gh.json", gh)], waivers: named("w.yaml", waivers) });
  const doc = baselineDocument(r);
  t.equal(doc.version, 1);
  t.same(
    doc.fingerprints.map((e) => `${e.rule} ${e.resource}`),
    ["COVERAGE github://acme/pub", "T-001 github://acme/bad-a", "T-001 github://acme/bad-b"],
  );
  for (const e of doc.fingerprints) t.equal(e.fingerprint, r.findings.find((f) => f.rule === e.rule && f.resource === e.resource)!.fingerprint);
  t.same(baselineDocument(gate({ documents: [named("gh.json", gh)], waivers: named("w.yaml", waivers) })), doc, "written the same way every run");
});

t.test("waived findings keep their waiver's expiry: a baseline written while waived does not cover them later", async (t) => {
  const docs = [named("gh.json", githubDoc("acme", ["bad-app"]))];
  const waived = gate({ documents: docs, waivers: named("w.yaml", { version: 1, waivers: [{ rule: "T-001", resource: "github://acme/bad-app", reason: "r", owner: "o", created: "2026-11-01", expires: "2026-12-01" }] }) });
  const later = gate({ documents: docs, baseline: named("b.json", baselineDocument(waived)) });
  t.equal(later.summary.blocking, 1);
});

t.test("an invalid baseline file is refused with the pointer", async (t) => {
  const bad = { version: 1, fingerprints: [{ fingerprint: "ABC", rule: "T-001", resource: "github://acme/x" }] };
  t.same(inputProblems(() => gate({ documents: [named("gh.json", githubDoc("acme", []))], baseline: named("b.json", bad) })), ['b.json: /fingerprints/0/fingerprint: must match pattern "^[0-9a-f]{64}$"']);
});
