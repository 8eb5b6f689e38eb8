/**
 * Certificate extensions, interpreted as Go's `x509.processExtensions` interprets
 * them (key usage, basic constraints, SANs, name constraints, CRL distribution
 * points, key identifiers, policies, extended key usage, authority info access).
 */
import { Der, Tag, contextTag, oidString, type BitString } from "./der.js";
import { UrlError } from "../gourl/escape.js";
import { parseUrl, type Url } from "../gourl/url.js";
import { isIA5 } from "./x509-name.js";
import { X509Error } from "./x509-publickey.js";
import { EXT_KEY_USAGE_OIDS, OID_AIA_ISSUERS, OID_AIA_OCSP, OID_EXT_AUTHORITY_INFO_ACCESS } from "./x509-oids.js";

export interface Extension {
  readonly id: readonly number[];
  readonly critical: boolean;
  readonly value: Uint8Array;
}

export interface IPNet {
  readonly ip: Uint8Array;
  readonly mask: Uint8Array;
}

/** The fields `processExtensions` fills. Lists are null when Go leaves them nil. */
export interface ExtensionFields {
  keyUsage: number;
  basicConstraintsValid: boolean;
  isCA: boolean;
  maxPathLen: number;
  maxPathLenZero: boolean;
  dnsNames: string[] | null;
  emailAddresses: string[] | null;
  ipAddresses: Uint8Array[] | null;
  uris: Url[] | null;
  permittedDNSDomainsCritical: boolean;
  permittedDNSDomains: string[] | null;
  excludedDNSDomains: string[] | null;
  permittedIPRanges: IPNet[] | null;
  excludedIPRanges: IPNet[] | null;
  permittedEmailAddresses: string[] | null;
  excludedEmailAddresses: string[] | null;
  permittedURIDomains: string[] | null;
  excludedURIDomains: string[] | null;
  crlDistributionPoints: string[] | null;
  authorityKeyId: Uint8Array | null;
  subjectKeyId: Uint8Array | null;
  extKeyUsage: number[] | null;
  unknownExtKeyUsage: number[][] | null;
  policyIdentifiers: number[][] | null;
  policies: string[] | null;
  policyMappings: { issuer: string; subject: string }[] | null;
  inhibitAnyPolicy: number;
  inhibitAnyPolicyZero: boolean;
  inhibitPolicyMapping: number;
  inhibitPolicyMappingZero: boolean;
  requireExplicitPolicy: number;
  requireExplicitPolicyZero: boolean;
  ocspServer: string[] | null;
  issuingCertificateURL: string[] | null;
  unhandledCriticalExtensions: number[][] | null;
}

export function emptyExtensionFields(): ExtensionFields {
  return {
    keyUsage: 0,
    basicConstraintsValid: false,
    isCA: false,
    maxPathLen: 0,
    maxPathLenZero: false,
    dnsNames: null,
    emailAddresses: null,
    ipAddresses: null,
    uris: null,
    permittedDNSDomainsCritical: false,
    permittedDNSDomains: null,
    excludedDNSDomains: null,
    permittedIPRanges: null,
    excludedIPRanges: null,
    permittedEmailAddresses: null,
    excludedEmailAddresses: null,
    permittedURIDomains: null,
    excludedURIDomains: null,
    crlDistributionPoints: null,
    authorityKeyId: null,
    subjectKeyId: null,
    extKeyUsage: null,
    unknownExtKeyUsage: null,
    policyIdentifiers: null,
    policies: null,
    policyMappings: null,
    inhibitAnyPolicy: 0,
    inhibitAnyPolicyZero: false,
    inhibitPolicyMapping: 0,
    inhibitPolicyMappingZero: false,
    requireExplicitPolicy: 0,
    requireExplicitPolicyZero: false,
    ocspServer: null,
    issuingCertificateURL: null,
    unhandledCriticalExtensions: null,
  };
}

