/**
 * Verification on the evaluation path (CHECKS.md §4.11): `gate`, `eval` and `test`
 * with --verification-key refuse any bundle that is unsigned or does not verify
 * (exit 2, naming the file), and --require-signature fails closed. The acceptance
 * case: the shipped bundle, built into a signed archive by `regolith bundle build`,
 * gives the gate exactly the findings the source directory gives; a copy with one
 * byte changed is refused.
 */
import t, { type Test } from "tap";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../_lib/cli-run.js";
import { flipByte, repack, writeKeyPair } from "../_lib/bundle-kit.js";

const root = join(import.meta.dirname, "../..");
const SHIPPED = join(root, "policies/credential-hygiene");
const EXAMPLES = ["github-snapshot.acme.json", "cloudflare-snapshot.acme.json", "openai-federation.acme.json"].flatMap((f) => ["-i", join(root, "schemas/examples", f)]);

interface Finding {
  readonly rule: string;
  readonly resource: string;
  readonly fingerprint: string;
}
const keyOf = (f: Finding): string => `${f.rule} ${f.resource} ${f.fingerprint}`;

t.test("acceptance: the shipped bundle, signed by bundle build, runs the gate; a one-byte-tampered copy is refused", async (t) => {
  const dir = t.testdir({});
  writeKeyPair(dir, "ci");
  const built = await run(["bundle", "build", SHIPPED, "-o", "credential-hygiene.tar.gz", "--signing-key", "ci.pem", "--key-id", "ci"], dir);
  t.equal(built.code, 0, built.stderr);

  const signed = await run(["gate", "-b", "credential-hygiene.tar.gz", "--verification-key", "ci.pub.pem", "--require-signature", ...EXAMPLES, "-f", "json"], dir);
  const plain = await run(["gate", ...EXAMPLES, "-f", "json"], dir);
  t.equal(plain.code, 1, "the acme examples have blocking findings");
  t.equal(signed.code, plain.code, signed.stderr);
  const findings = (r: { stdout: string }): string[] => (JSON.parse(r.stdout).findings as Finding[]).map(keyOf).sort();
  t.ok(findings(signed).length > 10);
  t.same(findings(signed), findings(plain), "the signed archive gives exactly the findings of the source directory");

  // One byte of the compressed archive: gzip or tar integrity, or the signature, refuses it.
  writeFileSync(join(dir, "flipped.tar.gz"), flipByte(readFileSync(join(dir, "credential-hygiene.tar.gz"))));
  const flipped = await run(["gate", "-b", "flipped.tar.gz", "--verification-key", "ci.pub.pem", ...EXAMPLES], dir);
  t.equal(flipped.code, 2);
  t.match(flipped.stderr, /^regolith gate: flipped\.tar\.gz: /);
  t.equal(flipped.stdout, "", "no report from a refused bundle");

  // One byte of one policy, re-packed by someone who cannot re-sign: the file is named.
  repack(join(dir, "credential-hygiene.tar.gz"), join(dir, "tampered.tar.gz"), (files) => {
    files.set("checks/cloudflare_tokens.rego", flipByte(files.get("checks/cloudflare_tokens.rego")!));
  });
  const tampered = await run(["gate", "-b", "tampered.tar.gz", "--verification-key", "ci.pub.pem", ...EXAMPLES], dir);
  t.equal(tampered.code, 2);
  t.match(tampered.stderr, "tampered.tar.gz: verification failed:\n  checks/cloudflare_tokens.rego: modified: its SHA-256 digest does not match the signature");
  t.equal(tampered.stdout, "");
});

