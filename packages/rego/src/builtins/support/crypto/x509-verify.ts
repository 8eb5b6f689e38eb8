/**
 * Certificate chain verification after Go's `(*x509.Certificate).Verify`: chains are
 * built depth-first from the leaf through candidate parents (roots before
 * intermediates, better key-identifier matches first), each step checking the
 * signature, validity period, CA flags, path length and name constraints; the
 * surviving chains are then filtered by extended key usage. The first chain wins.
 */
import { ExtKeyUsage } from "./x509-oids.js";
import { checkSignature } from "./x509-publickey.js";
import type { Certificate } from "./x509-certificate.js";
import { parseSANExtension } from "./x509-extensions.js";
import { fromBinary } from "../gobytes/utf8.js";
import { urlString } from "../gourl/format.js";
import { ipString } from "./x509-json.js";

export interface VerifyOptions {
  readonly dnsName: string;
  /** Milliseconds since the epoch. */
  readonly currentTimeMs: number;
  readonly keyUsages: readonly number[];
}

const KEY_USAGE_CERT_SIGN = 1 << 5;
const MAX_SIGNATURE_CHECKS = 100;

type CertType = "leaf" | "intermediate" | "root";

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** Verifies `leaf` up to one of `roots`; returns the first chain (leaf first) or an error message. */
export function verifyChain(leaf: Certificate, intermediates: readonly Certificate[], roots: readonly Certificate[], opts: VerifyOptions): Certificate[] | string {
  let err = isValid(leaf, "leaf", [], opts);
  if (err) return err;
  if (opts.dnsName.length > 0) {
    err = verifyHostname(leaf, opts.dnsName);
    if (err) return err;
  }
  let chains: Certificate[][];
  if (roots.some((r) => same(r.raw, leaf.raw))) {
    chains = [[leaf]];
  } else {
    const state = { sigChecks: 0 };
    const built = buildChains(leaf, [leaf], dedupe(roots), dedupe(intermediates), opts, state);
    if (typeof built === "string") return built;
    chains = built;
  }
  if (opts.keyUsages.includes(ExtKeyUsage.Any)) return chains[0]!;
  const usages = opts.keyUsages.length === 0 ? [ExtKeyUsage.ServerAuth] : opts.keyUsages;
  const ok = chains.filter((c) => checkChainForKeyUsage(c, usages));
  if (ok.length === 0) return "x509: certificate specifies an incompatible key usage";
  return ok[0]!;
}

function dedupe(pool: readonly Certificate[]): Certificate[] {
  const out: Certificate[] = [];
  for (const c of pool) if (!out.some((o) => same(o.raw, c.raw))) out.push(c);
  return out;
}

function findPotentialParents(c: Certificate, pool: readonly Certificate[]): Certificate[] {
  const matching: Certificate[] = [];
  const oneKeyID: Certificate[] = [];
  const mismatch: Certificate[] = [];
  for (const cand of pool) {
    if (!same(cand.rawSubject, c.rawIssuer)) continue;
    const skid = cand.subjectKeyId ?? new Uint8Array(0);
    const akid = c.authorityKeyId ?? new Uint8Array(0);
    if (same(skid, akid)) matching.push(cand);
    else if ((skid.length === 0 && akid.length > 0) || (skid.length > 0 && akid.length === 0)) oneKeyID.push(cand);
    else mismatch.push(cand);
  }
  return [...matching, ...oneKeyID, ...mismatch];
}

function alreadyInChain(c: Certificate, chain: readonly Certificate[]): boolean {
  return chain.some((x) => same(x.rawSubject, c.rawSubject) && same(x.rawSubjectPublicKeyInfo, c.rawSubjectPublicKeyInfo));
}

/** `CheckSignatureFrom`: the parent may sign certificates and its key verifies the child. */
function checkSignatureFrom(child: Certificate, parent: Certificate): boolean {
  if ((parent.version === 3 && !parent.basicConstraintsValid) || (parent.basicConstraintsValid && !parent.isCA)) return false;
  if (parent.keyUsage !== 0 && (parent.keyUsage & KEY_USAGE_CERT_SIGN) === 0) return false;
  return checkSignature(child.signatureAlgorithm, child.rawTBSCertificate, child.signature, parent.publicKey, parent.rawSubjectPublicKeyInfo);
}

