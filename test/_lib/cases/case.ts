/**
 * Evaluation cases in OPA's format (CONFORMANCE.md §2): `cases:` with note, query,
 * modules, data, input | input_term, want_result | want_error_code + want_error,
 * sort_bindings, strict_error, ignore_generated_vars, env. Used for OPA's suite and
 * for Regolith's own cases under test/cases/.
 */
import { readFileSync } from "node:fs";
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
  readonly experimentalKeywords: boolean;
  readonly env: Readonly<Record<string, string>>;
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

/** The cases of one file; `id` is `<idPrefix>#<index>`. */
export function readCaseFile(path: string, idPrefix: string, dir: string): EvalCase[] {
  const doc = readYAML(path) as { cases?: Record<string, unknown>[] } | null;
  return (doc?.cases ?? []).map((c, i) => ({
    id: `${idPrefix}#${i}`,
    dir,
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
    experimentalKeywords: c["experimental_keywords"] === true,
    env: (c["env"] as Record<string, string> | undefined) ?? {},
  }));
}
