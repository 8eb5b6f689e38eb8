/**
 * `net.cidr_merge`: the smallest list of networks covering the given ones, with the
 * behaviour of OPA's implementation (after netaddr and Cilium):
 *
 * - all ranges live in one 128-bit space, IPv4 as `::ffff:a.b.c.d`, so IPv4 networks
 *   merge with IPv4-mapped IPv6 ones and with IPv6 networks covering them;
 * - ranges are sorted by (last, first) and folded from the end: a range joins its
 *   predecessor when the address before its first one is not beyond the
 *   predecessor's last; "the address before" never goes below `0.0.0.0` for IPv4
 *   (nor below `::`), so IPv4 never joins an IPv6 range ending just below it;
 * - a network that joined nothing is printed as given (`net.IPNet.String`, so a bare
 *   IPv4 address keeps its classful mask: `192.0.2.112` → `192.0.2.112/24`); merged
 *   ranges are printed as their minimal CIDR cover.
 */
import { ipString, maskIP, netString, to4, type IP, type IPNet } from "./ip.js";

const V4_BASE = 0xffffn << 32n;

function toBig(ip: IP): bigint {
  let n = 0n;
  for (const b of ip) n = (n << 8n) | BigInt(b);
  return n;
}

function fromBig(n: bigint): IP {
  const out = new Uint8Array(16);
  for (let i = 15; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

interface Range {
  first: bigint;
  last: bigint;
  /** The network as given, while the range has not been merged. */
  net: IPNet | undefined;
}

/** The first and last address of a network, in the 128-bit space. */
function addressRange(n: IPNet): Range {
  const masked = maskIP(n.ip, n.mask) ?? n.ip;
  const v4 = to4(masked);
  let first: bigint;
  let hostBits: number;
  let ones = 0;
  for (const b of n.mask) for (let bit = 0x80; bit > 0; bit >>= 1) if (b & bit) ones++;
  if (v4 && n.mask.length === 4) {
    first = V4_BASE | toBig(v4);
    hostBits = 32 - ones;
  } else {
    first = toBig(masked.length === 4 ? fromBig(V4_BASE | toBig(masked)) : masked);
    hostBits = n.mask.length * 8 - ones;
  }
  return { first, last: first | ((1n << BigInt(hostBits)) - 1n), net: n };
}

/** The address before `x`, stopping at `::` and at `0.0.0.0` (OPA's `GetPreviousIP`). */
function previous(x: bigint): bigint {
  return x === 0n || x === V4_BASE ? x : x - 1n;
}

function blockString(base: bigint, len: number): string {
  const ip = fromBig(base);
  if (to4(ip) && len >= 96) return `${ipString(ip)}/${len - 96}`;
  return `${ipString(ip)}/${len}`;
}

/** The minimal list of CIDR blocks covering `[first, last]`. */
function cover(first: bigint, last: bigint, out: string[]): void {
  let x = first;
  while (x <= last) {
    let size = 0;
    while (size < 128 && (x & ((1n << BigInt(size + 1)) - 1n)) === 0n && x + (1n << BigInt(size + 1)) - 1n <= last) size++;
    out.push(blockString(x, 128 - size));
    x += 1n << BigInt(size);
    if (size === 128) break;
  }
}

/** Merges networks; returns the text of the resulting networks. */
export function mergeNetworks(networks: readonly IPNet[]): string[] {
  const ranges = networks.map(addressRange);
  ranges.sort((a, b) => (a.last < b.last ? -1 : a.last > b.last ? 1 : a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = ranges.length - 1; i > 0; i--) {
    const cur = ranges[i]!;
    const prev = ranges[i - 1]!;
    if (previous(cur.first) <= prev.last) {
      ranges[i - 1] = { first: prev.first < cur.first ? prev.first : cur.first, last: cur.last, net: undefined };
      ranges.splice(i, 1);
    }
  }
  const out: string[] = [];
  for (const r of ranges) {
    if (r.net) out.push(netString(r.net));
    else cover(r.first, r.last, out);
  }
  return out;
}
