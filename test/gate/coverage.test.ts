/** COVERAGE findings: a gate that could not see never passes silently. */
import t from "tap";
import { example, gate, githubDoc, named, pairs, shippedData } from "../_lib/gate-fixtures.js";

const coverage = (f: { rule: string }) => f.rule === "COVERAGE";

t.test("forbidden, not_found and error reads become COVERAGE findings; ok and not_applicable do not", async (t) => {
  const gh = githubDoc("acme", ["app"]);
  gh.coverage = [
    { resource: "org:acme/actions/secrets/DEPLOY_KEY/repositories", status: "error", message: "only 100 of 130 repositories were read" },
    { resource: "repo:acme/app/actions/permissions/fork-pr-contributor-approval", status: "not_applicable", message: "private repository" },
    { resource: "repo:acme/app/actions/secrets", status: "forbidden", http_status: 403, accepted_permissions: "secrets=read", message: "Resource not accessible by personal access token" },
    { resource: "repo:acme/app/environments/production/secrets", status: "not_found", http_status: 404, message: "Not Found" },
    { resource: "repo:acme/app/rulesets", status: "ok" },
  ];
  const r = gate({ documents: [named("gh.json", gh)] });
  t.same(pairs(r, coverage), ["COVERAGE github://acme/app", "COVERAGE github://acme/app/environments/production", "COVERAGE github://acme/secrets/DEPLOY_KEY"]);
  const forbidden = r.findings.find((f) => f.resource === "github://acme/app")!;
  t.match(forbidden, {
    status: "fail",
    severity: "high",
    title: "Snapshot could not read something",
    message: "The github-snapshot could not read repo:acme/app/actions/secrets: forbidden (HTTP 403; needs secrets=read): Resource not accessible by personal access token",
    identity: { document: "github-snapshot", coverage: "repo:acme/app/actions/secrets" },
    location: { file: "gh.json", kind: "github-snapshot", pointer: "/coverage/2" },
  });
  t.same(forbidden.evidence, ["coverage: repo:acme/app/actions/secrets", "status: forbidden", "http_status: 403", "accepted_permissions: secrets=read"]);
  t.match(forbidden.remediation, /secrets=read/);
  t.equal(r.findings.find((f) => f.resource === "github://acme/secrets/DEPLOY_KEY")!.message, "The github-snapshot could not read org:acme/actions/secrets/DEPLOY_KEY/repositories: error: only 100 of 130 repositories were read");
  t.equal(r.summary.blocking, 3, "COVERAGE findings are status fail and block at the default threshold");
});

t.test("the acme examples: forbidden reads and the partial user-token inventory", async (t) => {
  const cf = example("cloudflare-snapshot.acme");
  const r = gate({ documents: [named("gh.json", example("github-snapshot.acme")), named("cf.json", cf)] });
  const found = r.findings.filter(coverage).map((f) => `${f.severity} ${f.resource} ${f.location!.pointer}`);
  t.same(found.sort(), [
    "high cloudflare://accounts/aa11bb22cc33dd44ee55ff6677889900 /coverage/1",
    "high github://acme/legacy /coverage/1",
    "high github://acme/legacy /coverage/3",
    "low cloudflare://user /coverage/2",
  ]);
  const partial = r.findings.find((f) => f.resource === "cloudflare://user")!;
  t.equal(partial.title, "Token inventory shows only the caller's own tokens");
  t.match(partial.message, /lists only the caller's own tokens at user\/tokens/);
  t.match(r.findings.find((f) => f.resource.startsWith("cloudflare://accounts/aa11"))!.evidence, ["coverage: accounts/aa11bb22cc33dd44ee55ff6677889900/tokens", "status: forbidden", "http_status: 403", "cloudflare error 9109: Unauthorized to access requested resource"]);
});

t.test("an account token list with own_tokens_only is a low COVERAGE finding; coverage_severity sets the rest", async (t) => {
  const data = shippedData();
  data.regolith.params.coverage_severity = "medium";
  const r = gate({ documents: [named("cf.json", example("cloudflare-snapshot.minimal")), named("gh.json", example("github-snapshot.minimal"))], data });
  t.same(
    r.findings.filter(coverage).map((f) => `${f.severity} ${f.resource} ${f.identity["coverage"] as string}`),
    [
      "medium cloudflare://accounts/0c1d2e3f405162738495a6b7c8d9eaf0 accounts/0c1d2e3f405162738495a6b7c8d9eaf0/tokens/permission_groups",
      "medium github://quiet-labs org:quiet-labs/actions/oidc/customization/sub",
      "low cloudflare://accounts/0c1d2e3f405162738495a6b7c8d9eaf0 accounts/0c1d2e3f405162738495a6b7c8d9eaf0/tokens",
    ],
  );
  t.equal(r.summary.blocking, 0, "nothing at or above high");
});
