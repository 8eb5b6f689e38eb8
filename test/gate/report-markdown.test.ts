/**
 * The `markdown` reporter (a PR comment): a marker line, the verdict first, a table by
 * severity, the top findings with remediation, collapsed details; under 60 KB even for
 * 5,000 findings, with a note saying what was left out; snapshot text escaped so that it
 * renders as the characters it is (no HTML, emphasis, table breaks or mentions).
 */
import t from "tap";
import { REPORTERS, type GateResult } from "@regolith/gate";
import { acmeAt, acmeResult, cleanResult, hostileResult, largeResult } from "../fixtures/gate/results.js";

const md = (r: GateResult): string => REPORTERS.markdown(r);

/** Table rows of a Markdown string: lines starting with `|`, cut into cells on unescaped pipes. */
function rows(text: string): string[][] {
  return text
    .split("\n")
    .filter((l) => l.startsWith("|"))
    .map((l) => l.slice(1, -1).split(/(?<!\\)\|/).map((c) => c.trim()));
}

t.test("verdict first, then counts, top findings and collapsed details", async (t) => {
  const out = md(acmeResult());
  const lines = out.split("\n");
  t.equal(lines[0], "<!-- regolith-gate -->", "a marker a bot can find its comment by");
  t.equal(lines[1], "## ❌ Regolith gate failed: 4 blocking findings (`--fail-on high`)");
  t.same(rows(out).slice(0, 11), [
    ["", "findings", ""],
    ["---", "---:", "---"],
    ["🟥 critical", "1", "fails the build"],
    ["🟧 high", "3", "fails the build"],
    ["🟨 medium", "3", "reported"],
    ["🟦 low", "1", "reported"],
    ["⬜ info", "1", "reported"],
    ["❔ could not decide", "2", "a fact is missing from the snapshot"],
    ["🔕 waived", "1", "valid waiver"],
    ["📋 baselined", "2", "in the baseline"],
    ["**total**", "**14**", ""],
  ]);
  const top = out.slice(out.indexOf("### Top findings"), out.indexOf("### Waivers expiring soon"));
  t.equal((top.match(/^- /gm) ?? []).length, 9, "all nine failing findings fit in the top ten");
  t.equal((top.match(/ · fails the build$/gm) ?? []).length, 4, "the blocking ones are marked");
  t.equal((top.match(/^ {2}- \*\*remediation:\*\* /gm) ?? []).length, 9, "each with its remediation");
  t.notMatch(out, /All failing findings/, "no repeat table when every failing finding is shown in full");
  t.match(out, /### Waivers expiring soon\n\n- `GH-SEC-005` on `github:\/\/acme\/\*\/secrets\/\*`: expires 2026-11-30 \(in 4 days\), owner `@acme\/security`, waives 0 findings/);
  t.match(out, /### Warnings\n\n- parameter severity\\_overrides names GH-XYZ-999/);
  for (const title of ["Could not decide (2)", "Waived (1)", "Baselined (2)"]) t.match(out, `<details>\n<summary>${title}</summary>\n\n|`);
  t.notMatch(out, /Truncated/, "nothing left out");
});

t.test("passing and clean results", async (t) => {
  t.match(md(acmeAt("never")), /^<!-- regolith-gate -->\n## ✅ Regolith gate passed \(`--fail-on never`\)\n/);
  const clean = md(cleanResult());
  t.notMatch(clean, /Top findings|<details>/, "no empty sections");
  t.match(clean, /\| \*\*total\*\* \| \*\*0\*\* \| \|\n\nInputs: `acme\.github-snapshot\.json` \(github-snapshot, 2026-11-25T17:00:00Z\), .*\n$/);
});

t.test("5,000 findings: under 60 KB, truncated with a note, sections closed", async (t) => {
  const r = largeResult(5_000);
  const out = md(r);
  const size = Buffer.byteLength(out);
  t.ok(size < 60_000, `${size} bytes`);
  t.ok(size > 50_000, "and the room is used");
  t.equal((out.match(/^ {2}- \*\*remediation:\*\* /gm) ?? []).length, 10, "ten findings in full");
  const note = /> Truncated to fit: (\d+) rows not shown\. The `text`, `json` and `sarif` reports list every finding\./.exec(out);
  t.ok(note, "a note says what was left out");
  const notShown = [...out.matchAll(/^\| … \| (\d+) more not shown \|/gm)].reduce((n, m) => n + Number(m[1]), 0);
  t.equal(Number(note?.[1]), notShown, "the note adds up the rows each table left out");
  t.match(out, /<summary>All failing findings \(\d+\)<\/summary>/);
  const sections = out.split("<details>").slice(1);
  t.same(
    sections.map((sec) => /<summary>(.*) \(\d+\)<\/summary>/.exec(sec)?.[1]),
    ["All failing findings", "Could not decide", "Waived", "Baselined"],
  );
  for (const sec of sections) {
    const data = rows(sec).filter((r) => r[0] !== "---" && r[0] !== "…" && !["severity", "check"].includes(r[0]!));
    t.ok(data.length >= 20, `the long failing list does not crowd out the others: ${data.length} rows in ${sec.slice(0, 40)}`);
  }
  t.equal((out.match(/<details>/g) ?? []).length, (out.match(/<\/details>/g) ?? []).length);
  t.equal(md(r), out, "deterministic");
});

t.test("snapshot text renders as text", async (t) => {
  const out = md(hostileResult());
  const prose = out.replace(/(`+)[^`](?:.*?[^`])?\1(?!`)/g, "");
  t.match(out, /``[^`]*<b>\*bold\*<\/b>/, "markup inside code spans is literal code");
  t.notMatch(prose, /<b>|<\/b>/, "outside code spans, no HTML from the snapshot");
  t.match(out, /&lt;b&gt;\\\*bold\\\*&lt;\/b&gt;/, "markup escaped in prose");
  t.notMatch(out, /[\u0000-\u0008\u000b-\u001f\u202a-\u202e]/, "no control or bidi characters");
  for (const row of rows(out)) t.ok(row.length >= 3 && row.length <= 5, `a row keeps its cells: ${row.length}`);
  const waivedRow = rows(out).find((r) => r[0] === "`CF-TOK-007`")!;
  t.equal(waivedRow.length, 5, "a `|` in a waiver reason does not add a cell");
  t.match(waivedRow[2], /^(`+)@owner, evil.*\1$/, "owners are code spans, so @mentions do not notify");
  t.match(out, /- resource: ``cloudflare:\/\/user\/tokens\/(ab){16}#evil.*\| `tick` .*``\n/, "a resource with a backtick gets a longer fence; outside tables `|` stays as is");
  t.ok(waivedRow[2]!.includes("\\| `tick`"), "inside a table cell `|` is escaped, in code spans too");
  t.notMatch(out, /(^|[^\\])\$/m, "no unescaped $ that GitHub would read as math");
});

t.test("the markdown report and the job summary differ only where they should", async (t) => {
  const r = acmeResult();
  const { githubStepSummary } = await import("@regolith/gate");
  t.equal(md(r), `<!-- regolith-gate -->\n${githubStepSummary(r)}`, "for a small result, the comment is the summary with its marker");
});
