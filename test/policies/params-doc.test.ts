/**
 * The parameters (`data.regolith.params`) are one list, kept in four places: the
 * shipped bundle's data.json (the defaults), schemas/regolith-params.schema.json (what
 * each one is), the README's parameters table (what users read), and the code that
 * reads them (the bundle's Rego and the gate's params loader). This suite keeps the
 * four in step:
 *
 * - every default in data.json is described by the schema and validates against it,
 *   and the schema describes nothing data.json lacks;
 * - the README's table lists exactly data.json's parameters, each with its default;
 * - every parameter the Rego (non-test modules under policies/) or the gate reads has
 *   a default in data.json, and each `object.get(lib.params, "X", DEFAULT)` fallback
 *   in the Rego is that same default, so a bundle without data.json behaves alike;
 * - the parameter examples in schemas/examples/ name only known parameters (the
 *   schema lets unknown ones through, for bundles' own, so a typo would pass silently).
 */
import t from "tap";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parse as parseYaml } from "yaml";
import { Engine, parseModule, type AST, type Value } from "@regolith/rego";
import { PARAM_DEFAULTS } from "@regolith/gate";
import { compileSchema, describeErrors, loadSchema } from "../_lib/schema-harness.js";

const ROOT = join(import.meta.dirname, "../..");
const BUNDLE = join(ROOT, "policies/credential-hygiene");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const data = JSON.parse(readFileSync(join(BUNDLE, "data.json"), "utf8")) as { regolith: { params: Record<string, Json> } };
const defaults = data.regolith.params;
const names = Object.keys(defaults);
const schema = loadSchema("regolith-params") as { properties: Record<string, { description?: string }> };

// ------------------------------------------------------------------ the README table

interface Row {
  readonly name: string;
  readonly defaultCell: string;
  readonly meaning: string;
}

/** Cells of a Markdown table row; `\|` is a pipe inside a cell (GFM), not a separator. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replaceAll("\\|", "|"));
}

/** The first table after the `## Parameters` heading, as rows keyed by the `parameter` column. */
function readmeRows(): Row[] {
  const lines = readFileSync(join(ROOT, "README.md"), "utf8").split("\n");
  const heading = lines.findIndex((l) => /^##\s+Parameters\b/.test(l));
  if (heading < 0) throw new Error("README.md has no `## Parameters` section");
  const start = lines.findIndex((l, i) => i > heading && l.startsWith("|"));
  if (start < 0) throw new Error("README.md: no table under `## Parameters`");
  const header = cells(lines[start]!).map((c) => c.toLowerCase());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`README.md parameters table: no \`${name}\` column (columns: ${header.join(", ")})`);
    return i;
  };
  const [p, d, m] = [col("parameter"), col("default"), col("meaning")];
  const rows: Row[] = [];
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith("|"); i++) {
    const c = cells(lines[i]!);
    rows.push({ name: c[p]!.replace(/^`|`$/g, ""), defaultCell: c[d] ?? "", meaning: c[m] ?? "" });
  }
  return rows;
}

t.test("the README's parameters table lists exactly data.json's parameters, with their defaults", async (t) => {
  const rows = readmeRows();
  const listed = rows.map((r) => r.name);
  t.same(listed.filter((n, i) => listed.indexOf(n) !== i), [], "no parameter listed twice");
  t.same(names.filter((n) => !listed.includes(n)), [], "every parameter of data.json has a row");
  t.same(listed.filter((n) => !names.includes(n)), [], "every row is a parameter of data.json");
  for (const row of rows) {
    if (!names.includes(row.name)) continue;
    const code = /^`(.*)`$/s.exec(row.defaultCell);
    t.ok(code, `${row.name}: the default is one code span holding JSON`, { cell: row.defaultCell });
    if (!code) continue;
    let value: unknown;
    t.doesNotThrow(() => (value = JSON.parse(code[1]!)), `${row.name}: the default cell parses as JSON`);
    t.same(value, defaults[row.name], `${row.name}: the README shows the default of data.json`);
    t.ok(row.meaning.length >= 20, `${row.name}: the row says what the parameter means`);
  }
});

// ------------------------------------------------------------------ the schema

t.test("every default is described by the schema and validates against it", async (t) => {
  const documented = Object.keys(schema.properties);
  for (const name of names) {
    const description = schema.properties[name]?.description;
    t.ok(typeof description === "string" && description.length >= 20, `${name} is described in regolith-params.schema.json`);
  }
  t.same(documented.filter((n) => !names.includes(n)), [], "the schema describes no parameter without a default in data.json");
  const validate = compileSchema(loadSchema("regolith-params"));
  t.ok(validate(defaults), describeErrors(validate.errors).join("\n"));
});

t.test("the parameter examples name only parameters the bundle knows", async (t) => {
  const dir = join(ROOT, "schemas/examples");
  const files = readdirSync(dir).filter((f) => /^regolith-params\..*\.ya?ml$/.test(f));
  t.ok(files.length > 0, "there is at least one parameters example");
  const validate = compileSchema(loadSchema("regolith-params"));
  for (const file of files) {
    const doc = parseYaml(readFileSync(join(dir, file), "utf8")) as { regolith?: { params?: Record<string, Json> } };
    const params = doc.regolith?.params ?? {};
    t.same(Object.keys(params).filter((n) => !names.includes(n)), [], `${file}: no unknown parameter (a typo would be ignored)`);
    t.ok(validate(params), `${file}: ${describeErrors(validate.errors).join("; ")}`);
  }
});

// ------------------------------------------------------------------ the code that reads them

