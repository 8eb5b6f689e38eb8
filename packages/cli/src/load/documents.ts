/** Data documents from JSON or YAML text, with integers beyond 2^53 kept exact. */
import { parse as parseYAML } from "yaml";
import { RNumber, parseJSON, type Value } from "@regolith/rego";
import { CliError } from "../exit-codes.js";

function fromYAML(v: unknown): Value {
  if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : new RNumber(v.toString());
  if (Array.isArray(v)) return v.map(fromYAML);
  if (v !== null && typeof v === "object") {
    const out: Record<string, Value> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromYAML(x);
    return out;
  }
  return (v === undefined ? null : v) as Value;
}

export function parseYAMLDocument(text: string, name: string): Value {
  try {
    return fromYAML(parseYAML(text, { intAsBigInt: true }));
  } catch (e) {
    throw new CliError(`${name}: invalid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}

export function parseJSONDocument(text: string, name: string): Value {
  try {
    return parseJSON(text);
  } catch (e) {
    throw new CliError(`${name}: invalid JSON: ${(e as Error).message}`);
  }
}

/** A data file by its extension: `.json`, `.yaml` or `.yml`. */
export function parseDataFile(text: string, name: string): Value {
  return /\.ya?ml$/i.test(name) ? parseYAMLDocument(text, name) : parseJSONDocument(text, name);
}

/** Input of unknown format (standard input): JSON, else YAML. */
export function parseAnyDocument(text: string, name: string): Value {
  try {
    return parseJSON(text);
  } catch {
    return parseYAMLDocument(text, name);
  }
}
