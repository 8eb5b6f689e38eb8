/**
 * The shipped bundle over inputs that name one resource twice, all valid against their
 * schemas: snapshots of several Cloudflare accounts by one caller (each lists the
 * caller's own user tokens), two snapshots of one account, an OpenAI provider split
 * between declaration files, and a list that repeats an entry. The gate runs (no
 * conflict stops the evaluation), reports each resource once, and reads a token from
 * the newest snapshot that lists it.
 */
import t from "tap";
import { example, named, shippedBundle } from "../_lib/gate-fixtures.js";
import { runGate, type GateResult, type NamedValue } from "@regolith/gate";

const bundle = shippedBundle();
const run = (...documents: NamedValue[]): GateResult => runGate({ ...bundle, documents, toolVersion: "test" });
const ofRule = (r: GateResult, rule: string) => r.findings.filter((f) => f.rule === rule);
const resources = (r: GateResult) => r.findings.map((f) => `${f.rule} ${f.resource}`);

t.test("one caller's snapshots of two accounts both list its user tokens: each token is reported once", async (t) => {
  const one = example("cloudflare-snapshot.acme");
  const alone = run(named("cf.json", one));
  const other = structuredClone(one);
  other.tokens = other.tokens.filter((tok: { owner: { kind: string } }) => tok.owner.kind === "user");
  t.ok(other.tokens.length > 0, "the example has user tokens");
  const both = run(named("cf.json", one), named("cf-other.json", other));
  t.same(resources(both), resources(alone), "the same findings as the first snapshot alone");
});

t.test("two snapshots of one account: each token is read from the newer", async (t) => {
  const older = example("cloudflare-snapshot.acme");
  const newer = structuredClone(older);
  newer.generated_at = "2026-11-26T09:00:00Z";
  // The newer snapshot sees the first token rolled a day before it was taken.
  newer.tokens[0].modified_on = "2026-11-25T09:00:00Z";
  newer.tokens[0].last_used_on = "2026-11-25T09:00:00Z";
  const uri = run(named("old.json", older)).findings.find((f) => f.location?.pointer === "/tokens/0")!.resource;
  for (const order of [
    [named("old.json", older), named("new.json", newer)],
    [named("new.json", newer), named("old.json", older)],
  ]) {
    const r = run(...order);
    const onToken = r.findings.filter((f) => f.resource === uri && f.rule.startsWith("CF-TOK"));
    t.ok(onToken.length > 0);
    t.ok(onToken.every((f) => f.location?.file === "new.json"), `read from new.json (${order.map((d) => d.name).join(", ")})`);
    t.same(ofRule(r, "CF-TOK-004").filter((f) => f.resource === uri), [], "rolled a day ago: not stale");
    t.equal(new Set(r.findings.map((f) => f.fingerprint + f.rule)).size, r.findings.length, "no finding twice");
  }
});

t.test("an OpenAI provider split between two declaration files, or given twice", async (t) => {
  const doc = example("openai-federation.acme");
  const provider = doc.providers[0];
  t.ok(provider.federation_rules.length > 1, "the example provider has several rules");
  const first = { ...doc, providers: [{ ...provider, federation_rules: provider.federation_rules.slice(0, 1) }] };
  const rest = { ...doc, providers: [{ ...provider, federation_rules: provider.federation_rules.slice(1) }] };
  const whole = run(named("gh.json", example("github-snapshot.acme")), named("oai.json", doc));
  const split = run(named("gh.json", example("github-snapshot.acme")), named("oai-1.json", first), named("oai-2.json", rest));
  t.same(resources(split), resources(whole), "the same findings as one file");
  const twice = run(named("gh.json", example("github-snapshot.acme")), named("oai.json", doc), named("oai-copy.json", doc));
  t.same(resources(twice), resources(whole));
});

t.test("a snapshot whose lists repeat an entry: the gate runs and reads the first", async (t) => {
  const gh = example("github-snapshot.acme");
  gh.repositories.push(structuredClone(gh.repositories[0]));
  gh.repositories[0].environments.push(structuredClone(gh.repositories[0].environments[0]));
  gh.org.secrets.push(structuredClone(gh.org.secrets[0]));
  const cf = example("cloudflare-snapshot.acme");
  cf.tokens.push(structuredClone(cf.tokens[0]));
  const r = run(named("gh.json", gh), named("cf.json", cf));
  // Checks over the entity maps (repositories, environments, secrets, tokens) report each resource once.
  const mapped = r.findings.filter((f) => /^(GH-ACT|GH-ENV|GH-SEC|CF-TOK)-/.test(f.rule));
  t.ok(mapped.length > 0);
  const keys = mapped.map((f) => `${f.rule} ${f.resource} ${f.message}`);
  t.same(keys.filter((k, i) => keys.indexOf(k) !== i), [], "no finding twice");
  for (const f of mapped.filter((f) => f.rule.startsWith("CF-TOK"))) t.notMatch(f.location?.pointer ?? "", new RegExp(`^/tokens/${cf.tokens.length - 1}$`), "never the repeated copy");
  t.notOk(mapped.some((f) => f.location?.pointer.startsWith(`/repositories/${gh.repositories.length - 1}/`)), "nor the repeated repository");
});
