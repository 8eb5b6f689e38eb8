/**
 * Every AST node has a location that slices back to its own text, and whose row and
 * column agree with its offset (regorus's `check_loc`).
 */
import t from "tap";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseModule, type Location } from "@regolith/rego";

const dir = join(import.meta.dirname, "../../fixtures/parse/valid");

function positionOf(source: string, offset: number): { row: number; col: number } {
  const before = source.slice(0, offset);
  const lines = before.split("\n");
  return { row: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

function* nodes(x: unknown): Generator<{ type: string; loc: Location }> {
  if (Array.isArray(x)) {
    for (const y of x) yield* nodes(y);
    return;
  }
  if (typeof x !== "object" || x === null) return;
  const rec = x as Record<string, unknown>;
  if (typeof rec["type"] === "string" && rec["loc"]) yield rec as { type: string; loc: Location };
  for (const [k, v] of Object.entries(rec)) if (k !== "loc" && k !== "value" && k !== "data") yield* nodes(v);
}

for (const file of readdirSync(dir).filter((f) => f.endsWith(".rego"))) {
  t.test(file, async (t) => {
    const source = readFileSync(join(dir, file), "utf8");
    const module = parseModule(source, { file });
    let checked = 0;
    for (const node of nodes(module)) {
      const { loc } = node;
      if (node.type === "Module" || node.type === "Annotations") continue;
      checked++;
      const text = source.slice(loc.offset, loc.endOffset);
      if (text.length === 0) t.fail(`${node.type} at ${loc.row}:${loc.col} has empty text`);
      const pos = positionOf(source, loc.offset);
      if (pos.row !== loc.row || pos.col !== loc.col) t.fail(`${node.type} "${text.slice(0, 20)}" at ${loc.row}:${loc.col}, offset says ${pos.row}:${pos.col}`);
      if (loc.file !== file) t.fail(`${node.type} has file ${loc.file}`);
    }
    t.ok(checked > 20, `checked ${checked} nodes`);
  });
}

t.test("rules and heads are read as OPA reads them", async (t) => {
  const m = parseModule(readFileSync(join(dir, "rules.rego"), "utf8"), { file: "rules.rego" });
  const names = m.rules.map((r) => [r.head.ref.head.type === "Var" ? r.head.ref.head.name : "?", r.head.ref.path.length]);
  t.same(names, [["allow", 0], ["deny", 0], ["deny", 0], ["names", 0], ["by_id", 1], ["a", 3], ["f", 0], ["f", 0], ["grade", 0]]);
  t.equal(m.rules[0]!.annotations.length, 1, "the METADATA block attaches to the rule after it");
  t.same(m.rules[0]!.annotations[0]!.data, { title: "A complete rule", custom: { severity: "high" } });
  t.ok(m.rules[1]!.default, "default rule");
  t.ok(m.rules[3]!.head.contains, "contains rule");
  t.equal(m.rules[6]!.head.args?.length, 2, "function arguments");
  t.ok(m.rules[8]!.else?.else, "else chain of two");
  t.equal(m.imports.length, 3);
  t.equal(m.imports[1]!.alias, "h");
});
