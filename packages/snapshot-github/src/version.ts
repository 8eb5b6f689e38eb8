/** The adapter's identity and the client libraries it runs on, recorded in every document. */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function readVersion(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

/**
 * A dependency's installed version. Its package.json is not exported, so walk up
 * from the resolved entry point to the package root.
 */
function versionOf(pkg: string): string {
  try {
    let dir = dirname(fileURLToPath(import.meta.resolve(pkg)));
    while (!existsSync(join(dir, "package.json")) || !dir.endsWith(pkg.split("/").join("/"))) {
      const up = dirname(dir);
      if (up === dir) return "unknown";
      dir = up;
    }
    return readVersion(join(dir, "package.json"));
  } catch {
    return "unknown";
  }
}

export const ADAPTER_NAME = "@regolith/snapshot-github";
export const ADAPTER_VERSION = readVersion(fileURLToPath(new URL("../package.json", import.meta.url)));
export const LIBRARY_VERSIONS: Readonly<Record<string, string>> = {
  "@octokit/graphql": versionOf("@octokit/graphql"),
  "@octokit/request": versionOf("@octokit/request"),
};
