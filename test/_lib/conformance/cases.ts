/**
 * OPA's compliance suite (CONFORMANCE.md §1): found in ../shared/conformance (or
 * $REGOLITH_CONFORMANCE_DIR, or a flag), never copied into this repository.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { readCaseFile, type EvalCase } from "../cases/case.js";

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

/** Every eval case, in directory and file order; IDs are `<dir>/<file>.yaml#<index>`. */
export function loadEvalCases(dir: string): EvalCase[] {
  const base = join(dir, "opa-v1");
  const out: EvalCase[] = [];
  for (const d of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const file of readdirSync(join(base, d)).filter((f) => f.endsWith(".yaml")).sort()) {
      out.push(...readCaseFile(join(base, d, file), `${d}/${file}`, d));
    }
  }
  return out;
}

export function loadTiers(dir: string): Map<string, TierInfo> {
  const json = JSON.parse(readFileSync(join(dir, "opa-v1-tiers.json"), "utf8")) as { dirs: Record<string, { tier: number; class: string }> };
  return new Map(Object.entries(json.dirs).map(([d, info]) => [d, { tier: info.tier, class: info.class }]));
}
