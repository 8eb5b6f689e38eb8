/**
 * Dog-food: the shipped bundle's own Rego tests run through `regolith test`, as a user
 * or CI would run them, and must all pass with at least 90% of policy lines covered
 * (the acceptance bar; test files are not counted).
 */
import t from "tap";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";

const root = join(import.meta.dirname, "../..");

t.test("regolith test --coverage --threshold 90 policies/ passes", async (t) => {
  const r = await run(["test", "--coverage", "--threshold", "90", "policies/"], root);
  t.equal(r.code, 0, "every test passes and coverage is at least 90%", { stdout: r.stdout, stderr: r.stderr });
  t.match(r.stdout, /^PASS: \d+\/\d+$/m, "tests ran");
  t.notMatch(r.stdout, /^(FAIL|ERROR): /m, "no failures or errors");
});
