/**
 * The `text` reporter: failing findings grouped by severity, critical first, each with
 * rule, title, resource, message, evidence, remediation and source; undecided,
 * baselined and waived findings in their own marked sections; a last line with the
 * verdict and counts; colour only when asked for; snapshot text that cannot repaint the
 * terminal or issue a GitHub workflow command; the same bytes for the same result.
 */
import t from "tap";
import { REPORTERS, type GateResult } from "@regolith/gate";
import { acmeAt, acmeResult, cleanResult, hostileResult } from "../fixtures/gate/results.js";

const text = (r: GateResult, color = false): string => REPORTERS.text(r, { color });
const ANSI = /\u001b\[[0-9;]*m/g;

/** The section that starts with a line beginning `title`, up to the next blank-line-separated heading. */
function section(out: string, title: string): string {
  const start = out.indexOf(`\n${title}`);
  if (start < 0) return "";
  const rest = out.slice(start + 1);
  const next = rest.slice(1).search(/\n\n[A-Z][A-Z ]+ \(\d+\)|\n\n(PASSED|FAILED)/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

t.test("failing findings grouped by severity, critical first, in full", async (t) => {
  const out = text(acmeResult());
  const headings = [...out.matchAll(/^([A-Z][A-Z ]+) \((\d+)\)/gm)].map((m) => `${m[1]} ${m[2]}`);
  t.same(headings, ["CRITICAL 1", "HIGH 3", "MEDIUM 3", "LOW 1", "INFO 1", "COULD NOT DECIDE 2", "BASELINED 2", "WAIVED 1", "WAIVERS EXPIRING SOON 1", "WARNINGS 1"]);
  t.match(out, /^CRITICAL \(1\) fails the build at --fail-on high$/m);
  t.match(out, /^MEDIUM \(3\) below --fail-on high$/m);
  const high = section(out, "HIGH");
  t.same([...high.matchAll(/^ {2}(\S+) {2}/gm)].map((m) => m[1]), ["CF-TOK-002", "COVERAGE", "GH-SEC-001"], "by rule within a severity");
  const critical = section(out, "CRITICAL");
  for (const label of ["resource", "message", "evidence", "remediation", "source"]) t.match(critical, new RegExp(`^ {4}${label} +\\S`, "m"), `has ${label}`);
  t.match(critical, /^ {4}evidence {5}on: pull_request_target\n {17}secrets\.NPM_TOKEN -> env\.NPM_TOKEN$/m, "evidence lines aligned");
  t.match(critical, /source {7}acme\.github-snapshot\.json at \/repositories\/0\/workflows\/0\/jobs\/1/);
  t.match(high, /remediation {2}Delete the secret .*\n {17}1\. add a federation rule/, "multi-line remediation keeps its lines, aligned");
  t.match(high, /GH-SEC-001 {2}OpenAI API key stored as a GitHub secret \[locked\]/, "locked checks are marked");
  t.match(section(out, "MEDIUM"), /github:\/\/acme\/app\/environments\/R&D/, "& printed as is");
});

t.test("unknown, baselined and waived findings are listed apart and marked", async (t) => {
  const out = text(acmeResult());
  const unknown = section(out, "COULD NOT DECIDE");
  t.match(unknown, /a fact the check needs is missing from the snapshot; not a pass/);
  t.same([...unknown.matchAll(/^ {2}(\S+) {2}(\w+) {2}(\S+) {2}\[unknown\]$/gm)].map((m) => m[1]), ["CF-TOK-005", "GH-ENV-002"]);
  const baselined = section(out, "BASELINED");
  t.same([...baselined.matchAll(/\[baselined\]$/gm)].length, 2);
  const waived = section(out, "WAIVED");
  t.match(waived, /CF-TOK-007 {2}high {2}cloudflare:\/\/\S+ {2}\[waived\]/);
  t.match(waived, /waived {7}by @acme\/platform until 2026-12-31 \(ticket PLAT-142, approved by security@acme\.example\): Terraform manages every zone of the account; per-zone tokens/);
  t.notMatch(section(out, "HIGH"), /CF-TOK-007|GH-WF-005/, "waived and baselined findings are not among the failing ones");
  t.match(section(out, "WAIVERS EXPIRING SOON"), /GH-SEC-005 {2}github:\/\/acme\/\*\/secrets\/\* {2}expires 2026-11-30 \(in 4 days\)\n {4}owner @acme\/security, ticket SEC-77; waives no finding in this run; \.regolith\/waivers\.yaml at \/waivers\/0/);
  t.match(section(out, "WARNINGS"), /^ {2}parameter severity_overrides names GH-XYZ-999/m);
});

t.test("the last line has the verdict and the counts", async (t) => {
  const last = (r: GateResult): string => text(r).trimEnd().split("\n").at(-1)!;
  t.equal(last(acmeResult()), "FAILED (--fail-on high): 4 blocking findings. 14 findings: failing 1 critical, 3 high, 3 medium, 1 low, 1 info; 2 unknown; 1 waived; 2 baselined.");
  t.equal(last(acmeAt("never")), "PASSED (--fail-on never). 14 findings: failing 1 critical, 3 high, 3 medium, 1 low, 1 info; 2 unknown; 1 waived; 2 baselined.");
  t.match(last(acmeAt("critical")), /^FAILED \(--fail-on critical\): 1 blocking finding\. /);
  const clean = text(cleanResult());
  t.match(clean, /\nNo findings\.\n\nPASSED \(--fail-on high\)\. 0 findings: failing none\.\n$/);
  t.match(text(acmeAt("medium")), /^MEDIUM \(3\) fails the build at --fail-on medium$/m, "section notes follow the threshold");
});

t.test("colour only when asked for", async (t) => {
  const plain = text(acmeResult());
  const colored = text(acmeResult(), true);
  t.notMatch(plain, /\u001b/, "no escape codes without colour");
  t.equal(REPORTERS.text(acmeResult()), plain, "no options means no colour");
  t.match(colored, /\u001b\[1;31mCRITICAL \(1\)\u001b\[0m/, "critical in bold red");
  t.match(colored, /\u001b\[33mMEDIUM \(3\)\u001b\[0m/, "medium in yellow");
  t.match(colored, /\u001b\[1;31mFAILED\u001b\[0m/, "the verdict coloured");
  t.match(text(cleanResult(), true), /\u001b\[1;32mPASSED\u001b\[0m/);
  t.equal(colored.replace(ANSI, ""), plain, "colour adds codes and nothing else");
});

t.test("snapshot text cannot repaint the terminal, forge lines or issue workflow commands", async (t) => {
  for (const color of [false, true]) {
    const out = text(hostileResult(), color).replace(ANSI, "");
    t.notMatch(out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, `no control or bidi characters (color ${color})`);
    for (const line of out.split("\n")) {
      const start = line.trimStart();
      t.notOk(start.startsWith("::") || start.startsWith("##["), `no line starts a workflow command: ${JSON.stringify(line.slice(0, 40))}`);
    }
    t.match(out, /evil\\x1b\[2J\\x1b\[31m\\n::error title=forged::pwned\\n##\[group\]x/, "shown, escaped, on one line");
    t.match(out, /\\u202egnp\.exe\ufffd /, "the bidi override made visible, the unpaired surrogate replaced");
    t.match(out, /\n {17}\\::warning::also forged\n/, "a remediation line that would be a command is defused");
  }
});

t.test("deterministic: same result, same bytes, whatever the order", async (t) => {
  const r = acmeResult();
  t.equal(text(r), text(r));
  t.equal(text({ ...r, findings: [...r.findings].reverse() }), text(r));
});
