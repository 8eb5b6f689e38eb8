/**
 * Route wrappers that resolve `{org}`, `{owner}/{repo}` and `{environment_name}` to
 * model objects, answering 404 (as GitHub does) when any of them is unknown.
 */
import type { FakeEnvironment, FakeOrg, FakeRepo } from "../model.js";
import { findEnvironment, findRepo, isOrg } from "../lookup.js";
import { notFound, type Handler, type Reply, type RestRequest } from "./router.js";

export function inOrg(fn: (req: RestRequest, org: FakeOrg) => Reply): Handler {
  return (req, org) => (isOrg(org, req.params["org"] ?? "") ? fn(req, org) : notFound());
}

export function inRepo(fn: (req: RestRequest, org: FakeOrg, repo: FakeRepo) => Reply): Handler {
  return (req, org) => {
    const repo = findRepo(org, req.params["owner"] ?? "", req.params["repo"] ?? "");
    return repo ? fn(req, org, repo) : notFound();
  };
}

export function inEnvironment(fn: (req: RestRequest, org: FakeOrg, repo: FakeRepo, env: FakeEnvironment) => Reply): Handler {
  return inRepo((req, org, repo) => {
    const env = findEnvironment(repo, req.params["environment_name"] ?? "");
    return env ? fn(req, org, repo, env) : notFound();
  });
}

/** GitHub matches secret, variable and environment names without regard to case. */
export function findNamed<T extends { name: string }>(items: readonly T[], name: string | undefined): T | undefined {
  return items.find((i) => i.name.toLowerCase() === (name ?? "").toLowerCase());
}

/** A named item of a list, rendered, or 404. */
export function named<T extends { name: string }>(items: readonly T[], name: string | undefined, render: (item: T) => unknown): Reply {
  const item = findNamed(items, name);
  return item ? { status: 200, body: render(item) } : notFound();
}

/** The libsodium public key secrets are encrypted with; reading it is a step towards writing one. */
export function publicKey(scope: string): Reply {
  return { status: 200, body: { key_id: "3380204578043523366", key: Buffer.from(`fake-public-key:${scope}`.padEnd(32, "=")).toString("base64") } };
}
