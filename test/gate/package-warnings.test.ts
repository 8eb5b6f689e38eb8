/**
 * A check package's `warnings contains message` rule: what a bundle has to say about a
 * run that is not a finding (a parameter that names nothing). The gate lists the
 * messages among its warnings, sorted; a package without the rule adds none.
 */
import t from "tap";
import { runGate } from "@regolith/gate";
import { TEST_CHECKS, example, gate, githubDoc, named, shippedBundle, smallModules } from "../_lib/gate-fixtures.js";

t.test("a package's warnings are the gate's warnings; none without the rule", async (t) => {
  const docs = [named("gh.json", githubDoc("acme", ["bad-app"]))];
  t.same(gate({ documents: docs }).warnings, []);
  const warned = `${TEST_CHECKS}
warnings contains sprintf("repository %s is named like a test", [repo.full_name]) if {
	some [_, _, repo] in repos
	startswith(repo.name, "bad")
}

warnings contains "a second note"
`;
  const r = gate({ documents: docs, modules: smallModules(warned) });
  t.same(r.warnings, ["a second note", "repository acme/bad-app is named like a test"]);
  t.same(r.findings.map((f) => f.rule), ["T-001"], "findings are unchanged");
});

t.test("the shipped bundle warns about a credential mapping that names no secret", async (t) => {
  const overlay = named("p.yaml", {
    regolith: { params: { credential_mappings: [{ scope: "repo", repository: "acme/app", secret: "CLOUDFLARE_API_TOKNE", cloudflare_token_id: "5f4e3d2c1b0a49f8e7d6c5b4a3928170" }] } },
  });
  const r = runGate({ ...shippedBundle(), documents: [named("gh.json", example("github-snapshot.acme"))], overlays: [overlay], toolVersion: "test" });
  t.same(r.warnings, [
    "params.credential_mappings[0] (scope repo, repository acme/app, secret CLOUDFLARE_API_TOKNE) names no secret in the github-snapshot documents: the X checks cannot use it",
  ]);
});
