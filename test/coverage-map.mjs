// tap coverage map: a unit suite covers its own source file
// (test/rego/parse/errors.test.ts → packages/rego/src/parse/errors.ts); suites without
// such a file, and the data-driven suites (cases, conformance, policies, cli), may
// cover anything (null).
import { existsSync } from "node:fs";

export default function map(testFile) {
  const m = /^test\/(rego|bundle|gate|snapshot-github|snapshot-cloudflare)\/(.+)\.test\.ts$/.exec(testFile);
  if (!m) return null;
  const source = `packages/${m[1]}/src/${m[2]}.ts`;
  return existsSync(source) ? [source] : null;
}
