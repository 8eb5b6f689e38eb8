/**
 * Who is calling: the bearer value is looked up among the model's callers. Only API
 * tokens are modelled; the legacy Global API Key headers authenticate nothing here,
 * since the adapter must never send them (VENDOR-APIS §3.4).
 */
import { CF_ERRORS, failure, type Reply } from "./envelope.js";
import type { FakeCaller, FakeCloudflare } from "./model.js";

export function authenticate(authorization: string | null, model: FakeCloudflare): { caller: FakeCaller } | { refused: Reply } {
  if (authorization === null) return { refused: failure(401, [CF_ERRORS.missingAuth]) };
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!m) return { refused: failure(400, [CF_ERRORS.badAuthHeader]) };
  const caller = model.callers.find((c) => c.secret === m[1]);
  return caller ? { caller } : { refused: failure(401, [CF_ERRORS.invalidToken]) };
}
