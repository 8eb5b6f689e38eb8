/**
 * `generateCloudflare(nAccounts, tokensPerAccount, seed)`: a varied model for tests
 * that need volume. The same arguments give the same model, ids included, on every
 * run: randomness comes from hashing `(seed, n)`, never from a global counter or
 * the clock.
 *
 * The mix, roughly: 10% enterprise accounts; 1–4 zones per account; token status
 * 80% active, 10% disabled, 10% expired; 40% with `expires_on`; 20% with an IP
 * condition, one in five of those in the legacy `request.ip` spelling; 1–3 policies,
 * 10% deny; a fifth of the permission groups without `name`; resources in every
 * key form of VENDOR-APIS §3.2, now and then an unknown key; account tokens with
 * `creator_email_at_creation` (70%) and an OAuth provisioner (10%). The user holds
 * `min(50, tokensPerAccount)` tokens (Cloudflare's per-user cap). The one caller is a
 * user token that sees every account and may list every token.
 */
import { createHash } from "node:crypto";
import type { FakeAccount, FakeCloudflare, FakePermissionGroup, FakeToken, FakeTokenPolicy, FakeZone, PermissionScope } from "./model.js";
import { fakeUserCaller, policyGroup } from "./builders.js";
import { defaultPermissionGroups } from "./catalogue.js";
import { hexId, iso } from "./ids.js";
import { resource } from "./resources.js";

interface Dice {
  next(): number;
  chance(p: number): boolean;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
}

/** A hash stream rather than a PRNG state: any draw depends only on the seed and its index. */
function dice(seed: number): Dice {
  let n = 0;
  const d: Dice = {
    next: () => createHash("sha256").update(`${seed}:${n++}`).digest().readUInt32BE(0) / 2 ** 32,
    chance: (p) => d.next() < p,
    int: (min, max) => min + Math.floor(d.next() * (max - min + 1)),
    pick: (items) => items[Math.floor(d.next() * items.length)]!,
  };
  return d;
}

const TEAMS = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Tyrell"];
const STAGES = ["Prod", "Staging", "Dev", "Sandbox", "Shared"];
const PURPOSES = ["ci-dns-deploy", "wrangler", "terraform", "cert-renewal", "analytics-export", "cache-purge", "r2-backup", "audit"];
const DAY = 86_400_000;
const START = Date.UTC(2019, 0, 1);
const NOW = Date.UTC(2026, 10, 25);

function between(d: Dice, from: number, to: number): number {
  return from + Math.floor(d.next() * Math.max(1, to - from));
}

function cidr(d: Dice): string {
  return d.chance(0.7) ? `198.51.100.${d.int(0, 255)}/32` : `2001:db8:${d.int(1, 0xfff).toString(16)}::/48`;
}

/** Which groups fit a resource: a zone key takes zone-scoped groups, and so on. */
function groupsFor(d: Dice, catalogue: FakePermissionGroup[], scope: PermissionScope): FakeTokenPolicy["permission_groups"] {
  const fitting = catalogue.filter((g) => g.scopes.includes(scope) && g.is_selectable);
  const out = new Map<string, FakeTokenPolicy["permission_groups"][number]>();
  for (let k = d.int(1, 3); k > 0; k--) {
    const g = d.pick(fitting);
    out.set(g.id, policyGroup(g, !d.chance(0.2)));
  }
  return [...out.values()];
}

interface Scope {
  account: FakeAccount;
  zones: FakeZone[];
  userId: string | null;
}

function resourcesFor(d: Dice, s: Scope): { resources: FakeTokenPolicy["resources"]; scope: PermissionScope } {
  const r = d.next();
  const zone = s.zones.length > 0 ? d.pick(s.zones) : undefined;
  if (r < 0.25 && zone) return { resources: resource.zone(zone.id), scope: "com.cloudflare.api.account.zone" };
  if (r < 0.4) return { resources: resource.zonesInAccount(s.account.id), scope: "com.cloudflare.api.account.zone" };
  if (r < 0.5) return { resources: resource.allZones(), scope: "com.cloudflare.api.account.zone" };
  if (r < 0.7) return { resources: resource.account(s.account.id), scope: "com.cloudflare.api.account" };
  if (r < 0.8) return { resources: resource.allAccounts(), scope: "com.cloudflare.api.account" };
  if (r < 0.9) {
    const bucket = resource.r2Bucket(s.account.id, `bucket-${d.int(1, 9)}`, d.pick(["default", "eu", "fedramp"] as const));
    return { resources: bucket, scope: "com.cloudflare.edge.r2.bucket" };
  }
  if (r < 0.97 && s.userId) return { resources: resource.user(s.userId), scope: "com.cloudflare.api.user" };
  return { resources: resource.unknown(), scope: "com.cloudflare.api.account" };
}

