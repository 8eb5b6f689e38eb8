/**
 * `sprintf` formats the common verbs (`%s`, `%d`, `%q`, `%%`) on a fast path; the Go
 * `fmt` emulation is the oracle. Both must agree on every format and operand list,
 * including the ones the fast path hands back (flags, widths, escapes, count mismatches).
 */
import t from "tap";
import { RSet, numberFromText, type Value } from "@regolith/rego";
import { fastSprintf } from "../../../packages/rego/dist/builtins/support/gofmt/fast-sprintf.js";
import { goSprintf } from "../../../packages/rego/dist/builtins/support/gofmt/printf.js";
import { toGoArg } from "../../../packages/rego/dist/builtins/support/gofmt/rego-args.js";

const formats = ["%s", "%d", "%q", "%%", "a%sb", "%s-%d", "The job %q in %s %s", "%s %s", "100%% %d", "%v", "%5d", "%-4s|", "%x", "%", "x%", "%s%%%s", "%d%d", ""];
const operands: Value[][] = [
  [],
  ["acme/app"],
  [42],
  [-7],
  [0],
  ["a", "b"],
  ["a", 1],
  [1, "a"],
  ['say "hi"'],
  ["tab\there"],
  ["héllo"],
  ["back\\slash"],
  [1.5],
  [numberFromText("18446744073709551617")],
  [numberFromText("1.0")],
  [true],
  [null],
  [["x", 1]],
  [{ k: "v" }],
  [new RSet(["b", "a"])],
  ["build", "acme/app", ".github/workflows/ci.yml"],
  [1, 2, 3],
];

t.test("the fast path agrees with Go's fmt wherever it answers", async (t) => {
  let answered = 0;
  for (const format of formats) {
    for (const items of operands) {
      const fast = fastSprintf(format, items);
      const go = goSprintf(format, items.map(toGoArg));
      if (fast === undefined) continue;
      answered++;
      t.equal(fast, go, `${JSON.stringify(format)} ${JSON.stringify(items, (_k, v) => (v instanceof RSet ? [...v] : typeof v === "object" && v?.text ? v.text : v))}`);
    }
  }
  t.ok(answered >= 20, `the fast path answers the common cases (${answered})`);
});

t.test("the fast path declines what needs Go's rules", async (t) => {
  t.equal(fastSprintf("%q", ['say "hi"']), undefined, "quotes to escape");
  t.equal(fastSprintf("%q", ["héllo"]), undefined, "non-ASCII");
  t.equal(fastSprintf("%d", [1.5]), undefined, "a float under %d");
  t.equal(fastSprintf("%s %s", ["one"]), undefined, "a missing operand");
  t.equal(fastSprintf("%s", ["one", "two"]), undefined, "an extra operand");
  t.equal(fastSprintf("%5d", [1]), undefined, "a width");
  t.equal(fastSprintf("%s", [1]), undefined, "a number under %s");
  t.equal(fastSprintf("The job %q in %s", ["build", "acme/app"]), 'The job "build" in acme/app');
});