function buildChains(
  c: Certificate,
  chain: Certificate[],
  roots: readonly Certificate[],
  intermediates: readonly Certificate[],
  opts: VerifyOptions,
  state: { sigChecks: number },
): Certificate[][] | string {
  const chains: Certificate[][] = [];
  let hint: string | undefined;
  let fatal: string | undefined;
  const consider = (type: CertType, cand: Certificate): void => {
    if (fatal || !cand.publicKey || alreadyInChain(cand, chain)) return;
    if (++state.sigChecks > MAX_SIGNATURE_CHECKS) {
      fatal = "x509: signature check attempts limit reached while verifying certificate chain";
      return;
    }
    if (!checkSignatureFrom(c, cand)) {
      hint ??= "x509: certificate signed by unknown authority";
      return;
    }
    const err = isValid(cand, type, chain, opts);
    if (err) {
      hint ??= err;
      return;
    }
    if (type === "root") {
      chains.push([...chain, cand]);
    } else {
      const sub = buildChains(cand, [...chain, cand], roots, intermediates, opts, state);
      if (typeof sub === "string") {
        if (sub.includes("limit reached")) fatal = sub;
      } else {
        chains.push(...sub);
      }
    }
  };
  for (const r of findPotentialParents(c, roots)) consider("root", r);
  for (const i of findPotentialParents(c, intermediates)) consider("intermediate", i);
  if (chains.length > 0) return chains;
  return fatal ?? `x509: certificate signed by unknown authority${hint && hint !== "x509: certificate signed by unknown authority" ? ` (possibly because of "${hint}")` : ""}`;
}

/** Go's `isValid` for a certificate about to join `chain` as `type`. */
function isValid(c: Certificate, type: CertType, chain: readonly Certificate[], opts: VerifyOptions): string | undefined {
  if (c.unhandledCriticalExtensions && c.unhandledCriticalExtensions.length > 0) return "x509: unhandled critical extension";
  if (chain.length > 0 && !same(chain[chain.length - 1]!.rawIssuer, c.rawSubject)) return "x509: issuer name does not match subject from issuing certificate";
  if (opts.currentTimeMs < c.notBefore.ms || opts.currentTimeMs > c.notAfter.ms) return "x509: certificate has expired or is not yet valid";
  if (type !== "leaf" && hasNameConstraints(c)) {
    for (const child of chain) {
      const err = checkNameConstraints(c, child);
      if (err) return err;
    }
  }
  if (type === "intermediate" && (!c.basicConstraintsValid || !c.isCA)) return "x509: certificate is not authorized to sign other certificates";
  if (c.basicConstraintsValid && c.maxPathLen >= 0 && chain.length - 1 > c.maxPathLen) return "x509: too many intermediates for path length constraint";
  return undefined;
}

function hasNameConstraints(c: Certificate): boolean {
  return (c.extensions ?? []).some((e) => e.id.length === 4 && e.id[0] === 2 && e.id[1] === 5 && e.id[2] === 29 && e.id[3] === 30);
}

function reverseLabels(domain: string): string[] | undefined {
  if (domain === "") return [];
  const labels = domain.split(".");
  if (labels.some((l) => l === "")) return undefined;
  return labels.reverse();
}

/** Go's `matchDomainConstraint`. */
function matchDomain(domain: string, constraint: string): boolean | undefined {
  if (constraint === "") return true;
  const domainLabels = reverseLabels(domain.toLowerCase());
  if (!domainLabels) return undefined;
  let mustBeSubdomain = false;
  if (constraint.startsWith(".")) {
    mustBeSubdomain = true;
    constraint = constraint.slice(1);
  }
  const constraintLabels = reverseLabels(constraint.toLowerCase());
  if (!constraintLabels) return undefined;
  if (domainLabels.length < constraintLabels.length || (mustBeSubdomain && domainLabels.length === constraintLabels.length)) return false;
  return constraintLabels.every((l, i) => l === domainLabels[i]);
}

function matchIP(ip: Uint8Array, ipNet: { ip: Uint8Array; mask: Uint8Array }): boolean {
  if (ip.length !== ipNet.ip.length) return false;
  for (let i = 0; i < ip.length; i++) if ((ip[i]! & ipNet.mask[i]!) !== (ipNet.ip[i]! & ipNet.mask[i]!)) return false;
  return true;
}

function matchEmail(email: string, constraint: string): boolean | undefined {
  const at = email.lastIndexOf("@");
  if (at <= 0) return undefined;
  if (constraint.includes("@")) {
    const cat = constraint.lastIndexOf("@");
    return email.slice(0, at) === constraint.slice(0, cat) && email.slice(at + 1).toLowerCase() === constraint.slice(cat + 1).toLowerCase();
  }
  return matchDomain(email.slice(at + 1), constraint);
}

function matchURI(uriHost: string, constraint: string): boolean | undefined {
  let host = uriHost;
  const colon = host.lastIndexOf(":");
  if (colon >= 0 && !host.includes("]")) host = host.slice(0, colon);
  if (host === "" || /^[0-9.]+$/.test(host) || host.startsWith("[")) return undefined;
  return matchDomain(host, constraint);
}

