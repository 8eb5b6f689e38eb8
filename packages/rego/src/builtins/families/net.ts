/**
 * IP networks: net.cidr_* and net.lookup_ip_addr, with Go's `net` semantics (IPv4
 * and IPv4-mapped IPv6 addresses are interchangeable; see support/net/ip.ts).
 *
 * Like OPA, the CIDR builtins report a wrongly typed CIDR operand as "operand 1"
 * whichever argument it is. `net.cidr_overlap` (deprecated, rejected by OPA's v1
 * compiler) is not declared.
 */
import { RSet, isObject, objectSome, type Value } from "../../ast/value.js";
import { defineBuiltin, t, type Builtin, type BuiltinContext } from "../types.js";
import { BuiltinError, BuiltinHalt, OperandError, string } from "../operands.js";
import {
  contains,
  incIP,
  ipString,
  lastIP,
  maskIP,
  networkSize,
  parseCIDR,
  parseIP,
  parseIPWithZone,
  to4,
  defaultMask,
  type IPNet,
} from "../support/net/ip.js";
import { mergeNetworks } from "../support/net/cidr-merge.js";
import { lookupStaticHost } from "../support/net/hosts.js";
import { checkHost } from "../support/http/permission.js";
import { callNetwork } from "../support/http/sync-network.js";

/**
 * More addresses than this in one `net.cidr_expand` (an IPv4 /12) halts the query as
 * OPA halts it when the query is cancelled mid-expansion: OPA has no fixed limit,
 * but a /12 already takes about a second and ~100 MB here.
 */
export const EXPAND_LIMIT = 1 << 20;

/**
 * Parsed networks by text. Policies check many addresses against a few allow-listed
 * networks, so each network is parsed once; networks are never mutated once parsed.
 * The cache is dropped whole when it grows past its bound.
 */
const parsedNetworks = new Map<string, IPNet>();
const PARSED_NETWORKS_MAX = 4096;

function cidrOperand(v: Value): IPNet {
  if (typeof v !== "string") throw OperandError.type(1, v, "string");
  let n = parsedNetworks.get(v);
  if (n) return n;
  n = parseCIDR(v);
  if (!n) throw new BuiltinError(`invalid CIDR address: ${v}`);
  if (parsedNetworks.size >= PARSED_NETWORKS_MAX) parsedNetworks.clear();
  parsedNetworks.set(v, n);
  return n;
}

/** `net.cidr_contains(a, b)` on values, for both it and `net.cidr_contains_matches`. */
function cidrContains(a: Value, b: Value): boolean {
  const net = cidrOperand(a);
  if (typeof b !== "string") throw OperandError.type(1, b, "string");
  const ip = parseIP(b);
  if (ip) return contains(net, ip);
  const inner = parseCIDR(b);
  if (!inner) throw new BuiltinError(`not a valid textual representation of an IP address or CIDR: ${b}`);
  return contains(net, inner.ip) && contains(net, lastIP(inner));
}

function matchTerm(pos: number, v: Value): Value {
  if (typeof v === "string") return v;
  if (Array.isArray(v) && v.length > 0) return v[0]!;
  throw new BuiltinError(`operand ${pos}: element must be string or non-empty array`);
}

/** The (cidr, index) pairs of a `net.cidr_contains_matches` operand, checked lazily as OPA does. */
function* matchEntries(pos: number, v: Value): Generator<[Value, Value]> {
  if (typeof v === "string") yield [v, v];
  else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) yield [matchTerm(pos, v[i]!), i];
  else if (v instanceof RSet) for (const x of v.sorted()) yield [matchTerm(pos, x), x];
  else if (isObject(v)) {
    const entries: [Value, Value][] = [];
    objectSome(v, (k, x) => {
      entries.push([k, x]);
      return false;
    });
    for (const [k, x] of entries) yield [matchTerm(pos, x), k];
  }
}

function expand(cidr: string): RSet {
  const net = parseCIDR(cidr);
  if (!net) throw new BuiltinError(`invalid CIDR address: ${cidr}`);
  if (networkSize(net) > BigInt(EXPAND_LIMIT)) throw new BuiltinHalt("eval_cancel_error", "timed out before generating all IP addresses");
  const out = new RSet();
  const ip = Uint8Array.from(maskIP(net.ip, net.mask)!);
  while (contains(net, ip)) {
    if (!out.add(ipString(ip))) break; // wrapped around
    incIP(ip);
  }
  return out;
}

