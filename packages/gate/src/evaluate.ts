/**
 * The bundle's side of a gate run: parse the modules (tests skipped), lint the checks'
 * METADATA, evaluate every `findings` rule under `data.regolith.checks` in one query
 * (one evaluation, so the shared library's entity maps are built once), and read the
 * findings.
 */
import { Engine, RSet, RegoError, RegoErrors, isPlainObject, parseModule, toJSONData, type AST, type Value } from "@regolith/rego";
import { builtinWarnings } from "./builtin-warnings.js";
import { readCatalog, type Catalog } from "./catalog.js";
import type { Documents } from "./documents.js";
import { GateInputError } from "./errors.js";
import { readFindings } from "./finding-shape.js";
import type { Finding } from "./result.js";

/** A Rego module as the loader read it. */
export interface ModuleSource {
  /** The name locations and errors use (the path as the user gave it). */
  readonly file: string;
  readonly source: string;
}

/** Rego unit tests are not part of what the gate evaluates. */
export function isTestModule(file: string): boolean {
  return file.endsWith("_test.rego");
}

function formatErrors(errors: readonly RegoError[], sources: ReadonlyMap<string, string>): string[] {
  return errors.map((e) => e.format(sources));
}

/** Parses the non-test modules; parse errors are input errors. */
export function parseModules(modules: readonly ModuleSource[]): AST.Module[] {
  const parsed: AST.Module[] = [];
  const errors: RegoError[] = [];
  const sources = new Map<string, string>();
  for (const m of modules) {
    if (isTestModule(m.file)) continue;
    sources.set(m.file, m.source);
    try {
      parsed.push(parseModule(m.source, { file: m.file }));
    } catch (e) {
      if (!(e instanceof RegoErrors)) throw e;
      errors.push(...e.errors);
    }
  }
  if (errors.length > 0) throw new GateInputError("the policy modules do not parse:", formatErrors(errors, sources));
  return parsed;
}

/** The bundle's catalog; lint problems are input errors. */
export function catalogOf(modules: readonly AST.Module[]): Catalog {
  const catalog = readCatalog(modules);
  if (catalog.problems.length > 0) throw new GateInputError("the bundle's checks break the conventions (bundle lint):", catalog.problems);
  if (catalog.findingPackages.length === 0) {
    throw new GateInputError("the bundles define no checks: no `findings contains …` rule in a package under data.regolith.checks", []);
  }
  return catalog;
}

/** Whether `v` is JSON data already (no sets, non-string keys or exact numbers inside). */
function isPlainJSON(v: Value): boolean {
  if (v === null || typeof v !== "object") return true;
  if (Array.isArray(v)) return v.every(isPlainJSON);
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (!isPlainJSON(v[k]!)) return false;
  return true;
}

/** A finding as JSON data: as it is when it already is (most are), converted otherwise. */
function plainJSON(v: Value): Value {
  return isPlainJSON(v) ? v : toJSONData(v);
}

/** `data["regolith"]["checks"]["cf_tok"]`: quoted segments, so any package name works. */
function packageRef(pkg: readonly string[]): string {
  return `data${pkg.map((k) => `[${JSON.stringify(k)}]`).join("")}`;
}

/**
 * A check package may also define `warnings contains message`: things about the run
 * that are not findings, such as a parameter that names nothing. Read as an array
 * comprehension, so a package without the rule gives `[]`.
 */
function warningsRef(pkg: readonly string[]): string {
  return `[w | some w in ${packageRef(pkg)}.warnings]`;
}

/** A package's warnings as lines: strings as they are, anything else as JSON. */
function warningLines(raw: Value): string[] {
  const list = Array.isArray(raw) ? raw : [];
  return list.map((w) => (typeof w === "string" ? w : JSON.stringify(toJSONData(w)))).sort();
}

/** What the checks gave: their findings, and warnings (the packages' own, and builtin errors on the way). */
export interface CheckResults {
  readonly findings: Finding[];
  readonly warnings: string[];
}

/** Evaluates every check package's findings over the documents. */
export function evaluateChecks(modules: readonly AST.Module[], catalog: Catalog, data: Value, docs: Documents): CheckResults {
  const engine = new Engine();
  for (const m of modules) engine.addParsedModule(m);
  engine.setData(data);
  const sources = new Map(modules.map((m) => [m.file, m.source]));
  const refs = catalog.findingPackages.map((pkg) => `${packageRef(pkg)}.findings`);
  const warningRefs = catalog.findingPackages.map(warningsRef);
  let value: Value;
  let warnings: string[];
  try {
    // Raw values: the findings sets are read unsorted (the gate sorts findings its own
    // way), which spares sorting and converting tens of thousands of objects twice.
    const query = `[${refs.join(", ")}]; [${warningRefs.join(", ")}]`;
    const { results, error, builtinErrors } = engine.prepare(query).evaluate({ input: docs.input as unknown as Value, rawValues: true });
    if (error) throw error;
    const packageWarnings = results[0]?.expressions[1]?.value;
    warnings = [...(Array.isArray(packageWarnings) ? packageWarnings.flatMap(warningLines) : []), ...builtinWarnings(builtinErrors)];
    // Partial set rules are always defined; an undefined answer means something else
    // (data, say) shadows a findings rule: never read that as "no findings".
    const answer = results[0]?.expressions[0]?.value;
    if (answer === undefined) throw new GateInputError(`the check packages' findings are undefined (${refs.join(", ")}): does data shadow a findings rule?`, []);
    value = answer;
  } catch (e) {
    if (e instanceof RegoErrors) throw new GateInputError("the policies do not compile:", formatErrors(e.errors, sources));
    if (e instanceof RegoError) throw new GateInputError("evaluating the policies failed:", formatErrors([e], sources));
    throw e;
  }
  const findings: Finding[] = [];
  const problems: string[] = [];
  (value as Value[]).forEach((raw, i) => {
    const where = `data.${catalog.findingPackages[i]!.join(".")}.findings`;
    const read = readFindings(raw instanceof RSet ? [...raw.unordered()].map(plainJSON) : toJSONData(raw), where, catalog, docs);
    findings.push(...read.findings);
    problems.push(...read.problems);
  });
  if (problems.length > 0) throw new GateInputError("the bundle produced malformed findings:", problems.length > 20 ? [...problems.slice(0, 20), `… and ${problems.length - 20} more`] : problems);
  return { findings, warnings };
}
