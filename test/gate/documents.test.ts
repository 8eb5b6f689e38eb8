/** Snapshot documents: validated by kind before anything reads them, grouped into the policy input, and the gate's clock. */
import t from "tap";
import { example, gate, githubDoc, inputProblems, named } from "../_lib/gate-fixtures.js";

const problems = inputProblems;

t.test("a document missing a required field is refused with its file and JSON pointer", async (t) => {
  const doc = example("github-snapshot.acme");
  delete doc.repositories[1].full_name;
  delete doc.org.login;
  const p = problems(() => gate({ documents: [named("snap/acme.json", doc)] }));
  t.same([...p].sort(), ["snap/acme.json: /org/login: required property is missing", "snap/acme.json: /repositories/1/full_name: required property is missing"]);
});

t.test("wrong types, unknown properties and enums name the pointer and the reason", async (t) => {
  const doc = example("cloudflare-snapshot.acme");
  doc.tokens[2].owner.kind = "team";
  doc.tokens[0].surprise = true;
  doc.generated_at = "yesterday";
  const p = problems(() => gate({ documents: [named("cf.json", doc)] }));
  t.ok(p.some((x) => /^cf\.json: \/tokens\/2\/owner\/kind: must be/.test(x)), p.join("\n"));
  t.ok(p.includes("cf.json: /tokens/0/surprise: unexpected property (not in the schema)"), p.join("\n"));
  t.ok(p.some((x) => x.startsWith('cf.json: /generated_at: must match format "date-time"')), p.join("\n"));
});

t.test("every document is checked in one pass, each against its own kind's schema", async (t) => {
  const gh = example("github-snapshot.acme");
  gh.schema_version = 2;
  const oai = example("openai-federation.acme");
  delete oai.declared_at;
  const p = problems(() => gate({ documents: [named("gh.json", gh), named("cf.json", example("cloudflare-snapshot.acme")), named("oai.yaml", oai)] }));
  t.same(p, ["gh.json: /schema_version: must be 1", "oai.yaml: /declared_at: required property is missing"]);
});

t.test("a missing or unknown kind, or a document that is not an object, is refused", async (t) => {
  const noKind = example("github-snapshot.minimal");
  delete noKind.kind;
  t.match(problems(() => gate({ documents: [named("a.json", noKind)] })), [/^a\.json: \/kind: required property is missing \(the document kind: github-snapshot, cloudflare-snapshot, openai-federation\)$/]);
  const other = { ...example("github-snapshot.minimal"), kind: "gitlab-snapshot" };
  t.match(problems(() => gate({ documents: [named("b.json", other)] })), [/^b\.json: \/kind: unknown document kind "gitlab-snapshot" \(want github-snapshot, /]);
  t.same(problems(() => gate({ documents: [named("c.json", [1, 2])] })), ["c.json: the document is not a JSON object"]);
  t.same(problems(() => gate({ documents: [] })), ["no snapshot documents: give at least one with -i FILE"]);
});

t.test("two github snapshots of the same organization are refused; of two organizations, accepted", async (t) => {
  const p = problems(() => gate({ documents: [named("one.json", githubDoc("acme", ["a"])), named("two.json", githubDoc("acme", ["b"]))] }));
  t.same(p, ['two.json: describes the same github organization "acme" as one.json; give one github-snapshot document per organization']);
  const cased = problems(() => gate({ documents: [named("one.json", githubDoc("acme", ["a"])), named("two.json", githubDoc("Acme", ["b"]))] }));
  t.same(cased, ['two.json: describes the same github organization "Acme" as one.json; give one github-snapshot document per organization'], "logins compare case-insensitively, as GitHub's do");
  const r = gate({ documents: [named("one.json", githubDoc("acme", ["bad-a"])), named("two.json", githubDoc("umbrella", ["bad-b"]))] });
  t.same(r.findings.map((f) => [f.resource, f.location?.file]), [
    ["github://acme/bad-a", "one.json"],
    ["github://umbrella/bad-b", "two.json"],
  ]);
});

t.test("the clock is the newest generated_at / declared_at, as written; inputs list every document", async (t) => {
  const r = gate({
    documents: [
      named("old.json", githubDoc("acme", [], "2026-11-01T00:00:00Z")),
      named("oai.json", { ...example("openai-federation.acme"), declared_at: "2026-11-30T08:00:00+01:00" }),
      named("cf.json", example("cloudflare-snapshot.minimal")),
    ],
  });
  t.equal(r.clock, "2026-11-30T08:00:00+01:00");
  t.same(r.inputs, [
    { file: "old.json", kind: "github-snapshot", generated_at: "2026-11-01T00:00:00Z" },
    { file: "oai.json", kind: "openai-federation", generated_at: "2026-11-30T08:00:00+01:00" },
    { file: "cf.json", kind: "cloudflare-snapshot", generated_at: "2026-11-25T17:00:00Z" },
  ]);
});
