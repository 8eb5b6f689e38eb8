/**
 * Who is asking: `GET /user/tokens/verify` answers for user tokens only, so an
 * account token is recognized by verifying it against the accounts it can see.
 * A token neither verifies as is refused: that ends the run.
 */
import Cloudflare from "cloudflare";
import type { CloudflareSnapshot } from "./document.js";
import { FatalCloudflareError, describeFailure } from "./errors.js";

export type Caller = CloudflareSnapshot["caller"];

interface Verified {
  id?: string;
  status?: string;
  expires_on?: string;
}

function unreachable(e: unknown): FatalCloudflareError | undefined {
  if (e instanceof Cloudflare.APIConnectionError) return new FatalCloudflareError(`cannot reach the Cloudflare API: ${e.message}`, { cause: e });
  return undefined;
}

export async function identifyCaller(client: Cloudflare, accountIds: () => Promise<string[]>): Promise<Caller> {
  let userFailure: unknown;
  try {
    const v = (await client.user.tokens.verify()) as Verified;
    return { token_id: v.id ?? null, kind: "user", status: v.status ?? null, account_id: null, expires_on: v.expires_on ?? null };
  } catch (e) {
    const fatal = unreachable(e);
    if (fatal) throw fatal;
    if (!(e instanceof Cloudflare.APIError)) throw e;
    userFailure = e;
  }
  let ids: string[];
  try {
    ids = await accountIds();
  } catch (e) {
    throw unreachable(e) ?? new FatalCloudflareError(describeFailure(userFailure as InstanceType<typeof Cloudflare.APIError>), { cause: e });
  }
  for (const account_id of ids) {
    try {
      const v = (await client.accounts.tokens.verify({ account_id })) as Verified;
      return { token_id: v.id ?? null, kind: "account", status: v.status ?? null, account_id, expires_on: v.expires_on ?? null };
    } catch (e) {
      const fatal = unreachable(e);
      if (fatal) throw fatal;
      if (!(e instanceof Cloudflare.APIError)) throw e;
    }
  }
  throw new FatalCloudflareError(describeFailure(userFailure as InstanceType<typeof Cloudflare.APIError>));
}
