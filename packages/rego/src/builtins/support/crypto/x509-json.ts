/**
 * Parsed certificates and CSRs as Rego values in the shape OPA produces: Go's
 * `json.Marshal` of `x509.Certificate` (field names as declared, `[]byte` as
 * base64, nil slices as null, times in RFC 3339, big integers as exact numbers,
 * `net.IP` as text, `*url.URL` as its struct) read back as a value.
 */
import type { Value } from "../../../ast/value.js";
import { numberFromBigInt } from "../../../ast/number.js";
import { formatTime } from "./der.js";
import { encodeBase64 } from "../goencoding/base64.js";
import { fromBinary } from "../gobytes/utf8.js";
import { urlString } from "../gourl/format.js";
import type { Url } from "../gourl/url.js";
import type { Certificate } from "./x509-certificate.js";
import type { Extension, IPNet } from "./x509-extensions.js";
import { nameValue } from "./x509-name.js";
import { publicKeyValue } from "./x509-publickey.js";

const bytesOrNull = (b: Uint8Array | null): Value => (b ? encodeBase64(b) : null);

const listOrNull = <T>(xs: readonly T[] | null, f: (x: T) => Value): Value => (xs ? xs.map(f) : null);

/** Go's `net.IP.String`. */
export function ipString(ip: Uint8Array): string {
  if (ip.length === 0) return "";
  if (ip.length === 4) return [...ip].join(".");
  if (ip.length !== 16) return "?" + Buffer.from(ip).toString("hex");
  if (ip.subarray(0, 10).every((b) => b === 0) && ip[10] === 0xff && ip[11] === 0xff) return [...ip.subarray(12)].join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i]! << 8) | ip[i + 1]!);
  // The longest run of two or more zero groups becomes "::" (the first one on ties).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.map((g) => g.toString(16)).join(":");
  const head = groups.slice(0, bestStart).map((g) => g.toString(16)).join(":");
  const tail = groups.slice(bestStart + bestLen).map((g) => g.toString(16)).join(":");
  return `${head}::${tail}`;
}

/** Go's JSON of a `*url.URL`: its fields, the byte strings as text (`Userinfo` has no exported fields). */
export function urlValue(u: Url): Value {
  return {
    Scheme: fromBinary(u.scheme),
    Opaque: fromBinary(u.opaque),
    User: u.user === undefined ? null : {},
    Host: fromBinary(u.host),
    Path: fromBinary(u.path),
    RawPath: fromBinary(u.rawPath),
    OmitHost: u.omitHost,
    ForceQuery: u.forceQuery,
    RawQuery: fromBinary(u.rawQuery),
    Fragment: fromBinary(u.fragment),
    RawFragment: fromBinary(u.rawFragment),
  };
}

function ipNetValue(n: IPNet): Value {
  return { IP: ipString(n.ip), Mask: encodeBase64(n.mask) };
}

export function extensionValue(e: Extension): Value {
  return { Id: [...e.id], Critical: e.critical, Value: encodeBase64(e.value) };
}

/**
 * A certificate as OPA returns it. `withURIStrings` adds OPA's `URIStrings` field
 * (the SAN URIs as text), which `parse_certificates` and
 * `parse_and_verify_certificates` include and the `_with_options` variant does not.
 */
export function certificateValue(c: Certificate, withURIStrings: boolean): Value {
  const out: Record<string, Value> = {
    Raw: encodeBase64(c.raw),
    RawTBSCertificate: encodeBase64(c.rawTBSCertificate),
    RawSubjectPublicKeyInfo: encodeBase64(c.rawSubjectPublicKeyInfo),
    RawSubject: encodeBase64(c.rawSubject),
    RawIssuer: encodeBase64(c.rawIssuer),
    Signature: encodeBase64(c.signature),
    SignatureAlgorithm: c.signatureAlgorithm,
    PublicKeyAlgorithm: c.publicKeyAlgorithm,
    PublicKey: publicKeyValue(c.publicKey),
    Version: c.version,
    SerialNumber: numberFromBigInt(c.serialNumber),
    Issuer: nameValue(c.issuer),
    Subject: nameValue(c.subject),
    NotBefore: formatTime(c.notBefore),
    NotAfter: formatTime(c.notAfter),
    KeyUsage: c.keyUsage,
    Extensions: listOrNull(c.extensions, extensionValue),
    ExtraExtensions: null,
    UnhandledCriticalExtensions: listOrNull(c.unhandledCriticalExtensions, (id) => [...id]),
    ExtKeyUsage: listOrNull(c.extKeyUsage, (u) => u),
    UnknownExtKeyUsage: listOrNull(c.unknownExtKeyUsage, (id) => [...id]),
    BasicConstraintsValid: c.basicConstraintsValid,
    IsCA: c.isCA,
    MaxPathLen: c.maxPathLen,
    MaxPathLenZero: c.maxPathLenZero,
    SubjectKeyId: bytesOrNull(c.subjectKeyId),
    AuthorityKeyId: bytesOrNull(c.authorityKeyId),
    OCSPServer: c.ocspServer,
    IssuingCertificateURL: c.issuingCertificateURL,
    DNSNames: c.dnsNames,
    EmailAddresses: c.emailAddresses,
    IPAddresses: listOrNull(c.ipAddresses, ipString),
    URIs: listOrNull(c.uris, urlValue),
    PermittedDNSDomainsCritical: c.permittedDNSDomainsCritical,
    PermittedDNSDomains: c.permittedDNSDomains,
    ExcludedDNSDomains: c.excludedDNSDomains,
    PermittedIPRanges: listOrNull(c.permittedIPRanges, ipNetValue),
    ExcludedIPRanges: listOrNull(c.excludedIPRanges, ipNetValue),
    PermittedEmailAddresses: c.permittedEmailAddresses,
    ExcludedEmailAddresses: c.excludedEmailAddresses,
    PermittedURIDomains: c.permittedURIDomains,
    ExcludedURIDomains: c.excludedURIDomains,
    CRLDistributionPoints: c.crlDistributionPoints,
    PolicyIdentifiers: listOrNull(c.policyIdentifiers, (id) => [...id]),
    Policies: c.policies,
    InhibitAnyPolicy: c.inhibitAnyPolicy,
    InhibitAnyPolicyZero: c.inhibitAnyPolicyZero,
    InhibitPolicyMapping: c.inhibitPolicyMapping,
    InhibitPolicyMappingZero: c.inhibitPolicyMappingZero,
    RequireExplicitPolicy: c.requireExplicitPolicy,
    RequireExplicitPolicyZero: c.requireExplicitPolicyZero,
    PolicyMappings: listOrNull(c.policyMappings, (m) => ({ IssuerDomainPolicy: m.issuer, SubjectDomainPolicy: m.subject })),
  };
  if (withURIStrings) out["URIStrings"] = listOrNull(c.uris, (u) => fromBinary(urlString(u)));
  return out;
}
