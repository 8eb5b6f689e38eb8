import type { ObjectValue } from "../../../ast/value.js";
export function renderTemplate(src: string, _vars: ObjectValue): string {
  return src;
}
