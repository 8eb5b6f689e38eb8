/** Finding `${{ }}` expressions in strings, and bare `if:` conditions. */
import t from "tap";
import { conditionExpressions, findExpressions } from "@regolith/snapshot-github";

t.test("expressions embedded in text", async (t) => {
  t.same(findExpressions("plain text"), []);
  t.same(findExpressions("${{ secrets.A }}"), ["secrets.A"]);
  t.same(findExpressions("a ${{secrets.A}} b ${{ vars.B }} c"), ["secrets.A", "vars.B"]);
  t.same(findExpressions("echo \"${{ github.event.issue.title }}\"\nrun ${{ format('{0}', inputs.x) }}"), [
    "github.event.issue.title",
    "format('{0}', inputs.x)",
  ]);
});

t.test("}} inside a string literal does not close the expression", async (t) => {
  t.same(findExpressions("${{ format('}}{0}', secrets.A) }} tail"), ["format('}}{0}', secrets.A)"]);
  t.same(findExpressions("${{ 'it''s }}' }}"), ["'it''s }}'"]);
});

t.test("an unterminated expression runs to the end of the text", async (t) => {
  t.same(findExpressions("x ${{ secrets.A "), ["secrets.A"]);
  t.same(findExpressions("${{ '}} never closed"), ["'}} never closed"]);
});

t.test("conditions", async (t) => {
  t.same(conditionExpressions("github.event_name == 'push'"), ["github.event_name == 'push'"], "bare: the whole text");
  t.same(conditionExpressions("${{ success() && secrets.A != '' }}"), ["success() && secrets.A != ''"]);
  t.same(conditionExpressions("  "), []);
});