function push<T>(list: T[] | null, v: T): T[] {
  return list ? (list.push(v), list) : [v];
}

const latin1 = (b: Uint8Array): string => Buffer.from(b).toString("latin1");

/** Go's `domainNameValid`. */
function domainNameValid(s: string, constraint: boolean): boolean {
  if (s.length === 0) return true;
  if (s.endsWith(".")) return false;
  if (constraint && s.startsWith(".")) s = s.slice(1);
  let lastDot = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = s.charCodeAt(i);
    if (i < s.length && (c < 33 || c > 126)) return false;
    if (i === s.length || c === 0x2e) {
      if (i - (lastDot + 1) === 0) return false;
      lastDot = i;
    }
  }
  return true;
}

function isIPv4Mapped(ip: Uint8Array): boolean {
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

export interface SANs {
  dnsNames: string[] | null;
  emailAddresses: string[] | null;
  ipAddresses: Uint8Array[] | null;
  /** Fields are binary strings (see `gourl/url.ts`). */
  uris: Url[] | null;
}

/** Go's `parseSANExtension`. */
export function parseSANExtension(value: Uint8Array): SANs {
  const out: SANs = { dnsNames: null, emailAddresses: null, ipAddresses: null, uris: null };
  const seq = new Der(value).read(Tag.SEQUENCE);
  if (!seq) throw new X509Error("x509: invalid subject alternative names");
  while (!seq.empty()) {
    const el = seq.readAny();
    if (!el) throw new X509Error("x509: invalid subject alternative name");
    const data = el.content.bytes();
    switch (el.tag ^ 0x80) {
      case 1:
        if (!isIA5(data)) throw new X509Error("x509: SAN rfc822Name is malformed");
        out.emailAddresses = push(out.emailAddresses, latin1(data));
        break;
      case 2:
        if (!isIA5(data)) throw new X509Error("x509: SAN dNSName is malformed");
        out.dnsNames = push(out.dnsNames, latin1(data));
        break;
      case 6: {
        if (!isIA5(data)) throw new X509Error("x509: SAN uniformResourceIdentifier is malformed");
        const s = latin1(data); // IA5 text, so already a binary string
        let uri: Url;
        try {
          uri = parseUrl(s);
        } catch (e) {
          if (e instanceof UrlError) throw new X509Error(`x509: cannot parse URI ${JSON.stringify(s)}: ${e.message}`);
          throw e;
        }
        if (uri.host.length > 0 && !domainNameValid(uri.host, false)) throw new X509Error(`x509: cannot parse URI ${JSON.stringify(s)}: invalid domain`);
        out.uris = push(out.uris, uri);
        break;
      }
      case 7:
        if (data.length === 16) {
          if (isIPv4Mapped(data)) throw new X509Error("x509: SAN iPAddress contains IPv4-mapped IPv6 address");
        } else if (data.length !== 4) {
          throw new X509Error(`x509: cannot parse IP address of length ${data.length}`);
        }
        out.ipAddresses = push(out.ipAddresses, data);
        break;
    }
  }
  return out;
}

function bitAt(bs: BitString, i: number): number {
  if (i < 0 || i >= bs.bitLength) return 0;
  return (bs.bytes[i >> 3]! >> (7 - (i & 7))) & 1;
}

function isValidIPMask(mask: Uint8Array): boolean {
  let seenZero = false;
  for (const b of mask) {
    if (seenZero) {
      if (b !== 0) return false;
      continue;
    }
    if ([0x00, 0x80, 0xc0, 0xe0, 0xf0, 0xf8, 0xfc, 0xfe].includes(b)) seenZero = true;
    else if (b !== 0xff) return false;
  }
  return true;
}

interface Subtrees {
  dns: string[] | null;
  ips: IPNet[] | null;
  emails: string[] | null;
  uris: string[] | null;
  unhandled: boolean;
}

function constraintSubtrees(subtrees: Der | undefined): Subtrees {
  const out: Subtrees = { dns: null, ips: null, emails: null, uris: null, unhandled: false };
  if (!subtrees) return out;
  while (!subtrees.empty()) {
    const seq = subtrees.read(Tag.SEQUENCE);
    const el = seq?.readAny();
    if (!el) throw new X509Error("x509: invalid NameConstraints extension");
    const value = el.content.bytes();
    switch (el.tag) {
      case contextTag(2): {
        if (!isIA5(value)) throw new X509Error("x509: invalid constraint value: x509: cannot be encoded as an IA5String");
        const domain = latin1(value);
        if (!domainNameValid(domain, true)) throw new X509Error(`x509: failed to parse dnsName constraint ${JSON.stringify(domain)}`);
        out.dns = push(out.dns, domain);
        break;
      }
      case contextTag(7): {
        if (value.length !== 8 && value.length !== 32) throw new X509Error(`x509: IP constraint contained value of length ${value.length}`);
        const half = value.length / 2;
        const ip = value.subarray(0, half);
        const mask = value.subarray(half);
        if (!isValidIPMask(mask)) throw new X509Error(`x509: IP constraint contained invalid mask ${Buffer.from(mask).toString("hex")}`);
        if (ip.length === 16 && isIPv4Mapped(ip)) throw new X509Error("x509: IP constraint contained IPv4-mapped IPv6 address");
        out.ips = push(out.ips, { ip, mask });
        break;
      }
      case contextTag(1): {
        if (!isIA5(value)) throw new X509Error("x509: invalid constraint value: x509: cannot be encoded as an IA5String");
        const c = latin1(value);
        const ok = c.includes("@") ? /^[^@]+@[^@]+$/.test(c) : domainNameValid(c, true);
        if (!ok) throw new X509Error(`x509: failed to parse rfc822Name constraint ${JSON.stringify(c)}`);
        out.emails = push(out.emails, c);
        break;
      }
      case contextTag(6): {
        if (!isIA5(value)) throw new X509Error("x509: invalid constraint value: x509: cannot be encoded as an IA5String");
        const domain = latin1(value);
        if (!domainNameValid(domain, true)) throw new X509Error(`x509: failed to parse URI constraint ${JSON.stringify(domain)}`);
        out.uris = push(out.uris, domain);
        break;
      }
      default:
        out.unhandled = true;
    }
  }
  return out;
}

function parseNameConstraints(out: ExtensionFields, e: Extension): boolean {
  const outer = new Der(e.value);
  const top = outer.read(Tag.SEQUENCE);
  const permitted = top?.readOptional(contextTag(0, true));
  const excluded = top?.readOptional(contextTag(1, true));
  if (!top || !outer.empty() || !permitted || !excluded || !top.empty()) throw new X509Error("x509: invalid NameConstraints extension");
  if (!permitted.present && !excluded.present) throw new X509Error("x509: empty name constraints extension");
  if ((permitted.present && permitted.content!.empty()) || (excluded.present && excluded.content!.empty())) {
    throw new X509Error("x509: empty name constraints subtree sequence");
  }
  const p = constraintSubtrees(permitted.content);
  const x = constraintSubtrees(excluded.content);
  out.permittedDNSDomains = p.dns;
  out.permittedIPRanges = p.ips;
  out.permittedEmailAddresses = p.emails;
  out.permittedURIDomains = p.uris;
  out.excludedDNSDomains = x.dns;
  out.excludedIPRanges = x.ips;
  out.excludedEmailAddresses = x.emails;
  out.excludedURIDomains = x.uris;
  out.permittedDNSDomainsCritical = e.critical;
  return p.unhandled || x.unhandled;
}

function readSmallInt(d: Der, tag: number, what: string): number {
  const v = d.readInteger(tag);
  if (v === undefined || v > 0x7fffffffffffffffn || v < -0x8000000000000000n) throw new X509Error(what);
  return Number(v);
}

/** Go's `processExtensions`, filling `out` from the certificate's extensions. */
export function processExtensions(out: ExtensionFields, extensions: readonly Extension[]): void {
  for (const e of extensions) {
    let unhandled = false;
    const id = e.id;
    if (id.length === 4 && id[0] === 2 && id[1] === 5 && id[2] === 29) {
      switch (id[3]) {
        case 15: {
          const bits = new Der(e.value).readBitString();
          if (!bits) throw new X509Error("x509: invalid key usage");
          let usage = 0;
          for (let i = 0; i < 9; i++) if (bitAt(bits, i)) usage |= 1 << i;
          out.keyUsage = usage;
          break;
        }
        case 19: {
          const seq = new Der(e.value).read(Tag.SEQUENCE);
          if (!seq) throw new X509Error("x509: invalid basic constraints");
          let isCA = false;
          if (seq.peekTag(Tag.BOOLEAN)) {
            const b = seq.readBoolean();
            if (b === undefined) throw new X509Error("x509: invalid basic constraints");
            isCA = b;
          }
          let maxPathLen = -1;
          if (seq.peekTag(Tag.INTEGER)) {
            const m = seq.readInteger();
            if (m === undefined || m < 0n || m > 0x7fffffffffffffffn) throw new X509Error("x509: invalid basic constraints");
            maxPathLen = Number(m);
          }
          out.isCA = isCA;
          out.maxPathLen = maxPathLen;
          out.basicConstraintsValid = true;
          out.maxPathLenZero = maxPathLen === 0;
          break;
        }
        case 17: {
          const sans = parseSANExtension(e.value);
          Object.assign(out, sans);
          if (!sans.dnsNames && !sans.emailAddresses && !sans.ipAddresses && !sans.uris) unhandled = true;
          break;
        }
        case 30:
          unhandled = parseNameConstraints(out, e);
          break;
        case 31: {
          const val = new Der(e.value).read(Tag.SEQUENCE);
          if (!val) throw new X509Error("x509: invalid CRL distribution points");
          while (!val.empty()) {
            const dp = val.read(Tag.SEQUENCE);
            if (!dp) throw new X509Error("x509: invalid CRL distribution point");
            const name = dp.readOptional(contextTag(0, true));
            if (!name) throw new X509Error("x509: invalid CRL distribution point");
            if (!name.present) continue;
            const full = name.content!.read(contextTag(0, true));
            if (!full) throw new X509Error("x509: invalid CRL distribution point");
            while (!full.empty()) {
              if (!full.peekTag(contextTag(6))) break;
              const uri = full.read(contextTag(6));
              if (!uri) throw new X509Error("x509: invalid CRL distribution point");
              out.crlDistributionPoints = push(out.crlDistributionPoints, latin1(uri.bytes()));
            }
          }
          break;
        }
        case 35: {
          if (e.critical) throw new X509Error("x509: authority key identifier incorrectly marked critical");
          const akid = new Der(e.value).read(Tag.SEQUENCE);
          if (!akid) throw new X509Error("x509: invalid authority key identifier");
          if (akid.peekTag(contextTag(0))) {
            const k = akid.read(contextTag(0));
            if (!k) throw new X509Error("x509: invalid authority key identifier");
            out.authorityKeyId = k.bytes();
          }
          break;
        }
        case 36: {
          const val = new Der(e.value).read(Tag.SEQUENCE);
          if (!val) throw new X509Error("x509: invalid policy constraints extension");
          if (val.peekTag(contextTag(0))) {
            out.requireExplicitPolicy = readSmallInt(val, contextTag(0), "x509: invalid policy constraints extension");
            out.requireExplicitPolicyZero = out.requireExplicitPolicy === 0;
          }
          if (val.peekTag(contextTag(1))) {
            out.inhibitPolicyMapping = readSmallInt(val, contextTag(1), "x509: invalid policy constraints extension");
            out.inhibitPolicyMappingZero = out.inhibitPolicyMapping === 0;
          }
          break;
        }
        case 37: {
          const seq = new Der(e.value).read(Tag.SEQUENCE);
          if (!seq) throw new X509Error("x509: invalid extended key usages");
          let known: number[] | null = null;
          let unknown: number[][] | null = null;
          while (!seq.empty()) {
            const oid = seq.readOID();
            if (!oid) throw new X509Error("x509: invalid extended key usages");
            const usage = EXT_KEY_USAGE_OIDS.get(oidString(oid));
            if (usage !== undefined) known = push(known, usage);
            else unknown = push(unknown, oid);
          }
          out.extKeyUsage = known;
          out.unknownExtKeyUsage = unknown;
          break;
        }
        case 14: {
          if (e.critical) throw new X509Error("x509: subject key identifier incorrectly marked critical");
          const skid = new Der(e.value).read(Tag.OCTET_STRING);
          if (!skid) throw new X509Error("x509: invalid subject key identifier");
          out.subjectKeyId = skid.bytes();
          break;
        }
        case 32: {
          const seq = new Der(e.value).read(Tag.SEQUENCE);
          if (!seq) throw new X509Error("x509: invalid certificate policies");
          const seen = new Set<string>();
          const oids: number[][] = [];
          while (!seq.empty()) {
            const cp = seq.read(Tag.SEQUENCE);
            const oid = cp?.readOID();
            if (!oid) throw new X509Error("x509: invalid certificate policies");
            const key = oidString(oid);
            if (seen.has(key)) throw new X509Error("x509: invalid certificate policies");
            seen.add(key);
            oids.push(oid);
          }
          out.policies = oids.length > 0 ? oids.map(oidString) : null;
          out.policyIdentifiers = oids;
          break;
        }
        case 33: {
          const val = new Der(e.value).read(Tag.SEQUENCE);
          if (!val) throw new X509Error("x509: invalid policy mappings extension");
          while (!val.empty()) {
            const s = val.read(Tag.SEQUENCE);
            const issuer = s?.readOID();
            const subject = s?.readOID();
            if (!issuer || !subject) throw new X509Error("x509: invalid policy mappings extension");
            out.policyMappings = push(out.policyMappings, { issuer: oidString(issuer), subject: oidString(subject) });
          }
          break;
        }
        case 54: {
          const v = new Der(e.value).readInteger();
          if (v === undefined || v > 0x7fffffffffffffffn || v < -0x8000000000000000n) throw new X509Error("x509: invalid inhibit any policy extension");
          out.inhibitAnyPolicy = Number(v);
          out.inhibitAnyPolicyZero = out.inhibitAnyPolicy === 0;
          break;
        }
        default:
          unhandled = true;
      }
    } else if (oidString(id) === OID_EXT_AUTHORITY_INFO_ACCESS) {
      if (e.critical) throw new X509Error("x509: authority info access incorrectly marked critical");
      const val = new Der(e.value).read(Tag.SEQUENCE);
      if (!val) throw new X509Error("x509: invalid authority info access");
      while (!val.empty()) {
        const aia = val.read(Tag.SEQUENCE);
        const method = aia?.readOID();
        if (!aia || !method) throw new X509Error("x509: invalid authority info access");
        if (!aia.peekTag(contextTag(6))) continue;
        const loc = aia.read(contextTag(6));
        if (!loc) throw new X509Error("x509: invalid authority info access");
        const m = oidString(method);
        if (m === OID_AIA_OCSP) out.ocspServer = push(out.ocspServer, latin1(loc.bytes()));
        else if (m === OID_AIA_ISSUERS) out.issuingCertificateURL = push(out.issuingCertificateURL, latin1(loc.bytes()));
      }
    } else {
      unhandled = true;
    }
    if (e.critical && unhandled) out.unhandledCriticalExtensions = push(out.unhandledCriticalExtensions, [...id]);
  }
}
