/**
 * X.509 certificates parsed as Go's `x509.parseCertificate` parses them, with the
 * same checks and error messages, into a model that `x509-json.ts` writes out in the
 * shape of Go's `json.Marshal(x509.Certificate)`.
 */
import { Der, Tag, contextTag, oidString, type DerTime } from "./der.js";
import { emptyExtensionFields, processExtensions, type Extension, type ExtensionFields } from "./x509-extensions.js";
import { parseName, type RDNSequence } from "./x509-name.js";
import { HASH_OIDS, OID_ED25519, OID_MGF1, OID_RSA_PSS, PUBLIC_KEY_OIDS, PubAlg, SIGNATURE_OIDS, SigAlg } from "./x509-oids.js";
import { X509Error, parsePublicKey, type GoPublicKey } from "./x509-publickey.js";

export interface Certificate extends ExtensionFields {
  readonly raw: Uint8Array;
  readonly rawTBSCertificate: Uint8Array;
  readonly rawSubjectPublicKeyInfo: Uint8Array;
  readonly rawSubject: Uint8Array;
  readonly rawIssuer: Uint8Array;
  readonly signature: Uint8Array;
  readonly signatureAlgorithm: number;
  readonly publicKeyAlgorithm: number;
  readonly publicKey: GoPublicKey | undefined;
  readonly version: number;
  readonly serialNumber: bigint;
  readonly issuer: RDNSequence;
  readonly subject: RDNSequence;
  readonly notBefore: DerTime;
  readonly notAfter: DerTime;
  readonly extensions: readonly Extension[] | null;
}

export interface AlgorithmIdentifier {
  readonly oid: string;
  /** Full encoding of the parameters, empty when absent. */
  readonly params: Uint8Array;
}

/** Go's `parseAI`. */
export function parseAI(der: Der): AlgorithmIdentifier {
  const oid = der.readOID();
  if (!oid) throw new X509Error("x509: malformed OID");
  if (der.empty()) return { oid: oidString(oid), params: new Uint8Array(0) };
  const p = der.readAny();
  if (!p) throw new X509Error("x509: malformed parameters");
  return { oid: oidString(oid), params: p.full };
}

const NULL = Buffer.from([0x05, 0x00]);

function nullOrAbsent(params: Uint8Array): boolean {
  return params.length === 0 || Buffer.from(params).equals(NULL);
}

/** The AlgorithmIdentifier inside an EXPLICIT context tag, or undefined. */
function explicitAI(d: Der, n: number): AlgorithmIdentifier | undefined {
  const inner = d.read(contextTag(n, true))?.read(Tag.SEQUENCE);
  if (!inner) return undefined;
  try {
    return parseAI(inner);
  } catch {
    return undefined;
  }
}

/** Go's `getSignatureAlgorithmFromAI`, including the RSA-PSS parameter buckets. */
export function signatureAlgorithmFromAI(ai: AlgorithmIdentifier): number {
  if (ai.oid === OID_ED25519 && ai.params.length !== 0) return SigAlg.Unknown;
  if (ai.oid !== OID_RSA_PSS) return SIGNATURE_OIDS.get(ai.oid) ?? SigAlg.Unknown;
  const params = new Der(ai.params).read(Tag.SEQUENCE);
  if (!params) return SigAlg.Unknown;
  const hash = explicitAI(params, 0);
  const mgf = explicitAI(params, 1);
  const salt = params.read(contextTag(2, true))?.readInteger();
  let trailer = 1n;
  if (params.peekTag(contextTag(3, true))) {
    const t = params.read(contextTag(3, true))?.readInteger();
    if (t === undefined) return SigAlg.Unknown;
    trailer = t;
  }
  if (!hash || !mgf || salt === undefined) return SigAlg.Unknown;
  const mgfHashSeq = new Der(mgf.params).read(Tag.SEQUENCE);
  let mgfHash: AlgorithmIdentifier;
  try {
    if (!mgfHashSeq) return SigAlg.Unknown;
    mgfHash = parseAI(mgfHashSeq);
  } catch {
    return SigAlg.Unknown;
  }
  if (!nullOrAbsent(hash.params) || mgf.oid !== OID_MGF1 || mgfHash.oid !== hash.oid || !nullOrAbsent(mgfHash.params) || trailer !== 1n) {
    return SigAlg.Unknown;
  }
  const h = HASH_OIDS.get(hash.oid);
  if (h === "sha256" && salt === 32n) return SigAlg.SHA256WithRSAPSS;
  if (h === "sha384" && salt === 48n) return SigAlg.SHA384WithRSAPSS;
  if (h === "sha512" && salt === 64n) return SigAlg.SHA512WithRSAPSS;
  return SigAlg.Unknown;
}

