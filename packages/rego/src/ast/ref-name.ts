/** The dotted name of a var or a ref of string keys, as imports and call operators are written. */
import type { RefTerm, Term, VarTerm } from "./nodes.js";
import { numberText } from "./number.js";

/** `data.lib.f`, `input.user`, `count`; keys that are not strings are left out (imports and operators have none). */
export function dottedName(t: VarTerm | RefTerm): string {
  if (t.type === "Var") return t.name;
  const head = t.head.type === "Var" ? t.head.name : "";
  return [head, ...t.path.flatMap((k) => (k.type === "String" ? [k.value] : []))].join(".");
}

/** A string key of a ref as OPA prints it: `.name`, or `["not-a-name"]`. */
export function stringKeyText(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * A call's operator as OPA prints it in messages, keys that are not strings included:
 * `data.test2[x]`, `data[[x]]`, `data.a["b-c"]`.
 */
export function refText(t: VarTerm | RefTerm): string {
  if (t.type === "Var") return t.name;
  const head = t.head.type === "Var" ? t.head.name : termText(t.head);
  return head + t.path.map((k) => (k.type === "String" ? stringKeyText(k.value) : `[${termText(k)}]`)).join("");
}

function termText(t: Term): string {
  switch (t.type) {
    case "Var":
      return t.name.startsWith("$") ? "_" : t.name;
    case "String":
      return JSON.stringify(t.value);
    case "Number":
      return numberText(t.value);
    case "Boolean":
      return String(t.value);
    case "Null":
      return "null";
    case "Array":
      return `[${t.items.map(termText).join(", ")}]`;
    case "Ref":
      return refText(t);
    default:
      return "...";
  }
}
