/**
 * Validation of a document against `schemas/cloudflare-snapshot.schema.json` (copied
 * into dist/schemas by the build) with ajv's JSON Schema 2020-12 validator. A
 * document that does not validate is a bug in the adapter: it fails loudly, naming
 * each offending JSON pointer.
 */
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";

/** RFC 3339 date-time, as the schema's `format: date-time` means it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

let validator: ValidateFunction | undefined;

function compile(): ValidateFunction {
  const schema = JSON.parse(readFileSync(new URL("./schemas/cloudflare-snapshot.schema.json", import.meta.url), "utf8")) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  ajv.addFormat("date-time", DATE_TIME);
  ajv.addFormat("uri", (s: string) => URL.canParse(s));
  return ajv.compile(schema);
}

export class InvalidSnapshotError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`the cloudflare-snapshot document does not match its schema:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "InvalidSnapshotError";
    this.problems = problems;
  }
}

/** Problems as `pointer: message` lines; empty when the document is valid. */
export function snapshotProblems(doc: unknown): string[] {
  validator ??= compile();
  if (validator(doc)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || "/"}: ${e.message ?? "invalid"}${e.params && "additionalProperty" in e.params ? ` (${String(e.params["additionalProperty"])})` : ""}`);
}

export function assertValidSnapshot(doc: unknown): void {
  const problems = snapshotProblems(doc);
  if (problems.length > 0) throw new InvalidSnapshotError(problems);
}
