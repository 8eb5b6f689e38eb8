/**
 * The gate's own schemas (parameters, waivers, baselines): they compile as the gate
 * compiles them, describe every property, accept their examples and what the gate
 * writes, and the gate validates with them.
 */
import t from "tap";
import { parse } from "yaml";
import { baselineDocument } from "@regolith/gate";
import { compileSchema, describeErrors, loadSchema, readSchemaText, undescribed } from "../_lib/schema-harness.js";
import { example, gate, githubDoc, inputProblems, named, shippedBundle, shippedData } from "../_lib/gate-fixtures.js";

const KINDS = ["regolith-params", "regolith-waivers", "regolith-baseline"] as const;

t.test("each schema compiles (ajv 2020-12, strict) and describes every property", async (t) => {
  for (const kind of KINDS) {
    const schema = loadSchema(kind);
    t.doesNotThrow(() => compileSchema(schema), kind);
    t.same(undescribed(schema), [], `${kind}: every property described`);
    t.equal(schema["$id"], `https://regolith.dev/schemas/${kind}/v1.json`);
  }
});

t.test("the shipped data.json's parameters and the params example are valid", async (t) => {
  const validate = compileSchema(loadSchema("regolith-params"));
  t.ok(validate(shippedData().regolith.params), describeErrors(validate.errors).join("\n"));
  const overlay = parse(readSchemaText("examples/regolith-params.example.yaml")) as { regolith: { params: unknown } };
  t.ok(validate(overlay.regolith.params), describeErrors(validate.errors).join("\n"));
});

t.test("the waivers example is valid, and the gate accepts it with the example parameters over the shipped bundle", async (t) => {
  const waivers = parse(readSchemaText("examples/regolith-waivers.example.yaml")) as unknown;
  const validate = compileSchema(loadSchema("regolith-waivers"));
  t.ok(validate(waivers), describeErrors(validate.errors).join("\n"));
  const params = parse(readSchemaText("examples/regolith-params.example.yaml")) as unknown;
  const r = gate({
    ...shippedBundle(),
    documents: [named("github.json", example("github-snapshot.acme")), named("cloudflare.json", example("cloudflare-snapshot.acme"))],
    overlays: [named("regolith-params.example.yaml", params)],
    waivers: named("regolith-waivers.example.yaml", waivers),
  });
  t.ok(r.summary.waived >= 2, "the COVERAGE gap on legacy and the cdn-purge token are waived");
  t.ok(r.findings.some((f) => f.rule === "COVERAGE" && f.resource === "github://acme/legacy" && f.waived));
});

t.test("a baseline the gate writes is valid against the baseline schema", async (t) => {
  const validate = compileSchema(loadSchema("regolith-baseline"));
  const doc = baselineDocument(gate({ documents: [named("gh.json", githubDoc("acme", ["bad-a", "bad-b", "odd-c"]))] }));
  t.equal(doc.fingerprints.length, 3);
  t.ok(validate(JSON.parse(JSON.stringify(doc))), describeErrors(validate.errors).join("\n"));
});

t.test("the gate's schema errors: the property's own pointer, a readable reason, at most 20 per document", async (t) => {
  const doc = githubDoc("acme", Array.from({ length: 30 }, (_, i) => `r${i}`));
  delete doc.org.id;
  doc.org.extra = 1;
  doc.schema_version = 3;
  doc.scope.scanned_ref = "all";
  for (const repo of doc.repositories) repo.visibility = "hidden";
  const p = inputProblems(() => gate({ documents: [named("big.json", doc)] }));
  t.equal(p.length, 21);
  t.equal(p[20], "big.json: … and 14 more", "4 document-level problems and 30 repositories: 34");
  t.ok(p.includes("big.json: /org/id: required property is missing"), p.join("\n"));
  t.ok(p.includes("big.json: /org/extra: unexpected property (not in the schema)"));
  t.ok(p.includes("big.json: /schema_version: must be 1"));
  t.ok(p.includes('big.json: /scope/scanned_ref: must be "default_branch"'), p.join("\n"));
  t.ok(p.some((x) => /^big\.json: \/repositories\/0\/visibility: must be one of "public", "private", "internal"$/.test(x)), p.join("\n"));
});
