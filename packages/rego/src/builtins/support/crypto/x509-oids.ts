/**
 * Object identifiers and the numeric enums Go's `crypto/x509` exposes in JSON
 * (`SignatureAlgorithm`, `PublicKeyAlgorithm`, `ExtKeyUsage`).
 */
import { oidString } from "./der.js";

/** Go's `x509.SignatureAlgorithm` values. */
export const SigAlg = {
  Unknown: 0,
  MD2WithRSA: 1,
  MD5WithRSA: 2,
  SHA1WithRSA: 3,
  SHA256WithRSA: 4,
  SHA384WithRSA: 5,
  SHA512WithRSA: 6,
  DSAWithSHA1: 7,
  DSAWithSHA256: 8,
  ECDSAWithSHA1: 9,
  ECDSAWithSHA256: 10,
  ECDSAWithSHA384: 11,
  ECDSAWithSHA512: 12,
  SHA256WithRSAPSS: 13,
  SHA384WithRSAPSS: 14,
  SHA512WithRSAPSS: 15,
  PureEd25519: 16,
} as const;

/** Go's `x509.PublicKeyAlgorithm` values. */
export const PubAlg = {
  Unknown: 0,
  RSA: 1,
  DSA: 2,
  ECDSA: 3,
  Ed25519: 4,
} as const;

export const OID_RSA_PSS = "1.2.840.113549.1.1.10";
export const OID_MGF1 = "1.2.840.113549.1.1.8";
export const OID_ED25519 = "1.3.101.112";

/** Signature algorithm OIDs other than RSA-PSS (whose variant lives in its parameters). */
export const SIGNATURE_OIDS: ReadonlyMap<string, number> = new Map([
  ["1.2.840.113549.1.1.2", SigAlg.MD2WithRSA],
  ["1.2.840.113549.1.1.4", SigAlg.MD5WithRSA],
  ["1.2.840.113549.1.1.5", SigAlg.SHA1WithRSA],
  ["1.3.14.3.2.29", SigAlg.SHA1WithRSA],
  ["1.2.840.113549.1.1.11", SigAlg.SHA256WithRSA],
  ["1.2.840.113549.1.1.12", SigAlg.SHA384WithRSA],
  ["1.2.840.113549.1.1.13", SigAlg.SHA512WithRSA],
  ["1.2.840.10040.4.3", SigAlg.DSAWithSHA1],
  ["2.16.840.1.101.3.4.3.2", SigAlg.DSAWithSHA256],
  ["1.2.840.10045.4.1", SigAlg.ECDSAWithSHA1],
  ["1.2.840.10045.4.3.2", SigAlg.ECDSAWithSHA256],
  ["1.2.840.10045.4.3.3", SigAlg.ECDSAWithSHA384],
  ["1.2.840.10045.4.3.4", SigAlg.ECDSAWithSHA512],
  [OID_ED25519, SigAlg.PureEd25519],
]);

export const HASH_OIDS: ReadonlyMap<string, string> = new Map([
  ["2.16.840.1.101.3.4.2.1", "sha256"],
  ["2.16.840.1.101.3.4.2.2", "sha384"],
  ["2.16.840.1.101.3.4.2.3", "sha512"],
]);

/** How to check a signature made with each algorithm, for `CheckSignature`. */
export interface SigAlgDetails {
  readonly name: string;
  readonly pubAlg: number;
  /** Node hash name, or null for Ed25519 (no pre-hash). */
  readonly hash: string | null;
  readonly pss?: boolean;
  /** Rejected by Go as insecure (MD2, MD5, SHA-1). */
  readonly insecure?: boolean;
}

export const SIG_ALG_DETAILS: ReadonlyMap<number, SigAlgDetails> = new Map([
  [SigAlg.MD2WithRSA, { name: "MD2-RSA", pubAlg: PubAlg.RSA, hash: "md2", insecure: true }],
  [SigAlg.MD5WithRSA, { name: "MD5-RSA", pubAlg: PubAlg.RSA, hash: "md5", insecure: true }],
  [SigAlg.SHA1WithRSA, { name: "SHA1-RSA", pubAlg: PubAlg.RSA, hash: "sha1", insecure: true }],
  [SigAlg.SHA256WithRSA, { name: "SHA256-RSA", pubAlg: PubAlg.RSA, hash: "sha256" }],
  [SigAlg.SHA384WithRSA, { name: "SHA384-RSA", pubAlg: PubAlg.RSA, hash: "sha384" }],
  [SigAlg.SHA512WithRSA, { name: "SHA512-RSA", pubAlg: PubAlg.RSA, hash: "sha512" }],
  [SigAlg.SHA256WithRSAPSS, { name: "SHA256-RSAPSS", pubAlg: PubAlg.RSA, hash: "sha256", pss: true }],
  [SigAlg.SHA384WithRSAPSS, { name: "SHA384-RSAPSS", pubAlg: PubAlg.RSA, hash: "sha384", pss: true }],
  [SigAlg.SHA512WithRSAPSS, { name: "SHA512-RSAPSS", pubAlg: PubAlg.RSA, hash: "sha512", pss: true }],
  [SigAlg.DSAWithSHA1, { name: "DSA-SHA1", pubAlg: PubAlg.DSA, hash: "sha1", insecure: true }],
  [SigAlg.DSAWithSHA256, { name: "DSA-SHA256", pubAlg: PubAlg.DSA, hash: "sha256" }],
  [SigAlg.ECDSAWithSHA1, { name: "ECDSA-SHA1", pubAlg: PubAlg.ECDSA, hash: "sha1", insecure: true }],
  [SigAlg.ECDSAWithSHA256, { name: "ECDSA-SHA256", pubAlg: PubAlg.ECDSA, hash: "sha256" }],
  [SigAlg.ECDSAWithSHA384, { name: "ECDSA-SHA384", pubAlg: PubAlg.ECDSA, hash: "sha384" }],
  [SigAlg.ECDSAWithSHA512, { name: "ECDSA-SHA512", pubAlg: PubAlg.ECDSA, hash: "sha512" }],
  [SigAlg.PureEd25519, { name: "Ed25519", pubAlg: PubAlg.Ed25519, hash: null }],
]);

