/**
 * Inputs for the gate suites: snapshot documents grown from the schema examples, a
 * small bundle (the shipped lib/findings.rego plus a test check package whose findings
 * are known exactly), the shipped bundle read from policies/, and a runGate wrapper
 * with the small bundle as default.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { GateInputError, runGate, type GateOptions, type GateResult, type NamedValue } from "@regolith/gate";

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- documents are plain JSON edited in place

const ROOT = join(import.meta.dirname, "../..");
export const SHIPPED = join(ROOT, "policies/credential-hygiene");

/** `schemas/examples/NAME.json`, parsed afresh. */
export function example(name: string): Json {
  return JSON.parse(readFileSync(join(ROOT, "schemas/examples", `${name}.json`), "utf8"));
}

/**
 * A github-snapshot of org `org` with one repository per name, copied from the acme
 * example's repositories (private unless given; ids from 1000).
 */
export function githubDoc(org: string, repos: readonly (string | { name: string; visibility?: string })[], generatedAt = "2026-11-25T17:00:00Z"): Json {
  const doc = example("github-snapshot.minimal");
  // The acme example's private `app` and public `site` repositories: the schema ties some facts to visibility.
  const [app, , site] = example("github-snapshot.acme").repositories;
  doc.generated_at = generatedAt;
  doc.scope.org = org;
  doc.org.login = org;
  doc.coverage = [];
  doc.repositories = repos.map((r, i) => {
    const spec = typeof r === "string" ? { name: r } : r;
    const repo = structuredClone(spec.visibility === "public" ? site : app);
    repo.name = spec.name;
    repo.full_name = `${org}/${spec.name}`;
    repo.id = 1000 + i;
    repo.visibility = spec.visibility ?? "private";
    repo.environments = [];
    repo.workflows = [];
    return repo;
  });
  return doc;
}

/** The test checks: T-001 (high) on repositories named bad*, T-002 (medium) on public ones, T-003 (low, unknown) on repositories named odd*. */
export const TEST_CHECKS = `package regolith.checks.t

import data.regolith.lib

repos contains [d, i, repo] if {
	some d, doc in input.github
	some i, repo in doc.repositories
}

fields(d, i, repo) := {
	"resource": sprintf("github://%s", [repo.full_name]),
	"message": sprintf("repository %s", [repo.full_name]),
	"evidence": [sprintf("name: %s", [repo.name])],
	"identity": {"repo_id": repo.id},
	"source": lib.source("github", d, sprintf("/repositories/%d", [i])),
}

# METADATA
# title: Repository named bad
# description: A test check.
# related_resources:
#   - ref: https://example.com/t-001
# custom:
#   id: T-001
#   severity: high
#   remediation: Rename the repository.
#   identity: [repo_id]
findings contains lib.finding(rego.metadata.rule(), fields(d, i, repo)) if {
	some [d, i, repo] in repos
	startswith(repo.name, "bad")
}

# METADATA
# title: Public repository
# custom:
#   id: T-002
#   severity: medium
#   remediation: Make it private.
#   identity: [repo_id]
findings contains lib.finding(rego.metadata.rule(), fields(d, i, repo)) if {
	some [d, i, repo] in repos
	repo.visibility == "public"
}

# METADATA
# title: Odd repository
# custom:
#   id: T-003
#   severity: low
#   remediation: Look at it.
#   identity: [repo_id]
findings contains lib.unknown(rego.metadata.rule(), fields(d, i, repo)) if {
	some [d, i, repo] in repos
	startswith(repo.name, "odd")
}
`;

/** The small bundle: the shipped finding helpers and the test checks. */
export function smallModules(checks = TEST_CHECKS): GateOptions["modules"] {
  return [
    { file: "lib/findings.rego", source: readFileSync(join(SHIPPED, "lib/findings.rego"), "utf8") },
    { file: "checks/t.rego", source: checks },
  ];
}

/** The shipped bundle's modules (tests included: the gate skips them) and data. */
export function shippedBundle(): Pick<GateOptions, "modules" | "data"> {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
  const modules = walk(SHIPPED)
    .filter((f) => f.endsWith(".rego"))
    .map((f) => ({ file: relative(SHIPPED, f), source: readFileSync(f, "utf8") }));
  return { modules, data: JSON.parse(readFileSync(join(SHIPPED, "data.json"), "utf8")) };
}

export function shippedData(): Json {
  return JSON.parse(readFileSync(join(SHIPPED, "data.json"), "utf8"));
}

export function named(name: string, value: unknown): NamedValue {
  return { name, value };
}

/** runGate over the small bundle and the shipped data.json, unless options say otherwise. */
export function gate(options: Partial<GateOptions> & Pick<GateOptions, "documents">): GateResult {
  return runGate({ modules: smallModules(), data: shippedData(), toolVersion: "test", ...options });
}

/** `rule resource` pairs of a result, for exact comparisons. */
export function pairs(result: GateResult, filter: (f: GateResult["findings"][number]) => boolean = () => true): string[] {
  return result.findings.filter(filter).map((f) => `${f.rule} ${f.resource}`);
}

/** The problems of the GateInputError `fn` throws (fails the caller's test when it throws nothing). */
export function inputProblems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof GateInputError) return e.problems;
    throw e;
  }
  throw new Error("expected a GateInputError, but the gate ran");
}
