/**
 * Packages validate against copies of schemas/ in their dist/schemas (STYLE.md §1.3):
 * the copies must be the sources, byte for byte, so nobody edits one by hand.
 */
import t from "tap";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

t.test("every schema copy in a package's dist equals its source", async (t) => {
  let copies = 0;
  for (const pkg of readdirSync(join(root, "packages"))) {
    const dir = join(root, "packages", pkg, "dist/schemas");
    if (!existsSync(dir)) continue;
    // Beside the copies, the gate keeps validators compiled from them (test/gate/precompiled-validators.test.ts).
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".schema.json"))) {
      copies++;
      t.equal(readFileSync(join(dir, name), "utf8"), readFileSync(join(root, "schemas", name), "utf8"), `${pkg}: ${name}`);
    }
  }
  t.ok(copies >= 1, "the build copied the schemas (npm run build)");
});

t.test("the gate has a copy of every schema it validates against", async (t) => {
  // The snapshot kinds it accepts with -i, and its own inputs (parameters, waivers, baselines).
  const wanted = ["github-snapshot", "cloudflare-snapshot", "openai-federation", "regolith-params", "regolith-waivers", "regolith-baseline"].map((k) => `${k}.schema.json`);
  const dir = join(root, "packages/gate/dist/schemas");
  for (const name of wanted) {
    t.ok(existsSync(join(dir, name)), `packages/gate/dist/schemas/${name} (npm run build)`);
    t.ok(existsSync(join(root, "schemas", name)), `schemas/${name}`);
  }
  t.match(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts.build, "node packages/gate/scripts/copy-schemas.mjs", "the root build copies the gate's schemas");
});
