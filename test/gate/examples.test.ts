/**
 * The example organization (schemas/examples/*.acme.*) under the shipped bundle: every
 * check fires where the examples violate it and nowhere else. The expected findings are
 * written out by hand, each with the fact of the examples that makes it fire, so a check
 * that starts firing somewhere new, or stops firing, fails here; and the README's
 * quick-start command is run as users run it.
 */
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { GATE_RULE_INFOS, runGate, type GateResult } from "@regolith/gate";
import { run } from "../_lib/cli-run.js";
import { example, named, shippedBundle } from "../_lib/gate-fixtures.js";

const ROOT = join(import.meta.dirname, "../..");
const PARAMS = "schemas/examples/regolith-params.acme.yaml";

/** The README's quick start, word for word (paths relative to the repository root). */
const QUICK_START = [
  "gate",
  "-i", "schemas/examples/github-snapshot.acme.json",
  "-i", "schemas/examples/cloudflare-snapshot.acme.json",
  "-i", "schemas/examples/openai-federation.acme.json",
  "-d", PARAMS,
];

const documents = () => [
  named("github-snapshot.acme.json", example("github-snapshot.acme")),
  named("cloudflare-snapshot.acme.json", example("cloudflare-snapshot.acme")),
  named("openai-federation.acme.json", example("openai-federation.acme")),
];
const params = () => named(PARAMS, parse(readFileSync(join(ROOT, PARAMS), "utf8")) as unknown);
const gate = (withParams = true): GateResult =>
  runGate({ ...shippedBundle(), documents: documents(), ...(withParams ? { overlays: [params()] } : {}), toolVersion: "test" });

const triples = (r: GateResult): string[] => r.findings.map((f) => `${f.rule} ${f.resource} ${f.status}`).sort();

// Resources, named as the examples name them.
const APP = "github://acme/app";
const LEGACY = "github://acme/legacy";
const SITE = "github://acme/site";
const ACCOUNT = "cloudflare://accounts/9f1a2b3c4d5e6f708192a3b4c5d6e7f8/tokens";
const WRANGLER = "cloudflare://user/tokens/0b5e1f2a3c4d4e5f8a9b0c1d2e3f4a5b"; // user token, Workers Scripts + Account API Tokens Write on all accounts
const OLD_CLI = "cloudflare://user/tokens/3a9c0e5f7b2d4816a0c3e5f7b9d1f2a4"; // disabled
const GHA_DNS = `${ACCOUNT}/5f4e3d2c1b0a49f8e7d6c5b4a3928170`; // DNS Write on one zone, IP-filtered, owned and documented in the params
const TERRAFORM = `${ACCOUNT}/6c7d8e9fa0b14c2d8e3f4a5b6c7d8e9f`; // DNS Write on all zones of the account, no IP filter
const PURGE = `${ACCOUNT}/8e9fa0b1c2d34e5f9a0b1c2d3e4f5a6b`; // Cache Purge on all zones, expires in 10 days
const R2 = `${ACCOUNT}/c1d2e3f4a5b64c7d8e9f0a1b2c3d4e5f`; // R2 write, never used, no expiry
const RULES = "openai://providers/wip_01JH0000000000000000000000/rules";

/**
 * Every finding of the quick start, by family. Comments give the fact that makes each
 * fire; where a check does not fire on a resource that looks similar, the comment says
 * why (the "nowhere else" half).
 */
