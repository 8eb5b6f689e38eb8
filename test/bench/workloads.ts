/** Generated inputs and the policies the benchmark runs, with a plain-JS twin of the scan. */
import type { Value } from "@regolith/rego";

/** About 500 bytes of token-shaped JSON per object, deterministic. */
export function generateTokens(n: number): string {
  const tokens = [];
  for (let i = 0; i < n; i++) {
    tokens.push({
      id: `tok_${i.toString(16).padStart(8, "0")}`,
      name: `automation-token-${i}`,
      status: i % 7 === 0 ? "disabled" : "active",
      issued_on: "2026-01-01T00:00:00Z",
      ...(i % 3 === 0 ? {} : { expires_on: "2027-01-01T00:00:00Z" }),
      policies: [
        {
          id: `pol_${i}`,
          effect: i % 11 === 0 ? "deny" : "allow",
          permission_groups: [
            { id: "c8fed203ed3043cba015a93ad1616f1f", name: "Zone Read", write: false },
            { id: "82e64a83756745bbbb1c9c2701bf816b", name: "DNS Write", write: i % 2 === 0 },
          ],
          resources: { [`com.cloudflare.api.account.zone.${i}`]: "*" },
        },
      ],
      ...(i % 5 === 0 ? { condition: { request_ip: { in: ["192.0.2.0/24"], not_in: [] } } } : {}),
      meta: { created_by: "automation@example.com", description: "deploys workers and manages DNS records for the zone" },
    });
  }
  return JSON.stringify({ tokens });
}

export const scanPolicy = `package bench

deny contains t.id if {
	some t in input.tokens
	t.status == "active"
	not t.expires_on
}

deny contains t.id if {
	some t in input.tokens
	some p in t.policies
	p.effect == "allow"
	some g in p.permission_groups
	g.write == true
	not t.condition.request_ip["in"][0]
}
`;

type Tok = {
  id: string;
  status: string;
  expires_on?: string;
  policies: { effect: string; permission_groups: { write: boolean }[] }[];
  condition?: { request_ip?: { in?: string[] } };
};

/** The same two rules, written by hand. */
export function scanInJS(input: Value): string[] {
  const ids = new Set<string>();
  for (const t of (input as { tokens: Tok[] }).tokens) {
    if (t.status === "active" && t.expires_on === undefined) ids.add(t.id);
    for (const p of t.policies) {
      if (p.effect !== "allow") continue;
      for (const g of p.permission_groups) {
        if (g.write === true && t.condition?.request_ip?.in?.[0] === undefined) ids.add(t.id);
      }
    }
  }
  return [...ids];
}

export const authzPolicy = `package authz

default allow := false

allow if {
	input.method == "GET"
	input.path[0] == "public"
}

allow if {
	some role in data_roles[input.user]
	role == "admin"
}

allow if {
	input.method == "GET"
	input.path == ["accounts", input.user]
}

data_roles := {"alice": ["admin"], "bob": ["reader"], "carol": ["reader", "writer"]}
`;

export function authzInputs(n: number): Value[] {
  const users = ["alice", "bob", "carol", "dave"];
  const out: Value[] = [];
  for (let i = 0; i < n; i++) {
    const user = users[i % users.length]!;
    out.push({ user, method: i % 3 === 0 ? "POST" : "GET", path: i % 4 === 0 ? ["public", "docs"] : ["accounts", i % 2 === 0 ? user : "other"] });
  }
  return out;
}
