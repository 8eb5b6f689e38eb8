/**
 * The `github` reporter and `githubStepSummary`: workflow commands read back the way the
 * Actions runner reads them (command, properties split on `,` and `=`, message after the
 * second `::`, then unescaped) give the finding's text exactly, whatever it holds;
 * `::error` only for findings that fail the build, `::warning` for the others that fail
 * and for undecided ones, `::notice` for waived ones; errors first. The job summary is
 * Markdown with the counts, the blocking findings with remediation, and collapsed
 * sections, within GitHub's size limit.
 */
import t from "tap";
import { githubStepSummary, REPORTERS, type GateResult } from "@regolith/gate";
import { acmeAt, acmeResult, cleanResult, hostileResult, HOSTILE_NAME, largeResult } from "../fixtures/gate/results.js";

interface Command {
  readonly command: string;
  readonly properties: Record<string, string>;
  readonly message: string;
}

const unescapeData = (s: string): string => s.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%25", "%");
const unescapeProperty = (s: string): string => s.replaceAll("%0D", "\r").replaceAll("%0A", "\n").replaceAll("%3A", ":").replaceAll("%2C", ",").replaceAll("%25", "%");

/** A workflow command as the runner parses one line (null for a plain line). */
function parseCommand(line: string): Command | null {
  const text = line.trimStart();
  if (!text.startsWith("::")) return null;
  const end = text.indexOf("::", 2);
  if (end < 0) return null;
  const info = text.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeData(text.slice(end + 2)) };
}

const commands = (r: GateResult): Command[] =>
  REPORTERS.github(r)
    .trimEnd()
    .split("\n")
    .map(parseCommand)
    .filter((c): c is Command => c !== null);

t.test("one annotation per finding, by disposition, errors first", async (t) => {
  const r = acmeResult();
  const cmds = commands(r);
  const kinds = cmds.map((c) => c.command);
  t.same(kinds, [...kinds].sort((a, b) => ["error", "warning", "notice"].indexOf(a) - ["error", "warning", "notice"].indexOf(b)), "errors, then warnings, then notices");
  const titles = (kind: string): string[] => cmds.filter((c) => c.command === kind).map((c) => c.properties["title"]!);
  t.same(titles("error"), [
    "GH-WF-001 (critical): Credentials reachable from an untrusted fork pull request",
    "CF-TOK-002 (high): Cloudflare automation token without an expiry",
    "COVERAGE (high): The snapshot could not see part of this resource",
    "GH-SEC-001 (high): OpenAI API key stored as a GitHub secret",
  ]);
  t.equal(titles("error").length, r.summary.blocking, "errors are the blocking findings");
  t.same(
    titles("warning").map((x) => x.split(" ")[0]),
    ["CF-TOK-001", "GH-ENV-004", "WAIVER-EXPIRED", "CF-TOK-010", "GH-SEC-008", "CF-TOK-005", "GH-ENV-002", "Waiver", "regolith"],
    "failing below the threshold, then undecided, then expiring waivers and gate warnings",
  );
  t.match(titles("warning"), ["CF-TOK-001 (medium): Cloudflare token without client IP filtering"]);
  t.ok(titles("warning").includes("GH-ENV-002 could not decide: Self-review allowed on a production environment"));
  t.ok(titles("warning").includes("Waiver expires in 4 days: GH-SEC-005"));
  t.same(titles("notice"), ["CF-TOK-007 waived: Cloudflare token scoped to all zones", "regolith: baselined findings"], "waived findings one by one, baselined ones in one notice");
});

t.test("messages carry the finding, read back exactly", async (t) => {
  const cmds = commands(acmeResult());
  const sec = cmds.find((c) => c.properties["title"]!.startsWith("GH-SEC-001"))!;
  t.equal(
    sec.message,
    [
      "Repository secret OPENAI_API_KEY of acme/app holds an OpenAI key although federation rule wifr_01JH0000000000000000000001 covers the repository",
      "Resource: github://acme/app/secrets/OPENAI_API_KEY",
      "Evidence: secrets.OPENAI_API_KEY -> env.OPENAI_API_KEY; openai://providers/wip_01JH0000000000000000000000/rules/wifr_01JH0000000000000000000001",
      "Remediation: Delete the secret and exchange the job's GitHub OIDC token for a short-lived OpenAI token: 1. add a federation rule pinning `repository_id`; 2. grant `id-token: write` to the one job.",
    ].join("\n"),
  );
  const waived = cmds.find((c) => c.command === "notice")!;
  t.match(waived.message, /\nWaived by @acme\/platform until 2026-12-31 \(PLAT-142\): Terraform manages/);
  t.match(cmds.find((c) => c.properties["title"]!.startsWith("CF-TOK-001"))!.message, /cdn-purge & <eu>.*\nBelow --fail-on high: reported, not failing the build\./s);
});