function readTime(d: Der): DerTime {
  const t = d.readTime();
  if (t === "unsupported") throw new X509Error("x509: unsupported time format");
  if (!t) throw new X509Error(d.peekTag(Tag.UTCTime) ? "x509: malformed UTCTime" : "x509: malformed GeneralizedTime");
  return t;
}

/** Reads a SubjectPublicKeyInfo: the algorithm and the parsed key (undefined if unknown). */
export function parseSPKI(spkiElement: Uint8Array): { algorithm: number; key: GoPublicKey | undefined } {
  const spki = new Der(spkiElement).read(Tag.SEQUENCE);
  if (!spki) throw new X509Error("x509: malformed spki");
  const aiSeq = spki.read(Tag.SEQUENCE);
  if (!aiSeq) throw new X509Error("x509: malformed public key algorithm identifier");
  const ai = parseAI(aiSeq);
  const algorithm = PUBLIC_KEY_OIDS.get(ai.oid) ?? PubAlg.Unknown;
  const bits = spki.readBitString();
  if (!bits) throw new X509Error("x509: malformed subjectPublicKey");
  if (algorithm === PubAlg.Unknown) return { algorithm, key: undefined };
  return { algorithm, key: parsePublicKey(ai.oid, ai.params, rightAlign(bits.bytes, bits.bitLength)) };
}

/** `asn1.BitString.RightAlign`. */
export function rightAlign(bytes: Uint8Array, bitLength: number): Uint8Array {
  const shift = 8 - (bitLength % 8);
  if (shift === 8 || bytes.length === 0) return bytes;
  const out = new Uint8Array(bytes.length);
  out[0] = bytes[0]! >> shift;
  for (let i = 1; i < bytes.length; i++) {
    out[i] = ((bytes[i - 1]! << (8 - shift)) | (bytes[i]! >> shift)) & 0xff;
  }
  return out;
}

