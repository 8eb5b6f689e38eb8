/** `regolith gate`: the contract in docs/CLI.md, through `main` in-process over t.testdir trees. */
import t, { type Test } from "tap";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "@regolith/cli";
import { run } from "../_lib/cli-run.js";
import { example, githubDoc, SHIPPED, TEST_CHECKS } from "../_lib/gate-fixtures.js";
import { tarGz } from "../_lib/tar.js";

const findingsLib = readFileSync(join(SHIPPED, "lib/findings.rego"), "utf8");
const shippedData = readFileSync(join(SHIPPED, "data.json"), "utf8");

/** A tree with the small bundle in bundle/ and a github snapshot of acme (T-001 high on bad-*, T-002 medium on public repos). */
function tree(t: Test, repos: Parameters<typeof githubDoc>[1] = ["bad-app", { name: "site", visibility: "public" }], extra: Record<string, string> = {}): string {
  return t.testdir({
    bundle: { ".manifest": '{"roots": ["regolith"]}', "data.json": shippedData, lib: { "findings.rego": findingsLib }, checks: { "t.rego": TEST_CHECKS } },
    "gh.json": JSON.stringify(githubDoc("acme", repos)),
    ...extra,
  });
}
const gate = (dir: string, ...args: string[]) => run(["gate", "-b", "bundle", "-i", "gh.json", ...args], dir);
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- reports read back as plain JSON
const readJson = (dir: string, file: string): Json => JSON.parse(readFileSync(join(dir, file), "utf8"));

t.test("--help documents every flag and exits 0", async (t) => {
  const r = await run(["gate", "--help"], t.testdir({}));
  t.equal(r.code, 0);
  for (const flag of ["--input", "--bundle", "--data", "--waivers", "--baseline", "--write-baseline", "--fail-on", "--format"]) t.match(r.stdout, flag);
  t.match((await run(["--help"], t.testdir({}))).stdout, /gate\s+evaluate policy bundles/);
});

t.test("a snapshot missing a required field: exit 2 with the file and the JSON pointer", async (t) => {
  const doc = example("github-snapshot.acme");
  delete doc.repositories[0].visibility;
  const dir = t.testdir({ "snap.json": JSON.stringify(doc) });
  const r = await run(["gate", "-i", "snap.json"], dir);
  t.equal(r.code, 2);
  t.equal(r.stdout, "");
  t.match(r.stderr, "regolith gate: invalid snapshot documents:\n  snap.json: /repositories/0/visibility: required property is missing\n");
});

