/**
 * JUnit XML for CI test tabs: one `<testsuite>` per file, one `<testcase>` per test
 * (`classname` the package, `name` the rule), with `<failure>`, `<error>` or
 * `<skipped>`, and the test's `print()` output in `<system-out>`. Times in seconds.
 */
import { outcomeOf, type SubResult, type TestResult } from "./runner.js";
import { xmlAttr, xmlText } from "./xml.js";

export function junitTestReport(results: readonly TestResult[]): string {
  const byFile = new Map<string, TestResult[]>();
  for (const r of results) {
    let list = byFile.get(r.location.file);
    if (!list) byFile.set(r.location.file, (list = []));
    list.push(r);
  }
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="regolith test"${counts(results)}>`];
  for (const [file, list] of byFile) {
    out.push(`  <testsuite name="${xmlAttr(file)}"${counts(list)}>`);
    for (const r of list) out.push(...testcase(r));
    out.push("  </testsuite>");
  }
  out.push("</testsuites>");
  return out.join("\n") + "\n";
}

function counts(list: readonly TestResult[]): string {
  const n = (o: string) => list.filter((r) => outcomeOf(r) === o).length;
  const time = list.reduce((s, r) => s + r.durationNs, 0);
  return ` tests="${list.length}" failures="${n("FAIL")}" errors="${n("ERROR")}" skipped="${n("SKIPPED")}" time="${seconds(time)}"`;
}

function testcase(r: TestResult): string[] {
  const open = `    <testcase name="${xmlAttr(r.name)}" classname="${xmlAttr(r.package)}" file="${xmlAttr(r.location.file)}" line="${r.location.row}" time="${seconds(r.durationNs)}"`;
  const body: string[] = [];
  switch (outcomeOf(r)) {
    case "FAIL":
      body.push(`      <failure message="${xmlAttr(failureMessage(r))}" type="fail"></failure>`);
      break;
    case "ERROR":
      body.push(`      <error message="${xmlAttr(r.error!.message)}" type="${xmlAttr(r.error!.code)}">${xmlText(r.error!.toString())}</error>`);
      break;
    case "SKIPPED":
      body.push(`      <skipped message="todo test"></skipped>`);
      break;
    case "PASS":
      break;
  }
  if (r.output.length > 0) body.push(`      <system-out>${xmlText(r.output)}</system-out>`);
  return body.length === 0 ? [`${open}/>`] : [`${open}>`, ...body, "    </testcase>"];
}

function seconds(ns: number): string {
  return (ns / 1e9).toFixed(6);
}


/** Why a test failed: the cases that failed, for a test with cases. */
function failureMessage(r: TestResult): string {
  const failed: string[] = [];
  const collect = (subs: readonly SubResult[], prefix: string): void => {
    for (const sub of subs) {
      if (!sub.fail) continue;
      if (sub.subResults.length === 0) failed.push(prefix + sub.name);
      else collect(sub.subResults, `${prefix}${sub.name} / `);
    }
  };
  collect(r.subResults, "");
  return failed.length > 0 ? `${r.fullName}: failed cases: ${failed.join(", ")}` : `${r.fullName} is undefined or not true`;
}
