/**
 * `opa test --format json`: an array of results with OPA's field names and order:
 * `location` ({file, row, col}), `package`, `name`, `fail`/`error`/`skip` only when
 * set, `duration` in nanoseconds, and `output` (the `print()` output, base64-encoded
 * as Go encodes a byte slice) only when there is some, and `sub_results` (a test's
 * cases, by name: `{"name", "fail" when failed, "sub_results" when nested}`) only for
 * a test with cases.
 */
import type { SubResult, TestResult } from "./runner.js";

export function jsonTestReport(results: readonly TestResult[]): string {
  const list = results.map((r) => ({
    location: { file: r.location.file, row: r.location.row, col: r.location.col },
    package: r.package,
    name: r.name,
    ...(r.fail ? { fail: true } : {}),
    ...(r.error ? { error: r.error.toJSON() } : {}),
    ...(r.skip ? { skip: true } : {}),
    duration: r.durationNs,
    ...(r.output.length > 0 ? { output: Buffer.from(r.output, "utf8").toString("base64") } : {}),
    ...(r.subResults.length > 0 ? { sub_results: subResultsJSON(r.subResults) } : {}),
  }));
  return JSON.stringify(list, null, 2) + "\n";
}

type SubResultJSON = { name: string; fail?: true; sub_results?: Record<string, SubResultJSON> };

/** By name (own properties even for a case named `__proto__`). */
function subResultsJSON(subs: readonly SubResult[]): Record<string, SubResultJSON> {
  return Object.fromEntries(
    subs.map((sub) => [
      sub.name,
      {
        name: sub.name,
        ...(sub.fail ? { fail: true as const } : {}),
        ...(sub.subResults.length > 0 ? { sub_results: subResultsJSON(sub.subResults) } : {}),
      },
    ]),
  );
}
