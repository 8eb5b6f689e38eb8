/**
 * `npm run bench`: performance figures as ratios, not timed tests.
 *
 * (a) scan: a two-rule policy over 100,000 generated objects (~50 MB of JSON),
 *     against JSON.parse of the same text and a plain-JS loop doing the same work.
 * (b) decision: a small authorization policy evaluated 100,000 times in-process.
 * (c) builtins: RFC 3339 parsing and CIDR checks over 100,000 objects, against a
 *     plain-JS loop doing the same.
 * (d) the GitHub adapter's requests per repository over a generated organization.
 * (e) the gate: the shipped bundle over 5,000 repositories and 5,000 Cloudflare
 *     tokens, against JSON.parse of the same documents.
 * (f) start-up: `regolith --version` and `regolith gate` over the example snapshots in
 *     fresh processes, against a bare node start.
 */
import { Engine, type Value } from "@regolith/rego";
import { generateTokens, scanPolicy, scanInJS, authzPolicy, authzInputs } from "./workloads.js";
import { builtinPolicy, credentialUseInJS, generateCredentialUse } from "./builtin-workload.js";
import { snapshotBudget } from "./snapshot-github.js";
import type { GateResult } from "@regolith/gate";
import { bundleQuery, gateOver, gateWorkload, parseAll, policyInput } from "./gate-case.js";
import { startup } from "./startup.js";

function time<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

function best<T>(runs: number, f: () => T): [T, number] {
  let result!: T;
  let ms = Infinity;
  for (let i = 0; i < runs; i++) {
    const [v, t] = time(f);
    result = v;
    ms = Math.min(ms, t);
  }
  return [result, ms];
}

function scan(): void {
  const text = generateTokens(100_000);
  const [input, parseMs] = best(3, () => JSON.parse(text) as Value);
  const [jsIds, jsMs] = best(3, () => scanInJS(input));
  const engine = new Engine().addModule("scan.rego", scanPolicy);
  const query = engine.prepare("data.bench.deny");
  const [results, regoMs] = best(3, () => query.eval({ input }));
  const regoIds = results[0]?.expressions[0]?.value as unknown[];
  if (regoIds.length !== jsIds.length) throw new Error(`scan disagrees: rego ${regoIds.length}, js ${jsIds.length}`);
  const budget = parseMs + jsMs;
  console.log("(a) scan over 100,000 objects");
  console.log(`    input size           ${(text.length / 1e6).toFixed(1)} MB, ${regoIds.length} findings`);
  console.log(`    JSON.parse           ${parseMs.toFixed(1)} ms`);
  console.log(`    plain-JS loop        ${jsMs.toFixed(1)} ms`);
  console.log(`    regolith eval        ${regoMs.toFixed(1)} ms`);
  console.log(`    eval / (parse+loop)  ${(regoMs / budget).toFixed(2)}x   (target: at most 3x)`);
}

function decisions(): void {
  const engine = new Engine().addModule("authz.rego", authzPolicy);
  const query = engine.prepare("data.authz.allow");
  const inputs = authzInputs(1000);
  let allowed = 0;
  for (let i = 0; i < 10_000; i++) query.eval({ input: inputs[i % inputs.length]! });
  const n = 100_000;
  const [, ms] = time(() => {
    for (let i = 0; i < n; i++) if (query.eval({ input: inputs[i % inputs.length]! })[0]?.expressions[0]?.value === true) allowed++;
  });
  console.log("(b) authorization decision, 100,000 evaluations in-process");
  console.log(`    allowed              ${allowed}`);
  console.log(`    per decision         ${((ms * 1000) / n).toFixed(2)} µs   (target: at most 20 µs)`);
}

function builtins(): void {
  const input = generateCredentialUse(100_000);
  const [js, jsMs] = best(3, () => credentialUseInJS(input));
  const engine = new Engine().addModule("builtins.rego", builtinPolicy);
  const query = engine.prepare("[count(data.bench.builtins.expired), count(data.bench.builtins.outside)]");
  const [results, regoMs] = best(3, () => query.eval({ input }));
  const [expired, outside] = results[0]?.expressions[0]?.value as [number, number];
  if (expired !== js.expired || outside !== js.outside) {
    throw new Error(`builtins disagree: rego ${expired}/${outside}, js ${js.expired}/${js.outside}`);
  }
  console.log("(c) builtins: time.parse_rfc3339_ns and net.cidr_contains over 100,000 objects");
  console.log(`    expired / outside    ${expired} / ${outside}`);
  console.log(`    plain-JS loop        ${jsMs.toFixed(1)} ms`);
  console.log(`    regolith eval        ${regoMs.toFixed(1)} ms`);
  console.log(`    eval / loop          ${(regoMs / jsMs).toFixed(2)}x`);
}

/** What the report needs of a gate result (the 100,000 findings themselves can go). */
function summaryOf(r: GateResult): { findings: number; blocking: number } {
  return { findings: r.findings.length, blocking: r.summary.blocking };
}

function gate(): void {
  const workload = gateWorkload(5_000, 5_000);
  const [docs, parseMs] = best(3, () => parseAll(workload));
  // The evaluation is timed first, with only the parsed documents alive (as in the
  // gate); the gate runs after it keep their results only as counts.
  const evaluate = bundleQuery();
  const input = policyInput(docs);
  const [findings, evalMs] = best(2, () => evaluate(input));
  const [cold, coldMs] = time(() => summaryOf(gateOver(workload)));
  const [, warmMs] = best(2, () => summaryOf(gateOver(workload)));
  console.log("(e) the gate: shipped bundle over a generated organization");
  console.log(`    organization         ${workload.repositories} repositories, ${workload.jobs} jobs, ${workload.tokens} tokens, ${(workload.bytes / 1e6).toFixed(1)} MB`);
  console.log(`    findings             ${cold.findings} (${findings} from the checks), ${cold.blocking} blocking`);
  console.log(`    JSON.parse           ${parseMs.toFixed(1)} ms`);
  console.log(`    bundle evaluation    ${evalMs.toFixed(1)} ms   ${(evalMs / parseMs).toFixed(2)}x JSON.parse   (target: at most 3x)`);
  console.log(`    whole gate, first    ${coldMs.toFixed(1)} ms   ${(coldMs / parseMs).toFixed(2)}x JSON.parse`);
  console.log(`    whole gate, again    ${warmMs.toFixed(1)} ms   ${(warmMs / parseMs).toFixed(2)}x JSON.parse`);
}

scan();
decisions();
builtins();
await snapshotBudget();
gate();
startup();
