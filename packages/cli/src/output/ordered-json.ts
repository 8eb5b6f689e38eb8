/**
 * JSON for the CLI's own envelopes, keeping field order as OPA's Go structs do
 * (`expressions` before `bindings`, `value`, `text`, `location`), with Rego values
 * inside written the way Go writes them (sorted keys, HTML-safe escaping).
 */
import { stringifyValue, type Value } from "@regolith/rego";

/** A Rego value inside an envelope. */
export class RegoValue {
  readonly value: Value;
  constructor(value: Value) {
    this.value = value;
  }
}

export type Envelope = RegoValue | string | number | boolean | null | readonly Envelope[] | { readonly [key: string]: Envelope | undefined };

const INDENT = "  ";

/** Indented like Go's `json.Encoder` with `SetIndent("", "  ")`, newline-terminated. */
export function writeEnvelope(node: Envelope): string {
  return write(node, "") + "\n";
}

function write(node: Envelope, prefix: string): string {
  if (node instanceof RegoValue) return stringifyValue(node.value, INDENT, prefix);
  if (node === null || typeof node !== "object") return stringifyValue(node as Value);
  const inner = prefix + INDENT;
  if (Array.isArray(node)) {
    if (node.length === 0) return "[]";
    return "[\n" + node.map((x) => inner + write(x, inner)).join(",\n") + "\n" + prefix + "]";
  }
  const entries = Object.entries(node).filter(([, v]) => v !== undefined) as [string, Envelope][];
  if (entries.length === 0) return "{}";
  return "{\n" + entries.map(([k, v]) => `${inner}${stringifyValue(k)}: ${write(v, inner)}`).join(",\n") + "\n" + prefix + "}";
}