/** Every non-test .rego file under `dir`. */
function regoFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return regoFiles(p);
    return p.endsWith(".rego") && !p.endsWith("_test.rego") ? [p] : [];
  });
}

/** Calls every AST node (anything with a string `type`) below `node`. */
function visit(node: unknown, f: (n: { type: string } & Record<string, unknown>) => void): void {
  if (Array.isArray(node)) for (const x of node) visit(x, f);
  else if (node !== null && typeof node === "object") {
    const n = node as { type?: unknown } & Record<string, unknown>;
    if (typeof n.type === "string") f(n as { type: string } & Record<string, unknown>);
    for (const [k, v] of Object.entries(n)) if (k !== "loc") visit(v, f);
  }
}

const stringOf = (term: AST.Term | undefined): string | undefined => (term?.type === "String" ? term.value : undefined);

/** `data.a.b` of a package. */
function packagePath(m: AST.Module): string {
  const ref = m.package.path;
  return ["data", ...ref.path.map((p) => stringOf(p) ?? "?")].join(".");
}

interface ParamUse {
  readonly name: string;
  readonly where: string;
  /** For `object.get(lib.params, "X", DEFAULT)`: a query that evaluates DEFAULT. */
  readonly fallback?: string;
}

/**
 * Where a module reads a parameter: `lib.params.X…`, `data.regolith.params.X…`,
 * `object.get(lib.params, "X", D)`, and, inside package regolith.lib (which defines
 * `params := data.regolith.params`), `params.X…` and `object.get(params, "X", D)`.
 */
function paramUses(file: string): ParamUse[] {
  const source = readFileSync(file, "utf8");
  const m = parseModule(source, { file });
  const pkg = packagePath(m);
  const inLib = pkg === "data.regolith.lib";
  const where = (loc: { row: number }): string => `${relative(ROOT, file)}:${loc.row}`;
  // `lib.params`, `data.regolith.params`, or `params` in regolith.lib: the path after it, else undefined.
  const afterParams = (ref: AST.Term): readonly AST.Term[] | undefined => {
    if (ref.type !== "Ref" || ref.head.type !== "Var") return undefined;
    const path = ref.path;
    if (ref.head.name === "lib" && stringOf(path[0]) === "params") return path.slice(1);
    if (ref.head.name === "data" && stringOf(path[0]) === "regolith" && stringOf(path[1]) === "params") return path.slice(2);
    if (inLib && ref.head.name === "params") return path;
    return undefined;
  };
  const isParams = (term: AST.Term | undefined): boolean => {
    if (term === undefined) return false;
    if (inLib && term.type === "Var" && term.name === "params") return true;
    return afterParams(term)?.length === 0;
  };
  const uses: ParamUse[] = [];
  visit(m, (n) => {
    if (n.type === "Call") {
      const call = n as unknown as AST.CallTerm;
      const op = call.operator;
      const isObjectGet = op.type === "Ref" && op.head.type === "Var" && op.head.name === "object" && stringOf(op.path[0]) === "get" && op.path.length === 1;
      const name = stringOf(call.args[1]);
      const fallback = call.args[2];
      if (isObjectGet && isParams(call.args[0]) && name !== undefined && fallback !== undefined) {
        // A rule name stands for that rule of this package; anything else is a literal to evaluate as it stands.
        const query = fallback.type === "Var" ? `${pkg}.${fallback.name}` : source.slice(fallback.loc.offset, fallback.loc.endOffset);
        uses.push({ name, where: where(call.loc), fallback: query });
      }
    } else if (n.type === "Ref") {
      const rest = afterParams(n as unknown as AST.Term);
      const name = stringOf(rest?.[0]);
      if (name !== undefined) uses.push({ name, where: where((n as unknown as AST.RefTerm).loc) });
    }
  });
  return uses;
}

const uses = regoFiles(join(ROOT, "policies")).flatMap(paramUses);

t.test("every parameter the bundle's Rego reads has a default in data.json", async (t) => {
  t.ok(uses.some((u) => u.fallback === undefined), "the scan finds direct reads (lib.params.X)");
  t.ok(uses.some((u) => u.fallback !== undefined), "the scan finds object.get reads");
  const missing = uses.filter((u) => !names.includes(u.name)).map((u) => `${u.where}: ${u.name}`);
  t.same(missing, [], "no parameter read without a default in data.json");
});

t.test("every object.get fallback in the Rego equals the default in data.json", async (t) => {
  const engine = new Engine().setData(data as unknown as Value);
  for (const file of regoFiles(BUNDLE)) engine.addModule(relative(ROOT, file), readFileSync(file, "utf8"));
  for (const u of uses.filter((x) => x.fallback !== undefined)) {
    const results = engine.prepare(u.fallback!).eval();
    t.equal(results.length, 1, `${u.where}: the fallback of ${u.name} evaluates`);
    t.same(results[0]?.expressions[0]?.value, defaults[u.name], `${u.where}: object.get fallback of ${u.name} is data.json's default`);
  }
});

t.test("every parameter the gate reads itself has a default in data.json", async (t) => {
  // The loader reads its settings as `params.NAME` from the validated object; scan for them.
  const loader = readFileSync(join(ROOT, "packages/gate/src/params.ts"), "utf8");
  const read = [...new Set([...loader.matchAll(/(?<![\w-])params\.([a-z][a-z0-9_]*)\b/g)].map((m) => m[1]!))];
  t.ok(read.length > 0, "the scan finds the gate's own parameters");
  t.same(read.filter((n) => !names.includes(n)), [], "each is in data.json");
  for (const [name, value] of Object.entries(PARAM_DEFAULTS)) t.same(defaults[name], value, `${name}: data.json agrees with the gate's own default`);
});
