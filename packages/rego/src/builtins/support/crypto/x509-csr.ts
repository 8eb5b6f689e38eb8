/**
 * PKCS #10 certificate signing requests, parsed as Go's
 * `x509.ParseCertificateRequest` parses them and written as the JSON of Go's
 * `x509.CertificateRequest`.
 */
import type { Value } from "../../../ast/value.js";
import { Der, Tag, contextTag, oidString } from "./der.js";
import { encodeBase64 } from "../goencoding/base64.js";
import { parseAI, parseSPKI, rightAlign, signatureAlgorithmFromAI, parseExtension } from "./x509-certificate.js";
import { parseSANExtension, type Extension } from "./x509-extensions.js";
import { extensionValue, ipString, urlValue } from "./x509-json.js";
import { nameValue, parseName, readASN1Any } from "./x509-name.js";
import { OID_EXTENSION_REQUEST, OID_SAN } from "./x509-oids.js";
import { X509Error, publicKeyValue } from "./x509-publickey.js";

/** encoding/asn1's `%+v` of a field's (unset) parameters, quoted in its structure errors. */
const FIELD_PARAMS =
  "{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}";

/** The error encoding/asn1 reports when the outer element is not a SEQUENCE. */
function outerError(der: Uint8Array): X509Error {
  if (der.length === 0) return new X509Error("asn1: syntax error: sequence truncated");
  const b = der[0]!;
  if (der.length < 2) return new X509Error("asn1: syntax error: data truncated");
  let length = der[1]!;
  let offset = 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || der.length < 2 + n) return new X509Error("asn1: syntax error: data truncated");
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + der[2 + i]!;
    offset += n;
  }
  const cls = b >> 6;
  const tag = b & 0x1f;
  const compound = (b & 0x20) !== 0;
  if (cls !== 0 || tag !== 16 || !compound) {
    return new X509Error(
      `asn1: structure error: tags don't match (16 vs {class:${cls} tag:${tag} length:${length} isCompound:${compound}}) ${FIELD_PARAMS} certificateRequest @${offset}`,
    );
  }
  if (der.length - offset < length) return new X509Error("asn1: syntax error: data truncated");
  return new X509Error("asn1: structure error: malformed certificate request");
}

/** `pkix.AttributeTypeAndValueSET` values for the attributes that parse as one. */
function parseRawAttributes(attrs: readonly Uint8Array[]): Value {
  const out: Value[] = [];
  for (const raw of attrs) {
    try {
      const d = new Der(raw);
      const seq = d.read(Tag.SEQUENCE);
      if (!seq || !d.empty()) continue;
      const type = seq.readOID();
      const set = seq.read(Tag.SET);
      if (!type || !set) continue;
      const values: Value[] = [];
      while (!set.empty()) {
        const inner = set.read(Tag.SEQUENCE);
        if (!inner) throw new Error("not a sequence");
        const atvs: Value[] = [];
        while (!inner.empty()) {
          const atv = inner.read(Tag.SEQUENCE);
          const t = atv?.readOID();
          if (!atv || !t) throw new Error("bad attribute");
          atvs.push({ Type: t, Value: readASN1Any(atv) });
        }
        values.push(atvs);
      }
      out.push({ Type: type, Value: values });
    } catch {
      // Go skips attributes that do not parse as AttributeTypeAndValueSET.
    }
  }
  return out.length > 0 ? out : null;
}

/** Go's `parseCSRExtensions`: the extensions of every extensionRequest attribute. */
function parseCSRExtensions(attrs: readonly Uint8Array[]): Extension[] | null {
  let ret: Extension[] | null = null;
  const seen = new Set<string>();
  for (const raw of attrs) {
    const d = new Der(raw);
    const seq = d.read(Tag.SEQUENCE);
    const id = seq?.readOID();
    const values = seq?.read(Tag.SET);
    if (!seq || !id || !values || !d.empty() || values.empty()) continue;
    if (oidString(id) !== OID_EXTENSION_REQUEST) continue;
    const first = values.readAny()!;
    const list = new Der(first.full).read(Tag.SEQUENCE);
    if (!list) throw new X509Error("asn1: structure error: tags don't match");
    while (!list.empty()) {
      const e = list.read(Tag.SEQUENCE);
      if (!e) throw new X509Error("asn1: structure error: tags don't match");
      const ext = parseExtension(e);
      const key = oidString(ext.id);
      if (seen.has(key)) throw new X509Error("x509: certificate request contains duplicate requested extensions");
      seen.add(key);
      (ret ??= []).push(ext);
    }
  }
  return ret;
}

/** `x509.ParseCertificateRequest`, as the JSON OPA returns. */
export function parseCertificateRequestValue(der: Uint8Array): Value {
  const top = new Der(der);
  const rawEl = top.readElement(Tag.SEQUENCE);
  if (!rawEl) throw outerError(der);
  if (!top.empty()) throw new X509Error("asn1: syntax error: trailing data");
  const csr = new Der(rawEl).read(Tag.SEQUENCE)!;
  const rawTBS = csr.readElement(Tag.SEQUENCE);
  if (!rawTBS) throw new X509Error("asn1: structure error: tags don't match");
  const tbs = new Der(rawTBS).read(Tag.SEQUENCE)!;
  const version = tbs.readInteger();
  if (version === undefined) throw new X509Error("asn1: structure error: tags don't match");
  const subjectEl = tbs.readAny();
  const rawSPKI = tbs.readElement(Tag.SEQUENCE);
  if (!subjectEl || !rawSPKI) throw new X509Error("asn1: structure error: tags don't match");
  const attrs: Uint8Array[] = [];
  const rawAttrs = tbs.readOptional(contextTag(0, true));
  if (rawAttrs?.present) {
    while (!rawAttrs.content!.empty()) {
      const a = rawAttrs.content!.readAny();
      if (!a) throw new X509Error("asn1: syntax error: data truncated");
      attrs.push(a.full);
    }
  }
  const sigAISeq = csr.read(Tag.SEQUENCE);
  if (!sigAISeq) throw new X509Error("asn1: structure error: tags don't match");
  const sigAI = parseAI(sigAISeq);
  const sig = csr.readBitString();
  if (!sig) throw new X509Error("asn1: structure error: tags don't match");

  const { algorithm, key } = parseSPKI(rawSPKI);
  const subject = parseName(subjectEl.full);
  const extensions = parseCSRExtensions(attrs);
  let sans = { dnsNames: null, emailAddresses: null, ipAddresses: null, uris: null } as ReturnType<typeof parseSANExtension>;
  for (const e of extensions ?? []) if (oidString(e.id) === OID_SAN) sans = parseSANExtension(e.value);

  return {
    Raw: encodeBase64(rawEl),
    RawTBSCertificateRequest: encodeBase64(rawTBS),
    RawSubjectPublicKeyInfo: encodeBase64(rawSPKI),
    RawSubject: encodeBase64(subjectEl.full),
    Version: Number(version),
    Signature: encodeBase64(rightAlign(sig.bytes, sig.bitLength)),
    SignatureAlgorithm: signatureAlgorithmFromAI(sigAI),
    PublicKeyAlgorithm: algorithm,
    PublicKey: publicKeyValue(key),
    Subject: nameValue(subject),
    Attributes: parseRawAttributes(attrs),
    Extensions: extensions ? extensions.map(extensionValue) : null,
    ExtraExtensions: null,
    DNSNames: sans.dnsNames,
    EmailAddresses: sans.emailAddresses,
    IPAddresses: sans.ipAddresses ? sans.ipAddresses.map(ipString) : null,
    URIs: sans.uris ? sans.uris.map(urlValue) : null,
  };
}
