// tap coverage map: a unit suite covers its own source file; the data-driven suites
// (cases, conformance, policies, cli) may cover anything.
export default function map(testFile) {
  const m = /^test\/(rego|bundle|gate|cli|snapshot-github|snapshot-cloudflare)\/(.+)\.test\.ts$/.exec(testFile);
  if (!m || m[1] === "cli") return [];
  return [`packages/${m[1]}/src/${m[2]}.ts`];
}
