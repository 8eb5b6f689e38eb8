/**
 * `check --schema PATH`: the schemas a check runs against, as `opa check --schema`
 * reads them. A directory's JSON files are the schemas METADATA annotations name
 * (`schema.user` for `user.json`, `schema.a.b` for `a/b.json`), and its `input.json`
 * is the schema of input for every rule. A file is the schema of input, with the JSON
 * files beside it for its `$ref`s to name by `$id`
 * (schemas/regolith-policy-input.schema.json refers to the snapshot schemas so).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import type { SchemaSet } from "@regolith/rego";
import { CliError } from "../exit-codes.js";
import { parseDataFile } from "./documents.js";
import { readSource } from "./loader.js";

export function loadSchemas(path: string, cwd: string): SchemaSet {
  const full = resolve(cwd, path);
  if (!existsSync(full)) throw new CliError(`--schema ${path}: no such file or directory`);
  if (statSync(full).isDirectory()) {
    const named = new Map<string, unknown>();
    for (const file of jsonFiles(full)) {
      const name = relative(full, file).replace(/\.json$/, "").split(/[\\/]/).join(".");
      named.set(`schema.${name}`, readSchema(file, join(path, relative(full, file))));
    }
    return { ...(named.has("schema.input") ? { input: named.get("schema.input") } : {}), named };
  }
  const input = readSchema(full, path);
  const others = jsonFiles(dirname(full), false).filter((f) => f !== full);
  const named = new Map<string, unknown>();
  for (const file of others) {
    try {
      named.set(`schema.${basename(file, ".json")}`, readSchema(file, file));
    } catch {
      // A JSON file beside the schema that is not a schema is not the user's concern here.
    }
  }
  return { input, named };
}

function readSchema(file: string, shown: string): unknown {
  const schema: unknown = parseDataFile(readSource(file, shown), shown);
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) throw new CliError(`${shown}: a JSON Schema is an object or a boolean`);
  return schema;
}

function jsonFiles(dir: string, recursive = true): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => {
      if (e.name.startsWith(".")) return [];
      const path = join(dir, e.name);
      if (e.isDirectory()) return recursive ? jsonFiles(path) : [];
      return e.name.endsWith(".json") ? [path] : [];
    });
}