function token(d: Dice, label: string, s: Scope, catalogue: FakePermissionGroup[], accountOwned: boolean): FakeToken {
  const issued = between(d, START, NOW - 30 * DAY);
  const roll = d.next();
  const status = roll < 0.8 ? "active" : roll < 0.9 ? "disabled" : "expired";
  const t: FakeToken = {
    id: hexId(`${label}:id`),
    name: `${d.pick(PURPOSES)}-${label.split(":").pop()}`,
    status,
    issued_on: iso(issued),
    modified_on: iso(between(d, issued, NOW)),
    policies: [],
  };
  const used = d.next();
  if (used < 0.6) t.last_used_on = iso(between(d, issued, NOW));
  else if (used < 0.7) t.last_used_on = null;
  if (d.chance(0.2)) t.not_before = iso(issued);
  if (status === "expired") t.expires_on = iso(between(d, issued, NOW - DAY));
  else if (d.chance(0.4)) t.expires_on = iso(between(d, NOW + DAY, NOW + 720 * DAY));
  if (d.chance(0.2)) {
    const ip = d.chance(0.5) ? { in: [cidr(d), cidr(d)], not_in: [cidr(d)] } : { in: [cidr(d)] };
    t.condition = d.chance(0.2) ? { "request.ip": ip } : { request_ip: ip };
  }
  for (let k = d.int(1, 3); k > 0; k--) {
    const { resources, scope } = resourcesFor(d, s);
    t.policies.push({
      id: hexId(`${label}:policy:${k}`),
      effect: d.chance(0.1) ? "deny" : "allow",
      permission_groups: groupsFor(d, catalogue, scope),
      resources,
    });
  }
  if (accountOwned && d.chance(0.7)) {
    t.creator_email_at_creation = `${d.pick(["ops", "sre", "dev", "admin"])}@${s.account.name.split(" ")[0]!.toLowerCase()}.example`;
  }
  if (accountOwned && d.chance(0.1)) {
    t.provisioner_type = "oauth";
    t.provisioner_id = d.chance(0.8) ? hexId(`${label}:oauth-client`) : null;
  }
  return t;
}

export function generateCloudflare(nAccounts: number, tokensPerAccount: number, seed: number): FakeCloudflare {
  const d = dice(seed);
  const base = `gen:${seed}`;
  const catalogue = defaultPermissionGroups();
  const user = { id: hexId(`${base}:user`), email: "ops@acme.example", first_name: "Ops", last_name: "Team" };
  const accounts: FakeAccount[] = [];
  const zones: FakeZone[] = [];
  for (let i = 0; i < nAccounts; i++) {
    const account: FakeAccount = {
      id: hexId(`${base}:account:${i}`),
      name: `${d.pick(TEAMS)} ${d.pick(STAGES)} ${i + 1}`,
      type: d.chance(0.1) ? "enterprise" : "standard",
      created_on: iso(between(d, START, NOW)),
      tokens: [],
    };
    const own: FakeZone[] = [];
    for (let j = d.int(1, 4); j > 0; j--) {
      own.push({
        id: hexId(`${base}:zone:${i}:${j}`),
        name: `${account.name.split(" ")[0]!.toLowerCase()}-${i + 1}-${j}.example`,
        account: account.id,
        status: d.chance(0.9) ? "active" : "pending",
        created_on: account.created_on,
      });
    }
    for (let k = 0; k < tokensPerAccount; k++) {
      account.tokens.push(token(d, `${base}:account-token:${i}:${k + 1}`, { account, zones: own, userId: null }, catalogue, true));
    }
    accounts.push(account);
    zones.push(...own);
  }
  const userTokens: FakeToken[] = [];
  for (let k = 0; k < Math.min(50, tokensPerAccount) && accounts.length > 0; k++) {
    const account = d.pick(accounts);
    const scope = { account, zones: zones.filter((z) => z.account === account.id), userId: user.id };
    userTokens.push(token(d, `${base}:user-token:${k + 1}`, scope, catalogue, false));
  }
  const caller = fakeUserCaller({ tokenId: hexId(`${base}:caller`), accounts: accounts.map((a) => a.id) });
  return { user, accounts, zones, permissionGroups: catalogue, userTokens, callers: [caller] };
}
