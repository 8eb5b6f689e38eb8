/**
 * The `json` reporter and schemas/regolith-gate-result.schema.json: real reporter output
 * validates (ajv 2020-12, strict, as the gate loads schemas), the schema describes every
 * property and closes every object, rejects the mistakes it exists to catch, and the
 * output carries the whole result in a fixed order whatever the input order.
 */
import t from "tap";
import { REPORTERS, type GateResult } from "@regolith/gate";
import { compileSchema, describeErrors, loadSchema, openObjects, undescribed, type JsonObject } from "../_lib/schema-harness.js";
import { acmeAt, acmeResult, cleanResult, hostileResult, largeResult } from "../fixtures/gate/results.js";

const schema = loadSchema("regolith-gate-result");
const validate = compileSchema(schema);
const json = (r: GateResult): JsonObject => JSON.parse(REPORTERS.json(r)) as JsonObject;

t.test("the schema is fully described and closed", async (t) => {
  t.same(undescribed(schema), [], "every property, $defs entry and map value is described");
  t.same(openObjects(schema), [], "every object with known keys is closed");
});

t.test("reporter output validates against the schema", async (t) => {
  const results: Record<string, GateResult> = {
    acme: acmeResult(),
    "acme at never": acmeAt("never"),
    clean: cleanResult(),
    hostile: hostileResult(),
    large: largeResult(600),
  };
  for (const [name, r] of Object.entries(results)) {
    const ok = validate(json(r));
    t.ok(ok, name, { errors: describeErrors(validate.errors) });
  }
});

t.test("the document has the CLI.md shape and every finding field", async (t) => {
  const doc = json(acmeResult());
  t.same(Object.keys(doc), ["version", "findings", "summary", "rules", "inputs", "clock", "expiring_waivers", "warnings", "tool"]);
  t.equal(doc["version"], 1);
  const findings = doc["findings"] as JsonObject[];
  t.equal(findings.length, acmeResult().findings.length, "waived, baselined and unknown findings are listed too");
  for (const f of findings) {
    for (const key of ["rule", "severity", "resource", "title", "message", "remediation", "fingerprint", "waived", "status", "evidence", "location"]) {
      t.ok(key in f, `${String(f["rule"])} has ${key}`);
    }
  }
  const waived = findings.filter((f) => f["waived"] === true);
  t.equal(waived.length, 1);
  t.match(waived[0], { rule: "CF-TOK-007", waiver: { owner: "@acme/platform", expires: "2026-12-31", ticket: "PLAT-142" } });
  t.same(
    findings.map((f) => f["severity"]),
    ["critical", "high", "high", "high", "high", "high", "medium", "medium", "medium", "medium", "medium", "medium", "low", "info"],
    "highest severity first",
  );
  t.same(doc["summary"], acmeResult().summary, "the summary as the gate made it");
});

t.test("output does not depend on the order of findings, rules or identity keys", async (t) => {
  const r = acmeResult();
  const reversed: GateResult = {
    ...r,
    findings: [...r.findings].reverse().map((f) => ({ ...f, identity: Object.fromEntries(Object.entries(f.identity).reverse()) })),
    rules: [...r.rules].reverse(),
  };
  t.equal(REPORTERS.json(reversed), REPORTERS.json(r));
});

t.test("the schema rejects what a broken gate could write", async (t) => {
  const waivedAt = (json(acmeResult())["findings"] as JsonObject[]).findIndex((f) => f["waived"] === true);
  const cases: [string, (d: JsonObject) => void, string, string][] = [
    ["fingerprint with a prefix", (d) => ((d["findings"] as JsonObject[])[0]!["fingerprint"] = `regolith/v1:${"a".repeat(64)}`), "/findings/0/fingerprint", "pattern"],
    ["waived without its waiver", (d) => ((d["findings"] as JsonObject[]).find((f) => f["waived"] === true)!["waiver"] = null), `/findings/${waivedAt}/waiver`, "type"],
    ["a status other than fail/unknown", (d) => ((d["findings"] as JsonObject[])[0]!["status"] = "pass"), "/findings/0/status", "enum"],
    ["a resource that is not a URI", (d) => ((d["findings"] as JsonObject[])[0]!["resource"] = "acme/app"), "/findings/0/resource", "pattern"],
    ["an unknown severity", (d) => ((d["summary"] as JsonObject)["fail_on"] = "severe"), "/summary/fail_on", "enum"],
    ["a missing count", (d) => delete ((d["summary"] as JsonObject)["by_severity"] as JsonObject)["info"], "/summary/by_severity", "required"],
    ["an extra finding field", (d) => ((d["findings"] as JsonObject[])[0]!["line"] = 3), "/findings/0", "additionalProperties"],
  ];
  for (const [name, change, pointer, keyword] of cases) {
    const doc = json(acmeResult());
    change(doc);
    t.notOk(validate(doc), `${name}: rejected`);
    t.ok(
      (validate.errors ?? []).some((e) => e.instancePath === pointer && e.keyword === keyword),
      `${name}: ${keyword} at ${pointer}`,
      { errors: describeErrors(validate.errors) },
    );
  }
});

t.test("text is carried as is, JSON-escaped", async (t) => {
  const r = hostileResult();
  const doc = json(r);
  const first = (doc["findings"] as JsonObject[])[0]!;
  t.equal(first["message"], r.findings[0]!.message, "control characters and markup survive a JSON round trip");
  t.notMatch(REPORTERS.json(r), /\u001b/, "no raw escape character in the bytes");
});
