/**
 * Reads workflow YAML into plain JSON-like values, with error positions.
 *
 * The YAML 1.2 core schema is forced, even under a `%YAML 1.1` directive: GitHub
 * reads `on:` as the string `on`, while YAML 1.1 would make it the boolean `true`
 * (as it would `yes`, `off`, …). Integers are read exactly (`intAsBigInt`) and
 * become numbers only where that loses nothing. Mappings keep source key order here;
 * the fact builders sort where order means nothing.
 */
import { LineCounter, parseDocument } from "yaml";

export interface YamlProblem {
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

export type YamlLoad =
  | { readonly ok: true; readonly value: unknown; readonly position: (path: readonly string[]) => { line: number; column: number } | null }
  | { readonly ok: false; readonly problem: YamlProblem };

export function loadYaml(text: string): YamlLoad {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, schema: "core", version: "1.2", intAsBigInt: true });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    return { ok: false, problem: { message: error.message, line: pos.line, column: pos.col } };
  }
  let js: unknown;
  try {
    js = doc.toJS({ mapAsMap: true });
  } catch (e) {
    // Too many alias expansions (a "billion laughs" file) and similar refusals.
    return { ok: false, problem: { message: e instanceof Error ? e.message : String(e), line: null, column: null } };
  }
  const position = (path: readonly string[]): { line: number; column: number } | null => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (!node || typeof node !== "object" || !node.range) return null;
    const pos = lineCounter.linePos(node.range[0]);
    return { line: pos.line, column: pos.col };
  };
  return { ok: true, value: toPlain(js, []), position };
}

/**
 * Maps → objects (keys as strings; a boolean `true` key, which only a YAML 1.1
 * reading of `on:` produces, keeps the text `true`), sets → arrays, exact integers →
 * numbers when safe and decimal strings otherwise, dates → ISO text, binary → base64.
 * A value that contains itself (an alias inside its own anchor) becomes `null`.
 */
export function toPlain(value: unknown, ancestors: readonly unknown[]): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value === null || typeof value !== "object") return value === undefined ? null : value;
  if (ancestors.includes(value)) return null;
  const inner = [...ancestors, value];
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([k, v]) => [keyText(k), toPlain(v, inner)]));
  }
  if (value instanceof Set) return [...value].map((v) => toPlain(v, inner));
  if (Array.isArray(value)) return value.map((v) => toPlain(v, inner));
  // `!!timestamp` dates are always valid: out-of-range fields roll over (2024-13-45 is a 2025 date).
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  /* c8 ignore next: toJS with mapAsMap yields only the shapes above and scalars */
  return String(value);
}

function keyText(key: unknown): string {
  if (typeof key === "string") return key;
  if (key === null || typeof key !== "object") return String(key);
  return JSON.stringify(toPlain(key, []));
}
