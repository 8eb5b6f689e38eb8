/** How a template string shows a value: strings as they are, anything else in Rego syntax. */
import type { Value } from "../ast/value.js";
import { valueToString } from "../ast/value-string.js";

export function formatTemplateValue(v: Value): string {
  return typeof v === "string" ? v : valueToString(v);
}
