/** `--run`: an unanchored RE2 pattern over full test names; bad patterns say why. */
import t from "tap";
import { TestFilterError, testNameFilter } from "@regolith/rego";

t.test("matches anywhere in the full name, like Go's MatchString", async (t) => {
  const f = testNameFilter("checks\\.cf.*test_fires");
  t.ok(f("data.regolith.checks.cf_tok_test.test_fires_on_old_token"));
  t.notOk(f("data.regolith.checks.gh_sec_test.test_fires"));
  t.ok(testNameFilter("^data\\.a\\.")("data.a.test_x"));
  t.notOk(testNameFilter("^a\\.")("data.a.test_x"), "anchors work against the full name");
});

t.test("RE2 syntax: lookarounds are rejected with the reason", async (t) => {
  t.throws(() => testNameFilter("test_(?=x)"), TestFilterError);
  t.throws(() => testNameFilter("test_("), /invalid test name pattern "test_\(": .+/);
});