/** A `net.cidr_merge` element: a CIDR, or an IPv4 address with its classful mask. */
function mergeElement(v: Value): IPNet {
  if (typeof v !== "string") throw new BuiltinError("element must be string");
  const ip = parseIP(v);
  if (!ip) {
    const net = parseCIDR(v);
    if (!net) throw new BuiltinError(`invalid CIDR address: ${v}`);
    return net;
  }
  const v4 = to4(ip);
  if (v4) return { ip, mask: defaultMask(v4) };
  throw new BuiltinError("IPv6 invalid: needs prefix length");
}

/**
 * Address literals and hosts-file names are answered here, without the network;
 * any other name needs the host allowed, and is resolved by the system resolver.
 */
function lookup(name: string, ctx: BuiltinContext): RSet {
  if (name === "") throw new BuiltinError("lookup : no such host");
  const literal = parseIPWithZone(name);
  let addrs = literal ? [name] : lookupStaticHost(name);
  if (addrs.length === 0) addrs = resolve(name, ctx);
  const out = new RSet();
  for (const a of addrs) {
    const p = parseIPWithZone(a);
    if (p) out.add(p.zone ? `${ipString(p.ip)}%${p.zone}` : ipString(p.ip));
  }
  return out;
}

/** Go's resolver gives up after this long by default (5s per attempt). */
const LOOKUP_TIMEOUT_MS = 5_000;

function resolve(name: string, ctx: BuiltinContext): string[] {
  checkHost(ctx.allowNet, name);
  const left = ctx.deadline === undefined ? LOOKUP_TIMEOUT_MS : Math.min(LOOKUP_TIMEOUT_MS, ctx.deadline - performance.now());
  const answer = left > 0 ? callNetwork({ op: "lookup", name, timeoutMs: left }, left) : undefined;
  if (answer === undefined) throw new BuiltinHalt("eval_cancel_error", `lookup ${name}: i/o timeout`);
  if (answer.ok && "addresses" in answer) return [...answer.addresses];
  const code = answer.ok ? "" : answer.failure.code;
  if (code === "ENOTFOUND" || code === "ENODATA") throw new BuiltinError(`lookup ${name}: no such host`);
  throw new BuiltinError(`lookup ${name}: ${answer.ok ? "no answer" : answer.failure.message}`);
}

const matchesOperand = t.anyOf(
  t.string,
  t.array(t.anyOf(t.string, t.array())),
  t.set(t.anyOf(t.string, t.array())),
  t.object(t.string, t.anyOf(t.string, t.array())),
);

