/** `regolith eval` output: `json` (OPA's shape, byte for byte), `pretty`, `raw`, `bindings`. */
import { stringifyValue, type RegoError, type ResultSet, type Value } from "@regolith/rego";
import { RegoValue, writeEnvelope, type Envelope } from "./ordered-json.js";

export const EVAL_FORMATS = ["json", "pretty", "raw", "bindings"] as const;
export type EvalFormat = (typeof EVAL_FORMATS)[number];

export function resultJSON(results: ResultSet): string {
  if (results.length === 0) return writeEnvelope({});
  return writeEnvelope({
    result: results.map((r) => ({
      expressions: r.expressions.map((e) => ({
        value: new RegoValue(e.value),
        text: e.text,
        location: { row: e.location.row, col: e.location.col },
      })),
      bindings: Object.keys(r.bindings).length > 0 ? new RegoValue(r.bindings as Value) : undefined,
    })),
  });
}

/** OPA's `OutputError` field order: details, location, message, code. */
export function errorsJSON(errors: readonly RegoError[]): string {
  const list: Envelope[] = errors.map((e) => {
    const j = e.toJSON();
    return {
      details: j.details ? { line: j.details.line, idx: j.details.idx } : undefined,
      location: j.location ? { file: j.location.file, row: j.location.row, col: j.location.col } : undefined,
      message: j.message,
      code: j.code,
    };
  });
  return writeEnvelope({ errors: list });
}

export function resultRaw(results: ResultSet): string {
  return results
    .map((r) => r.expressions.map((e) => (typeof e.value === "string" ? e.value : stringifyValue(e.value))).join(" ") + "\n")
    .join("");
}

export function resultBindings(results: ResultSet): string {
  return results.map((r) => writeEnvelope(new RegoValue(r.bindings as Value))).join("");
}

/** OPA's `pretty`: `undefined`, a lone value as JSON, or a table of bindings. */
export function resultPretty(results: ResultSet): string {
  if (results.length === 0) return "undefined\n";
  const first = results[0]!;
  if (results.length === 1 && Object.keys(first.bindings).length === 0) {
    if (first.expressions.length === 1 || first.expressions.every((e) => typeof e.value === "boolean")) {
      return writeEnvelope(new RegoValue(first.expressions[0]!.value));
    }
  }
  const keys = [...new Set(results.flatMap((r) => Object.keys(r.bindings)))].sort();
  const exprColumns = first.expressions.map((e, i) => ({ i, text: e.text })).filter(({ i }) => results.some((r) => r.expressions[i]!.value !== true));
  const header = [...keys, ...exprColumns.map((c) => c.text)];
  const rows = results.map((r) => [
    ...keys.map((k) => (r.bindings[k] === undefined ? "" : stringifyValue(r.bindings[k]!))),
    ...exprColumns.map((c) => stringifyValue(r.expressions[c.i]!.value)),
  ]);
  return table(header, rows);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const rule = "+" + widths.map((w) => "-".repeat(w + 2)).join("+") + "+\n";
  const line = (cells: readonly string[]): string => "|" + cells.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join("|") + "|\n";
  return rule + line(header) + rule + rows.map(line).join("") + rule;
}
