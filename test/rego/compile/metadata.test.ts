/**
 * METADATA annotations as OPA's parser and compiler treat them: default scopes
 * (an entrypoint annotates its document), scope and entrypoint checks, and at most
 * one document or package annotation per path.
 */
import t from "tap";
import { Engine, RegoErrors, parseModule } from "@regolith/rego";

function errors(f: () => unknown): string[] {
  try {
    f();
    return [];
  } catch (e) {
    if (e instanceof RegoErrors) return e.errors.map((x) => `${x.location?.row}: ${x.code}: ${x.message}`);
    throw e;
  }
}

const parse = (source: string) => errors(() => parseModule(source, { file: "p.rego" }));

t.test("an entrypoint annotation without a scope annotates the document", async (t) => {
  const m = parseModule("package p\n\n# METADATA\n# entrypoint: true\nallow := true\n", { file: "p.rego" });
  t.equal(m.rules[0]!.annotations[0]!.scope, "document");
});

t.test("scope and entrypoint mistakes are parse errors with OPA's messages", async (t) => {
  t.same(parse("package p\n\n# METADATA\n# scope: everything\nx := 1\n"), [
    "3: rego_parse_error: invalid annotation scope 'everything'. Use one of 'rule', 'document', 'package', or 'subpackages'",
  ]);
  t.same(parse("package p\n\n# METADATA\n# title: t\nimport rego.v1\n"), [
    "3: rego_parse_error: invalid annotation scope 'import'. Use one of 'rule', 'document', 'package', or 'subpackages'",
  ]);
  t.same(parse("package p\n\n# METADATA\n# scope: rule\n# entrypoint: true\nx := 1\n"), [
    "3: rego_parse_error: annotation entrypoint applied to non-document or package scope 'rule'",
  ]);
});

t.test("a second document or package annotation for the same path does not compile", async (t) => {
  const twoDocuments = new Engine()
    .addModule("a.rego", "package p\n\n# METADATA\n# scope: document\n# title: one\nx := 1 if input.a\n")
    .addModule("b.rego", "package p\n\n# METADATA\n# scope: document\n# title: two\nx := 2 if input.b\n");
  t.same(errors(() => twoDocuments.compile()), ["3: rego_type_error: document annotation redeclared: a.rego:3"]);
  const twoPackages = new Engine()
    .addModule("a.rego", "# METADATA\n# title: one\npackage p\n")
    .addModule("b.rego", "# METADATA\n# title: two\npackage p\n");
  t.same(errors(() => twoPackages.compile()), ["1: rego_type_error: package annotation redeclared: a.rego:1"]);
});

t.test("rego.metadata.rule and chain follow OPA's order", async (t) => {
  const engine = new Engine().addModule(
    "p.rego",
    "# METADATA\n# scope: subpackages\n# title: tree\npackage p\n\n# METADATA\n# scope: document\n# title: doc\n\n# METADATA\n# title: far\n\n# METADATA\n# title: near\nx := [rego.metadata.rule(), rego.metadata.chain()]\n",
  );
  const [rule, chain] = engine.prepare("data.p.x").eval()[0]!.expressions[0]!.value as [unknown, unknown];
  t.same(rule, { scope: "rule", title: "near" });
  t.same(chain, [
    { annotations: { scope: "rule", title: "near" }, path: ["p", "x"] },
    { annotations: { scope: "rule", title: "far" }, path: ["p", "x"] },
    { annotations: { scope: "document", title: "doc" }, path: ["p", "x"] },
    { annotations: { scope: "subpackages", title: "tree" }, path: ["p"] },
  ]);
});