export const netBuiltins: readonly Builtin[] = [
  defineBuiltin({
    name: "net.cidr_intersects",
    args: [
      { name: "cidr1", type: t.string, description: "first CIDR" },
      { name: "cidr2", type: t.string, description: "second CIDR" },
    ],
    result: { name: "result", type: t.boolean, description: "`true` if `cidr1` intersects with `cidr2`" },
    categories: ["net"],
    description:
      "Checks if a CIDR intersects with another CIDR (e.g. `192.168.0.0/16` overlaps with `192.168.1.0/24`). Supports both IPv4 and IPv6 notations.",
    impl: (args) => {
      const a = cidrOperand(args[0]!);
      const b = cidrOperand(args[1]!);
      return contains(a, b.ip) || contains(b, a.ip);
    },
  }),
  defineBuiltin({
    name: "net.cidr_expand",
    args: [{ name: "cidr", type: t.string, description: "CIDR to expand" }],
    result: { name: "hosts", type: t.set(t.string), description: "set of IP addresses the CIDR `cidr` expands to" },
    categories: ["net"],
    description:
      'Expands CIDR to set of hosts  (e.g., `net.cidr_expand("192.168.0.0/30")` generates 4 hosts: `{"192.168.0.0", "192.168.0.1", "192.168.0.2", "192.168.0.3"}`).',
    impl: (args) => expand(string(args, 1)),
  }),
  defineBuiltin({
    name: "net.cidr_contains",
    args: [
      { name: "cidr", type: t.string, description: "CIDR to check against" },
      { name: "cidr_or_ip", type: t.string, description: "CIDR or IP to check" },
    ],
    result: { name: "result", type: t.boolean, description: "`true` if `cidr_or_ip` is contained within `cidr`" },
    categories: ["net"],
    description:
      "Checks if a CIDR or IP is contained within another CIDR. `output` is `true` if `cidr_or_ip` (e.g. `127.0.0.64/26` or `127.0.0.1`) is contained within `cidr` (e.g. `127.0.0.1/24`) and `false` otherwise. Supports both IPv4 and IPv6 notations.",
    impl: (args) => cidrContains(args[0]!, args[1]!),
  }),
  defineBuiltin({
    name: "net.cidr_contains_matches",
    args: [
      { name: "cidrs", type: matchesOperand, description: "CIDRs to check against" },
      { name: "cidrs_or_ips", type: matchesOperand, description: "CIDRs or IPs to check" },
    ],
    result: {
      name: "output",
      type: t.set(t.array(t.any)),
      description: "tuples identifying matches where `cidrs_or_ips` are contained within `cidrs`",
    },
    categories: ["net"],
    description:
      "Checks if collections of cidrs or ips are contained within another collection of cidrs and returns matches. This function is similar to `net.cidr_contains` except it allows callers to pass collections of CIDRs or IPs as arguments and returns the matches (as opposed to a boolean result indicating a match between two CIDRs/IPs).",
    impl: (args) => {
      const out = new RSet();
      // OPA walks the second operand once per element of the first (so not at all when that is empty).
      for (const [cidr, i] of matchEntries(1, args[0]!)) {
        for (const [inner, j] of matchEntries(2, args[1]!)) {
          if (cidrContains(cidr, inner)) out.add([i, j]);
        }
      }
      return out;
    },
  }),
  defineBuiltin({
    name: "net.cidr_merge",
    args: [{ name: "addrs", type: t.anyOf(t.array(t.string), t.set(t.string)), description: "CIDRs or IP addresses" }],
    result: {
      name: "output",
      type: t.set(t.string),
      description: "smallest possible set of CIDRs obtained after merging the provided list of IP addresses and subnets in `addrs`",
    },
    categories: ["net"],
    description:
      'Merges IP addresses and subnets into the smallest possible list of CIDRs (e.g., `net.cidr_merge(["192.0.128.0/24", "192.0.129.0/24"])` generates `{"192.0.128.0/23"}`.This function merges adjacent subnets where possible, those contained within others and also removes any duplicates.\nSupports both IPv4 and IPv6 notations. IPv6 inputs need a prefix length (e.g. "/128").',
    impl: (args) => {
      const v = args[0]!;
      const items = Array.isArray(v) ? v : v instanceof RSet ? v.sorted() : undefined;
      if (!items) throw new BuiltinError("operand must be an array");
      return new RSet(mergeNetworks(items.map(mergeElement)));
    },
  }),
  defineBuiltin({
    name: "net.cidr_is_valid",
    args: [{ name: "cidr", type: t.string, description: "CIDR to validate" }],
    result: { name: "result", type: t.boolean, description: "`true` if `cidr` is a valid CIDR" },
    categories: ["net"],
    description: "Parses an IPv4/IPv6 CIDR and returns a boolean indicating if the provided CIDR is valid.",
    impl: (args) => {
      const v = args[0]!;
      return typeof v === "string" && parseCIDR(v) !== undefined;
    },
  }),
  defineBuiltin({
    name: "net.lookup_ip_addr",
    args: [{ name: "name", type: t.string, description: "domain name to resolve" }],
    result: { name: "addrs", type: t.set(t.string), description: "IP addresses (v4 and v6) that `name` resolves to" },
    categories: ["net"],
    description:
      "Returns the set of IP addresses (both v4 and v6) that the passed-in `name` resolves to using the standard name resolution mechanisms available.",
    nondeterministic: true,
    impl: (args, ctx) => lookup(string(args, 1), ctx),
  }),
];
