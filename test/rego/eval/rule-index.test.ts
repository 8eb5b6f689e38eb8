/**
 * The rule index: with rules keyed on `input.kind == "…"`, only the matching rules
 * run. Observed through print, which runs once per evaluated rule body.
 */
import t from "tap";
import { Engine } from "@regolith/rego";

const kinds = Array.from({ length: 50 }, (_, i) => `kind${i}`);
const policy = [
  "package idx",
  ...kinds.map((k) => `deny contains "${k}" if {\n\tinput.kind == "${k}"\n\tprint("ran ${k}")\n}`),
  'deny contains "always" if {\n\tprint("ran always")\n\tinput.kind\n}',
].join("\n\n");

function run(unindexed: boolean, kind: string): { result: unknown; ran: string[] } {
  const ran: string[] = [];
  const engine = new Engine({ print: (m) => ran.push(m) }).addModule("idx.rego", policy);
  const result = engine.prepare("data.idx.deny").eval({ input: { kind }, unindexed })[0]?.expressions[0]?.value;
  return { result, ran };
}

t.test("indexed evaluation runs only the matching rules", async (t) => {
  const indexed = run(false, "kind7");
  t.same(indexed.result, ["always", "kind7"]);
  t.same(indexed.ran.sort(), ["ran always", "ran kind7"], "two bodies ran, not fifty-one");
});

t.test("unindexed evaluation agrees (the oracle)", async (t) => {
  for (const kind of ["kind0", "kind49", "none"]) {
    t.same(run(true, kind).result, run(false, kind).result, kind);
  }
});
