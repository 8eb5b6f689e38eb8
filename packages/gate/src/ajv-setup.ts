/**
 * The one ajv set-up the gate validates with: JSON Schema 2020-12, strict mode, the
 * schemas' formats. schemas.ts compiles with it at run time, and
 * scripts/compile-validators.mjs ahead of time, so both validate alike.
 *
 * ajv itself is loaded on first use: a run whose documents are valid needs only the
 * validators the build compiled, and loading ajv's compiler costs about 50 ms.
 */
import { createRequire } from "node:module";
import type { Ajv2020, CodeOptions } from "ajv/dist/2020.js";
import { DATE_TIME, FORMAT_FUNCTIONS } from "./schema-formats.js";

const require = createRequire(import.meta.url);

export function newAjv(allErrors: boolean, code?: CodeOptions): Ajv2020 {
  const { Ajv2020: Ajv } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  // No logger: strict mode throws what it finds, and a compile the host forbids
  // (schemas.ts, thoroughValidator) should not print the generated code to stderr.
  const ajv = new Ajv({ allErrors, strict: true, logger: false, ...(code ? { code } : {}) });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", FORMAT_FUNCTIONS.uri);
  return ajv;
}