const EXPECTED = [
  // Coverage gaps: legacy's repository and org secrets are 403, the Acme Labs account's
  // tokens are 403, and the user token list shows the caller's own only (low).
  `COVERAGE ${LEGACY} fail`,
  `COVERAGE ${LEGACY} fail`,
  "COVERAGE cloudflare://accounts/aa11bb22cc33dd44ee55ff6677889900 fail",
  "COVERAGE cloudflare://user fail",

  // GH-SEC. legacy's secret list is null: every check that needs it is unknown there
  // (GH-SEC-003 judges org secrets only).
  ...["GH-SEC-001", "GH-SEC-002", "GH-SEC-004", "GH-SEC-005", "GH-SEC-006", "GH-SEC-007", "GH-SEC-008"].map((id) => `${id} ${LEGACY} unknown`),
  // OPENAI_API_KEY (org, selected to app) is a leftover: rule wifr_…0001 already federates app.
  "GH-SEC-001 github://acme/secrets/OPENAI_API_KEY fail",
  // Static AWS keys kept in the public site's secrets.
  `GH-SEC-002 ${SITE}/secrets/AWS_ACCESS_KEY_ID fail`,
  `GH-SEC-002 ${SITE}/secrets/AWS_SECRET_ACCESS_KEY fail`,
  // SENTRY_AUTH_TOKEN is visible to all repositories (OPENAI_API_KEY is selected: no finding).
  "GH-SEC-003 github://acme/secrets/SENTRY_AUTH_TOKEN fail",
  // Read by production deploy jobs but stored at org / repository scope.
  "GH-SEC-004 github://acme/secrets/OPENAI_API_KEY fail",
  `GH-SEC-004 ${SITE}/secrets/CLOUDFLARE_API_TOKEN fail`,
  // Older than 90 days (credentials): OPENAI_API_KEY 146, SENTRY_AUTH_TOKEN 102, the site's
  // AWS secret key and Global API Key 260. AWS_ACCESS_KEY_ID and CLOUDFLARE_EMAIL are not
  // credential names (365-day limit); CLOUDFLARE_API_TOKEN was set 56 days ago.
  "GH-SEC-005 github://acme/secrets/OPENAI_API_KEY fail",
  "GH-SEC-005 github://acme/secrets/SENTRY_AUTH_TOKEN fail",
  `GH-SEC-005 ${SITE}/secrets/AWS_SECRET_ACCESS_KEY fail`,
  `GH-SEC-005 ${SITE}/secrets/CLOUDFLARE_API_KEY fail`,
  // OPENAI_API_KEY holds a key of svc_acct_0000000000 (params), which production federates;
  // the site's token is read by both the production deploy and the PR preview.
  "GH-SEC-006 github://acme/secrets/OPENAI_API_KEY fail",
  `GH-SEC-006 ${SITE}/secrets/CLOUDFLARE_API_TOKEN fail`,
  // The Global API Key next to CLOUDFLARE_EMAIL.
  `GH-SEC-007 ${SITE}/secrets/CLOUDFLARE_API_KEY fail`,
  // An OpenAI project id kept as an environment secret.
  `GH-SEC-008 ${APP}/environments/production/secrets/OPENAI_PROJECT_ID fail`,

  // GH-ACT. legacy's write token and PR approval differ from the org's; the org sends
  // secrets to fork PRs of private repositories (app opts out, legacy inherits: only the
  // org is reported); first-time-contributor approval; selected actions (allowlist not
  // collected: unknown), no SHA pinning, legacy allows all actions; Actions enabled for
  // all repositories; runner groups not collected.
  `GH-ACT-001 ${LEGACY} fail`,
  `GH-ACT-002 ${LEGACY} fail`,
  "GH-ACT-003 github://acme fail",
  "GH-ACT-004 github://acme fail",
  "GH-ACT-005 github://acme fail",
  "GH-ACT-005 github://acme unknown",
  `GH-ACT-005 ${LEGACY} fail`,
  "GH-ACT-006 github://acme fail",
  "GH-ACT-007 github://acme unknown",

  // GH-WF.
  // old.yml does not parse; preview.yml runs on pull_request_target with the Cloudflare token.
  `GH-WF-001 ${LEGACY}/.github/workflows/old.yml unknown`,
  `GH-WF-001 ${SITE}/.github/workflows/preview.yml#jobs/preview fail`,
  `GH-WF-002 ${LEGACY}/.github/workflows/nightly.yml#jobs/release fail`, // secrets: inherit
  `GH-WF-003 ${LEGACY}/.github/workflows/nightly.yml#jobs/report fail`, // toJSON(secrets)
  // No permissions anywhere (ci.yml, both site workflows), or write-all (nightly.yml).
  // deploy.yml and evals.yml of app set job permissions; publish.yml sets contents: read.
  `GH-WF-004 ${APP}/.github/workflows/ci.yml fail`,
  `GH-WF-004 ${LEGACY}/.github/workflows/nightly.yml fail`,
  `GH-WF-004 ${SITE}/.github/workflows/deploy.yml fail`,
  `GH-WF-004 ${SITE}/.github/workflows/preview.yml fail`,
  // Credentials (an OIDC token, NPM_TOKEN, the whole secrets context, the Cloudflare
  // token) without an environment. The reusable call `release` is judged by its callee.
  `GH-WF-005 ${APP}/.github/workflows/evals.yml#jobs/evals fail`,
  `GH-WF-005 ${LEGACY}/.github/workflows/nightly.yml#jobs/report fail`,
  `GH-WF-005 ${LEGACY}/.github/workflows/publish.yml#jobs/publish fail`,
  `GH-WF-005 ${SITE}/.github/workflows/preview.yml#jobs/preview fail`,
  // The PR preview holds the token on a self-hosted runner (legacy's self-hosted report is scheduled).
  `GH-WF-006 ${SITE}/.github/workflows/preview.yml#jobs/preview fail`,
  // create-github-app-token with owner and no repositories.
  `GH-WF-007 ${LEGACY}/.github/workflows/nightly.yml#jobs/report fail`,
  // npm publish with NODE_AUTH_TOKEN from secrets.NPM_TOKEN.
  `GH-WF-008 ${LEGACY}/.github/workflows/publish.yml#jobs/publish fail`,
  // set -x in the step whose env holds toJSON(secrets) (the OIDC steps mask their token).
  `GH-WF-009 ${LEGACY}/.github/workflows/nightly.yml#jobs/report fail`,

  // GH-ENV. site's production environment was created by `environment: production` in
  // deploy.yml: no reviewers, any branch. app's production-eu lets reviewers approve
  // their own deployments; app's production prevents it, but admin bypass is not
  // collected. staging holds a secret with no protection at all.
  `GH-ENV-001 ${SITE}/environments/production fail`,
  `GH-ENV-002 ${APP}/environments/production unknown`,
  `GH-ENV-002 ${APP}/environments/production-eu fail`,
  `GH-ENV-003 ${SITE}/environments/production fail`,
  `GH-ENV-004 ${APP}/environments/staging fail`,

  // GH-OIDC. legacy's template keeps only the owner and the context. Rule wifr_…0002
  // names app only by name, and trusts the unprotected staging environment (two facets).
  // wifr_…0003 gives the production service account to push runs of main. Enterprise
  // issuer: not collected.
  `GH-OIDC-001 ${LEGACY} fail`,
  `GH-OIDC-002 ${RULES}/wifr_01JH0000000000000000000002 fail`,
  `GH-OIDC-002 ${RULES}/wifr_01JH0000000000000000000002 fail`,
  `GH-OIDC-003 ${RULES}/wifr_01JH0000000000000000000003 fail`,
  "GH-OIDC-004 github://acme unknown",

  // GH-BP. The org ruleset does not reach legacy (rulesets: []); the org admin bypass is
  // `always`; wifr_…0002 trusts app's unprotected staging branch (main is protected).
  `GH-BP-001 ${LEGACY} fail`,
  "GH-BP-002 github://acme fail",
  `GH-BP-003 ${APP} fail`,

  // CF-TOK-001: no IP filter (gha-dns-deploy and regolith-audit filter inside the
  // allowed egress ranges of the params).
  `CF-TOK-001 ${WRANGLER} fail`,
  `CF-TOK-001 ${TERRAFORM} fail`,
  `CF-TOK-001 ${PURGE} fail`,
  `CF-TOK-001 ${R2} fail`,
  // No expiry.
  `CF-TOK-002 ${WRANGLER} fail`,
  `CF-TOK-002 ${R2} fail`,
  // Lifetime over 90 days (automation) or 365 (others).
  `CF-TOK-003 ${GHA_DNS} fail`,
  `CF-TOK-003 ${TERRAFORM} fail`,
  `CF-TOK-003 ${PURGE} fail`,
  // Not rolled (modified) for more than 90 days.
  `CF-TOK-004 ${WRANGLER} fail`,
  `CF-TOK-004 ${TERRAFORM} fail`,
  `CF-TOK-004 ${PURGE} fail`,
  `CF-TOK-004 ${R2} fail`,
  `CF-TOK-005 ${R2} fail`, // never used in the three months since it was issued
  `CF-TOK-006 ${WRANGLER} fail`, // Account API Tokens Write
  // All accounts, all zones, all zones of the account.
  `CF-TOK-007 ${WRANGLER} fail`,
  `CF-TOK-007 ${TERRAFORM} fail`,
  `CF-TOK-007 ${PURGE} fail`,
  `CF-TOK-008 ${WRANGLER} fail`, // an automation token owned by a user
  `CF-TOK-009 ${WRANGLER} fail`, // can create tokens, with neither IP filter nor expiry
  `CF-TOK-010 ${OLD_CLI} fail`,

  // GOV: the params name owners and runbooks for gha-dns-deploy and terraform-*, not for
  // wrangler-all-accounts; terraform-dns was last rolled 255 days ago. The OpenAI
  // document names its owner.
  `GOV-001 ${WRANGLER} fail`,
  `GOV-002 ${WRANGLER} fail`,
  `GOV-002 ${TERRAFORM} fail`,

  // X: the site's CLOUDFLARE_API_TOKEN (repo scope, read on pull_request_target) holds
  // the write token, which app's production environment holds too, and which jobs on
  // GitHub-hosted runners use without an IP filter. app's copy is behind reviewers.
  `X-001 ${SITE}/secrets/CLOUDFLARE_API_TOKEN fail`,
  `X-002 ${WRANGLER} fail`,
  `X-003 ${WRANGLER} fail`,
];

