/**
 * Verification, failing closed (OPA's DefaultVerifier plus the negative cases of
 * GHSA-g2pf-6v5v-qcc8): the bundle must carry exactly one token; the token must
 * verify with the key the keyring selects, under an algorithm that key allows; the
 * signed list must name every file of the bundle exactly once, with a matching
 * digest, and nothing more. Every file problem is reported, one line each.
 */
import { compactVerify, decodeProtectedHeader, errors } from "jose";
import { SIGNATURES } from "./constants.js";
import { fileDigest } from "./digest.js";
import { BundleError } from "./errors.js";
import { comparePaths } from "./paths.js";
import type { SignedFile } from "./sign.js";
import type { Bundle } from "./types.js";
import { selectKey, type KeyRing } from "./verification-keys.js";

export interface Verified {
  readonly keyId: string;
  readonly files: readonly string[];
  readonly scope?: string;
}

export interface VerifyOptions {
  /** When given, the token's `scope` claim must equal it (OPA's bundle `signing.scope`). */
  readonly scope?: string;
}

export async function verifyBundle(bundle: Bundle, keys: KeyRing, options?: VerifyOptions): Promise<Verified> {
  const at = bundle.name;
  const sigs = bundle.signatures;
  if (!sigs) throw new BundleError(`${at}: not signed (no ${SIGNATURES}), but a verification key was given`);
  if (sigs.plugin !== undefined) throw new BundleError(`${at}: ${SIGNATURES}: signing plugin ${JSON.stringify(sigs.plugin)} is not supported`);
  if (sigs.signatures.length !== 1) {
    throw new BundleError(`${at}: ${SIGNATURES}: ${sigs.signatures.length === 0 ? "holds no signature" : `holds ${sigs.signatures.length} signatures`}; OPA's format has exactly one`);
  }
  const token = sigs.signatures[0]!;
  const { headerKid, claimedKeyId, alg } = peek(token, at);
  const key = selectKey(keys, headerKid ?? claimedKeyId, at);
  if (!(key.algorithms as readonly string[]).includes(alg)) {
    throw new BundleError(`${at}: signed with ${alg}, but ${key.shown} is for ${key.algorithms.join(", ")}`);
  }
  let payload: Uint8Array;
  try {
    ({ payload } = await compactVerify(token, key.key, { algorithms: [...key.algorithms] }));
  } catch (e) {
    if (e instanceof errors.JWSSignatureVerificationFailed) throw new BundleError(`${at}: the signature does not verify with ${key.shown} (signed by another key, or altered)`);
    throw new BundleError(`${at}: bad signature token: ${(e as Error).message}`);
  }
  const claims = parseClaims(payload, at);
  if (options?.scope !== undefined && (claims.scope ?? "") !== options.scope) {
    throw new BundleError(`${at}: signature scope ${JSON.stringify(claims.scope ?? "")} does not match the required scope ${JSON.stringify(options.scope)}`);
  }
  const problems = fileProblems(bundle, claims.files);
  if (problems.length > 0) throw new BundleError(`${at}: verification failed:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  const verified: { keyId: string; files: string[]; scope?: string } = { keyId: key.kid, files: claims.files.map((f) => f.name).sort(comparePaths) };
  if (claims.scope !== undefined) verified.scope = claims.scope;
  return verified;
}

/** The header and the key-id claim, read before the signature is checked, only to choose the key. */
function peek(token: string, at: string): { headerKid: string | undefined; claimedKeyId: string | undefined; alg: string } {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch (e) {
    throw new BundleError(`${at}: ${SIGNATURES}: not a JWS (${(e as Error).message})`);
  }
  if (typeof header.alg !== "string") throw new BundleError(`${at}: ${SIGNATURES}: the token header has no "alg"`);
  let claimedKeyId: string | undefined;
  try {
    const body = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { keyid?: unknown };
    if (typeof body.keyid === "string" && body.keyid !== "") claimedKeyId = body.keyid;
  } catch {
    // A payload that does not parse fails below, after the signature check.
  }
  return { headerKid: typeof header.kid === "string" && header.kid !== "" ? header.kid : undefined, claimedKeyId, alg: header.alg };
}

function parseClaims(payload: Uint8Array, at: string): { files: SignedFile[]; scope?: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    throw new BundleError(`${at}: the signed payload is not JSON`);
  }
  const bad = (what: string): never => {
    throw new BundleError(`${at}: the signed payload ${what}`);
  };
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) bad("is not a JSON object");
  const { files, scope } = raw as { files?: unknown; scope?: unknown };
  if (!Array.isArray(files)) bad(`has no "files" list`);
  if (scope !== undefined && typeof scope !== "string") bad(`has a "scope" that is not a string`);
  const listed = (files as unknown[]).map((f, i): SignedFile => {
    const e = f as Partial<Record<keyof SignedFile, unknown>>;
    if (typeof f !== "object" || f === null || typeof e.name !== "string" || typeof e.hash !== "string" || typeof e.algorithm !== "string") {
      return bad(`lists a file (#${i + 1}) without string "name", "hash" and "algorithm"`);
    }
    return { name: e.name, hash: e.hash.toLowerCase(), algorithm: e.algorithm };
  });
  const out: { files: SignedFile[]; scope?: string } = { files: listed };
  if (typeof scope === "string") out.scope = scope;
  return out;
}

function fileProblems(bundle: Bundle, signed: readonly SignedFile[]): string[] {
  const problems: { path: string; text: string }[] = [];
  const byName = new Map<string, SignedFile>();
  for (const f of signed) {
    if (byName.has(f.name)) problems.push({ path: f.name, text: `${f.name}: listed more than once in the signature` });
    byName.set(f.name, f);
  }
  const present = new Set<string>();
  for (const file of bundle.files) {
    present.add(file.path);
    const entry = byName.get(file.path);
    if (!entry) {
      problems.push({ path: file.path, text: `${file.path}: extra file: in the bundle but not in the signature` });
      continue;
    }
    let actual: string;
    try {
      actual = fileDigest(file.path, file.bytes, entry.algorithm);
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      problems.push({ path: file.path, text: e.message });
      continue;
    }
    if (actual !== entry.hash) problems.push({ path: file.path, text: `${file.path}: modified: its ${entry.algorithm} digest does not match the signature` });
  }
  for (const name of byName.keys()) {
    if (!present.has(name)) problems.push({ path: name, text: `${name}: missing: in the signature but not in the bundle` });
  }
  return problems.sort((a, b) => comparePaths(a.path, b.path)).map((p) => p.text);
}
