/**
 * `regolith bundle build|verify|inspect`: reproducible, signed OPA-format archives; a
 * verifier that passes only an untouched bundle and names what failed otherwise; an
 * inspector that reads METADATA without evaluating anything.
 */
import t, { type Test } from "tap";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readBundleArchive } from "@regolith/bundle";
import { run } from "../_lib/cli-run.js";
import { flipByte, repack, writeKeyPair } from "../_lib/bundle-kit.js";

const authz = `# METADATA
# title: Authorization
package acme.authz

# METADATA
# title: Admins may do anything
# custom:
#   id: AUTHZ-001
#   severity: high
allow if input.user in data.acme.admins

helper := 1
`;
const authzTest = "package acme.authz_test\n\nimport data.acme.authz\n\ntest_admin if authz.allow with input.user as \"ann\"\n";

function sources(t: Test): string {
  return t.testdir({
    src: {
      ".manifest": JSON.stringify({ roots: ["acme"], metadata: { owner: "platform" } }),
      "authz.rego": authz,
      "authz_test.rego": authzTest,
      acme: { "data.json": '{"admins": ["ann"]}' },
      "notes.txt": "not policy",
    },
  });
}

t.test("build: an OPA layout, test files only on request, the same bytes twice", async (t) => {
  const dir = sources(t);
  const a = await run(["bundle", "build", "src", "-o", "a.tar.gz", "--revision", "r1"], dir);
  t.equal(a.code, 0, a.stderr);
  t.match(a.stderr, /^regolith bundle build: wrote a\.tar\.gz \(1 module, 1 data file; roots "acme"; revision "r1"; unsigned\), sha256 [0-9a-f]{64}\n$/);
  const bundle = readBundleArchive(new Uint8Array(readFileSync(join(dir, "a.tar.gz"))), "a.tar.gz");
  t.same(bundle.files.map((f) => f.path), [".manifest", "acme/data.json", "authz.rego"], "modules and data.json at their paths; no tests, no other files");
  t.same(bundle.manifest, { revision: "r1", roots: ["acme"], rego_version: 1, metadata: { owner: "platform" } });

  const b = await run(["bundle", "build", "src", "-o", "b.tar.gz", "--revision", "r1"], dir);
  t.equal(b.code, 0);
  t.ok(readFileSync(join(dir, "a.tar.gz")).equals(readFileSync(join(dir, "b.tar.gz"))), "byte for byte reproducible");

  const withTests = await run(["bundle", "build", "src", "-o", "t.tar.gz", "--include-tests", "--ignore", "acme"], dir);
  t.equal(withTests.code, 0, withTests.stderr);
  const files = readBundleArchive(new Uint8Array(readFileSync(join(dir, "t.tar.gz"))), "t").files.map((f) => f.path);
  t.same(files, [".manifest", "authz.rego", "authz_test.rego"], "--include-tests adds *_test.rego; --ignore leaves out a directory");
});

t.test("build --signing-key: signed and still reproducible with RS256; verify accepts it", async (t) => {
  const dir = sources(t);
  const keys = writeKeyPair(dir, "signer");
  const args = ["bundle", "build", "src", "-o", "s1.tar.gz", "--signing-key", "signer.pem", "--key-id", "ci-2025"];
  const s1 = await run(args, dir);
  t.equal(s1.code, 0, s1.stderr);
  t.match(s1.stderr, 'signed RS256 by key id "ci-2025"');
  const s2 = await run([...args.slice(0, 4), "s2.tar.gz", ...args.slice(5)], dir);
  t.equal(s2.code, 0);
  t.ok(readFileSync(join(dir, "s1.tar.gz")).equals(readFileSync(join(dir, "s2.tar.gz"))), "no time in the archive or the claims");
  t.notMatch(s1.stderr + s1.stdout, readFileSync(keys.privateKey, "utf8").split("\n")[1]!, "the key never appears in output");

  const ok = await run(["bundle", "verify", "s1.tar.gz", "--verification-key", "signer.pub.pem"], dir);
  t.same([ok.code, ok.stderr], [0, ""]);
  t.equal(ok.stdout, 's1.tar.gz: verified with signer.pub.pem (RS256, key id "ci-2025"): all 3 files listed, every digest matches, nothing missing or extra\n');
  t.equal((await run(["bundle", "verify", "s1.tar.gz", "--verification-key", "signer.pub.pem", "--key-id", "ci-2025"], dir)).code, 0, "--key-id names the key file's key");
});