function checkList<T>(kind: string, name: string, value: T, permitted: readonly T2<T>[] | null, excluded: readonly T2<T>[] | null, match: (v: T, c: T2<T>) => boolean | undefined): string | undefined {
  for (const c of excluded ?? []) {
    const m = match(value, c);
    if (m === undefined) return `x509: cannot parse ${kind} ${JSON.stringify(name)}`;
    if (m) return `x509: a root or intermediate certificate is not authorized for this name: ${kind} ${JSON.stringify(name)} is excluded by constraint`;
  }
  if (!permitted || permitted.length === 0) return undefined;
  for (const c of permitted) {
    const m = match(value, c);
    if (m === undefined) return `x509: cannot parse ${kind} ${JSON.stringify(name)}`;
    if (m) return undefined;
  }
  return `x509: a root or intermediate certificate is not authorized to sign for this name: ${kind} ${JSON.stringify(name)} is not permitted by any constraint`;
}

type T2<T> = T extends Uint8Array ? { ip: Uint8Array; mask: Uint8Array } : string;

function checkNameConstraints(ca: Certificate, child: Certificate): string | undefined {
  const sanExt = (child.extensions ?? []).find((e) => e.id.join(".") === "2.5.29.17");
  if (!sanExt) return undefined;
  const sans = parseSANExtension(sanExt.value);
  for (const e of sans.emailAddresses ?? []) {
    const err = checkList<string>("rfc822Name", e, e, ca.permittedEmailAddresses, ca.excludedEmailAddresses, matchEmail);
    if (err) return err;
  }
  for (const d of sans.dnsNames ?? []) {
    const err = checkList<string>("DNS name", d, d, ca.permittedDNSDomains, ca.excludedDNSDomains, matchDomain);
    if (err) return err;
  }
  for (const u of sans.uris ?? []) {
    const err = checkList<string>("URI", fromBinary(urlString(u)), fromBinary(u.host), ca.permittedURIDomains, ca.excludedURIDomains, matchURI);
    if (err) return err;
  }
  for (const ip of sans.ipAddresses ?? []) {
    const err = checkList<Uint8Array>("IP address", ipString(ip), ip, ca.permittedIPRanges, ca.excludedIPRanges, matchIP);
    if (err) return err;
  }
  return undefined;
}

function checkChainForKeyUsage(chain: readonly Certificate[], keyUsages: readonly number[]): boolean {
  const usages: (number | null)[] = [...keyUsages];
  let remaining = usages.length;
  for (let i = chain.length - 1; i >= 0; i--) {
    const cert = chain[i]!;
    const known = cert.extKeyUsage ?? [];
    if (known.length === 0 && (cert.unknownExtKeyUsage ?? []).length === 0) continue;
    if (known.includes(ExtKeyUsage.Any)) continue;
    for (let j = 0; j < usages.length; j++) {
      const u = usages[j];
      if (u === null || u === undefined) continue;
      if (known.includes(u)) continue;
      usages[j] = null;
      if (--remaining === 0) return false;
    }
  }
  return true;
}

function parseIPLiteral(s: string): Uint8Array | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (v4) {
    const parts = v4.slice(1).map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return Uint8Array.from(parts);
  }
  if (!s.includes(":")) return undefined;
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === "") return [];
    const groups = h.split(":");
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      out.push(n >> 8, n & 0xff);
    }
    return out;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return undefined;
  if (halves.length === 1 && head.length !== 16) return undefined;
  if (head.length + tail.length > (halves.length === 2 ? 14 : 16)) return undefined;
  const out = new Uint8Array(16);
  out.set(head, 0);
  out.set(tail, 16 - tail.length);
  return out;
}

function ipEqual(a: Uint8Array, b: Uint8Array): boolean {
  const norm = (x: Uint8Array): string => (x.length === 4 ? ipString(x) : ipString(x));
  return norm(a) === norm(b);
}

function matchHostname(pattern: string, host: string): boolean {
  pattern = pattern.toLowerCase().replace(/\.$/, "");
  host = host.replace(/\.$/, "");
  if (pattern.length === 0 || host.length === 0) return false;
  const p = pattern.split(".");
  const h = host.split(".");
  if (p.length !== h.length) return false;
  return p.every((label, i) => (i === 0 && label === "*") || label === h[i]);
}

/** `VerifyHostname`, with Go's IP-literal and wildcard handling. */
function verifyHostname(c: Certificate, h: string): string | undefined {
  let candidateIP = h;
  if (h.length >= 3 && h.startsWith("[") && h.endsWith("]")) candidateIP = h.slice(1, -1);
  const ip = parseIPLiteral(candidateIP);
  if (ip) {
    for (const cand of c.ipAddresses ?? []) if (ipEqual(ip, cand)) return undefined;
    return `x509: certificate is not valid for IP ${candidateIP}`;
  }
  const name = h.toLowerCase();
  for (const pattern of c.dnsNames ?? []) {
    if (matchHostname(pattern, name) || pattern.toLowerCase() === name) return undefined;
  }
  return `x509: certificate is not valid for ${h}`;
}
