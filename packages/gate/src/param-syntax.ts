/**
 * Parameters that are patterns: RE2 expressions, globs and CIDRs, found where the params
 * schema types them (`$defs/pattern`, `glob_list`, `cidr_list`) and parsed with the
 * engine's own builtins. JSON Schema cannot tell a valid RE2 expression from an invalid
 * one, and a check calling `regex.match` with an invalid one gets an undefined call on
 * every snapshot, so the check quietly misses findings (or, under `not`, exempts
 * nothing). Refusing the value up front, with its pointer, says so once.
 */
import { BUILTINS, type BuiltinContext, type Value } from "@regolith/rego";
import { schemaDocument } from "./schemas.js";

type Problem = { readonly pointer: string; readonly reason: string };
type Checker = (text: string) => string | undefined;

const CONTEXT: BuiltinContext = { nowNs: 0n, cache: new Map(), runtime: undefined, print: () => {}, allowNet: new Set() };

/** The error a builtin raises for `args`, or undefined when it runs. */
function builtinError(name: string, args: readonly Value[]): string | undefined {
  try {
    BUILTINS.get(name)!.impl!(args, CONTEXT);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const regex: Checker = (text) => {
  const error = builtinError("regex.match", [text, ""]);
  return error === undefined ? undefined : `not a valid RE2 regular expression: ${error}`;
};

const glob: Checker = (text) => {
  const error = builtinError("glob.match", [text, [], ""]);
  return error === undefined ? undefined : `not a valid glob: ${error}`;
};

const cidr: Checker = (text) => (BUILTINS.get("net.cidr_is_valid")!.impl!([text], CONTEXT) === true ? undefined : "not a valid CIDR (e.g. 203.0.113.0/24; one address is /32, or /128 for IPv6)");

/** What each typed definition holds: one pattern, or a list of them. */
const KINDS: Readonly<Record<string, { readonly check: Checker; readonly list: boolean }>> = {
  "#/$defs/pattern": { check: regex, list: false },
  "#/$defs/glob_list": { check: glob, list: true },
  "#/$defs/cidr_list": { check: cidr, list: true },
};

type Schema = {
  readonly $ref?: string;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: Schema | boolean;
  readonly items?: Schema;
  readonly $defs?: Readonly<Record<string, Schema>>;
};

function escape(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

function walk(root: Schema, schema: Schema, value: unknown, pointer: string, out: Problem[]): void {
  const ref = schema.$ref;
  const kind = ref === undefined ? undefined : KINDS[ref];
  if (kind) {
    const texts = kind.list ? (Array.isArray(value) ? value : []) : [value];
    texts.forEach((text, i) => {
      const reason = typeof text === "string" ? kind.check(text) : undefined;
      if (reason !== undefined) out.push({ pointer: kind.list ? `${pointer}/${i}` : pointer, reason });
    });
    return;
  }
  if (ref !== undefined) return walk(root, root.$defs?.[ref.replace("#/$defs/", "")] ?? {}, value, pointer, out);
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item, i) => walk(root, schema.items!, item, `${pointer}/${i}`, out));
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const sub = schema.properties?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
    if (sub) walk(root, sub, child, `${pointer}/${escape(key)}`, out);
  }
}

/** Patterns in `params` (schema-valid parameters) that the checks could not use. */
export function paramSyntaxProblems(params: unknown): Problem[] {
  const root = schemaDocument("regolith-params") as Schema;
  const out: Problem[] = [];
  walk(root, root, params, "", out);
  return out;
}