t.test("gate: --require-signature without a key, the unsigned shipped directory, and -d modules are refused", async (t) => {
  const dir = t.testdir({ "extra.rego": "package regolith.checks.extra\n", "params.yaml": "regolith:\n  params:\n    disabled_checks: []\n" });
  writeKeyPair(dir, "ci");
  const noKey = await run(["gate", "--require-signature", ...EXAMPLES], dir);
  t.equal(noKey.code, 2);
  t.match(noKey.stderr, "--require-signature needs --verification-key FILE: without a key no signature can be checked");
  const unsigned = await run(["gate", "--verification-key", "ci.pub.pem", ...EXAMPLES], dir);
  t.equal(unsigned.code, 2);
  t.match(unsigned.stderr, /credential-hygiene: not signed \(no \.signatures\.json\), and --verification-key accepts only signed bundles; sign it with 'regolith bundle build/);

  t.equal((await run(["bundle", "build", SHIPPED, "-o", "b.tar.gz", "--signing-key", "ci.pem"], dir)).code, 0);
  const extra = await run(["gate", "-b", "b.tar.gz", "--verification-key", "ci.pub.pem", "--require-signature", "-d", "extra.rego", ...EXAMPLES], dir);
  t.equal(extra.code, 2);
  t.match(extra.stderr, "--require-signature: extra.rego is given with -d, so no signature covers it");
  const params = await run(["gate", "-b", "b.tar.gz", "--verification-key", "ci.pub.pem", "--require-signature", "-d", "params.yaml", ...EXAMPLES, "-f", "json"], dir);
  t.equal(params.code, 1, "data (parameters) from -d stays allowed");
});

const policy = "package acme.authz\n\nallow if input.user in data.acme.admins\n";
const policyTest = 'package acme.authz_test\n\nimport data.acme.authz\n\ntest_admin if authz.allow with input.user as "ann"\n';

function policyTree(t: Test): string {
  return t.testdir({
    src: { ".manifest": '{"roots": ["acme"]}', "authz.rego": policy, "authz_test.rego": policyTest, acme: { "data.json": '{"admins": ["ann"]}' } },
    "input.json": '{"user": "ann"}',
    "x.rego": "package acme.more\n\nz := 1\n",
  });
}

t.test("eval: --verification-key and --require-signature", async (t) => {
  const dir = policyTree(t);
  writeKeyPair(dir, "k");
  writeKeyPair(dir, "other");
  t.equal((await run(["bundle", "build", "src", "-o", "s.tar.gz", "--signing-key", "k.pem"], dir)).code, 0);
  t.equal((await run(["bundle", "build", "src", "-o", "u.tar.gz"], dir)).code, 0);
  repack(join(dir, "s.tar.gz"), join(dir, "t.tar.gz"), (f) => f.set("acme/data.json", new TextEncoder().encode('{"admins": ["ann", "eve"]}')));
  const q = ["-i", "input.json", "-f", "raw", "data.acme.authz.allow"];

  const ok = await run(["eval", "-b", "s.tar.gz", "--verification-key", "k.pub.pem", "--require-signature", ...q], dir);
  t.same([ok.code, ok.stdout, ok.stderr], [0, "true\n", ""]);
  const unsigned = await run(["eval", "-b", "u.tar.gz", "--verification-key", "k.pub.pem", ...q], dir);
  t.same([unsigned.code, unsigned.stdout], [2, ""]);
  t.match(unsigned.stderr, /^regolith eval: u\.tar\.gz: not signed/);
  const tampered = await run(["eval", "-b", "t.tar.gz", "--verification-key", "k.pub.pem", ...q], dir);
  t.equal(tampered.code, 2);
  t.match(tampered.stderr, "acme/data.json: modified");
  const wrongKey = await run(["eval", "-b", "s.tar.gz", "--verification-key", "other.pub.pem", ...q], dir);
  t.equal(wrongKey.code, 2);
  t.match(wrongKey.stderr, "s.tar.gz: the signature does not verify");
  const noKey = await run(["eval", "-b", "s.tar.gz", "--require-signature", ...q], dir);
  t.equal(noKey.code, 2);
  t.match(noKey.stderr, "--require-signature needs --verification-key FILE");
  const keyIdAlone = await run(["eval", "-b", "s.tar.gz", "--key-id", "ci", ...q], dir);
  t.equal(keyIdAlone.code, 2);
  t.match(keyIdAlone.stderr, "--key-id selects a key of --verification-key FILE");
  const dModule = await run(["eval", "-b", "s.tar.gz", "-d", "x.rego", "--verification-key", "k.pub.pem", "--require-signature", ...q], dir);
  t.equal(dModule.code, 2);
  t.match(dModule.stderr, "x.rego is given with -d, so no signature covers it");
  const dModuleNoRequire = await run(["eval", "-b", "s.tar.gz", "-d", "x.rego", "--verification-key", "k.pub.pem", ...q], dir);
  t.equal(dModuleNoRequire.code, 0, "without --require-signature, -d modules load beside verified bundles");
  const unverified = await run(["eval", "-b", "t.tar.gz", ...q], dir);
  t.same([unverified.code, unverified.stdout], [0, "true\n"], "without a key, bundles load unverified (as opa eval does)");
});

t.test("test: bundles among the PATHs are verified; --require-signature refuses modules outside bundles", async (t) => {
  const dir = policyTree(t);
  writeKeyPair(dir, "k");
  t.equal((await run(["bundle", "build", "src", "-o", "s.tar.gz", "--include-tests", "--signing-key", "k.pem"], dir)).code, 0);
  repack(join(dir, "s.tar.gz"), join(dir, "t.tar.gz"), (f) => f.set("authz_test.rego", new TextEncoder().encode(policyTest.replace('"ann"', '"eve"'))));

  const ok = await run(["test", "s.tar.gz", "--verification-key", "k.pub.pem", "--require-signature"], dir);
  t.same([ok.code, ok.stdout], [0, "PASS: 1/1\n"]);
  const tampered = await run(["test", "t.tar.gz", "--verification-key", "k.pub.pem"], dir);
  t.equal(tampered.code, 2);
  t.match(tampered.stderr, "t.tar.gz: verification failed:\n  authz_test.rego: modified");
  const sourceDir = await run(["test", "src", "--verification-key", "k.pub.pem"], dir);
  t.equal(sourceDir.code, 2, "a bundle directory among the PATHs is a bundle: unsigned, refused");
  t.match(sourceDir.stderr, "src: not signed");
  const plain = await run(["test", "s.tar.gz", "x.rego", "--verification-key", "k.pub.pem", "--require-signature"], dir);
  t.equal(plain.code, 2);
  t.match(plain.stderr, "--require-signature: x.rego is not in a bundle");
  const noKey = await run(["test", "s.tar.gz", "--require-signature"], dir);
  t.equal(noKey.code, 2);
  t.match(noKey.stderr, "--require-signature needs --verification-key");
});

t.test("help: eval, test and gate document the verification flags", async (t) => {
  const dir = t.testdir({});
  for (const command of ["eval", "test", "gate"]) {
    const r = await run([command, "--help"], dir);
    t.equal(r.code, 0);
    for (const flag of ["--verification-key FILE", "--key-id KID", "--require-signature", "--bundle-token-env NAME", "--bundle-cache DIR"]) t.match(r.stdout, flag, `${command} --help lists ${flag}`);
    t.match(r.stdout, "Signed bundles: with --verification-key, every bundle (-b) must carry a");
  }
});
