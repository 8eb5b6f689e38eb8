/** The GitHub expression tokenizer. */
import t from "tap";
import { tokenizeExpression } from "@regolith/snapshot-github";

const kinds = (source: string): string[] => tokenizeExpression(source).map((tok) => `${tok.kind}:${tok.text}`);

t.test("contexts, properties, indexes and calls", async (t) => {
  t.same(kinds("github.event.pull_request.head.ref"), [
    "ident:github", "punct:.", "ident:event", "punct:.", "ident:pull_request", "punct:.", "ident:head", "punct:.", "ident:ref",
  ]);
  t.same(kinds("steps.my-step.outputs.result"), ["ident:steps", "punct:.", "ident:my-step", "punct:.", "ident:outputs", "punct:.", "ident:result"], "identifiers may contain dashes");
  t.same(kinds("secrets['A'] || toJSON(secrets)"), [
    "ident:secrets", "punct:[", "string:'A'", "punct:]", "punct:||", "ident:toJSON", "punct:(", "ident:secrets", "punct:)",
  ]);
  t.same(kinds("github.event.*.name[*]"), ["ident:github", "punct:.", "ident:event", "punct:.", "punct:*", "punct:.", "ident:name", "punct:[", "punct:*", "punct:]"]);
});

t.test("operators", async (t) => {
  t.same(kinds("!a && b || c == d != e < f <= g > h >= i"), [
    "punct:!", "ident:a", "punct:&&", "ident:b", "punct:||", "ident:c", "punct:==", "ident:d", "punct:!=", "ident:e",
    "punct:<", "ident:f", "punct:<=", "ident:g", "punct:>", "ident:h", "punct:>=", "ident:i",
  ]);
  t.same(kinds("(a, b)"), ["punct:(", "ident:a", "punct:,", "ident:b", "punct:)"]);
});

t.test("literals", async (t) => {
  t.same(kinds("1 -2 3.5 1e3 0xFF"), ["number:1", "number:-2", "number:3.5", "number:1e3", "number:0xFF"]);
  t.same(kinds("true false null"), ["ident:true", "ident:false", "ident:null"], "keyword literals are identifiers; the reader knows them");
  const [str] = tokenizeExpression("'it''s secrets.X'");
  t.same(str, { kind: "string", text: "'it''s secrets.X'", value: "it's secrets.X" }, "'' is an escaped quote");
  t.same(tokenizeExpression("''"), [{ kind: "string", text: "''", value: "" }], "the empty string");
});

t.test("malformed text still tokenizes", async (t) => {
  t.same(tokenizeExpression("'unterminated secrets.X"), [{ kind: "string", text: "'unterminated secrets.X", value: "unterminated secrets.X" }]);
  t.same(tokenizeExpression("'a'''"), [{ kind: "string", text: "'a'''", value: "a'" }]);
  t.same(tokenizeExpression("'a''"), [{ kind: "string", text: "'a''", value: "a'" }], "a trailing escape leaves it unterminated");
  t.same(kinds("a @ b # c"), ["ident:a", "unknown:@", "ident:b", "unknown:#", "ident:c"]);
  t.same(kinds("  \n\t"), []);
});
