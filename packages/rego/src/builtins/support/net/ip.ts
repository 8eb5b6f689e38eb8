/**
 * IP addresses and networks with the semantics of Go's `net` package, which OPA's
 * CIDR builtins inherit: addresses are 4 or 16 bytes, an IPv4-mapped IPv6 address
 * (`::ffff:a.b.c.d`) is the same address as `a.b.c.d`, parsing follows `net/netip`
 * (no leading zeros in IPv4 fields, at most 4 hex digits per IPv6 group, zones only
 * where Go allows them), and text follows `net.IP.String` / `net.IPNet.String`.
 */

/** An address: 4 bytes (IPv4) or 16 bytes (IPv6, possibly IPv4-mapped). */
export type IP = Uint8Array;

/** A network: its address and mask, each 4 or 16 bytes, as Go's `net.IPNet`. */
export interface IPNet {
  readonly ip: IP;
  readonly mask: Uint8Array;
}

/** A parsed address literal: 16 bytes, whether it was written as IPv4, its zone. */
interface ParsedAddr {
  readonly bytes: Uint8Array;
  readonly is4: boolean;
  readonly zone: string;
}

function parseIPv4Fields(s: string, out: Uint8Array, at: number): boolean {
  let val = 0;
  let digits = 0;
  let field = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 1 && val === 0) return false; // leading zero
      val = val * 10 + (c - 48);
      digits++;
      if (val > 255) return false;
    } else if (c === 46) {
      if (i === 0 || i === s.length - 1 || s.charCodeAt(i - 1) === 46) return false;
      if (field === 3) return false;
      out[at + field++] = val;
      val = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  if (field < 3) return false;
  out[at + 3] = val;
  return true;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function parseIPv6(input: string): ParsedAddr | undefined {
  let s = input;
  let zone = "";
  const pct = s.indexOf("%");
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === "") return undefined;
  }
  const ip = new Uint8Array(16);
  let ellipsis = -1;
  let p = 0;
  if (s.length >= 2 && s[0] === ":" && s[1] === ":") {
    ellipsis = 0;
    p = 2;
    if (p === s.length) return { bytes: ip, is4: false, zone };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    while (p + off < s.length) {
      const h = hexValue(s.charCodeAt(p + off));
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3 || acc > 0xffff) return undefined;
      off++;
    }
    if (off === 0) return undefined;
    if (p + off < s.length && s[p + off] === ".") {
      if ((ellipsis < 0 && i !== 12) || i + 4 > 16) return undefined;
      if (!parseIPv4Fields(s.slice(p), ip, i)) return undefined;
      p = s.length;
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    p += off;
    if (p === s.length) break;
    if (s[p] !== ":" || p + 1 === s.length) return undefined;
    p++;
    if (s[p] === ":") {
      if (ellipsis >= 0) return undefined;
      ellipsis = i;
      p++;
      if (p === s.length) break;
    }
  }
  if (p !== s.length) return undefined;
  if (i < 16) {
    if (ellipsis < 0) return undefined;
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j]!;
    ip.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    return undefined; // "::" must stand for at least one group
  }
  return { bytes: ip, is4: false, zone };
}

/** Go's `netip.ParseAddr`: IPv4 dotted decimal, or IPv6 with an optional zone. */
function parseAddr(s: string): ParsedAddr | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ".") {
      const b = new Uint8Array(16);
      b[10] = 0xff;
      b[11] = 0xff;
      return parseIPv4Fields(s, b, 12) ? { bytes: b, is4: true, zone: "" } : undefined;
    }
    if (c === ":") return parseIPv6(s);
    if (c === "%") return undefined;
  }
  return undefined;
}

/** Go's `net.ParseIP`: the 16-byte form, or undefined (zones are rejected). */
export function parseIP(s: string): IP | undefined {
  const a = parseAddr(s);
  return a && a.zone === "" ? a.bytes : undefined;
}

/** An address literal with its zone, for `net.lookup_ip_addr` on literals. */
export function parseIPWithZone(s: string): { readonly ip: IP; readonly zone: string } | undefined {
  const a = parseAddr(s);
  return a ? { ip: a.bytes, zone: a.zone } : undefined;
}

/** Go's `net.CIDRMask(ones, bits)`. */
export function cidrMask(ones: number, bits: number): Uint8Array {
  const m = new Uint8Array(bits / 8);
  for (let i = 0; i < m.length; i++) {
    const n = Math.max(0, Math.min(8, ones - i * 8));
    m[i] = (0xff00 >> n) & 0xff;
  }
  return m;
}

