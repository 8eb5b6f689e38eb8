/**
 * The `sarif` reporter: the output validates against the SARIF 2.1.0 JSON schema
 * (the OASIS 2.1.0 schema as shipped in @microsoft/jest-sarif, draft-04, compiled with
 * ajv-draft-04, offline), and carries what code scanning needs: rules with help text,
 * logical locations with the resource URI, a physical location on the snapshot file,
 * partial fingerprints, suppressions for waived findings, baseline states, and
 * `kind: "open"` for findings the gate could not decide.
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import { REPORTERS, type GateResult } from "@regolith/gate";
import { DATE_TIME, describeErrors } from "../_lib/schema-harness.js";
import { acmeResult, cleanResult, hostileResult, largeResult } from "../fixtures/gate/results.js";

// The package is CommonJS with `module.exports = Ajv` and `exports.default = Ajv`.
const Ajv04 = AjvDraft04.default;
const require = createRequire(import.meta.url);
const schemaFile = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const sarifSchema = JSON.parse(readFileSync(schemaFile, "utf8")) as Record<string, unknown>;

// Not our schema, so not strict; but every format it uses is checked. Its `language`
// pattern has a stray `]` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`), legal only
// without the `u` flag, so patterns are compiled as plain (draft-04 era) regexps.
const ajv = new Ajv04({ strict: false, allErrors: true, unicodeRegExp: false });
ajv.addFormat("date-time", DATE_TIME);
ajv.addFormat("uri", (s: string) => URL.canParse(s));
ajv.addFormat("uri-reference", (s: string) => URL.canParse(s, "https://base.invalid/") && !/\s/.test(s));
const validate = ajv.compile(sarifSchema);

type Obj = Record<string, any>;
const run = (r: GateResult): Obj => (JSON.parse(REPORTERS.sarif(r)) as Obj)["runs"][0] as Obj;

t.test("the schema is the SARIF 2.1.0 schema", async (t) => {
  t.match(sarifSchema["title"], /SARIF\) Version 2\.1\.0/);
  t.ok(validate({ version: "2.1.0", runs: [] }), "an empty log is valid");
  t.notOk(validate({ version: "2.1.0", runs: [{ tool: { driver: {} } }] }), "a driver without a name is not");
  t.notOk(validate({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] }), "nor is an unknown level");
});

t.test("reporter output validates against the SARIF 2.1.0 schema", async (t) => {
  const results: Record<string, GateResult> = { acme: acmeResult(), clean: cleanResult(), hostile: hostileResult(), large: largeResult(500) };
  for (const [name, r] of Object.entries(results)) {
    const log = JSON.parse(REPORTERS.sarif(r)) as Obj;
    t.ok(validate(log), name, { errors: describeErrors(validate.errors).slice(0, 10) });
    t.equal(log["version"], "2.1.0");
    t.equal(log["runs"].length, 1, `${name}: one run`);
  }
});

t.test("rules: every result's rule, with help, helpUri and severity", async (t) => {
  const r = acmeResult();
  const { tool, results } = run(r);
  const rules = tool.driver.rules as Obj[];
  t.equal(tool.driver.name, "regolith");
  t.equal(tool.driver.version, "0.1.0");
  const ids = rules.map((x) => x.id);
  t.same(ids, [...ids].sort(), "sorted by id");
  for (const res of results as Obj[]) t.equal(rules[res.ruleIndex]?.id, res.ruleId, `ruleIndex of ${res.ruleId} points at its rule`);
  const sec = rules.find((x) => x.id === "GH-SEC-001")!;
  t.equal(sec.name, "OpenAIAPIKeyStoredAsAGitHubSecret");
  t.equal(sec.shortDescription.text, "OpenAI API key stored as a GitHub secret");
  t.match(sec.fullDescription.text, /^OpenAI API key stored as a GitHub secret\. Checked against/);
  t.match(sec.help.text, /^Delete the secret .*\n1\. add a federation rule/s, "help text is the remediation, lines kept");
  t.match(sec.help.markdown, /\*\*Remediation\*\*/);
  t.match(sec.help.markdown, /\[Vendor documentation for GH-SEC-001\]\(https:\/\/developers\.openai\.com\//, "references as links");
  t.equal(sec.helpUri, "https://developers.openai.com/api/docs/guides/workload-identity-federation/github-actions", "the first related resource");
  t.equal(sec.defaultConfiguration.level, "error");
  t.same(sec.properties.tags, ["security", "credential-hygiene", "gh-sec"]);
  t.equal(sec.properties["security-severity"], "8.0");
  t.equal(rules.find((x) => x.id === "GH-SEC-008")!.properties["security-severity"], undefined, "info has no security-severity");
  const expired = rules.find((x) => x.id === "WAIVER-EXPIRED")!;
  t.equal(expired.shortDescription.text, "Waiver expired", "a rule missing from result.rules is described from its finding");
  t.notOk("helpUri" in rules.find((x) => x.id === "COVERAGE")!, "no helpUri without a related resource");
});

