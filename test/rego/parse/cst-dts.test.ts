/** The committed CST types match the grammar (refresh: node packages/rego/scripts/generate-cst-dts.mjs). */
import t from "tap";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { cstDtsSource } from "../../../packages/rego/dist/parse/cst-dts.js";

t.test("src/parse/cst.d.ts is up to date", async (t) => {
  const committed = readFileSync(join(import.meta.dirname, "../../../packages/rego/src/parse/cst.d.ts"), "utf8");
  t.equal(committed, cstDtsSource(), "regenerate with: node packages/rego/scripts/generate-cst-dts.mjs");
});
