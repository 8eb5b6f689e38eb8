/**
 * OPA's compile-diagnostic cases (CONFORMANCE.md §5): compilation must fail, and each
 * expected error must match a distinct reported one on module, code, row, column
 * (when non-zero) and exact message; `exhaustive` forbids extra errors.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { Engine, RegoErrors, type RegoError } from "@regolith/rego";
import { readYAML } from "../cases/case.js";
import type { Outcome } from "../cases/run-case.js";

interface WantError {
  readonly code: string;
  readonly row: number;
  readonly col?: number;
  readonly message: string;
  readonly module?: string;
}

export interface CompileCase {
  readonly id: string;
  readonly note: string;
  readonly modules: readonly string[];
  readonly printStatements: boolean;
  readonly wantErrors: readonly WantError[];
  readonly exhaustive: boolean;
}

export function loadCompileCases(dir: string): CompileCase[] {
  const base = join(dir, "opa-v1-compile");
  const out: CompileCase[] = [];
  for (const d of readdirSync(base, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    for (const file of readdirSync(join(base, d)).filter((f) => f.endsWith(".yaml")).sort()) {
      const doc = readYAML(join(base, d, file)) as { cases?: Record<string, unknown>[] };
      (doc.cases ?? []).forEach((c, i) => {
        out.push({
          id: `${d}/${file}#${i}`,
          note: String(c["note"]),
          modules: (c["modules"] as string[]).map(String),
          printStatements: c["print_statements"] === true,
          wantErrors: (c["want_errors"] as Record<string, unknown>[]).map((w) => ({
            code: String(w["code"]),
            row: Number(w["row"]),
            ...(w["col"] !== undefined ? { col: Number(w["col"]) } : {}),
            message: String(w["message"]),
            ...(w["module"] !== undefined ? { module: String(w["module"]) } : {}),
          })),
          exhaustive: c["exhaustive"] === true,
        });
      });
    }
  }
  return out;
}

function matches(got: RegoError, want: WantError): boolean {
  const loc = got.location;
  return (
    got.code === want.code &&
    got.message === want.message &&
    (loc?.file ?? "") === (want.module ?? "test-0.rego") &&
    loc?.row === want.row &&
    (!want.col || loc?.col === want.col)
  );
}

export function runCompileCase(c: CompileCase): Outcome {
  const engine = new Engine(c.printStatements ? { print: () => {} } : {});
  let errors: readonly RegoError[];
  try {
    c.modules.forEach((m, i) => engine.addModule(`test-${i}.rego`, m));
  } catch (e) {
    return { pass: false, reason: `parse error: ${String(e)}` };
  }
  try {
    engine.compile();
    return { pass: false, reason: "compilation succeeded" };
  } catch (e) {
    if (!(e instanceof RegoErrors)) throw e;
    errors = e.errors;
  }
  const used = new Set<number>();
  for (const want of c.wantErrors) {
    const i = errors.findIndex((g, j) => !used.has(j) && matches(g, want));
    if (i < 0) return { pass: false, reason: `missing ${want.code} "${want.message}" at ${want.row}:${want.col ?? 0}; got ${errors.map((x) => `${x.location?.row}:${x.location?.col} ${x.code} ${x.message}`).join(" | ")}` };
    used.add(i);
  }
  if (c.exhaustive && used.size !== errors.length) {
    return { pass: false, reason: `unexpected errors: ${errors.filter((_, j) => !used.has(j)).map((x) => x.toString()).join(" | ")}` };
  }
  return { pass: true };
}