t.test("several formats in one run: json to a file, text to stdout; exit 1 on a blocking finding", async (t) => {
  const dir = tree(t);
  const r = await gate(dir, "-f", "json=out.json", "-f", "text");
  t.equal(r.code, 1, r.stderr);
  t.match(r.stdout, "T-001");
  t.notMatch(r.stdout, /\x1b\[/, "no colour when stdout is not a terminal");
  const out = readJson(dir, "out.json");
  t.equal(out.version, 1);
  t.same(out.findings.map((f: Json) => `${f.rule} ${f.resource} ${f.severity}`), ["T-001 github://acme/bad-app high", "T-002 github://acme/site medium"]);
  t.match(out.summary, { blocking: 1, fail_on: "high" });
  t.match(out.findings[0], { title: "Repository named bad", remediation: "Rename the repository.", waived: false, fingerprint: /^[0-9a-f]{64}$/ });
});

t.test("only files: a one-line summary on stderr, nothing on stdout", async (t) => {
  const dir = tree(t);
  const r = await gate(dir, "-f", "sarif=out.sarif", "-f", "junit=out.xml", "-f", "markdown=out.md");
  t.equal(r.code, 1);
  t.equal(r.stdout, "");
  t.equal(r.stderr, "regolith gate: 2 findings, 1 blocking at or above high (0 waived, 0 baselined, 0 unknown); wrote out.sarif, out.xml, out.md\n");
  t.equal(readJson(dir, "out.sarif").version, "2.1.0");
  t.match(readFileSync(join(dir, "out.xml"), "utf8"), /^<\?xml/);
  t.ok(readFileSync(join(dir, "out.md"), "utf8").length > 0);
});

t.test("--results renders a saved json result in other formats, byte for byte as the run itself would", async (t) => {
  const dir = tree(t);
  const first = await gate(dir, "-f", "json=saved.json", "-f", "sarif=direct.sarif", "-f", "markdown=direct.md", "--write-baseline", "direct-baseline.json", "-f", "text");
  t.equal(first.code, 1);
  const again = await run(["gate", "--results", "saved.json", "-f", "sarif=again.sarif", "-f", "markdown=again.md", "--write-baseline", "again-baseline.json", "-f", "text"], dir);
  t.equal(again.code, 1, "the saved verdict: one blocking finding");
  t.equal(again.stdout, first.stdout, "the same text report");
  for (const [a, b] of [["direct.sarif", "again.sarif"], ["direct.md", "again.md"], ["direct-baseline.json", "again-baseline.json"]]) {
    t.equal(readFileSync(join(dir, b!), "utf8"), readFileSync(join(dir, a!), "utf8"), `${b} equals ${a}`);
  }
  const json = await run(["gate", "--results", "saved.json", "-f", "json"], dir);
  t.equal(json.stdout, readFileSync(join(dir, "saved.json"), "utf8"), "json round-trips");
});

t.test("--results computes the verdict again: at --fail-on when given, else at the saved threshold", async (t) => {
  const dir = tree(t);
  await gate(dir, "-f", "json=saved.json", "--fail-on", "medium");
  t.equal((await run(["gate", "--results", "saved.json", "-f", "json=out.json"], dir)).code, 1);
  t.match(readJson(dir, "out.json").summary, { fail_on: "medium", blocking: 2 });
  t.equal((await run(["gate", "--results", "saved.json", "--fail-on", "critical", "-f", "json=out.json"], dir)).code, 0);
  t.match(readJson(dir, "out.json").summary, { fail_on: "critical", blocking: 0, passed: true });
  // A result edited to claim it passed still fails: the verdict comes from the findings.
  const edited = readJson(dir, "saved.json");
  edited.summary.blocking = 0;
  edited.summary.passed = true;
  writeFileSync(join(dir, "edited.json"), JSON.stringify(edited));
  t.equal((await run(["gate", "--results", "edited.json", "-f", "json=out.json"], dir)).code, 1);
});

t.test("--results refuses evaluation flags and files that are not saved results", async (t) => {
  const dir = tree(t);
  await gate(dir, "-f", "json=saved.json");
  const both = await run(["gate", "--results", "saved.json", "-i", "gh.json"], dir);
  t.equal(both.code, 2);
  t.match(both.stderr, "--results renders a saved result, so --input has nothing to do");
  const keyed = await run(["gate", "--results", "saved.json", "--verification-key", "key.pem"], dir);
  t.equal(keyed.code, 2);
  t.match(keyed.stderr, "--results renders a saved result, so --verification-key has nothing to do");
  const snapshot = await run(["gate", "--results", "gh.json"], dir);
  t.equal(snapshot.code, 2);
  t.equal(snapshot.stderr, "regolith gate: gh.json is a github-snapshot document, not a saved gate result: give snapshots with -i, and --results what -f json wrote\n");
  writeFileSync(join(dir, "list.json"), "[]");
  const list = await run(["gate", "--results", "list.json"], dir);
  t.equal(list.code, 2);
  t.match(list.stderr, "regolith gate: list.json is not a saved gate result (regolith gate -f json):\n  list.json: /: must be object");
  const broken = readJson(dir, "saved.json");
  delete broken.findings[0].fingerprint;
  writeFileSync(join(dir, "broken.json"), JSON.stringify(broken));
  const r = await run(["gate", "--results", "broken.json"], dir);
  t.equal(r.code, 2);
  t.match(r.stderr, "broken.json: /findings/0/fingerprint: required property is missing");
});

t.test("a report file in a directory that does not exist yet: the directory is made", async (t) => {
  const dir = tree(t);
  t.equal((await gate(dir, "-f", "sarif=reports/ci/regolith.sarif")).code, 1);
  t.equal(readJson(dir, "reports/ci/regolith.sarif").version, "2.1.0");
});

t.test("--fail-on: thresholds and never; a bad value is a usage error", async (t) => {
  const dir = tree(t);
  t.equal((await gate(dir, "--fail-on", "critical")).code, 0);
  t.equal((await gate(dir, "--fail-on", "medium")).code, 1);
  t.equal((await gate(dir, "--fail-on", "never")).code, 0);
  const bad = await gate(dir, "--fail-on", "severe");
  t.same([bad.code, bad.stderr], [2, 'regolith gate: --fail-on "severe": want one of info, low, medium, high, critical, never\n']);
});

t.test("waivers (YAML): a valid one waives, one that expired yesterday does not and is reported", async (t) => {
  const waivers = `version: 1
waivers:
  - rule: T-002
    resource: github://acme/*
    reason: the marketing site is public on purpose
    owner: web-team
    created: 2026-11-01
    expires: 2026-12-15
  - rule: T-001
    resource: github://acme/bad-app
    reason: being renamed
    owner: platform-team
    created: 2026-10-01
    expires: 2026-11-24
`;
  const dir = tree(t, undefined, { "waivers.yaml": waivers });
  const r = await gate(dir, "--waivers", "waivers.yaml", "-f", "json=out.json");
  t.equal(r.code, 1, "the expired waiver's finding blocks again");
  const out = readJson(dir, "out.json");
  t.same(out.findings.map((f: Json) => `${f.rule} ${f.resource} waived=${f.waived}`), ["T-001 github://acme/bad-app waived=false", "T-002 github://acme/site waived=true", "WAIVER-EXPIRED github://acme/bad-app waived=false"]);
  t.match(out.summary, { waived: 1, blocking: 1 });
});

t.test("an invalid waiver stops the run with exit 2, naming it", async (t) => {
  const waivers = JSON.stringify({ version: 1, waivers: [{ rule: "T-001", resource: "github://acme/bad-app", reason: "r", owner: "o", created: "2026-01-01", expires: "2026-12-31" }] });
  const dir = tree(t, undefined, { "waivers.json": waivers, "locked.yaml": "regolith:\n  params:\n    locked_checks: [T-001]\n" });
  const r = await gate(dir, "--waivers", "waivers.json");
  t.equal(r.code, 2);
  t.match(r.stderr, "waivers.json: /waivers/0 (T-001 on github://acme/bad-app, owner o): runs 364 days (created 2026-01-01, expires 2026-12-31); a waiver may run at most 90 days (waiver_max_days)");
  const locked = await gate(dir, "--waivers", "waivers.json", "-d", "locked.yaml");
  t.match(locked.stderr, "T-001 is a locked check (locked_checks)");
});

t.test("--write-baseline, then --baseline: old findings pass, a new one fails", async (t) => {
  const dir = tree(t);
  const first = await gate(dir, "--write-baseline", "baseline.json", "-f", "json=first.json");
  t.equal(first.code, 1, "writing a baseline does not change the verdict");
  const baseline = readJson(dir, "baseline.json");
  t.same(baseline, {
    version: 1,
    fingerprints: readJson(dir, "first.json").findings.map((f: Json) => ({ fingerprint: f.fingerprint, rule: f.rule, resource: f.resource })),
  });
  t.equal((await gate(dir, "--baseline", "baseline.json")).code, 0);
  writeFileSync(join(dir, "gh.json"), JSON.stringify(githubDoc("acme", ["bad-app", { name: "site", visibility: "public" }, "bad-new"])));
  const later = await gate(dir, "--baseline", "baseline.json", "-f", "json=later.json");
  t.equal(later.code, 1);
  t.same(readJson(dir, "later.json").findings.filter((f: Json) => !f.baselined).map((f: Json) => f.resource), ["github://acme/bad-new"]);
});

t.test("-d parameters overlay the bundle's: severity_overrides, disabled_checks", async (t) => {
  const dir = tree(t, undefined, { "params.yaml": "regolith:\n  params:\n    severity_overrides:\n      T-001: low\n    disabled_checks: [T-002]\n" });
  const r = await gate(dir, "-d", "params.yaml", "-f", "json=out.json");
  t.equal(r.code, 0);
  t.same(readJson(dir, "out.json").findings.map((f: Json) => `${f.rule} ${f.severity}`), ["T-001 low"]);
  const bad = tree(t, undefined, { "params.yaml": "regolith:\n  params:\n    cf_unused_days: soon\n" });
  const r2 = await gate(bad, "-d", "params.yaml");
  t.same([r2.code, r2.stderr], [2, "regolith gate: invalid parameters:\n  params.yaml: /regolith/params/cf_unused_days: must be integer\n"]);
});

t.test("github format: annotations on stdout, the job summary appended to GITHUB_STEP_SUMMARY", async (t) => {
  const dir = tree(t, undefined, { "summary.md": "# earlier step\n" });
  const r = await run(["gate", "-b", "bundle", "-i", "gh.json", "-f", "github"], dir, undefined, { GITHUB_STEP_SUMMARY: join(dir, "summary.md") });
  t.equal(r.code, 1);
  t.match(r.stdout, /^::error/m);
  const summary = readFileSync(join(dir, "summary.md"), "utf8");
  t.ok(summary.startsWith("# earlier step\n") && summary.length > "# earlier step\n".length, "appended, not overwritten");
  t.match(summary, "T-001");
  const none = tree(t);
  await run(["gate", "-b", "bundle", "-i", "gh.json", "-f", "text"], none, undefined, { GITHUB_STEP_SUMMARY: join(none, "summary.md") });
  t.notOk(existsSync(join(none, "summary.md")), "only the github format writes the job summary");
});

t.test("github and text share standard output: annotations for the runner, the report for people", async (t) => {
  const dir = tree(t);
  const r = await run(["gate", "-b", "bundle", "-i", "gh.json", "-f", "github", "-f", "text"], dir);
  t.equal(r.code, 1);
  t.match(r.stdout, /^::error .*T-001/m);
  t.match(r.stdout, /^(?!::).*github:\/\/acme\/bad-app/m, "the text report's lines follow");
  t.equal(r.stderr, "");
});

t.test("colour only when stdout is a terminal and NO_COLOR is unset", async (t) => {
  const dir = tree(t);
  const capture = async (env: Record<string, string>) => {
    let out = "";
    const stdout = { isTTY: true, write: (s: string) => (out += s) };
    await main(["gate", "-b", "bundle", "-i", "gh.json"], { stdout, stderr: { write: () => true }, cwd: dir, env });
    return out;
  };
  t.match(await capture({}), /\x1b\[/);
  t.notMatch(await capture({ NO_COLOR: "1" }), /\x1b\[/);
});

t.test("usage errors: no -i, two formats on stdout, unknown format, one file twice, an unreadable input", async (t) => {
  const dir = tree(t);
  const cases: [string[], string][] = [
    [["gate", "-b", "bundle"], "no snapshot documents: give at least one with -i FILE"],
    [["gate", "-i", "gh.json", "-f", "json", "-f", "text"], "only one -f (besides github) may write to standard output"],
    [["gate", "-i", "gh.json", "-f", "yaml"], 'unknown format "yaml"'],
    [["gate", "-i", "gh.json", "-f", "json=a", "-f", "sarif=a"], "-f: a is named by more than one format"],
    [["gate", "-i", "missing.json"], "missing.json: cannot read snapshot document: ENOENT"],
    [["gate", "-i", "gh.json", "extra"], 'unexpected argument "extra"'],
  ];
  for (const [argv, message] of cases) {
    const r = await run(argv, dir);
    t.equal(r.code, 2, argv.join(" "));
    t.match(r.stderr, message);
  }
});

t.test("a bundle that breaks the conventions: exit 2 with the lint error", async (t) => {
  const dir = t.testdir({ bundle: { "x.rego": "package regolith.checks.x\n\nfindings contains 1 if true\n" }, "gh.json": JSON.stringify(githubDoc("acme", [])) });
  const r = await gate(dir);
  t.equal(r.code, 2);
  t.match(r.stderr, "bundle/x.rego:3:1: regolith_lint_error: check rule without METADATA");
});

t.test("-b BUNDLE.tar.gz and -i - (standard input)", async (t) => {
  const dir = t.testdir({});
  writeFileSync(join(dir, "bundle.tar.gz"), tarGz({ "data.json": shippedData, "lib/findings.rego": findingsLib, "checks/t.rego": TEST_CHECKS }));
  const r = await run(["gate", "-b", "bundle.tar.gz", "-i", "-", "-f", "json"], dir, JSON.stringify(githubDoc("acme", ["bad-1"])));
  t.equal(r.code, 1, r.stderr);
  t.match(JSON.parse(r.stdout).findings, [{ rule: "T-001", resource: "github://acme/bad-1", location: { file: "-" } }]);
});

t.test("the default bundle is the shipped one (loose: its checks are still growing)", async (t) => {
  const dir = t.testdir({
    "gh.json": JSON.stringify(example("github-snapshot.acme")),
    "cf.json": JSON.stringify(example("cloudflare-snapshot.acme")),
    "oai.json": JSON.stringify(example("openai-federation.acme")),
  });
  const r = await run(["gate", "-i", "gh.json", "-i", "cf.json", "-i", "oai.json", "-f", "json=out.json", "-f", "text"], dir);
  t.equal(r.code, 1, r.stderr);
  const out = readJson(dir, "out.json");
  t.ok(out.findings.some((f: Json) => f.rule === "CF-TOK-010"));
  t.ok(out.findings.some((f: Json) => f.rule === "COVERAGE" && f.resource === "github://acme/legacy"));
  appendFileSync(join(dir, "stdout.txt"), r.stdout);
  t.match(r.stdout, "COVERAGE");
});
