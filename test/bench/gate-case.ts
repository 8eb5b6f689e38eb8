/**
 * (e) the gate: the shipped bundle over a generated organization (5,000 repositories,
 * about 25,000 workflow jobs, 5,000 Cloudflare tokens), against JSON.parse of the same
 * documents. Timed twice: the whole gate as the CLI runs it once the files are read
 * (schema validation, bundle parsing and lint, evaluation, waivers, sorting), and the
 * bundle's evaluation alone (the one query the gate makes, on an engine built before).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { runGate, type GateResult } from "@regolith/gate";
import { Engine, type Value } from "@regolith/rego";
import { generateCloudflareSnapshot, generateGithubSnapshot, generateOpenaiFederation } from "./gate-workload.js";

const BUNDLE = join(import.meta.dirname, "../../policies/credential-hygiene");

function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return regoFiles(path);
    return name.endsWith(".rego") && !name.endsWith("_test.rego") ? [path] : [];
  });
}

export interface GateWorkload {
  readonly texts: readonly { name: string; text: string }[];
  readonly repositories: number;
  readonly jobs: number;
  readonly tokens: number;
  readonly bytes: number;
}

export function gateWorkload(repositories: number, tokens: number): GateWorkload {
  const github = generateGithubSnapshot(repositories);
  let jobs = 0;
  for (const r of github.repositories) for (const w of r.workflows ?? []) jobs += w.jobs.length;
  const texts = [
    { name: "github.json", text: JSON.stringify(github) },
    { name: "cloudflare.json", text: JSON.stringify(generateCloudflareSnapshot(tokens)) },
    { name: "openai.json", text: JSON.stringify(generateOpenaiFederation()) },
  ];
  return { texts, repositories, jobs, tokens, bytes: texts.reduce((n, t) => n + t.text.length, 0) };
}

export function parseAll(workload: GateWorkload): { name: string; value: unknown }[] {
  return workload.texts.map((t) => ({ name: t.name, value: JSON.parse(t.text) as unknown }));
}

function bundleModules(): { file: string; source: string }[] {
  return regoFiles(BUNDLE).map((path) => ({ file: relative(BUNDLE, path), source: readFileSync(path, "utf8") }));
}

function bundleData(): Value {
  return JSON.parse(readFileSync(join(BUNDLE, "data.json"), "utf8")) as Value;
}

/** The gate as the CLI runs it once the files are read: parse the documents, then runGate. */
export function gateOver(workload: GateWorkload): GateResult {
  return runGate({ documents: parseAll(workload), modules: bundleModules(), data: bundleData(), toolVersion: "bench" });
}

/** Every check package's findings in one query, as the gate asks for them; returns the evaluator. */
export function bundleQuery(): (input: Value) => number {
  const engine = new Engine();
  for (const m of bundleModules()) engine.addModule(m.file, m.source);
  engine.setData(bundleData());
  const packages = readdirSync(join(BUNDLE, "checks")).filter((f) => f.endsWith(".rego") && !f.endsWith("_test.rego"));
  const refs = packages.map((f) => /^package\s+(\S+)/m.exec(readFileSync(join(BUNDLE, "checks", f), "utf8"))![1]!);
  const query = engine.prepare(`[${refs.map((p) => `count(data.${p}.findings)`).join(", ")}]`);
  return (input) => {
    const { results, error } = query.evaluate({ input });
    if (error) throw error;
    return (results[0]!.expressions[0]!.value as number[]).reduce((a, b) => a + b, 0);
  };
}

/** The policy input the gate builds from the parsed documents. */
export function policyInput(docs: readonly { value: unknown }[]): Value {
  return { github: [docs[0]!.value], cloudflare: [docs[1]!.value], openai: [docs[2]!.value] } as Value;
}
