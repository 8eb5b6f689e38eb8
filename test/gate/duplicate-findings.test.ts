/**
 * Two findings of one check with one fingerprint are one thing to waivers and
 * baselines: the run keeps both and says so in its warnings.
 */
import t from "tap";
import { gate, githubDoc, named, pairs } from "../_lib/gate-fixtures.js";

t.test("a snapshot that lists a repository twice: both findings are kept, with a warning naming the check and the fingerprint", async (t) => {
  const doc = githubDoc("acme", ["bad-app", "good"]);
  doc.repositories.push(structuredClone(doc.repositories[0]));
  const result = gate({ documents: [named("gh.json", doc)] });
  t.same(pairs(result), ["T-001 github://acme/bad-app", "T-001 github://acme/bad-app"]);
  const [a, b] = result.findings;
  t.equal(a!.fingerprint, b!.fingerprint);
  t.not(a!.location!.pointer, b!.location!.pointer, "two places in the snapshot");
  t.same(result.warnings, [
    `T-001: 2 findings share the fingerprint ${a!.fingerprint} (github://acme/bad-app), so waivers, baselines and code scanning treat them as one: does a snapshot list the same entity twice, or does the check's custom.identity leave out a field?`,
  ]);
});

t.test("distinct fingerprints, no warning", async (t) => {
  const result = gate({ documents: [named("gh.json", githubDoc("acme", ["bad-app", "bad-api", "good"]))] });
  t.same(pairs(result), ["T-001 github://acme/bad-api", "T-001 github://acme/bad-app"]);
  t.same(result.warnings, []);
});

t.test("many groups: ten are listed, the rest counted", async (t) => {
  const names = Array.from({ length: 12 }, (_, i) => `bad-${String(i).padStart(2, "0")}`);
  const doc = githubDoc("acme", names);
  doc.repositories.push(...structuredClone(doc.repositories));
  const result = gate({ documents: [named("gh.json", doc)] });
  t.equal(result.findings.length, 24);
  t.equal(result.warnings.length, 11);
  t.equal(result.warnings[10], "… and 2 more groups of findings that share a fingerprint");
});
