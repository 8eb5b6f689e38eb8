// Compiles the fast (first-error) validator of every schema in dist/schemas/ into a
// module beside it (NAME.validate.js), with ajv's standalone code generation: ajv
// compiling the snapshot schemas took about 0.25 s of every gate run. Runs after tsc
// and copy-schemas.mjs; schemas.ts compiles at run time any schema without one.
// test/gate/precompiled-validators.test.ts checks the modules are current.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import standaloneCode from "ajv/dist/standalone/index.js";
import { _ } from "ajv/dist/2020.js";
import { newAjv } from "../dist/ajv-setup.js";

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../dist/schemas");

/** The module text of the validator for `file` (a NAME.schema.json in SCHEMA_DIR). */
export function validatorSource(file) {
  const ajv = newAjv(false, { source: true, esm: true, formats: _`FORMAT_FUNCTIONS` });
  const validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), "utf8")));
  // ajv's ESM output still reaches its runtime helpers with require().
  const header = [
    `// Generated from ${file} by packages/gate/scripts/compile-validators.mjs. Do not edit.`,
    `import { createRequire } from "node:module";`,
    `import { FORMAT_FUNCTIONS } from "../schema-formats.js";`,
    `const require = createRequire(import.meta.url);`,
    "",
  ].join("\n");
  return header + standaloneCode(ajv, validate);
}

export const validatorFile = (file) => file.replace(/\.schema\.json$/, ".validate.js");

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".schema.json"))) {
    writeFileSync(join(SCHEMA_DIR, validatorFile(file)), validatorSource(file));
  }
}
