/**
 * Policy resource keys in every form of VENDOR-APIS §3.2, so tests and the
 * generator spell them one way: `{ ...resource.zone(id), ...resource.allAccounts() }`.
 */
import type { FakeResourceValue } from "./model.js";

type Resources = Record<string, FakeResourceValue>;

const ACCOUNT = "com.cloudflare.api.account";
const ZONE = "com.cloudflare.api.account.zone";

export const resource = {
  account: (accountId: string): Resources => ({ [`${ACCOUNT}.${accountId}`]: "*" }),
  allAccounts: (): Resources => ({ [`${ACCOUNT}.*`]: "*" }),
  zone: (zoneId: string): Resources => ({ [`${ZONE}.${zoneId}`]: "*" }),
  /** The nested form: every zone of one account. */
  zonesInAccount: (accountId: string): Resources => ({ [`${ACCOUNT}.${accountId}`]: { [`${ZONE}.*`]: "*" } }),
  allZones: (): Resources => ({ [`${ZONE}.*`]: "*" }),
  user: (userId: string): Resources => ({ [`com.cloudflare.api.user.${userId}`]: "*" }),
  r2Bucket: (accountId: string, bucket: string, jurisdiction: "default" | "eu" | "fedramp" = "default"): Resources => ({
    [`com.cloudflare.edge.r2.bucket.${accountId}_${jurisdiction}_${bucket}`]: "*",
  }),
  /** A key no grammar rule covers, which consumers must keep verbatim. */
  unknown: (key = "com.cloudflare.api.example.future.thing"): Resources => ({ [key]: "*" }),
};
