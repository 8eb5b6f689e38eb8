/**
 * The `junit` report: JUnit XML for CI test views. One test suite per check, one test
 * case per finding (classname = check id, name = resource). A case fails exactly when the
 * finding fails the build; waived, baselined, undecided and below-threshold findings
 * are skipped with the reason, so the test view agrees with the gate's exit code.
 * Checks of the bundle without findings appear as one passing case each.
 */
import type { Finding, GateResult, RuleInfo } from "../result.js";
import { compareText, disposition, ordered, type Disposition } from "./classify.js";
import { blockLines, flatten, visible } from "./strings.js";

/**
 * Text XML 1.0 can hold: control characters made visible (they are not allowed even as
 * character references), unpaired surrogates and U+FFFE/U+FFFF replaced by U+FFFD.
 */
function xmlSafe(text: string): string {
  const safe = visible(text);
  return safe.includes("\ufffe") || safe.includes("\uffff") ? safe.replace(/[\ufffe\uffff]/g, "\ufffd") : safe;
}

const TEXT_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTR_ESCAPES: Readonly<Record<string, string>> = { ...TEXT_ESCAPES, '"': "&quot;", "'": "&apos;", "\n": "&#10;", "\r": "&#13;" };

export function xmlText(text: string): string {
  return xmlSafe(text).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!);
}

/** Attribute values keep their newlines as references (parsers normalise raw ones). */
export function xmlAttr(text: string): string {
  return xmlSafe(text).replace(/[&<>"'\n\r]/g, (c) => ATTR_ESCAPES[c]!);
}

function attrs(pairs: Readonly<Record<string, string | number>>): string {
  return Object.entries(pairs)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join("");
}

function properties(indent: string, pairs: readonly (readonly [string, string])[]): string[] {
  if (pairs.length === 0) return [];
  return [`${indent}<properties>`, ...pairs.map(([name, value]) => `${indent}  <property${attrs({ name, value })}/>`), `${indent}</properties>`];
}

/** Why a case is skipped rather than failed. */
function skipReason(f: Finding, d: Disposition, failOn: GateResult["summary"]["fail_on"]): string {
  switch (d) {
    case "waived":
      return f.waiver !== null ? `waived by ${f.waiver.owner} until ${f.waiver.expires}: ${flatten(f.waiver.reason)}` : "waived";
    case "baselined":
      return "in the baseline (not new)";
    case "unknown":
      return `could not decide: ${f.message}`;
    default:
      return `severity ${f.severity} is below --fail-on ${failOn}`;
  }
}

/** The readable body of a failure or of a case's output. */
function details(f: Finding): string {
  const lines = [`${f.rule} (${f.severity}): ${f.title}`, `resource: ${f.resource}`, `message: ${f.message}`];
  if (f.evidence.length > 0) lines.push("evidence:", ...f.evidence.map((e) => `  ${e}`));
  const remediation = blockLines(f.remediation);
  if (remediation.length > 0) lines.push("remediation:", ...remediation.map((l) => `  ${l}`));
  if (f.location !== null) lines.push(`source: ${f.location.file} ${f.location.pointer || "(whole document)"}`);
  lines.push(`fingerprint: ${f.fingerprint}`);
  return lines.join("\n");
}

interface Suite {
  readonly id: string;
  readonly title: string;
  readonly severity: string | null;
  readonly findings: readonly Finding[];
}

function suites(result: GateResult, findings: readonly Finding[]): Suite[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.rule);
    if (list) list.push(f);
    else byRule.set(f.rule, [f]);
  }
  const info = new Map<string, RuleInfo>(result.rules.map((r) => [r.id, r]));
  const ids = [...new Set([...info.keys(), ...byRule.keys()])].sort(compareText);
  return ids.map((id) => {
    const list = byRule.get(id) ?? [];
    const rule = info.get(id);
    return { id, title: rule?.title ?? list[0]?.title ?? id, severity: rule?.severity ?? null, findings: list };
  });
}

function caseLines(f: Finding, name: string, d: Disposition, failOn: GateResult["summary"]["fail_on"]): string[] {
  const out = [`    <testcase${attrs({ classname: f.rule, name, time: 0 })}>`];
  const props: [string, string][] = [
    ["severity", f.severity],
    ["status", f.status],
    ["disposition", d],
    ["fingerprint", f.fingerprint],
  ];
  if (f.location !== null) props.push(["document", f.location.file], ["pointer", f.location.pointer]);
  out.push(...properties("      ", props));
  if (d === "blocking") {
    out.push(`      <failure${attrs({ message: f.message, type: f.severity })}>${xmlText(details(f))}</failure>`);
  } else {
    out.push(`      <skipped${attrs({ message: skipReason(f, d, failOn) })}/>`);
    out.push(`      <system-out>${xmlText(details(f))}</system-out>`);
  }
  out.push("    </testcase>");
  return out;
}

export function junit(result: GateResult): string {
  const failOn = result.summary.fail_on;
  const body: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const suite of suites(result, ordered(result.findings))) {
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    // Two findings of one check on one resource (different facets) get distinct names.
    const seen = new Map<string, number>();
    for (const f of suite.findings) {
      const n = (seen.get(f.resource) ?? 0) + 1;
      seen.set(f.resource, n);
      const d = disposition(f, failOn);
      if (d === "blocking") suiteFailures++;
      else suiteSkipped++;
      cases.push(caseLines(f, n === 1 ? f.resource : `${f.resource} (${n})`, d, failOn).join("\n"));
    }
    if (suite.findings.length === 0) cases.push(`    <testcase${attrs({ classname: suite.id, name: "no findings", time: 0 })}/>`);
    const count = Math.max(1, suite.findings.length);
    tests += count;
    failures += suiteFailures;
    skipped += suiteSkipped;
    const suiteProps: [string, string][] = [["check", suite.id], ["title", suite.title]];
    if (suite.severity !== null) suiteProps.push(["default-severity", suite.severity]);
    body.push(`  <testsuite${attrs({ name: `${suite.id}: ${suite.title}`, tests: count, failures: suiteFailures, errors: 0, skipped: suiteSkipped, time: 0 })}>`);
    body.push(...properties("    ", suiteProps));
    // One string per suite: spreading tens of thousands of lines into push() overflows the stack.
    body.push(cases.join("\n"), "  </testsuite>");
  }
  const head = `<testsuites${attrs({ name: "regolith gate", tests, failures, errors: 0, skipped, time: 0 })}>`;
  return ['<?xml version="1.0" encoding="UTF-8"?>', head, ...body, "</testsuites>", ""].join("\n");
}
