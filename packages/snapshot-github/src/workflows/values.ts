/**
 * Turning plain YAML values into the text facts of the document. Every string copied
 * into a fact passes through redaction here, so no builder can forget it.
 */
import type { MaybeRedacted } from "../document.js";
import { redactText, redactValue } from "../redact.js";

export type Mapping = Readonly<Record<string, unknown>>;

export function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Code-unit order, as `Array.prototype.sort` uses; stable across runs and locales. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedKeys(mapping: Mapping): string[] {
  return Object.keys(mapping).sort(compareText);
}

/**
 * A scalar as GitHub hands it to an action or a shell: numbers and booleans in their
 * canonical text (`3.10` is the number 3.1, as GitHub passes it), null as empty.
 * A mapping or list where a scalar belongs is kept as its JSON text.
 */
export function scalarText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** Free text (run scripts, expressions, names), redacted; `null` when absent. */
export function optionalText(value: unknown): string | null {
  return value === null || value === undefined ? null : redactText(scalarText(value));
}

/** An `env:` or `with:` mapping with sorted keys and redacted values; `{}` when it is not a mapping. */
export function redactedMap(value: unknown): Record<string, MaybeRedacted> {
  if (!isMapping(value)) return {};
  return Object.fromEntries(sortedKeys(value).map((key) => [key, redactValue(scalarText(value[key]), key)]));
}

/**
 * A configuration value copied whole (trigger filters, inputs): mappings with sorted
 * keys, lists in source order, strings redacted as scalar values.
 */
export function redactedTree(value: unknown): unknown {
  if (typeof value === "string") return redactValue(value);
  if (Array.isArray(value)) return value.map(redactedTree);
  if (isMapping(value)) return Object.fromEntries(sortedKeys(value).map((key) => [key, redactedTree(value[key])]));
  return value;
}

/** A string or a list of strings (`needs: build`, `branches: main`) as a list; other items as their text. */
export function textList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item) => item !== null && item !== undefined).map((item) => redactText(scalarText(item)));
}
