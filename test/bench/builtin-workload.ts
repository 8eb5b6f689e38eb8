/**
 * The builtin-heavy benchmark: token expiry parsed from RFC 3339 timestamps and
 * client addresses checked against CIDR allow-lists, over generated tokens, with a
 * plain-JS twin that does the same work with `Date.parse` and integer masks.
 */
import type { Value } from "@regolith/rego";

/** Timestamps with offsets and fractions, addresses inside and outside the allow-list. */
export function generateCredentialUse(n: number): Value {
  const tokens: Value[] = [];
  for (let i = 0; i < n; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    const offset = i % 4 === 0 ? "Z" : i % 4 === 1 ? "+02:00" : i % 4 === 2 ? "-05:30" : ".123456789Z";
    const ip = i % 5 === 0 ? `203.0.113.${i % 256}` : i % 5 === 1 ? `172.${16 + (i % 20)}.${i % 256}.1` : `10.${i % 256}.${(i >> 8) % 256}.${i % 200}`;
    tokens.push({ id: `tok_${i}`, expires_on: `${2025 + (i % 3)}-${month}-${day}T12:34:56${offset}`, client_ip: ip });
  }
  return { tokens };
}

export const builtinPolicy = `package bench.builtins

allowed_cidrs := ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12"]

now := time.parse_rfc3339_ns("2026-11-25T00:00:00Z")

expired contains t.id if {
	some t in input.tokens
	time.parse_rfc3339_ns(t.expires_on) < now
}

outside contains t.id if {
	some t in input.tokens
	not allowed_address(t.client_ip)
}

allowed_address(ip) if {
	some cidr in allowed_cidrs
	net.cidr_contains(cidr, ip)
}
`;

function ipv4(text: string): number {
  const [a, b, c, d] = text.split(".").map(Number) as [number, number, number, number];
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function parseCIDR(text: string): { base: number; mask: number } {
  const [addr, bits] = text.split("/") as [string, string];
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return { base: (ipv4(addr) & mask) >>> 0, mask };
}

/** The same two rules, written by hand (CIDRs parsed per check, as the policy does). */
export function credentialUseInJS(input: Value): { expired: number; outside: number } {
  const cidrs = ["10.0.0.0/8", "192.168.0.0/16", "172.16.0.0/12"];
  const now = Date.parse("2026-11-25T00:00:00Z");
  let expired = 0;
  let outside = 0;
  for (const t of (input as { tokens: { expires_on: string; client_ip: string }[] }).tokens) {
    if (Date.parse(t.expires_on) < now) expired++;
    const ip = ipv4(t.client_ip);
    if (!cidrs.some((c) => { const n = parseCIDR(c); return ((ip & n.mask) >>> 0) === n.base; })) outside++;
  }
  return { expired, outside };
}
