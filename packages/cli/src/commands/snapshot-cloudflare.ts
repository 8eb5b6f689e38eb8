/**
 * `regolith snapshot cloudflare [--account ID]… [--api-url URL] [-o FILE]`: writes a
 * `cloudflare-snapshot` document. The token comes from CLOUDFLARE_API_TOKEN only, and
 * never appears in output, logs or errors.
 */
import { collect, DEFAULT_BASE_URL, FatalCloudflareError, InvalidSnapshotError, type CloudflareSnapshot } from "@regolith/snapshot-cloudflare";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { runSnapshot } from "../output/snapshot-run.js";

export const SNAPSHOT_CLOUDFLARE_FLAGS: readonly FlagSpec[] = [
  { name: "account", kind: "repeated", value: "ID", description: "read only this account (repeatable; default: every account the token can see)" },
  { name: "api-url", kind: "string", value: "URL", description: `base URL including /client/v4 (default ${DEFAULT_BASE_URL})` },
  { name: "output", short: "o", kind: "string", value: "FILE", description: "write the document to FILE (atomically) instead of standard output" },
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const SNAPSHOT_CLOUDFLARE_USAGE = `Usage: regolith snapshot cloudflare [--account ID]... [--api-url URL] [-o FILE]

Reads Cloudflare API tokens (account-owned tokens of each account, and the
caller's own user tokens), the permission-group catalogue, accounts and zones
into one cloudflare-snapshot JSON document. Token values are never requested.

The token comes from CLOUDFLARE_API_TOKEN: a user or account API token with
"API Tokens Read" / "Account API Tokens Read". Reads it cannot make are recorded
in the document's coverage list; an invalid token or an unreachable API ends
the run (exit 2).

Flags:
${flagHelp(SNAPSHOT_CLOUDFLARE_FLAGS)}

Example:
  CLOUDFLARE_API_TOKEN=... regolith snapshot cloudflare -o acme.cloudflare.json
`;

function summary(doc: CloudflareSnapshot): string {
  const gaps = doc.coverage.filter((c) => c.status !== "ok" && c.status !== "not_applicable").length;
  return (
    `read ${doc.tokens.length} tokens in ${doc.accounts?.length ?? 0} accounts as a ${doc.caller.kind} token: ` +
    `${doc.stats.requests} requests, ${doc.stats.retries} retried answers` +
    (gaps > 0 ? `; ${gaps} reads could not be made (see "coverage" in the document)` : "")
  );
}

export async function snapshotCloudflareCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, SNAPSHOT_CLOUDFLARE_FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(SNAPSHOT_CLOUDFLARE_USAGE);
    return ExitCode.Ok;
  }
  if (flags.positional.length > 0) throw new CliError(`unexpected argument ${JSON.stringify(flags.positional[0])} (see regolith snapshot cloudflare --help)`);
  const token = io.env["CLOUDFLARE_API_TOKEN"];
  if (!token) throw new CliError("no token: set CLOUDFLARE_API_TOKEN in the environment; tokens are never taken from flags");
  return runSnapshot(
    {
      counting: "accounts",
      output: stringFlag(flags, "output"),
      collect: (progress) =>
        collect(
          { token, accounts: repeatedFlag(flags, "account"), ...(stringFlag(flags, "api-url") ? { apiUrl: stringFlag(flags, "api-url")! } : {}) },
          { onProgress: (p) => progress.update(p.done, p.total, p.account ?? "") },
        ),
      isFatal: (e): e is Error => e instanceof FatalCloudflareError || e instanceof InvalidSnapshotError,
      summary,
    },
    io,
  );
}
