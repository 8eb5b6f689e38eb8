/** `--capabilities FILE`: a capabilities.json read and checked, for eval and check. */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { readCapabilities, type Capabilities } from "@regolith/rego";
import { CliError } from "../exit-codes.js";

export function loadCapabilities(path: string, cwd: string): Capabilities {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolve(cwd, path), "utf8"));
  } catch (e) {
    throw new CliError(`${path}: cannot read capabilities: ${(e as Error).message}`);
  }
  try {
    return readCapabilities(doc);
  } catch (e) {
    throw new CliError(`${path}: ${(e as Error).message}`);
  }
}
