/**
 * schemas/regolith-policy-input.schema.json describes the input the gate gives
 * policies: one key per document kind (DOCUMENT_KINDS), each a list of documents of
 * that kind's schema. The example documents, grouped as the gate groups them, are
 * valid against it, and anything else under input is not.
 */
import t from "tap";
import { Ajv2020 } from "ajv/dist/2020.js";
import { DOCUMENT_KINDS } from "@regolith/gate";
import { DATE_TIME, loadExample, loadSchema } from "../_lib/schema-harness.js";

function validator(): ReturnType<Ajv2020["compile"]> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  for (const kind of Object.keys(DOCUMENT_KINDS)) ajv.addSchema(loadSchema(kind));
  return ajv.compile(loadSchema("regolith-policy-input"));
}

t.test("one key per document kind, as the gate builds input", async (t) => {
  const properties = Object.keys(loadSchema("regolith-policy-input")["properties"] as object).sort();
  t.same(properties, Object.values(DOCUMENT_KINDS).map((k) => k.key).sort());
});

t.test("the example documents, grouped by kind, are a valid input", async (t) => {
  const validate = validator();
  const input = { github: [loadExample("github-snapshot", "acme")], cloudflare: [loadExample("cloudflare-snapshot", "acme")], openai: [loadExample("openai-federation", "acme")] };
  t.ok(validate(input), JSON.stringify(validate.errors));
  t.ok(validate({ github: [], cloudflare: [], openai: [] }), "no documents of a kind is an empty list");
});

t.test("a document under the wrong key, or another key, is not", async (t) => {
  const validate = validator();
  t.notOk(validate({ github: [loadExample("cloudflare-snapshot", "acme")], cloudflare: [], openai: [] }));
  t.notOk(validate({ github: [], cloudflare: [], openai: [], params: {} }));
});
