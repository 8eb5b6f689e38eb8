import type { Value } from "../../../ast/value.js";
export function yamlMarshal(_v: Value): string {
  throw new Error("todo");
}