/** Go's `parseCertificate`: one certificate from the front of `der`. */
export function parseCertificate(der: Uint8Array): Certificate {
  const outer = new Der(der);
  const raw = outer.readElement(Tag.SEQUENCE);
  if (!raw) throw new X509Error("x509: malformed certificate");
  const input = new Der(raw).read(Tag.SEQUENCE);
  if (!input) throw new X509Error("x509: malformed certificate");

  const rawTBS = input.readElement(Tag.SEQUENCE);
  if (!rawTBS) throw new X509Error("x509: malformed tbs certificate");
  const tbs = new Der(rawTBS).read(Tag.SEQUENCE);
  if (!tbs) throw new X509Error("x509: malformed tbs certificate");

  const v = tbs.readOptionalExplicitInteger(contextTag(0, true), 0n);
  if (v === undefined || v < 0n || v > 3n) throw new X509Error("x509: malformed version");
  const version = Number(v) + 1;
  if (version > 3) throw new X509Error("x509: invalid version");

  const serialNumber = tbs.readInteger();
  if (serialNumber === undefined) throw new X509Error("x509: malformed serial number");
  if (serialNumber < 0n) throw new X509Error("x509: negative serial number");

  const sigAIElement = tbs.readElement(Tag.SEQUENCE);
  const sigAISeq = sigAIElement && new Der(sigAIElement).read(Tag.SEQUENCE);
  if (!sigAISeq) throw new X509Error("x509: malformed signature algorithm identifier");
  const outerSigAI = input.read(Tag.SEQUENCE);
  if (!outerSigAI) throw new X509Error("x509: malformed algorithm identifier");
  if (!Buffer.from(outerSigAI.bytes()).equals(Buffer.from(sigAISeq.bytes()))) {
    throw new X509Error("x509: inner and outer signature algorithm identifiers don't match");
  }
  const signatureAlgorithm = signatureAlgorithmFromAI(parseAI(sigAISeq));

  const rawIssuer = tbs.readElement(Tag.SEQUENCE);
  if (!rawIssuer) throw new X509Error("x509: malformed issuer");
  const issuer = parseName(rawIssuer);

  const validity = tbs.read(Tag.SEQUENCE);
  if (!validity) throw new X509Error("x509: malformed validity");
  const notBefore = readTime(validity);
  const notAfter = readTime(validity);

  const rawSubject = tbs.readElement(Tag.SEQUENCE);
  if (!rawSubject) throw new X509Error("x509: malformed issuer");
  const subject = parseName(rawSubject);

  const rawSPKI = tbs.readElement(Tag.SEQUENCE);
  if (!rawSPKI) throw new X509Error("x509: malformed spki");
  const { algorithm: publicKeyAlgorithm, key: publicKey } = parseSPKI(rawSPKI);

  const fields = emptyExtensionFields();
  let extensions: Extension[] | null = null;
  if (version > 1) {
    if (!tbs.skipOptional(contextTag(1))) throw new X509Error("x509: malformed issuerUniqueID");
    if (!tbs.skipOptional(contextTag(2))) throw new X509Error("x509: malformed subjectUniqueID");
    if (version === 3) {
      const ext = tbs.readOptional(contextTag(3, true));
      if (!ext) throw new X509Error("x509: malformed extensions");
      if (ext.present) {
        const seq = ext.content!.read(Tag.SEQUENCE);
        if (!seq) throw new X509Error("x509: malformed extensions");
        const seen = new Set<string>();
        extensions = [];
        while (!seq.empty()) {
          const e = seq.read(Tag.SEQUENCE);
          if (!e) throw new X509Error("x509: malformed extension");
          const parsed = parseExtension(e);
          const key = oidString(parsed.id);
          if (seen.has(key)) throw new X509Error(`x509: certificate contains duplicate extension with OID ${JSON.stringify(key)}`);
          seen.add(key);
          extensions.push(parsed);
        }
        processExtensions(fields, extensions);
      }
    }
  }

  const sig = input.readBitString();
  if (!sig) throw new X509Error("x509: malformed signature");

  return {
    ...fields,
    raw,
    rawTBSCertificate: rawTBS,
    rawSubjectPublicKeyInfo: rawSPKI,
    rawSubject,
    rawIssuer,
    signature: rightAlign(sig.bytes, sig.bitLength),
    signatureAlgorithm,
    publicKeyAlgorithm,
    publicKey,
    version,
    serialNumber,
    issuer,
    subject,
    notBefore,
    notAfter,
    extensions,
  };
}

/** Go's `parseExtension`. */
export function parseExtension(der: Der): Extension {
  const id = der.readOID();
  if (!id) throw new X509Error("x509: malformed extension OID field");
  let critical = false;
  if (der.peekTag(Tag.BOOLEAN)) {
    const b = der.readBoolean();
    if (b === undefined) throw new X509Error("x509: malformed extension critical field");
    critical = b;
  }
  const val = der.read(Tag.OCTET_STRING);
  if (!val) throw new X509Error("x509: malformed extension value field");
  return { id, critical, value: val.bytes() };
}

/** `x509.ParseCertificates`: concatenated DER certificates (none for empty input). */
export function parseCertificates(der: Uint8Array): Certificate[] {
  const certs: Certificate[] = [];
  let rest = der;
  while (rest.length > 0) {
    const cert = parseCertificate(rest);
    certs.push(cert);
    rest = rest.subarray(cert.raw.length);
  }
  return certs;
}

/** `x509.ParseCertificate`: exactly one certificate. */
export function parseOneCertificate(der: Uint8Array): Certificate {
  const cert = parseCertificate(der);
  if (cert.raw.length !== der.length) throw new X509Error("x509: trailing data");
  return cert;
}
