/**
 * A token object from the API (user- or account-owned) as snapshot facts: dates,
 * owner, creator and provisioner, the IP condition under either spelling, and
 * policies with classified permission groups and parsed resources. The object
 * never carries the token's secret value; nothing here could copy one.
 */
import type { PolicyFact, TokenFact } from "../document.js";
import { accessOf } from "./access.js";
import { parseResources, type Names } from "./resources.js";
import { summarize } from "./summary.js";

/** The fields of the SDK's `Shared.Token` this adapter reads (all optional in the SDK's types). */
export interface RawToken {
  id?: string;
  name?: string;
  status?: string;
  issued_on?: string;
  modified_on?: string;
  last_used_on?: string | null;
  not_before?: string | null;
  expires_on?: string | null;
  condition?: { request_ip?: { in?: string[]; not_in?: string[] } };
  /** Tokens created long ago may carry the legacy spelling. */
  "request.ip"?: { in?: string[]; not_in?: string[] };
  policies?: {
    id?: string;
    effect?: "allow" | "deny";
    permission_groups?: { id?: string; name?: string }[];
    resources?: Record<string, unknown>;
  }[];
  creator_email_at_creation?: string | null;
  provisioner_type?: string | null;
  provisioner_id?: string | null;
}

export type Owner = TokenFact["owner"];

function ipCondition(t: RawToken): TokenFact["ip_condition"] {
  const c = t.condition?.request_ip ?? (t.condition as Record<string, { in?: string[]; not_in?: string[] }> | undefined)?.["request.ip"] ?? t["request.ip"];
  return { in: [...(c?.in ?? [])].sort(), not_in: [...(c?.not_in ?? [])].sort() };
}

function policyFact(p: NonNullable<RawToken["policies"]>[number], groupNames: ReadonlyMap<string, string>, names: Names): PolicyFact {
  const groups = (p.permission_groups ?? []).map((g) => {
    const id = g.id ?? "";
    const name = g.name ?? groupNames.get(id) ?? null;
    return { id, name, access: accessOf(name) };
  });
  return {
    id: p.id ?? "",
    effect: p.effect === "deny" ? "deny" : "allow",
    permission_groups: groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    resources: parseResources(p.resources, names),
  };
}

export function tokenFact(t: RawToken, owner: Owner, groupNames: ReadonlyMap<string, string>, names: Names): TokenFact {
  const ip = ipCondition(t);
  const policies = (t.policies ?? []).map((p) => policyFact(p, groupNames, names)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const expiresOn = t.expires_on ?? null;
  return {
    id: t.id ?? "",
    owner,
    name: t.name ?? "",
    status: t.status ?? "unknown",
    issued_on: t.issued_on ?? null,
    modified_on: t.modified_on ?? null,
    last_used_on: t.last_used_on ?? null,
    not_before: t.not_before ?? null,
    expires_on: expiresOn,
    creator_email_at_creation: t.creator_email_at_creation ?? null,
    provisioner: t.provisioner_type ? { type: t.provisioner_type, id: t.provisioner_id ?? null } : null,
    ip_condition: ip,
    policies,
    summary: summarize(policies, ip, expiresOn),
  };
}
