/**
 * (f) Start-up: what a small organization's CI job waits for. The CLI as users run
 * it, in a fresh process each time: `regolith --version` (the floor), and `regolith
 * gate` with the shipped bundle over the example snapshots (loading the engine and the
 * validators, parsing the bundle, evaluating), each beside a bare `node -e 0`.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "../..");
const BIN = join(ROOT, "packages/cli/bin/regolith.js");
const EXAMPLES = join(ROOT, "schemas/examples");

/** The best of `runs` wall times of a fresh node process (ms); a non-zero exit is fine (findings exit 1). */
function bestRun(args: string[], runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    try {
      execFileSync(process.execPath, args, { cwd: ROOT, stdio: "ignore" });
    } catch (e) {
      if ((e as { status?: number }).status !== 1) throw e;
    }
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

export function startup(): void {
  const nodeMs = bestRun(["-e", "0"], 5);
  const versionMs = bestRun([BIN, "--version"], 5);
  const gateArgs = ["gate", ...["github-snapshot.acme.json", "cloudflare-snapshot.acme.json", "openai-federation.acme.json"].flatMap((f) => ["-i", join(EXAMPLES, f)]), "-d", join(EXAMPLES, "regolith-params.acme.yaml")];
  const gateMs = bestRun([BIN, ...gateArgs], 5);
  console.log("(f) start-up: the CLI in a fresh process, best of 5");
  console.log(`    node -e 0            ${nodeMs.toFixed(0)} ms`);
  console.log(`    regolith --version   ${versionMs.toFixed(0)} ms   ${(versionMs / nodeMs).toFixed(1)}x node`);
  console.log(`    gate over examples   ${gateMs.toFixed(0)} ms   ${(gateMs / nodeMs).toFixed(1)}x node`);
}