/** Checks that cannot pass or fail yet: the facts they need are not collected by any adapter (CHECKS.md). */
const UNKNOWN_ONLY = ["GH-ACT-007", "GH-OIDC-004"];

t.test("the example organization gives exactly the expected findings", async (t) => {
  const r = gate();
  t.same(triples(r), [...EXPECTED].sort());
  // 4 critical (CF-TOK-009, GH-ACT-003, GH-WF-001, X-001) and 39 high findings that fail.
  t.same(r.summary.by_severity, { critical: 4, high: 39, medium: 28, low: 5, info: 2 });
  t.match(r.summary, { total: EXPECTED.length, unknown: 12, waived: 0, blocking: 43, passed: false });
});

t.test("every check of the shipped bundle fails somewhere in the examples", async (t) => {
  const r = gate();
  const gateRules = new Set(GATE_RULE_INFOS.map((x) => x.id));
  const checks = r.rules.map((x) => x.id).filter((id) => !gateRules.has(id));
  t.ok(checks.length >= 50, `${checks.length} checks in the catalog`);
  const statuses = (id: string) => new Set(r.findings.filter((f) => f.rule === id).map((f) => f.status));
  for (const id of checks) {
    if (UNKNOWN_ONLY.includes(id)) t.same([...statuses(id)], ["unknown"], `${id} reports unknown`);
    else t.ok(statuses(id).has("fail"), `${id} fails at least once`);
  }
  t.same(UNKNOWN_ONLY.filter((id) => !checks.includes(id)), [], "the unknown-only checks are in the catalog");
});

