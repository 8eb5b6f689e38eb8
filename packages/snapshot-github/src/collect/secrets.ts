/**
 * Actions secrets and variables: names and dates for secrets (values are never
 * readable and never requested), values for variables (redacted when they look like
 * credentials), and for org-level ones the repositories they are shared with.
 */
import type { OrgSecretFact, OrgVariableFact, RepoRef, SecretFact, VariableFact } from "../document.js";
import { redactValue } from "../redact.js";
import { allPages, MAX_VARIABLES_PAGE } from "../transport/pagination.js";
import { byKey, orgResource, type CollectContext } from "./context.js";

interface RawSecret {
  name: string;
  created_at: string;
  updated_at: string;
  visibility?: "all" | "private" | "selected";
}

interface RawVariable extends RawSecret {
  value: string;
}

interface RawRepo {
  id: number;
  full_name: string;
}

const byName = byKey((x: { name: string }) => x.name);

function secretFact(s: RawSecret): SecretFact {
  return { name: s.name, created_at: s.created_at, updated_at: s.updated_at };
}

function variableFact(v: RawVariable): VariableFact {
  return { name: v.name, value: redactValue(v.value), created_at: v.created_at, updated_at: v.updated_at };
}

/** Secrets of a list endpoint (`/repos/o/r/actions/secrets`, an environment's), or null when unreadable. */
export async function readSecrets(ctx: CollectContext, resource: string, route: string, params: Record<string, unknown>): Promise<SecretFact[] | null> {
  const raw = await ctx.coverage.read(resource, () => allPages<RawSecret>(ctx.rest, route, params, "secrets"));
  return raw && raw.map(secretFact).sort(byName);
}

export async function readVariables(ctx: CollectContext, resource: string, route: string, params: Record<string, unknown>): Promise<VariableFact[] | null> {
  const raw = await ctx.coverage.read(resource, () => allPages<RawVariable>(ctx.rest, route, params, "variables", MAX_VARIABLES_PAGE));
  return raw && raw.map(variableFact).sort(byName);
}

/** Names only: the org secrets or variables a repository can use. */
export async function readAvailableNames(ctx: CollectContext, resource: string, route: string, params: Record<string, unknown>, key: "secrets" | "variables"): Promise<string[] | null> {
  const perPage = key === "variables" ? MAX_VARIABLES_PAGE : undefined;
  const raw = await ctx.coverage.read(resource, () => allPages<{ name: string }>(ctx.rest, route, params, key, perPage));
  return raw && raw.map((x) => x.name).sort();
}

async function selectedRepositories(ctx: CollectContext, kind: "secrets" | "variables", name: string): Promise<RepoRef[] | null> {
  const raw = await ctx.coverage.read(orgResource(ctx, `actions/${kind}/${name}/repositories`), () =>
    allPages<RawRepo>(ctx.rest, `GET /orgs/{org}/actions/${kind}/{name}/repositories`, { org: ctx.org, name }, "repositories"),
  );
  return raw && raw.map((r) => ({ id: r.id, full_name: r.full_name })).sort(byKey((r) => r.full_name));
}

export async function readOrgSecrets(ctx: CollectContext): Promise<OrgSecretFact[] | null> {
  const raw = await ctx.coverage.read(orgResource(ctx, "actions/secrets"), () =>
    allPages<RawSecret>(ctx.rest, "GET /orgs/{org}/actions/secrets", { org: ctx.org }, "secrets"),
  );
  if (!raw) return null;
  const facts = await Promise.all(
    raw.map(async (s) => ({
      ...secretFact(s),
      visibility: s.visibility ?? "all",
      selected_repositories: s.visibility === "selected" ? await selectedRepositories(ctx, "secrets", s.name) : null,
    })),
  );
  return facts.sort(byName);
}

export async function readOrgVariables(ctx: CollectContext): Promise<OrgVariableFact[] | null> {
  const raw = await ctx.coverage.read(orgResource(ctx, "actions/variables"), () =>
    allPages<RawVariable>(ctx.rest, "GET /orgs/{org}/actions/variables", { org: ctx.org }, "variables", MAX_VARIABLES_PAGE),
  );
  if (!raw) return null;
  const facts = await Promise.all(
    raw.map(async (v) => ({
      ...variableFact(v),
      visibility: v.visibility ?? "all",
      selected_repositories: v.visibility === "selected" ? await selectedRepositories(ctx, "variables", v.name) : null,
    })),
  );
  return facts.sort(byName);
}
