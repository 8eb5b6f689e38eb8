// Copies the schemas the gate validates against from the repository's schemas/ (the
// single source of truth) into dist/schemas/, read at run time via import.meta.url:
// the three snapshot document kinds, and the gate's own inputs (parameters, waivers,
// baselines, saved results). A test (test/repo/schema-copies.test.ts) asserts the copies equal the
// sources.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const root = join(pkg, "../..");
export const SCHEMAS = [
  "github-snapshot.schema.json",
  "cloudflare-snapshot.schema.json",
  "openai-federation.schema.json",
  "regolith-params.schema.json",
  "regolith-waivers.schema.json",
  "regolith-baseline.schema.json",
  "regolith-gate-result.schema.json",
];

mkdirSync(join(pkg, "dist/schemas"), { recursive: true });
for (const name of SCHEMAS) copyFileSync(join(root, "schemas", name), join(pkg, "dist/schemas", name));
