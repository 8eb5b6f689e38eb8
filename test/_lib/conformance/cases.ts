/**
 * OPA's compliance cases (CONFORMANCE.md §2): loading them from the shared folder,
 * never from this repository. A case is identified by `<dir>/<file>.yaml#<index>`.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYAML } from "yaml";
import { RNumber, type Value } from "@regolith/rego";

export interface EvalCase {
  readonly id: string;
  readonly dir: string;
  readonly note: string;
  readonly query: string;
  readonly modules: readonly string[];
  readonly data: Value | undefined;
  readonly input: Value | undefined;
  readonly inputTerm: string | undefined;
  readonly wantResult: readonly Record<string, Value>[] | undefined;
  readonly wantErrorCode: string | undefined;
  readonly wantError: string | undefined;
  readonly sortBindings: boolean;
  readonly strictError: boolean;
  readonly ignoreGeneratedVars: boolean;
  readonly env: Readonly<Record<string, string>>;
}

export interface TierInfo {
  readonly tier: number;
  readonly class: string;
}

/** Where the data lives: flag, then REGOLITH_CONFORMANCE_DIR, then ../shared/conformance. */
export function conformanceDir(flag?: string): string {
  const root = resolve(import.meta.dirname, "../../..");
  return resolve(flag ?? process.env["REGOLITH_CONFORMANCE_DIR"] ?? join(root, "../shared/conformance"));
}

export function hasConformanceData(dir: string): boolean {
  return existsSync(join(dir, "opa-v1")) && existsSync(join(dir, "opa-v1-tiers.json"));
}

/** YAML numbers to values: integers beyond 2^53 stay exact. */
export function fromYAML(v: unknown): Value {
  if (typeof v === "bigint") {
    return Number.isSafeInteger(Number(v)) ? Number(v) : new RNumber(v.toString());
  }
  if (Array.isArray(v)) return v.map(fromYAML);
  if (v !== null && typeof v === "object") {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromYAML(x);
    return out;
  }
  return v as Value;
}

export function readYAML(path: string): unknown {
  return parseYAML(readFileSync(path, "utf8"), { intAsBigInt: true, version: "1.1" });
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

export function loadEvalCases(dir: string): EvalCase[] {
  const base = join(dir, "opa-v1");
  const out: EvalCase[] = [];
  for (const d of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const file of readdirSync(join(base, d)).filter((f) => f.endsWith(".yaml")).sort()) {
      const doc = readYAML(join(base, d, file)) as { cases?: Record<string, unknown>[] };
      (doc.cases ?? []).forEach((c, i) => {
        out.push({
          id: `${d}/${file}#${i}`,
          dir: d,
          note: String(c["note"] ?? ""),
          query: String(c["query"] ?? ""),
          modules: ((c["modules"] as unknown[] | undefined) ?? []).map(String),
          data: c["data"] === undefined || c["data"] === null ? undefined : fromYAML(c["data"]),
          input: "input" in c ? fromYAML(c["input"]) : undefined,
          inputTerm: str(c["input_term"]),
          wantResult: Array.isArray(c["want_result"]) ? (c["want_result"] as unknown[]).map((r) => fromYAML(r) as Record<string, Value>) : undefined,
          wantErrorCode: str(c["want_error_code"]),
          wantError: str(c["want_error"]),
          sortBindings: c["sort_bindings"] === true,
          strictError: c["strict_error"] === true,
          ignoreGeneratedVars: c["ignore_generated_vars"] === true,
          env: (c["env"] as Record<string, string> | undefined) ?? {},
        });
      });
    }
  }
  return out;
}

export function loadTiers(dir: string): Map<string, TierInfo> {
  const json = JSON.parse(readFileSync(join(dir, "opa-v1-tiers.json"), "utf8")) as { dirs: Record<string, { tier: number; class: string }> };
  return new Map(Object.entries(json.dirs).map(([d, info]) => [d, { tier: info.tier, class: info.class }]));
}
