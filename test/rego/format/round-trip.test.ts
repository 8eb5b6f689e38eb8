/**
 * The formatter's guarantees, over every module at hand: the repository's own (the
 * shipped bundle, its tests, fixtures) and the modules of OPA's compliance suite
 * when it is present. Formatting a module
 * - gives a module that parses to the same AST (locations aside, and `=` in a rule
 *   head read as `:=`, which means the same),
 * - keeps every comment,
 * - and is idempotent: formatting the output changes nothing.
 * The shipped bundle is itself formatted (`regolith fmt --fail` passes on it).
 */
import t, { type Test } from "tap";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { formatSource, parseModule, RNumber } from "@regolith/rego";
import { conformanceDir, hasConformanceData, loadEvalCases } from "../../_lib/conformance/cases.js";

const ROOT = join(import.meta.dirname, "../../..");

function regoFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith(".") || e.name === "node_modules" || e.name === "dist") return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? regoFiles(path) : e.name.endsWith(".rego") ? [path] : [];
  });
}

/**
 * The AST as plain data, without what formatting may change: locations, `=` versus
 * `:=` in heads, `if true` (a rule `p if true` is written `p := true`) and the order
 * of imports.
 */
function shape(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(shape);
  if (x instanceof RNumber) return `number:${x.toString()}`;
  if (typeof x === "bigint") return `bigint:${x}`;
  if (x === null || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) if (k !== "loc" && k !== "source" && k !== "comments" && k !== "assign") out[k] = shape(v);
  if (out["type"] === "Rule") return withoutTrueBody(out);
  // Imports may be sorted; what they import is what must not change.
  if (out["type"] === "Module") out["imports"] = (out["imports"] as unknown[]).map((i) => JSON.stringify(i)).sort();
  return out;
}

function withoutTrueBody(rule: Record<string, unknown>): Record<string, unknown> {
  const body = rule["body"] as { node: { type: string; value?: unknown }; negated: boolean; with: unknown[] }[];
  const holds = body.length === 1 && body[0]!.node.type === "Boolean" && body[0]!.node.value === true && !body[0]!.negated && body[0]!.with.length === 0;
  const head = rule["head"] as Record<string, unknown>;
  const value = head["value"] ?? (head["contains"] ? undefined : { type: "Boolean", value: true });
  return { ...rule, body: holds ? [] : body, head: { ...head, value } };
}

interface Problem {
  readonly name: string;
  readonly what: string;
}

function check(name: string, source: string): Problem | undefined | "unparsable" {
  let before;
  try {
    before = parseModule(source, { file: "x.rego" });
  } catch {
    return "unparsable";
  }
  const once = formatSource(source, { file: "x.rego" });
  let after;
  try {
    after = parseModule(once, { file: "x.rego" });
  } catch (e) {
    return { name, what: `the output does not parse: ${(e as Error).message}\n${once}` };
  }
  if (JSON.stringify(shape(after)) !== JSON.stringify(shape(before))) return { name, what: `the output parses to another module:\n${once}` };
  const texts = (m: typeof before): string[] => m.comments.map((c) => c.text.trimEnd());
  if (JSON.stringify(texts(after)) !== JSON.stringify(texts(before))) return { name, what: "comments were lost or reordered" };
  const twice = formatSource(once, { file: "x.rego" });
  if (twice !== once) return { name, what: `formatting twice changed the output:\n${once}\n---\n${twice}` };
  return undefined;
}

function checkAll(t: Test, sources: readonly { name: string; source: string }[], label: string): void {
  const problems: Problem[] = [];
  let checked = 0;
  for (const { name, source } of sources) {
    const p = check(name, source);
    if (p === "unparsable") continue;
    checked++;
    if (p) problems.push(p);
  }
  t.ok(checked > 0, `${label}: ${checked} modules checked`);
  t.same(problems.slice(0, 3), [], `${label}: every module formats to the same module, keeps its comments, and formats idempotently`);
}

t.test("the repository's modules", async (t) => {
  const files = regoFiles(ROOT);
  checkAll(t, files.map((f) => ({ name: relative(ROOT, f), source: readFileSync(f, "utf8") })), "repository");
});

t.test("the modules of OPA's compliance suite", async (t) => {
  const dir = conformanceDir();
  if (!hasConformanceData(dir)) {
    t.pass("conformance suite absent", { skip: `no data at ${dir}` });
    return;
  }
  const sources = loadEvalCases(dir).flatMap((c) => c.modules.map((source, i) => ({ name: `${c.id} module ${i}`, source })));
  checkAll(t, sources, "compliance suite");
});

t.test("the shipped bundle is formatted", async (t) => {
  const unformatted = regoFiles(join(ROOT, "policies")).filter((f) => {
    const source = readFileSync(f, "utf8");
    return formatSource(source, { file: f }) !== source;
  });
  t.same(unformatted.map((f) => relative(ROOT, f)), []);
});