t.test("the parameters link the documents: without them the cross-system findings disappear", async (t) => {
  const without = triples(gate(false));
  const withParams = triples(gate());
  const minus = (a: string[], b: string[]) => {
    const rest = [...b];
    return a.filter((x) => {
      const i = rest.indexOf(x);
      if (i < 0) return true;
      rest.splice(i, 1);
      return false;
    });
  };
  // Mappings make X-001..003 and the OpenAI service-account sharing visible.
  t.same(minus(withParams, without), [
    "GH-SEC-006 github://acme/secrets/OPENAI_API_KEY fail",
    `X-001 ${SITE}/secrets/CLOUDFLARE_API_TOKEN fail`,
    `X-002 ${WRANGLER} fail`,
    `X-003 ${WRANGLER} fail`,
  ]);
  // Declared owners and runbooks settle the governance of gha-dns-deploy and terraform-dns.
  t.same(minus(without, withParams), [`GOV-001 ${GHA_DNS} fail`, `GOV-001 ${TERRAFORM} fail`, `GOV-002 ${GHA_DNS} fail`]);
});

t.test("the README's quick start: the shipped bundle by default, exit 1, the verdict in the report", async (t) => {
  const r = await run(QUICK_START, ROOT);
  t.equal(r.code, 1, r.stderr);
  t.equal(r.stderr, "");
  t.match(r.stdout, /^regolith gate: 3 documents, clock 2026-11-25T17:00:00Z\n/);
  t.match(r.stdout, /\nFAILED \(--fail-on high\): 43 blocking findings\. 90 findings: failing 4 critical, 39 high, 28 medium, 5 low, 2 info; 12 unknown\.\n$/);
  for (const id of ["CF-TOK-009", "GH-ACT-003", "GH-WF-001", "X-001"]) t.match(r.stdout, `  ${id}  `, `${id} is in the report`);
});
