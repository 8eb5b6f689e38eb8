/**
 * What the adapter resolves ids against: `GET /accounts`, `GET /zones` (the caller's
 * visible accounts only) and `GET /user`. The zone list filters on `account.id` and
 * `account.name`, the dotted keys the SDK's query serializer (`allowDots: true`) makes
 * of `{ account: { id } }`, plus exact `name` and `status`.
 */
import { forbidden, refuseUserRoute, visibleAccount } from "../access.js";
import { notFound, ok } from "../envelope.js";
import { hexId } from "../ids.js";
import type { FakeAccount, FakeCloudflare, FakeZone } from "../model.js";
import { LIST_PAGES, ordered, paginate } from "../paginate.js";
import { route, type Route } from "../router.js";

/** The account as `GET /accounts` shows it: no tokens, default settings. */
function accountJson(a: FakeAccount): Record<string, unknown> {
  return { id: a.id, name: a.name, type: a.type, created_on: a.created_on, settings: { enforce_twofactor: false } };
}

/** The required fields of the SDK's `Zone`, with plain defaults for what the model does not hold. */
function zoneJson(z: FakeZone, model: FakeCloudflare): Record<string, unknown> {
  const account = model.accounts.find((a) => a.id === z.account);
  return {
    id: z.id,
    name: z.name,
    status: z.status,
    paused: false,
    type: "full",
    development_mode: 0,
    account: { id: z.account, name: account?.name ?? null },
    owner: { id: null, name: account?.name ?? null, type: "organization" },
    plan: { id: hexId("plan:free"), name: "Free Website", price: 0, currency: "USD", is_subscribed: false, can_subscribe: false },
    meta: { step: 2, custom_certificate_quota: 0, page_rule_quota: 3, phishing_detected: false },
    name_servers: ["ada.ns.cloudflare.com", "bob.ns.cloudflare.com"],
    original_name_servers: null,
    original_registrar: null,
    original_dnshost: null,
    created_on: z.created_on,
    modified_on: z.created_on,
    activated_on: z.status === "active" ? z.created_on : null,
    permissions: [],
  };
}

export const directoryRoutes: readonly Route[] = [
  route("/accounts", (req) => {
    const name = req.query.get("name");
    const shown = req.model.accounts.filter((a) => req.caller.accounts.includes(a.id) && (name === null || a.name === name));
    return paginate(req.query, ordered(shown, (a) => a.name, req.query).map(accountJson), LIST_PAGES);
  }),
  route("/accounts/{account_id}", (req) => {
    const account = visibleAccount(req.model, req.caller, req.params["account_id"]!);
    return account ? ok(accountJson(account)) : forbidden();
  }),
  route("/zones", (req) => {
    const q = req.query;
    const accountName = q.get("account.name");
    const shown = req.model.zones.filter(
      (z) =>
        req.caller.accounts.includes(z.account) &&
        (q.get("account.id") === null || z.account === q.get("account.id")) &&
        (accountName === null || req.model.accounts.find((a) => a.id === z.account)?.name === accountName) &&
        (q.get("name") === null || z.name === q.get("name")) &&
        (q.get("status") === null || z.status === q.get("status")),
    );
    return paginate(q, ordered(shown, (z) => z.name, q).map((z) => zoneJson(z, req.model)), LIST_PAGES);
  }),
  route("/zones/{zone_id}", (req) => {
    const zone = req.model.zones.find((z) => z.id === req.params["zone_id"] && req.caller.accounts.includes(z.account));
    return zone ? ok(zoneJson(zone, req.model)) : notFound(req.path);
  }),
  route("/user", (req) => {
    if (req.caller.kind !== "user") return refuseUserRoute(req.refusal);
    const u = req.model.user;
    return ok({
      id: u.id,
      email: u.email,
      first_name: u.first_name,
      last_name: u.last_name,
      suspended: false,
      two_factor_authentication_enabled: true,
    });
  }),
];
