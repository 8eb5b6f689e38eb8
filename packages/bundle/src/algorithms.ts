/**
 * The JWS algorithms a bundle may be signed with (OPA's list in its configuration
 * reference, "keys"), and which key fits which algorithm. Checking the fit before
 * signing or verifying gives a clear message instead of a library error, and pins
 * every verification key to its own algorithms, so a token cannot choose a weaker
 * or different one (an HMAC "signed" with a public key, for instance).
 */
import type { KeyObject } from "node:crypto";
import { BundleError } from "./errors.js";

export const SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256", "HS384", "HS512"] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export function checkAlgorithm(alg: string): SigningAlgorithm {
  if ((SIGNING_ALGORITHMS as readonly string[]).includes(alg)) return alg as SigningAlgorithm;
  throw new BundleError(`unsupported signing algorithm ${JSON.stringify(alg)} (use one of ${SIGNING_ALGORITHMS.join(", ")})`);
}

const CURVE_ALG: Record<string, SigningAlgorithm> = { prime256v1: "ES256", secp384r1: "ES384", secp521r1: "ES512" };

/** The algorithms a key can sign or verify with; empty for unsupported key types. */
export function algorithmsForKey(key: KeyObject): SigningAlgorithm[] {
  if (key.type === "secret") return ["HS256", "HS384", "HS512"];
  switch (key.asymmetricKeyType) {
    case "rsa":
      return ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];
    case "rsa-pss":
      return ["PS256", "PS384", "PS512"];
    case "ec": {
      const alg = CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ""];
      return alg ? [alg] : [];
    }
    default:
      return [];
  }
}

/** Throws BundleError (naming `source`, never the key) when `key` cannot be used with `alg`. */
export function checkKeyFits(key: KeyObject, alg: SigningAlgorithm, source: string): void {
  const fits = algorithmsForKey(key);
  if (fits.length === 0) {
    const kind = key.asymmetricKeyType === "ec" ? `EC key on curve ${key.asymmetricKeyDetails?.namedCurve ?? "?"}` : `${key.asymmetricKeyType ?? key.type} key`;
    throw new BundleError(`${source}: ${kind} is not supported (use RSA, EC P-256/P-384/P-521, or an HMAC secret)`);
  }
  if (!fits.includes(alg)) throw new BundleError(`${source}: ${describe(key)} cannot be used with ${alg} (it fits ${fits.join(", ")})`);
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits !== undefined && bits < 2048) throw new BundleError(`${source}: RSA key of ${bits} bits; ${alg} needs at least 2048`);
}

function describe(key: KeyObject): string {
  if (key.type === "secret") return "a shared secret (HMAC)";
  if (key.asymmetricKeyType === "ec") return `an EC ${key.asymmetricKeyDetails?.namedCurve ?? ""} key`;
  return key.asymmetricKeyType === "rsa-pss" ? "an RSA-PSS key" : "an RSA key";
}