function isV4Mapped(ip: IP): boolean {
  if (ip.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return false;
  return ip[10] === 0xff && ip[11] === 0xff;
}

/** Go's `IP.To4`: the 4-byte form of an IPv4 (or IPv4-mapped) address. */
export function to4(ip: IP): IP | undefined {
  if (ip.length === 4) return ip;
  return isV4Mapped(ip) ? ip.subarray(12) : undefined;
}

/** Go's `IP.Mask`: the address masked, or undefined when the lengths do not fit. */
export function maskIP(ip: IP, mask: Uint8Array): IP | undefined {
  let x = ip;
  if (mask.length === 16 && x.length === 4) {
    let allOnes = true;
    for (let i = 0; i < 12; i++) if (mask[i] !== 0xff) allOnes = false;
    if (allOnes) mask = mask.subarray(12);
  }
  if (mask.length === 4 && x.length === 16 && isV4Mapped(x)) x = x.subarray(12);
  if (mask.length !== x.length) return undefined;
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! & mask[i]!;
  return out;
}

/** Go's `net.ParseCIDR`: the network, or undefined for anything Go rejects. */
export function parseCIDR(s: string): IPNet | undefined {
  const slash = s.indexOf("/");
  if (slash < 0) return undefined;
  const addr = parseAddr(s.slice(0, slash));
  if (!addr || addr.zone !== "") return undefined;
  const m = s.slice(slash + 1);
  let n = 0;
  let i = 0;
  for (; i < m.length; i++) {
    const c = m.charCodeAt(i);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
    if (n >= 0xffffff) return undefined;
  }
  const bits = addr.is4 ? 32 : 128;
  if (i === 0 || i !== m.length || n > bits) return undefined;
  const mask = cidrMask(n, bits);
  return { ip: maskIP(addr.bytes, mask)!, mask };
}

/** Go's `networkNumberAndMask`: the comparable address and mask of a network. */
function networkNumberAndMask(n: IPNet): { ip: IP; mask: Uint8Array } | undefined {
  let ip = to4(n.ip);
  if (!ip) {
    ip = n.ip;
    if (ip.length !== 16) return undefined;
  }
  let mask = n.mask;
  if (mask.length === 4) {
    if (ip.length !== 4) return undefined;
  } else if (mask.length === 16) {
    if (ip.length === 4) mask = mask.subarray(12);
  } else {
    return undefined;
  }
  return { ip, mask };
}

/** Go's `IPNet.Contains`: IPv4 and IPv4-mapped addresses are interchangeable. */
export function contains(n: IPNet, addr: IP): boolean {
  const nm = networkNumberAndMask(n);
  if (!nm) return false;
  // Compare in place rather than through `to4`: this runs once per address checked.
  const from = addr.length === 16 && isV4Mapped(addr) ? 12 : 0;
  const len = addr.length - from;
  if (len !== nm.ip.length) return false;
  for (let i = 0; i < len; i++) if ((nm.ip[i]! & nm.mask[i]!) !== (addr[from + i]! & nm.mask[i]!)) return false;
  return true;
}

/** Go's `IPMask.Size` for canonical masks: the prefix length, or -1. */
function maskOnes(mask: Uint8Array): number {
  let ones = 0;
  let i = 0;
  for (; i < mask.length && mask[i] === 0xff; i++) ones += 8;
  if (i < mask.length) {
    const b = mask[i]!;
    let bit = 0x80;
    while (b & bit) {
      ones++;
      bit >>= 1;
    }
    if ((b & ~(0xff00 >> (ones % 8)) & 0xff) !== 0) return -1;
    for (i++; i < mask.length; i++) if (mask[i] !== 0) return -1;
  }
  return ones;
}

/** The last address of a network (OPA's `getLastIP`), as long as its address. */
export function lastIP(n: IPNet): IP {
  const out = Uint8Array.from(n.ip);
  const bits = n.mask.length * 8;
  const host = bits - maskOnes(n.mask);
  // Set the low `host` bits of the address.
  for (let b = 0; b < host; b++) {
    const idx = out.length - 1 - (b >> 3);
    if (idx < 0) break;
    out[idx]! |= 1 << (b & 7);
  }
  return out;
}

function hex4(x: number): string {
  return x.toString(16);
}

/** Go's `net.IP.String`: IPv4 (and IPv4-mapped) dotted, IPv6 per RFC 5952. */
export function ipString(ip: IP): string {
  if (ip.length === 0) return "<nil>";
  const v4 = to4(ip);
  if (v4) return `${v4[0]}.${v4[1]}.${v4[2]}.${v4[3]}`;
  if (ip.length !== 16) return "?" + Array.from(ip, (b) => b.toString(16).padStart(2, "0")).join("");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((ip[i]! << 8) | ip[i + 1]!);
  let zs = -1;
  let ze = -1;
  for (let i = 0; i < 8; i++) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i >= 2 && j - i > ze - zs) {
      zs = i;
      ze = j;
    }
  }
  let out = "";
  for (let i = 0; i < 8; i++) {
    if (i === zs) {
      out += "::";
      i = ze;
      if (i >= 8) break;
    } else if (i > 0) {
      out += ":";
    }
    out += hex4(groups[i]!);
  }
  return out;
}

/** Go's `net.IPNet.String`: `address/prefix`, the address as stored (not re-masked). */
export function netString(n: IPNet): string {
  const nm = networkNumberAndMask(n);
  if (!nm) return "<nil>";
  const ones = maskOnes(nm.mask);
  if (ones < 0) return ipString(nm.ip) + "/" + Array.from(nm.mask, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${ipString(nm.ip)}/${ones}`;
}

/** Go's `IP.DefaultMask`: the classful mask of an IPv4 address. */
export function defaultMask(ip4: IP): Uint8Array {
  const a = ip4[0]!;
  if (a < 0x80) return cidrMask(8, 32);
  if (a < 0xc0) return cidrMask(16, 32);
  return cidrMask(24, 32);
}

/** The next address, wrapping around like OPA's `incIP`. */
export function incIP(ip: IP): void {
  for (let j = ip.length - 1; j >= 0; j--) {
    ip[j] = (ip[j]! + 1) & 0xff;
    if (ip[j] !== 0) break;
  }
}

/** The number of addresses in a network, as a bigint. */
export function networkSize(n: IPNet): bigint {
  return 1n << BigInt(n.mask.length * 8 - Math.max(0, maskOnes(n.mask)));
}
