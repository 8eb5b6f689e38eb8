/**
 * The builtin table's own rules (STYLE.md §5): every entry documented and covered by
 * an evaluation case file, calls with the wrong number of arguments refused, names
 * and infix operators unique, and deprecated entries refused as OPA refuses them.
 */
import t from "tap";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { BUILTINS, Engine, RegoErrors, capabilitiesDocument } from "@regolith/rego";

const casesRoot = join(import.meta.dirname, "../../cases/builtins");
const caseFiles = new Set(readdirSync(casesRoot).flatMap((family) => readdirSync(join(casesRoot, family)).map((f) => f.replace(/\.yaml$/, ""))));

/** Builtins the compiler answers itself, so they have no implementation to call. */
const COMPILER_HANDLED = new Set(["print", "rego.metadata.rule", "rego.metadata.chain"]);

function compileError(source: string): string | undefined {
  try {
    new Engine().addModule("p.rego", source).compile();
    return undefined;
  } catch (e) {
    if (e instanceof RegoErrors) return e.errors.map((x) => `${x.code}: ${x.message}`).join("\n");
    throw e;
  }
}

const args = (n: number) => Array.from({ length: n }, (_, i) => `input.a${i}`).join(", ");

t.test("every builtin is documented, implemented and has a case file", async (t) => {
  for (const b of BUILTINS.values()) {
    t.ok(b.description.length > 0, `${b.name}: description`);
    if (b.deprecated) continue;
    t.ok(caseFiles.has(b.name), `${b.name}: a case file test/cases/builtins/<family>/${b.name}.yaml`);
    if (!COMPILER_HANDLED.has(b.name)) t.ok(b.impl !== undefined || b.relation !== undefined, `${b.name}: implementation`);
  }
});

t.test("a call with the wrong number of arguments does not compile", async (t) => {
  for (const b of BUILTINS.values()) {
    if (b.variadic || b.deprecated || b.infix || b.name.startsWith("internal.") || COMPILER_HANDLED.has(b.name)) continue;
    const n = b.args.length;
    t.equal(compileError(`package p\n\nx := ${b.name}(${args(n)})\n`), undefined, `${b.name}/${n} compiles`);
    t.match(compileError(`package p\n\nx := ${b.name}(${args(n + 1)})\n`), /rego_type_error: .*arity mismatch|rego_type_error: .*arity/, `${b.name}/${n + 1} is refused`);
  }
});

t.test("names are unique; an infix operator names one builtin per arity", async (t) => {
  const doc = capabilitiesDocument(BUILTINS) as { builtins: { name: string; infix?: string; decl: { args: unknown[] } }[] };
  const names = doc.builtins.map((b) => b.name);
  t.equal(new Set(names).size, names.length, "names");
  const infixes = doc.builtins.flatMap((b) => (b.infix ? [`${b.infix}/${b.decl.args.length}`] : []));
  t.equal(new Set(infixes).size, infixes.length, "infixes");
  t.same(
    doc.builtins.filter((b) => b.infix === "in").map((b) => b.name),
    ["internal.member_2", "internal.member_3"],
    "`x in c` and `k, v in c`, as OPA lists them",
  );
});

t.test("calls made for their effect declare no result, as in OPA's capabilities", async (t) => {
  const doc = capabilitiesDocument(BUILTINS) as { builtins: { name: string; decl: { result?: unknown } }[] };
  t.same(
    doc.builtins.filter((b) => b.decl.result === undefined).map((b) => b.name),
    ["internal.print", "internal.test_case", "print"],
  );
});

t.test("deprecated builtins are declared, marked, and refused as OPA refuses them", async (t) => {
  const deprecated = [...BUILTINS.values()].filter((b) => b.deprecated).map((b) => b.name);
  t.same(deprecated.sort(), ["all", "any", "cast_array", "cast_boolean", "cast_null", "cast_object", "cast_set", "cast_string", "net.cidr_overlap", "re_match", "set_diff"]);
  const doc = capabilitiesDocument(BUILTINS) as { builtins: { name: string; deprecated?: boolean }[] };
  t.equal(doc.builtins.find((b) => b.name === "any")?.deprecated, true, "capabilities mark them");
  for (const name of deprecated) {
    const b = BUILTINS.get(name)!;
    t.equal(compileError(`package p\n\nx := ${name}(${args(b.args.length)})\n`), `rego_type_error: deprecated built-in function calls in expression: ${name}`);
  }
  t.equal(compileError("package p\n\nall(xs) := count(xs) > 0\n\nx := all([1])\n"), undefined, "a package function of the same name is fine");
});

t.test("the case directory holds no file for a builtin that does not exist", async (t) => {
  for (const name of caseFiles) t.ok(BUILTINS.has(name), `${name} is a builtin`);
});
