/**
 * `check --schema PATH`: the input's JSON Schema, from a file or, as `opa check
 * --schema DIR` reads it, from `input.json` in a directory.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";

export function loadInputSchema(path: string, cwd: string): unknown {
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
  return schema;
}