export const PUBLIC_KEY_OIDS: ReadonlyMap<string, number> = new Map([
  ["1.2.840.113549.1.1.1", PubAlg.RSA],
  ["1.2.840.10040.4.1", PubAlg.DSA],
  ["1.2.840.10045.2.1", PubAlg.ECDSA],
  [OID_ED25519, PubAlg.Ed25519],
]);

export const OID_PUBLIC_KEY_RSA = "1.2.840.113549.1.1.1";
export const OID_PUBLIC_KEY_DSA = "1.2.840.10040.4.1";
export const OID_PUBLIC_KEY_ECDSA = "1.2.840.10045.2.1";

/** Named curves: OID to Go/JWK name and coordinate size in bytes. */
export const CURVES: ReadonlyMap<string, { name: string; size: number; node: string }> = new Map([
  ["1.3.132.0.33", { name: "P-224", size: 28, node: "secp224r1" }],
  ["1.2.840.10045.3.1.7", { name: "P-256", size: 32, node: "prime256v1" }],
  ["1.3.132.0.34", { name: "P-384", size: 48, node: "secp384r1" }],
  ["1.3.132.0.35", { name: "P-521", size: 66, node: "secp521r1" }],
]);

/** Go's `x509.ExtKeyUsage` values by OID. */
export const ExtKeyUsage = {
  Any: 0,
  ServerAuth: 1,
  ClientAuth: 2,
  CodeSigning: 3,
  EmailProtection: 4,
  IPSECEndSystem: 5,
  IPSECTunnel: 6,
  IPSECUser: 7,
  TimeStamping: 8,
  OCSPSigning: 9,
  MicrosoftServerGatedCrypto: 10,
  NetscapeServerGatedCrypto: 11,
  MicrosoftCommercialCodeSigning: 12,
  MicrosoftKernelCodeSigning: 13,
} as const;

export const EXT_KEY_USAGE_OIDS: ReadonlyMap<string, number> = new Map([
  ["2.5.29.37.0", ExtKeyUsage.Any],
  ["1.3.6.1.5.5.7.3.1", ExtKeyUsage.ServerAuth],
  ["1.3.6.1.5.5.7.3.2", ExtKeyUsage.ClientAuth],
  ["1.3.6.1.5.5.7.3.3", ExtKeyUsage.CodeSigning],
  ["1.3.6.1.5.5.7.3.4", ExtKeyUsage.EmailProtection],
  ["1.3.6.1.5.5.7.3.5", ExtKeyUsage.IPSECEndSystem],
  ["1.3.6.1.5.5.7.3.6", ExtKeyUsage.IPSECTunnel],
  ["1.3.6.1.5.5.7.3.7", ExtKeyUsage.IPSECUser],
  ["1.3.6.1.5.5.7.3.8", ExtKeyUsage.TimeStamping],
  ["1.3.6.1.5.5.7.3.9", ExtKeyUsage.OCSPSigning],
  ["1.3.6.1.4.1.311.10.3.3", ExtKeyUsage.MicrosoftServerGatedCrypto],
  ["2.16.840.1.113730.4.1", ExtKeyUsage.NetscapeServerGatedCrypto],
  ["1.3.6.1.4.1.311.2.1.22", ExtKeyUsage.MicrosoftCommercialCodeSigning],
  ["1.3.6.1.4.1.311.61.1.1", ExtKeyUsage.MicrosoftKernelCodeSigning],
]);

export const OID_EXT_AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";
export const OID_AIA_OCSP = "1.3.6.1.5.5.7.48.1";
export const OID_AIA_ISSUERS = "1.3.6.1.5.5.7.48.2";
export const OID_EXTENSION_REQUEST = "1.2.840.113549.1.9.14";
export const OID_SAN = "2.5.29.17";

export function isOID(oid: readonly number[], dotted: string): boolean {
  return oidString(oid) === dotted;
}