t.test("results: level, kind, locations, fingerprints, suppressions, baseline state", async (t) => {
  const r = acmeResult();
  const results = run(r).results as Obj[];
  t.equal(results.length, r.findings.length, "one result per finding, waived and baselined included");
  const by = (rule: string): Obj => results.find((x) => x.ruleId === rule)!;

  t.match(by("GH-WF-001"), { kind: "fail", level: "error", baselineState: "new" });
  t.match(by("CF-TOK-001"), { kind: "fail", level: "warning" });
  t.match(by("CF-TOK-010"), { kind: "fail", level: "note" });
  t.match(by("GH-SEC-008"), { kind: "fail", level: "note" });
  t.match(by("GH-ENV-002"), { kind: "open", level: "none" }, "undecided: open, and SARIF requires level none for non-fail kinds");

  const wf = by("GH-WF-001");
  t.same(wf.locations[0].logicalLocations, [{ fullyQualifiedName: "github://acme/app/.github/workflows/ci.yml#jobs/test", kind: "resource" }]);
  t.same(wf.locations[0].physicalLocation, { artifactLocation: { uri: "acme.github-snapshot.json" }, region: { startLine: 1 } });
  t.equal(wf.properties.pointer, "/repositories/0/workflows/0/jobs/1");
  t.same(wf.properties.evidence, ["on: pull_request_target", "secrets.NPM_TOKEN -> env.NPM_TOKEN"]);
  t.match(wf.message.text, /^Job test of .*\nEvidence: on: pull_request_target; secrets\.NPM_TOKEN/s);
  const finding = r.findings.find((f) => f.rule === "GH-WF-001")!;
  t.same(wf.partialFingerprints, { "regolith/v1": finding.fingerprint });

  t.equal(by("CF-TOK-002").locations[0].physicalLocation.artifactLocation.uri, "snapshots/acme%20cloudflare.json", "the file path as a URI reference");

  const waived = by("CF-TOK-007");
  t.same(waived.suppressions, [
    {
      kind: "external",
      status: "accepted",
      justification: "Terraform manages every zone of the account; per-zone tokens are planned in PLAT-142.",
      properties: { owner: "@acme/platform", created: "2026-10-01", expires: "2026-12-31", resource: "cloudflare://accounts/9f1a2b3c4d5e6f708192a3b4c5d6e7f8/tokens/*", ticket: "PLAT-142", approved_by: "security@acme.example" },
    },
  ]);
  t.equal(results.filter((x) => "suppressions" in x).length, 1, "only the waived finding is suppressed");
  t.same(
    results.filter((x) => x.baselineState === "unchanged").map((x) => x.ruleId).sort(),
    ["GH-SEC-005", "GH-WF-005"],
    "baselined findings are unchanged, the rest new",
  );
});

t.test("warnings and expiring waivers are configuration notifications", async (t) => {
  const inv = run(acmeResult()).invocations as Obj[];
  t.equal(inv.length, 1);
  t.equal(inv[0]!.executionSuccessful, true);
  const notes = inv[0]!.toolConfigurationNotifications as Obj[];
  t.same(notes.map((n) => n.descriptor.id), ["waiver-expiring", "gate-warning"]);
  t.match(notes[0]!.message.text, /GH-SEC-005 .* expires on 2026-11-30 \(in 4 days\)/);
  t.same(notes[0]!.locations[0].physicalLocation.artifactLocation, { uri: ".regolith/waivers.yaml" });
  t.notOk("toolConfigurationNotifications" in (run(cleanResult()).invocations[0] as Obj), "none when there is nothing to say");
});

t.test("odd file names become valid URI references", async (t) => {
  const res = run(hostileResult()).results as Obj[];
  t.equal(res[0]!.locations[0].physicalLocation.artifactLocation.uri, "in%20put/cf%2C1%3A2.json");
  const noLocation = res.find((x) => x.ruleId === "CF-TOK-010" && x.kind === "open")!;
  t.notOk("physicalLocation" in noLocation.locations[0], "a finding without a location keeps only its logical location");
  const absolute: GateResult = { ...acmeResult(), findings: [{ ...acmeResult().findings[0]!, location: { file: "/home/ci/snap shots/gh.json", kind: "github-snapshot", pointer: "" } }] };
  t.equal(run(absolute).results[0].locations[0].physicalLocation.artifactLocation.uri, "file:///home/ci/snap%20shots/gh.json");
  const windows: GateResult = { ...acmeResult(), findings: [{ ...acmeResult().findings[0]!, location: { file: "C:\\ci\\gh.json", kind: "github-snapshot", pointer: "" } }] };
  t.equal(run(windows).results[0].locations[0].physicalLocation.artifactLocation.uri, "file:///C:/ci/gh.json");
});

t.test("deterministic: the same bytes whatever the input order", async (t) => {
  const r = acmeResult();
  const shuffled: GateResult = { ...r, findings: [...r.findings].reverse(), rules: [...r.rules].reverse() };
  t.equal(REPORTERS.sarif(shuffled), REPORTERS.sarif(r));
});
