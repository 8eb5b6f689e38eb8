/**
 * The gate's fast validators come compiled by the build (scripts/compile-validators.mjs)
 * instead of by ajv at every start. They must be current with the schemas and judge
 * exactly as a validator compiled at run time does.
 */
import t from "tap";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { SCHEMA_NAMES, precompiledSchemas, schemaDocument, schemaErrors } from "../../packages/gate/dist/schemas.js";
import { newAjv } from "../../packages/gate/dist/ajv-setup.js";
// @ts-expect-error: a build script in plain JavaScript, without type declarations.
import { SCHEMA_DIR, validatorFile, validatorSource } from "../../packages/gate/scripts/compile-validators.mjs";

const root = join(import.meta.dirname, "../..");
const examples = join(root, "schemas/examples");

t.test("every schema the gate validates against has a compiled validator, current with the schema", async (t) => {
  t.same(precompiledSchemas(), [...SCHEMA_NAMES]);
  for (const name of SCHEMA_NAMES) {
    const file = `${name}.schema.json`;
    t.equal(readFileSync(join(SCHEMA_DIR, validatorFile(file)), "utf8"), validatorSource(file), `${name}: rebuild with npm run build`);
  }
});

/** Values that a schema should accept and reject: the examples, and each broken in ways the schemas catch. */
function samples(kind: string): { label: string; value: unknown }[] {
  const out: { label: string; value: unknown }[] = [];
  for (const file of readdirSync(examples).filter((f) => f.startsWith(`${kind}.`) && f.endsWith(".json"))) {
    const doc = JSON.parse(readFileSync(join(examples, file), "utf8")) as Record<string, unknown>;
    out.push({ label: file, value: doc });
    const { generated_at: _dropped, ...missing } = doc;
    out.push({ label: `${file} without generated_at`, value: missing });
    out.push({ label: `${file} with a date that is not RFC 3339`, value: { ...doc, generated_at: "yesterday" } });
    out.push({ label: `${file} with an unknown property`, value: { ...doc, unexpected: true } });
    out.push({ label: `${file} with a wrong schema_version`, value: { ...doc, schema_version: 99 } });
  }
  return out;
}

t.test("a compiled validator judges the examples, and broken copies of them, as ajv at run time does", async (t) => {
  let valid = 0;
  let invalid = 0;
  for (const kind of ["github-snapshot", "cloudflare-snapshot", "openai-federation"] as const) {
    const runtime = newAjv(false).compile(schemaDocument(kind));
    for (const { label, value } of samples(kind)) {
      const expected = runtime(value);
      const { problems } = schemaErrors(kind, value);
      t.equal(problems.length === 0, expected, label);
      if (expected) valid++;
      else invalid++;
    }
  }
  t.ok(valid >= 5 && invalid >= 15, `both outcomes exercised (${valid} valid, ${invalid} invalid)`);
});

t.test("formats checked by a function reach the compiled code: an issuer that is not a URI is refused", async (t) => {
  const doc = JSON.parse(readFileSync(join(examples, "openai-federation.acme.json"), "utf8")) as unknown;
  const text = JSON.stringify(doc);
  t.match(text, '"issuer":"https://', "the example names an issuer");
  const broken = JSON.parse(text.replace(/"issuer":"https:[^"]*"/, '"issuer":"not a uri"')) as unknown;
  const { problems } = schemaErrors("openai-federation", broken);
  t.ok(problems.some((p) => p.pointer.endsWith("/issuer") && /uri/.test(p.reason)), JSON.stringify(problems));
  t.equal(newAjv(false).compile(schemaDocument("openai-federation"))(broken), false, "ajv at run time agrees");
});

t.test("where the host forbids generating code, the gate still validates: a valid run, and a bad document with its first problem", async (t) => {
  const { spawnSync } = await import("node:child_process");
  const bin = join(root, "packages/cli/bin/regolith.js");
  const run = (...args: string[]) => spawnSync(process.execPath, ["--disallow-code-generation-from-strings", bin, "gate", ...args], { cwd: root, encoding: "utf8" });
  const ok = run("-i", join(examples, "github-snapshot.acme.json"), "-f", "json");
  t.equal(ok.status, 1, ok.stderr);
  t.ok((JSON.parse(ok.stdout) as { findings: unknown[] }).findings.length > 10, "findings");
  const dir = t.testdir({ "bad.json": JSON.stringify({ kind: "github-snapshot" }) });
  const bad = run("-i", join(dir, "bad.json"));
  t.equal(bad.status, 2);
  t.match(bad.stderr, /bad\.json: \/schema_version: required property is missing/);
  t.notMatch(bad.stderr, /function code|scope\.schema/, "no generated code on stderr");
});