t.test("verify: exit 2 naming the file or the reason for every way a bundle can be wrong", async (t) => {
  const dir = sources(t);
  writeKeyPair(dir, "signer");
  writeKeyPair(dir, "other");
  writeKeyPair(dir, "ec", "ec");
  t.equal((await run(["bundle", "build", "src", "-o", "s.tar.gz", "--signing-key", "signer.pem"], dir)).code, 0);
  t.equal((await run(["bundle", "build", "src", "-o", "u.tar.gz"], dir)).code, 0);
  const s = join(dir, "s.tar.gz");
  repack(s, join(dir, "altered.tar.gz"), (f) => f.set("authz.rego", flipByte(f.get("authz.rego")!)));
  repack(s, join(dir, "extra.tar.gz"), (f) => f.set("evil.rego", new TextEncoder().encode("package acme.evil\n")));
  repack(s, join(dir, "missing.tar.gz"), (f) => f.delete("acme/data.json"));
  repack(s, join(dir, "data.tar.gz"), (f) => f.set("acme/data.json", new TextEncoder().encode('{"admins": ["ann", "mallory"]}')));
  writeFileSync(join(dir, "corrupt.tar.gz"), flipByte(readFileSync(s)));

  const cases: [string, string[], RegExp][] = [
    ["a file altered by one byte", ["altered.tar.gz"], /altered\.tar\.gz: verification failed:\n {2}authz\.rego: modified/],
    ["a file added", ["extra.tar.gz"], /evil\.rego: extra file/],
    ["a file removed", ["missing.tar.gz"], /acme\/data\.json: missing/],
    ["data changed", ["data.tar.gz"], /acme\/data\.json: modified/],
    ["a corrupt archive", ["corrupt.tar.gz"], /corrupt\.tar\.gz: (corrupt archive|verification failed)/],
    ["an unsigned bundle", ["u.tar.gz"], /u\.tar\.gz: not signed/],
    ["another key", ["s.tar.gz", "--verification-key", "other.pub.pem"], /does not verify with key/],
    ["a key of another type", ["s.tar.gz", "--verification-key", "ec.pub.pem"], /signed with RS256, but key "default" from \S*ec\.pub\.pem is for ES256/],
    ["a missing key file", ["s.tar.gz", "--verification-key", "nope.pem"], /nope\.pem: cannot read key file \(no such file\)/],
    ["no key at all", ["s.tar.gz"], /--verification-key FILE is required/],
  ];
  for (const [what, args, message] of cases) {
    const r = await run(["bundle", "verify", ...args, ...(args.includes("--verification-key") || what === "no key at all" ? [] : ["--verification-key", "signer.pub.pem"])], dir);
    t.equal(r.code, 2, what);
    t.match(r.stderr, /^regolith bundle verify: /, `${what}: the subcommand is named`);
    t.match(r.stderr, message, what);
    t.equal(r.stdout, "", `${what}: nothing on stdout`);
  }
});

t.test("inspect: manifest, signature, packages and rules with METADATA, as text and JSON", async (t) => {
  const dir = sources(t);
  writeKeyPair(dir, "signer");
  writeKeyPair(dir, "other");
  t.equal((await run(["bundle", "build", "src", "-o", "s.tar.gz", "--revision", "r7", "--signing-key", "signer.pem", "--key-id", "k1", "--scope", "prod"], dir)).code, 0);

  const json = await run(["bundle", "inspect", "-f", "json", "s.tar.gz", "--verification-key", "signer.pub.pem"], dir);
  t.equal(json.code, 0, json.stderr);
  const doc = JSON.parse(json.stdout);
  t.match(doc, {
    bundle: "s.tar.gz",
    revision: "r7",
    roots: ["acme"],
    rego_version: 1,
    manifest: { metadata: { owner: "platform" } },
    signature: { algorithm: "RS256", key_id: "k1", scope: "prod", files: 3, status: "verified", verified_with: { file: "signer.pub.pem", key_id: "default" } },
    data: [{ file: "acme/data.json", path: "data.acme" }],
    packages: [{ package: "data.acme.authz", files: ["authz.rego"], title: "Authorization" }],
    problems: [],
  });
  t.same(doc.rules, [{ package: "data.acme.authz", rule: "allow", file: "authz.rego", row: 10, scope: "rule", id: "AUTHZ-001", severity: "high", title: "Admins may do anything" }], "only rules with METADATA; helper is not listed");

  const wrong = JSON.parse((await run(["bundle", "inspect", "-f", "json", "s.tar.gz", "--verification-key", "other.pub.pem"], dir)).stdout);
  t.equal(wrong.signature.status, "invalid", "a wrong key: the signature is reported invalid");
  t.match(wrong.problems, [/does not verify/]);

  const text = await run(["bundle", "inspect", "s.tar.gz"], dir);
  t.equal(text.code, 0);
  t.match(text.stdout, /^bundle +s\.tar\.gz\nrevision +r7\nroots +acme\n/);
  t.match(text.stdout, /signature +RS256, key id "k1", 3 files listed, scope "prod": not verified \(give --verification-key FILE to check it\)/);
  t.match(text.stdout, /metadata\.owner +platform/);
  t.match(text.stdout, /packages \(1\)\n {2}data\.acme\.authz {2}authz\.rego {2}\(Authorization\)/);
  t.match(text.stdout, /AUTHZ-001 +high +Admins may do anything\n +data\.acme\.authz\.allow at authz\.rego:10/);
  t.notMatch(text.stdout, "problems");
  const verifiedText = await run(["bundle", "inspect", "s.tar.gz", "--verification-key", "signer.pub.pem"], dir);
  t.match(verifiedText.stdout, /signature +RS256, key id "k1", 3 files listed, scope "prod": VERIFIED with signer\.pub\.pem\n/);
  const invalidText = await run(["bundle", "inspect", "s.tar.gz", "--verification-key", "other.pub.pem"], dir);
  t.match(invalidText.stdout, /: INVALID \(see problems\)\n[^]*problems \(1\)\n {2}s\.tar\.gz: the signature does not verify/);
});

