/**
 * Reads a key file and says what it holds: a PEM block, a JWK or JWK Set (JSON), or
 * otherwise raw bytes (an HMAC secret, used exactly as stored, as OPA does, trailing
 * newline included). Key material never appears in messages.
 */
import { readFile, stat } from "node:fs/promises";
import { BundleError } from "./errors.js";

const MAX_KEY_FILE = 1024 * 1024;

export type KeyFile =
  | { readonly kind: "pem"; readonly text: string }
  | { readonly kind: "json"; readonly value: unknown }
  | { readonly kind: "raw"; readonly bytes: Buffer };

export async function readKeyFile(file: string): Promise<KeyFile> {
  let bytes: Buffer;
  try {
    if ((await stat(file)).size > MAX_KEY_FILE) throw new BundleError(`${file}: too large for a key file`);
    bytes = await readFile(file);
  } catch (e) {
    if (e instanceof BundleError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new BundleError(`${file}: cannot read key file (${code === "ENOENT" ? "no such file" : (code ?? (e as Error).message)})`);
  }
  if (bytes.length === 0) throw new BundleError(`${file}: the key file is empty`);
  const text = bytes.toString("utf8");
  if (text.includes("-----BEGIN ")) return { kind: "pem", text };
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      return { kind: "json", value: JSON.parse(trimmed) as unknown };
    } catch {
      throw new BundleError(`${file}: looks like JSON but does not parse; expected a JWK or a JWK Set`);
    }
  }
  return { kind: "raw", bytes };
}

export const isEncryptedPem = (text: string): boolean => text.includes("ENCRYPTED PRIVATE KEY") || text.includes("Proc-Type: 4,ENCRYPTED");

export const isJsonObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
