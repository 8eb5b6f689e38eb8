/**
 * The one ajv set-up the gate validates with: JSON Schema 2020-12, strict mode, the
 * schemas' formats. schemas.ts compiles with it at run time, and
 * scripts/compile-validators.mjs ahead of time, so both validate alike.
 */
import { Ajv2020, type CodeOptions } from "ajv/dist/2020.js";
import { DATE_TIME, FORMAT_FUNCTIONS } from "./schema-formats.js";

export function newAjv(allErrors: boolean, code?: CodeOptions): Ajv2020 {
  const ajv = new Ajv2020({ allErrors, strict: true, ...(code ? { code } : {}) });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", FORMAT_FUNCTIONS.uri);
  return ajv;
}