t.test("inspect lists problems instead of failing: roots and parse errors", async (t) => {
  const dir = t.testdir({
    b: { ".manifest": '{"roots": ["acme"]}', "ok.rego": "package acme.ok\n\nx := 1\n", "stray.rego": "package other\n\ny := 2\n", "broken.rego": "package acme.b\n\np {\n", other: { "data.json": '{"k": 1}' } },
  });
  const r = await run(["bundle", "inspect", "-f", "json", "b"], dir);
  t.equal(r.code, 0);
  const problems: string[] = JSON.parse(r.stdout).problems;
  t.ok(problems.some((p) => p.includes("stray.rego: package other is outside the manifest roots")), "a package outside the roots");
  t.ok(problems.some((p) => p.includes("other/data.json: data at /other is outside the manifest roots")), "data outside the roots");
  t.ok(problems.some((p) => p.includes("broken.rego") && p.includes("rego_parse_error")), "a module that does not parse");
  t.equal(JSON.parse(r.stdout).signature, null, "unsigned");
});

t.test("usage errors exit 2 and say what to do; --help for each subcommand", async (t) => {
  const dir = sources(t);
  const misuse: [string[], RegExp][] = [
    [["bundle", "build", "src"], /-o OUT\.tar\.gz is required/],
    [["bundle", "build", "-o", "x.tar.gz"], /no PATH to build from/],
    [["bundle", "build", "src", "-o", "x.tar.gz", "--signing-alg", "ES256", "--key-id", "k"], /--signing-alg, --key-id only apply when signing: add --signing-key FILE/],
    [["bundle", "build", "src", "-o", "x.tar.gz", "--signing-key", "src/authz.rego"], /src\/authz\.rego: RS256 needs a private key/],
    [["bundle", "build", "src", "-o", "x.tar.gz", "--signing-key", "k.pem", "--signing-alg", "none"], /unsupported signing algorithm "none"/],
    [["bundle", "build", "missing", "-o", "x.tar.gz"], /missing: no such file or directory/],
    [["bundle", "verify"], /no BUNDLE to verify/],
    [["bundle", "inspect", "-f", "yaml", "x"], /unknown format "yaml"/],
    [["bundle", "inspect", "nothing-here"], /nothing-here: no such file or directory/],
    [["bundle", "sign"], /unknown subcommand "sign" \(want build, verify, inspect/],
  ];
  for (const [argv, message] of misuse) {
    const r = await run(argv, dir);
    t.equal(r.code, 2, argv.join(" "));
    t.match(r.stderr, message, argv.join(" "));
  }
  t.equal((await run(["bundle"], dir)).code, 2, "no subcommand: usage, exit 2");
  const help = await run(["bundle", "--help"], dir);
  t.same([help.code, help.stdout.startsWith("Usage: regolith bundle SUBCOMMAND")], [0, true]);
  for (const sub of ["build", "verify", "inspect"]) {
    const h = await run(["bundle", sub, "--help"], dir);
    t.equal(h.code, 0);
    t.match(h.stdout, new RegExp(`^Usage: regolith bundle ${sub} `), `${sub} --help`);
    t.match(h.stdout, /Exit codes: 0 /);
  }
  t.match((await run(["--help"], dir)).stdout, /bundle\s+build, sign, verify and inspect OPA-format policy bundles/);
});
