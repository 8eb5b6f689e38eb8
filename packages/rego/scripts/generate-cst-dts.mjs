// Regenerates src/parse/cst.d.ts from the built grammar (run after `tsc -b`).
// test/rego/parse/cst-dts.test.ts fails when the committed file is stale.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cstDtsSource } from "../dist/parse/cst-dts.js";

const target = fileURLToPath(new URL("../src/parse/cst.d.ts", import.meta.url));
writeFileSync(target, cstDtsSource());
console.log(`wrote ${target}`);
