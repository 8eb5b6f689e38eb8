/**
 * The shipped bundle finds the same things whether the engine reads terms through
 * generated code at once, after its default number of reads, or never
 * (EngineOptions.jitAfter, eval/site-code.ts): the bench's generated organization and
 * the example snapshots, compared finding by finding.
 */
import t from "tap";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { Engine, type Value } from "@regolith/rego";
import { generateCloudflareSnapshot, generateGithubSnapshot, generateOpenaiFederation } from "../bench/gate-workload.js";
import { example } from "../_lib/gate-fixtures.js";

const BUNDLE = join(import.meta.dirname, "../../policies/credential-hygiene");

function modules(dir: string): { file: string; source: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return name.endsWith(".rego") && !name.endsWith("_test.rego") ? [{ file: relative(BUNDLE, path), source: readFileSync(path, "utf8") }] : [];
  });
}

/** Every check package's findings, as sorted JSON texts. */
function findings(input: Value, jitAfter: number): string[] {
  const engine = new Engine({ jitAfter });
  for (const m of modules(BUNDLE)) engine.addModule(m.file, m.source);
  engine.setData(JSON.parse(readFileSync(join(BUNDLE, "data.json"), "utf8")) as Value);
  const { results, error } = engine.prepare("data.regolith.checks").evaluate({ input });
  if (error) throw error;
  const checks = results[0]!.expressions[0]!.value as Record<string, { findings?: Value[] }>;
  return Object.values(checks)
    .flatMap((pkg) => pkg.findings ?? [])
    .map((f) => JSON.stringify(f))
    .sort();
}

const inputs: [string, Value][] = [
  ["the generated organization (60 repositories, 60 tokens)", { github: [generateGithubSnapshot(60)], cloudflare: [generateCloudflareSnapshot(60)], openai: [generateOpenaiFederation()] }],
  ["the example snapshots", { github: [example("github-snapshot.acme")], cloudflare: [example("cloudflare-snapshot.acme")], openai: [example("openai-federation.acme")] } as Value],
];

for (const [name, input] of inputs) {
  t.test(name, async (t) => {
    const never = findings(input, Infinity);
    t.ok(never.length > 20, `${never.length} findings`);
    t.same(findings(input, 0), never, "generated code at once");
    t.same(findings(input, 32), never, "the default threshold");
  });
}
