/**
 * Capabilities, in OPA's `capabilities.json` format: the builtin table as data, and
 * the reverse, a table restricted to what a capabilities document allows. A policy
 * that calls a builtin the capabilities leave out does not compile.
 */
import type { Value } from "../ast/value.js";
import type { ArgSpec, Builtin, TypeSpec } from "./types.js";

/** A type as OPA's `types` package marshals it. */
function typeJSON(t: TypeSpec): Value {
  switch (t.kind) {
    case "any":
    case "null":
    case "boolean":
    case "number":
    case "string":
      return { type: t.kind };
    case "array":
      return { type: "array", dynamic: typeJSON(t.of) };
    case "set":
      return { type: "set", of: typeJSON(t.of) };
    case "object":
      return { type: "object", dynamic: { key: typeJSON(t.key), value: typeJSON(t.value) } };
    case "anyOf":
      return { type: "any", of: t.of.map(typeJSON) };
  }
}

function argJSON(a: ArgSpec): Value {
  const out: Record<string, Value> = {};
  if (a.description) out["description"] = a.description;
  out["name"] = a.name;
  Object.assign(out, typeJSON(a.type) as Record<string, Value>);
  return out;
}

function builtinJSON(b: Builtin): Value {
  const out: Record<string, Value> = { name: b.name, description: b.description, categories: [...b.categories] };
  out["decl"] = {
    args: b.args.map(argJSON),
    ...(b.void ? {} : { result: argJSON(b.result) }),
    type: "function",
    ...(b.variadic ? { variadic: { type: "any" } } : {}),
  };
  if (b.infix) out["infix"] = b.infix;
  if (b.relation) out["relation"] = true;
  if (b.nondeterministic) out["nondeterministic"] = true;
  if (b.deprecated) out["deprecated"] = true;
  return out;
}

/** The compiler's own helpers that OPA's capabilities list too. */
const LISTED_INTERNAL: ReadonlySet<string> = new Set(["internal.member_2", "internal.member_3", "internal.print", "internal.test_case"]);

/** The language features this engine supports, by OPA's names. */
export const FEATURES = ["keywords_in_refs", "rego_v1", "rego_v1_import", "template_strings"] as const;

/** The builtin table as OPA's capabilities document, builtins sorted by name. */
export function capabilitiesDocument(table: ReadonlyMap<string, Builtin>, allowNet: readonly string[] = []): Value {
  const builtins = [...table.values()].filter((b) => !b.name.startsWith("internal.") || LISTED_INTERNAL.has(b.name));
  return {
    builtins: builtins.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(builtinJSON),
    future_keywords: ["contains", "every", "if", "in", "not"],
    features: [...FEATURES],
    allow_net: [...allowNet],
  };
}

/** What a capabilities document allows. */
export interface Capabilities {
  readonly builtins: ReadonlySet<string>;
  /** Hosts network builtins may reach; empty means none. */
  readonly allowNet: readonly string[];
  /** The language features allowed (OPA's names: `template_strings`, `rego_v1_import`, …); none when the document lists none. */
  readonly features: ReadonlySet<string>;
}

/** Reads a capabilities document (`{"builtins": [{"name": …}], "allow_net": […]}`); throws on a malformed one. */
export function readCapabilities(doc: unknown): Capabilities {
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as Record<string, unknown>)["builtins"])) {
    throw new Error('a capabilities document needs a "builtins" array');
  }
  const names = new Set<string>();
  for (const b of (doc as { builtins: unknown[] }).builtins) {
    const name = (b as Record<string, unknown> | null)?.["name"];
    if (typeof name !== "string") throw new Error('every entry of "builtins" needs a "name"');
    names.add(name);
  }
  const net = (doc as Record<string, unknown>)["allow_net"];
  const allowNet = Array.isArray(net) ? net.map(String) : [];
  const features = (doc as Record<string, unknown>)["features"];
  return { builtins: names, allowNet, features: new Set(Array.isArray(features) ? features.map(String) : []) };
}

/** The table restricted to the capabilities. The compiler's own helpers always stay. */
export function restrictBuiltins(table: ReadonlyMap<string, Builtin>, caps: Capabilities): ReadonlyMap<string, Builtin> {
  const out = new Map<string, Builtin>();
  for (const [name, b] of table) if (caps.builtins.has(name) || name.startsWith("internal.")) out.set(name, b);
  return out;
}
