/**
 * The JSON Schemas the gate validates against, read from the copies the build puts in
 * dist/schemas (packages/gate/scripts/copy-schemas.mjs), validated with ajv's 2020-12
 * validator in strict mode, with the formats the schemas use (ajv-setup.ts); every
 * problem of an invalid value is reported.
 */
import { existsSync, readFileSync } from "node:fs";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { newAjv } from "./ajv-setup.js";

export const SCHEMA_NAMES = ["github-snapshot", "cloudflare-snapshot", "openai-federation", "regolith-params", "regolith-waivers", "regolith-baseline", "regolith-gate-result"] as const;
export type SchemaName = (typeof SCHEMA_NAMES)[number];

/**
 * Two validators per schema: a fast one that stops at the first error, run on every
 * value (valid documents are the common case, and a 5,000-repository snapshot takes
 * it half the time), and an all-errors one, compiled only when a value fails, to
 * report every problem at once.
 *
 * The fast ones come compiled by the build (dist/schemas/NAME.validate.js,
 * scripts/compile-validators.mjs): compiling them here took about 0.25 s of every run.
 */
const fast = await precompiledValidators();
const thorough = new Map<SchemaName, ValidateFunction>();

async function precompiledValidators(): Promise<Map<SchemaName, ValidateFunction>> {
  const out = new Map<SchemaName, ValidateFunction>();
  for (const name of SCHEMA_NAMES) {
    const url = new URL(`./schemas/${name}.validate.js`, import.meta.url);
    if (existsSync(url)) out.set(name, ((await import(url.href)) as { default: ValidateFunction }).default);
  }
  return out;
}

/** The schemas whose fast validator came compiled by the build (for tests). */
export function precompiledSchemas(): SchemaName[] {
  return SCHEMA_NAMES.filter((name) => fast.has(name));
}

const documents = new Map<SchemaName, object>();

/** The schema itself, parsed (for checks that follow its structure, such as param-syntax.ts). */
export function schemaDocument(name: SchemaName): object {
  let schema = documents.get(name);
  if (!schema) {
    schema = JSON.parse(readFileSync(new URL(`./schemas/${name}.schema.json`, import.meta.url), "utf8")) as object;
    documents.set(name, schema);
  }
  return schema;
}

function compile(name: SchemaName, allErrors: boolean): ValidateFunction {
  return newAjv(allErrors).compile(schemaDocument(name));
}

function validator(cache: Map<SchemaName, ValidateFunction>, name: SchemaName, allErrors: boolean): ValidateFunction {
  let v = cache.get(name);
  if (!v) {
    v = compile(name, allErrors);
    cache.set(name, v);
  }
  return v;
}

/**
 * The all-errors validator, compiled now; null where the host forbids generating code
 * (`node --disallow-code-generation-from-strings`), and the fast validator's first
 * problem is then the one reported.
 */
function thoroughValidator(name: SchemaName): ValidateFunction | null {
  try {
    return validator(thorough, name, true);
  } catch (e) {
    if (e instanceof EvalError) return null;
    throw e;
  }
}

/** At most this many problems per value: past that, the first ones tell the story. */
const MAX_PROBLEMS = 20;

export interface SchemaProblem {
  /** RFC 6901 pointer to the offending value ("" for the whole value). */
  readonly pointer: string;
  readonly reason: string;
}

/** What is wrong with `value` (empty when it is valid), at most MAX_PROBLEMS of it, and how many more there were. */
export function schemaErrors(name: SchemaName, value: unknown): { readonly problems: readonly SchemaProblem[]; readonly more: number } {
  const first = validator(fast, name, false);
  if (first(value)) return { problems: [], more: 0 };
  let errors = first.errors ?? [];
  const validate = thoroughValidator(name);
  if (validate) {
    validate(value);
    errors = validate.errors ?? [];
  }
  const seen = new Set<string>();
  const all: SchemaProblem[] = [];
  for (const e of errors) {
    const p = describe(e);
    const key = `${p.pointer}\u0000${p.reason}`;
    if (!seen.has(key)) all.push(p);
    seen.add(key);
  }
  return { problems: all.slice(0, MAX_PROBLEMS), more: Math.max(0, all.length - MAX_PROBLEMS) };
}

/** Problems as `/pointer: reason` lines (`prefix` before each); empty when `value` is valid. */
export function schemaProblems(name: SchemaName, value: unknown, prefix = ""): string[] {
  const { problems, more } = schemaErrors(name, value);
  const lines = problems.map((p) => `${prefix}${p.pointer || "/"}: ${p.reason}`);
  if (more > 0) lines.push(`${prefix}… and ${more} more`);
  return lines;
}

/**
 * One ajv error as a pointer and a reason, pointing at the property itself where ajv
 * points at its parent (a missing or unexpected property).
 */
function describe(e: ErrorObject): SchemaProblem {
  const params = e.params as Record<string, unknown>;
  const child = (key: unknown): string => `${e.instancePath}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
  switch (e.keyword) {
    case "required":
      return { pointer: child(params["missingProperty"]), reason: "required property is missing" };
    case "additionalProperties":
      return { pointer: child(params["additionalProperty"]), reason: "unexpected property (not in the schema)" };
    case "enum":
      return { pointer: e.instancePath, reason: `must be one of ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}` };
    case "const":
      return { pointer: e.instancePath, reason: `must be ${JSON.stringify(params["allowedValue"])}` };
    default:
      return { pointer: e.instancePath, reason: e.message ?? "invalid" };
  }
}
