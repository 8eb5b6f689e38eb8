/**
 * Regexes run with RE2 semantics (linear time): a pattern that is catastrophic for a
 * backtracking engine returns promptly. Guarded by an evaluation timeout, so a
 * backtracking engine would fail this with eval_cancel_error rather than hang.
 */
import t from "tap";
import { Engine } from "@regolith/rego";

const subject = "a".repeat(30) + "b";

for (const [name, query] of [
  ["regex.match", `regex.match("(a+)+$", "${subject}")`],
  ["regex.find_n", `regex.find_n("(a|aa)+$", "${subject}", -1)`],
  ["regex.replace", `regex.replace("${subject}", "(a*)*c", "x")`],
] as const) {
  t.test(name, async (t) => {
    const { results, error } = new Engine().prepare(`x := ${query}`).evaluate({ timeoutMs: 2000 });
    t.equal(error, undefined, "no timeout");
    t.equal(results.length, 1);
  });
}

t.test("the answers are right, not just fast", async (t) => {
  const engine = new Engine();
  t.equal(engine.prepare(`regex.match("(a+)+$", "${subject}")`).eval()[0]?.expressions[0]?.value, false);
  t.equal(engine.prepare(`regex.match("(a+)+b$", "${subject}")`).eval()[0]?.expressions[0]?.value, true);
});
