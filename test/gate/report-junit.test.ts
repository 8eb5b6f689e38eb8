/**
 * The `junit` reporter: the output is well-formed XML (checked with fast-xml-parser's
 * validator and parser), with one suite per check and one case per finding, failures
 * exactly for the findings that fail the build, skips with their reason for the rest,
 * counts that add up at every level, and snapshot text (with `&`, `<`, `#`, quotes and
 * control characters) escaped so that it parses back to what was written.
 */
import t from "tap";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { REPORTERS, type GateResult } from "@regolith/gate";
import { acmeAt, acmeResult, cleanResult, hostileResult, HOSTILE_NAME, largeResult } from "../fixtures/gate/results.js";

type Obj = Record<string, any>;
const ARRAYS = new Set(["testsuites.testsuite", "testsuites.testsuite.testcase", "testsuites.testsuite.properties.property", "testsuites.testsuite.testcase.properties.property"]);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseAttributeValue: false,
  parseTagValue: false,
  trimValues: false,
  // Decode character references (&#10;) as any XML parser does.
  htmlEntities: true,
  // The path is a dotted string unless the parser is set up with matchers (not here).
  isArray: (_name, path) => ARRAYS.has(String(path)),
});

function parse(xml: string): Obj {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  return (parser.parse(xml) as Obj)["testsuites"] as Obj;
}

const cases = (root: Obj): Obj[] => (root["testsuite"] as Obj[]).flatMap((s) => s["testcase"] as Obj[]);

t.test("well-formed XML for every result", async (t) => {
  for (const [name, r] of Object.entries({ acme: acmeResult(), clean: cleanResult(), hostile: hostileResult(), large: largeResult(400) })) {
    const xml = REPORTERS.junit(r);
    t.equal(XMLValidator.validate(xml), true, name);
    t.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites /, `${name}: declaration and root`);
  }
});

t.test("suites per check, cases per finding, counts that add up", async (t) => {
  const r = acmeResult();
  const root = parse(REPORTERS.junit(r));
  const suites = root["testsuite"] as Obj[];
  const ids = suites.map((s) => (s["properties"]["property"] as Obj[]).find((p) => p["name"] === "check")!["value"]);
  const expected = [...new Set([...r.rules.map((x) => x.id), ...r.findings.map((f) => f.rule)])].sort();
  t.same(ids, expected, "one suite per check of the bundle or of a finding, sorted");
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const s of suites) {
    const list = s["testcase"] as Obj[];
    const f = list.filter((c) => "failure" in c).length;
    const k = list.filter((c) => "skipped" in c).length;
    t.equal(Number(s["tests"]), list.length, `${s["name"]}: tests`);
    t.equal(Number(s["failures"]), f, `${s["name"]}: failures`);
    t.equal(Number(s["skipped"]), k, `${s["name"]}: skipped`);
    t.equal(s["errors"], "0");
    tests += list.length;
    failures += f;
    skipped += k;
  }
  t.equal(Number(root["tests"]), tests);
  t.equal(Number(root["failures"]), failures);
  t.equal(Number(root["skipped"]), skipped);
  t.equal(failures, r.summary.blocking, "failures are the blocking findings");
  t.equal(skipped, r.findings.length - r.summary.blocking, "every other finding is skipped");
  const passing = cases(root).filter((c) => !("failure" in c) && !("skipped" in c));
  t.same(passing.map((c) => c["classname"]).sort(), ["CF-TOK-009", "GH-ACT-002"], "checks without findings pass");
  t.ok(passing.every((c) => c["name"] === "no findings"));
});

t.test("cases name the check and the resource; skips say why", async (t) => {
  const all = cases(parse(REPORTERS.junit(acmeResult())));
  const one = (classname: string): Obj => all.find((c) => c["classname"] === classname)!;
  const wf = one("GH-WF-001");
  t.equal(wf["name"], "github://acme/app/.github/workflows/ci.yml#jobs/test", "# kept");
  t.equal(wf["failure"]["type"], "critical");
  t.match(wf["failure"]["message"], /runs on pull_request_target/);
  t.match(wf["failure"]["#text"], /remediation:\n {2}Move the job/);
  t.match(wf["failure"]["#text"], /fingerprint: [0-9a-f]{64}/);
  t.equal(one("GH-ENV-004")["name"], "github://acme/app/environments/R&D", "& round-trips");
  t.match(one("CF-TOK-001")["skipped"]["message"], /^severity medium is below --fail-on high$/);
  t.match(one("CF-TOK-007")["skipped"]["message"], /^waived by @acme\/platform until 2026-12-31: Terraform manages/);
  t.equal(one("GH-WF-005")["skipped"]["message"], "in the baseline (not new)");
  t.match(one("GH-ENV-002")["skipped"]["message"], /^could not decide: Whether admins/);
  t.match(one("CF-TOK-001")["system-out"], /Cache Purge \(write\)/, "skipped cases keep the details in system-out");
  const props = Object.fromEntries((wf["properties"]["property"] as Obj[]).map((p) => [p["name"], p["value"]]));
  t.match(props, { severity: "critical", status: "fail", disposition: "blocking", document: "acme.github-snapshot.json", pointer: "/repositories/0/workflows/0/jobs/1" });
});

t.test("the threshold decides failures", async (t) => {
  const failuresAt = (failOn: GateResult["summary"]["fail_on"]): number => Number(parse(REPORTERS.junit(acmeAt(failOn)))["failures"]);
  t.equal(failuresAt("never"), 0);
  t.equal(failuresAt("critical"), 1);
  t.equal(failuresAt("medium"), 7);
  t.equal(failuresAt("info"), 9);
});

t.test("hostile text is escaped and parses back", async (t) => {
  const r = hostileResult();
  const xml = REPORTERS.junit(r);
  t.notMatch(xml, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, "no control character XML 1.0 forbids");
  t.notMatch(xml, /<b>/, "markup from the snapshot is text");
  const all = cases(parse(xml));
  const first = all.find((c) => c["classname"] === "CF-TOK-010" && "failure" in c)!;
  t.match(first["name"], /^cloudflare:\/\/user\/tokens\/(ab){16}#evil\\x1b\[2J\\x1b\[31m\n::error title=forged::pwned\\x0d\n##\[group\]x & <b>\*bold\*<\/b> \| `tick` \\u202egnp\.exe\ufffd %0A 50% \]\]>$/);
  t.ok(first["failure"]["message"].includes("& <b>*bold*</b>"), "& and < survive in attributes");
  t.ok(!HOSTILE_NAME.includes("\ufffd") && first["name"].includes("\ufffd"), "the unpaired surrogate became U+FFFD");
});

t.test("two findings of one check on one resource get distinct names", async (t) => {
  const base = acmeResult().findings.find((f) => f.rule === "GH-WF-001")!;
  const twice: GateResult = { ...acmeResult(), findings: [base, { ...base, fingerprint: "f".repeat(64), message: "second facet" }] };
  const names = cases(parse(REPORTERS.junit(twice))).filter((c) => c["classname"] === "GH-WF-001").map((c) => c["name"]);
  t.same(names, [base.resource, `${base.resource} (2)`]);
});

t.test("deterministic", async (t) => {
  const r = acmeResult();
  t.equal(REPORTERS.junit({ ...r, findings: [...r.findings].reverse(), rules: [...r.rules].reverse() }), REPORTERS.junit(r));
});
