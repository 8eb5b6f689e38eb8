/** A bundle's JSON files (`.manifest`, `.signatures.json`, `data.json`) read from their bytes. */
import { BundleError } from "./errors.js";

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Strict UTF-8 JSON; a bad file is a BundleError that names it (`at`). */
export function parseJsonBytes(bytes: Uint8Array, at: string): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (e) {
    throw new BundleError(`${at}: not valid JSON (${(e as Error).message})`);
  }
}
