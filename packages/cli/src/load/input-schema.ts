/**
 * `check --schema PATH`: the input's JSON Schema, from a file or, as `opa check
 * --schema DIR` reads it, from `input.json` in a directory; with the other JSON
 * schemas beside it, which its `$ref`s may name by `$id`
 * (schemas/regolith-policy-input.schema.json refers to the snapshot schemas so).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";

export interface InputSchema {
  readonly schema: unknown;
  /** The other schemas in its directory (files that are not JSON objects are left out). */
  readonly others: readonly unknown[];
}

export function loadInputSchema(path: string, cwd: string): InputSchema {
  const full = resolve(cwd, path);
  if (!existsSync(full)) throw new CliError(`--schema ${path}: no such file or directory`);
  let file = full;
  let shown = path;
  if (statSync(full).isDirectory()) {
    file = join(full, "input.json");
    shown = join(path, "input.json");
    if (!existsSync(file)) throw new CliError(`--schema ${path}: the directory holds no input.json (the schema of input)`);
  }
  const schema: unknown = parseDataFile(readFileSync(file, "utf8"), shown);
  if (typeof schema !== "object" && typeof schema !== "boolean") throw new CliError(`${shown}: a JSON Schema is an object or a boolean`);
  return { schema, others: siblingSchemas(file) };
}

function siblingSchemas(file: string): unknown[] {
  const dir = dirname(file);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json") && name !== basename(file))
    .flatMap((name) => {
      try {
        const doc: unknown = JSON.parse(readFileSync(join(dir, name), "utf8"));
        return typeof doc === "object" && doc !== null && !Array.isArray(doc) ? [doc] : [];
      } catch {
        return [];
      }
    });
}
