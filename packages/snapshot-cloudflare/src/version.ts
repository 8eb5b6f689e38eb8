/** The adapter's identity and the SDK version it runs on, recorded in every document. */
import { readFileSync } from "node:fs";
import { VERSION as SDK_VERSION } from "cloudflare/version";

export const ADAPTER_NAME = "@regolith/snapshot-cloudflare";
export const ADAPTER_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
export const LIBRARY_VERSIONS: Readonly<Record<string, string>> = { cloudflare: SDK_VERSION };
