/**
 * Verification keys as a keyring, so keys can rotate: several keys, each under its
 * key id (kid), each allowed only the algorithms that fit it.
 *
 * A file holds one key (a PEM public key or certificate, a PEM private key whose
 * public half is used, a JWK, or for HS* a shared secret) or a JWK Set
 * (`{"keys": [...]}`, each key under its "kid"). How a token's key is chosen
 * (`selectKey`):
 *  1. `keyId` given when loading pins the key, whatever the token says (OPA gives a
 *     configured keyid precedence over the token's);
 *  2. otherwise the token's `kid` header (or its deprecated `keyid` claim) picks the key;
 *  3. a file with a single key and no `keyId` is that key for any token: the
 *     signature check, not the kid hint, decides.
 */
import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from "node:crypto";
import { algorithmsForKey, checkAlgorithm, checkKeyFits, type SigningAlgorithm } from "./algorithms.js";
import { BundleError } from "./errors.js";
import { isJsonObject, readKeyFile, type KeyFile } from "./key-file.js";

/** Opaque: made by `loadVerificationKeys`; `keyIds` lists its key ids for messages. */
export interface KeyRing {
  readonly keyIds: readonly string[];
}

export interface RingKey {
  readonly kid: string;
  readonly key: KeyObject;
  readonly algorithms: readonly SigningAlgorithm[];
  /** How messages name the key: its id and the file it came from. */
  readonly shown: string;
}

interface RingState {
  readonly source: string;
  readonly byKid: ReadonlyMap<string, RingKey>;
  readonly pinned: RingKey | undefined;
  readonly only: RingKey | undefined;
}

const rings = new WeakMap<KeyRing, RingState>();

export async function loadVerificationKeys(file: string, options?: { keyId?: string; alg?: string }): Promise<KeyRing> {
  const alg = options?.alg === undefined ? undefined : checkAlgorithm(options.alg);
  const content = await readKeyFile(file);
  const keys: RingKey[] = [];
  if (content.kind === "json" && isJsonObject(content.value) && Array.isArray(content.value.keys)) {
    const set = content.value.keys as unknown[];
    if (set.length === 0) throw new BundleError(`${file}: the JWK Set has no keys`);
    set.forEach((jwk, i) => {
      const where = `${file}: key #${i + 1}`;
      const kid = isJsonObject(jwk) && typeof jwk.kid === "string" && jwk.kid !== "" ? jwk.kid : set.length === 1 ? (options?.keyId ?? "default") : undefined;
      if (kid === undefined) throw new BundleError(`${where}: has no "kid"; every key of a JWK Set with several keys needs one`);
      keys.push(ringKey(kid, jwkKey(jwk, where), pickAlg(jwkAlg(jwk, where), alg, where), where));
    });
  } else {
    const kid = options?.keyId ?? (content.kind === "json" && isJsonObject(content.value) && typeof content.value.kid === "string" ? content.value.kid : "default");
    keys.push(ringKey(kid, singleKey(content, file, alg), content.kind === "json" ? pickAlg(jwkAlg(content.value, file), alg, file) : alg, file));
  }
  const byKid = new Map<string, RingKey>();
  for (const k of keys) {
    if (byKid.has(k.kid)) throw new BundleError(`${file}: key id ${JSON.stringify(k.kid)} appears twice`);
    byKid.set(k.kid, k);
  }
  let pinned: RingKey | undefined;
  if (options?.keyId !== undefined) {
    pinned = byKid.get(options.keyId);
    if (!pinned) throw new BundleError(`${file}: no key with id ${JSON.stringify(options.keyId)} (the file has ${[...byKid.keys()].map((k) => JSON.stringify(k)).join(", ")})`);
  }
  const ring: KeyRing = Object.freeze({ keyIds: Object.freeze([...byKid.keys()].sort()) });
  rings.set(ring, { source: file, byKid, pinned, only: keys.length === 1 ? keys[0] : undefined });
  return ring;
}

/** The key a token must verify with; throws BundleError when there is none. */
export function selectKey(ring: KeyRing, tokenKid: string | undefined, where: string): RingKey {
  const state = rings.get(ring);
  if (!state) throw new BundleError(`${where}: the keyring was not made by loadVerificationKeys`);
  if (state.pinned) return state.pinned;
  if (tokenKid !== undefined) {
    const byKid = state.byKid.get(tokenKid);
    if (byKid) return byKid;
  }
  if (state.only) return state.only;
  const have = [...state.byKid.keys()].map((k) => JSON.stringify(k)).join(", ");
  if (tokenKid === undefined) throw new BundleError(`${where}: the signature names no key id and ${state.source} holds several keys (${have}); pass a key id`);
  throw new BundleError(`${where}: signed with key id ${JSON.stringify(tokenKid)}, which is not among the verification keys (${have})`);
}

function ringKey(kid: string, key: KeyObject, alg: SigningAlgorithm | undefined, where: string): RingKey {
  if (alg !== undefined) checkKeyFits(key, alg, where);
  const algorithms = alg !== undefined ? [alg] : algorithmsForKey(key);
  if (algorithms.length === 0) checkKeyFits(key, "RS256", where); // throws the "not supported" message
  return Object.freeze({ kid, key, algorithms: Object.freeze(algorithms), shown: `key ${JSON.stringify(kid)} from ${where}` });
}

function singleKey(content: KeyFile, file: string, alg: SigningAlgorithm | undefined): KeyObject {
  switch (content.kind) {
    case "pem":
      try {
        return createPublicKey(content.text);
      } catch {
        throw new BundleError(`${file}: not a PEM public key, certificate or private key`);
      }
    case "json":
      return jwkKey(content.value, file);
    case "raw":
      // Raw bytes are an HMAC secret; a garbled PEM must not quietly become one.
      if (alg !== undefined && !alg.startsWith("HS")) throw new BundleError(`${file}: not a PEM or JWK key, which ${alg} needs`);
      return createSecretKey(content.bytes);
  }
}

function jwkKey(jwk: unknown, where: string): KeyObject {
  if (!isJsonObject(jwk) || typeof jwk.kty !== "string") throw new BundleError(`${where}: not a JWK (no "kty")`);
  if (jwk.use !== undefined && jwk.use !== "sig") throw new BundleError(`${where}: the key's "use" is ${JSON.stringify(jwk.use)}, not "sig"`);
  try {
    if (jwk.kty === "oct") {
      if (typeof jwk.k !== "string" || jwk.k === "") throw new Error("no k");
      return createSecretKey(Buffer.from(jwk.k, "base64url"));
    }
    return createPublicKey({ key: jwk as JsonWebKey, format: "jwk" });
  } catch {
    throw new BundleError(`${where}: not a usable ${jwk.kty} JWK`);
  }
}

function pickAlg(fromJwk: SigningAlgorithm | undefined, given: SigningAlgorithm | undefined, where: string): SigningAlgorithm | undefined {
  if (fromJwk !== undefined && given !== undefined && fromJwk !== given) throw new BundleError(`${where}: the key is for ${fromJwk}, not ${given}`);
  return fromJwk ?? given;
}

function jwkAlg(jwk: unknown, where: string): SigningAlgorithm | undefined {
  if (!isJsonObject(jwk) || jwk.alg === undefined) return undefined;
  if (typeof jwk.alg !== "string") throw new BundleError(`${where}: "alg" must be a string`);
  try {
    return checkAlgorithm(jwk.alg);
  } catch (e) {
    throw new BundleError(`${where}: ${(e as Error).message}`);
  }
}