t.test("escaping: hostile text stays inside its command", async (t) => {
  const out = REPORTERS.github(hostileResult());
  const lines = out.trimEnd().split("\n");
  const cmds = lines.map(parseCommand);
  t.same(
    cmds.map((c) => c?.command ?? "plain"),
    ["error", "warning", "warning", "warning", "notice", "plain"],
    "no command beyond the findings' own: nothing was forged",
  );
  const error = cmds[0]!;
  t.same(Object.keys(error.properties), ["title"], "one property: `,` and `:` in values were escaped");
  t.equal(error.properties["title"], "CF-TOK-010 (high): Disabled or expired Cloudflare token still present");
  const visible = HOSTILE_NAME.replaceAll("\u001b", "\\x1b").replaceAll("\r", "\\x0d").replaceAll("\u202e", "\\u202e").replaceAll("\ud800", "\ufffd");
  t.ok(error.message.startsWith(`Cloudflare token "${visible}" is disabled`), "the message reads back as the text, control characters made visible");
  t.ok(error.message.includes("%0A 50%"), "literal %0A and % survive");
  t.match(error.message, /\nRemediation: Delete the token\. ::warning::also forged$/, "a forged command in a remediation stays message text");
  const expiring = cmds.find((c) => c?.properties["title"]?.startsWith("Waiver expires"))!;
  t.ok(expiring.message.includes(`(owner @owner, ${visible})`), "owner with a comma, read back whole");
  for (const l of lines) t.notMatch(l, /[\r\u001b]/, "no raw CR or ESC on any line");
});

t.test("a plain last line with the verdict; a note when annotations exceed GitHub's display", async (t) => {
  const last = (r: GateResult): string => REPORTERS.github(r).trimEnd().split("\n").at(-1)!;
  t.equal(last(acmeResult()), "regolith gate failed (--fail-on high): 4 blocking findings. 14 findings: failing 1 critical, 3 high, 3 medium, 1 low, 1 info; 2 unknown; 1 waived; 2 baselined.");
  t.match(last(acmeAt("never")), /^regolith gate passed \(--fail-on never\)\./);
  t.equal(commands(acmeAt("never")).filter((c) => c.command === "error").length, 0, "no errors when nothing blocks");
  t.equal(REPORTERS.github(cleanResult()), "regolith gate passed (--fail-on high). 0 findings: failing none.\n");
  t.notMatch(REPORTERS.github(acmeResult()), /first 10 annotations/);
  t.match(REPORTERS.github(largeResult(100)), /\nGitHub shows the first 10 annotations of each kind per step; .* all 100 findings\.\n/);
});

t.test("the job summary: verdict, counts, blocking findings with remediation, collapsed sections", async (t) => {
  const md = githubStepSummary(acmeResult());
  const lines = md.split("\n");
  t.equal(lines[0], "## ❌ Regolith gate failed: 4 blocking findings (`--fail-on high`)", "verdict first");
  t.match(md, /\| 🟧 high \| 3 \| fails the build \|/);
  t.match(md, /\| ❔ could not decide \| 2 \|/);
  t.match(md, /\| \*\*total\*\* \| \*\*14\*\* \| \|/);
  t.match(md, /### Top findings\n\n- 🟥 critical · `GH-WF-001` · \*\*Credentials reachable from an untrusted fork pull request\*\* · fails the build\n {2}- resource: `github:\/\/acme\/app\/\.github\/workflows\/ci\.yml#jobs\/test`/);
  t.match(md, /- \*\*remediation:\*\* Move the job to a `pull_request` trigger/, "remediation as the bundle wrote it");
  t.match(md, /<details>\n<summary>Could not decide \(2\)<\/summary>\n\n\| check \| resource \| what is missing \|/);
  t.match(md, /<summary>Waived \(1\)<\/summary>[^]*\| `CF-TOK-007` \| `cloudflare:\/\/[^`]+` \| `@acme\/platform` \| 2026-12-31 \| Terraform/);
  t.match(md, /<summary>Baselined \(2\)<\/summary>/);
  t.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, "every section closed");
  t.match(githubStepSummary(acmeAt("never")), /^## ✅ Regolith gate passed \(`--fail-on never`\)\n/);
  t.equal(githubStepSummary(acmeResult()), md, "deterministic");
});

t.test("the job summary stays within GitHub's 1 MiB limit", async (t) => {
  const md = githubStepSummary(largeResult(5_000));
  t.ok(Buffer.byteLength(md) <= 512 * 1024, `${Buffer.byteLength(md)} bytes`);
  t.match(md, /> \[!NOTE\]\n> Truncated to fit: \d+ rows not shown\./);
  t.equal((md.match(/<details>/g) ?? []).length, (md.match(/<\/details>/g) ?? []).length, "sections closed even when truncated");
});
