/**
 * `regolith snapshot github --org ORG [--repo NAME]… [--api-url URL] [-o FILE]`:
 * writes a `github-snapshot` document. The token comes from GITHUB_TOKEN or
 * GH_TOKEN, never from a flag, and never appears in output, logs or errors.
 */
import { collect, DEFAULT_API_URL, FatalGithubError, InvalidSnapshotError, type GithubSnapshot } from "@regolith/snapshot-github";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { runSnapshot } from "../output/snapshot-run.js";

export const SNAPSHOT_GITHUB_FLAGS: readonly FlagSpec[] = [
  { name: "org", kind: "string", value: "ORG", description: "the organization to read (required)" },
  { name: "repo", kind: "repeated", value: "NAME", description: "read only this repository of the organization (repeatable; default: all)" },
  { name: "include-archived", kind: "boolean", description: "read archived repositories too (they are skipped by default)" },
  { name: "api-url", kind: "string", value: "URL", description: `REST base URL (default ${DEFAULT_API_URL}; GitHub Enterprise Server: https://HOST/api/v3)` },
  { name: "output", short: "o", kind: "string", value: "FILE", description: "write the document to FILE (atomically) instead of standard output" },
  { name: "concurrency", kind: "string", value: "N", description: "HTTP requests in flight at most (default 8)" },
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const SNAPSHOT_GITHUB_USAGE = `Usage: regolith snapshot github --org ORG [--repo NAME]... [--api-url URL] [-o FILE]

Reads an organization's GitHub state (Actions settings, OIDC customization,
secrets and variables (names and dates; secret values are never readable),
environments, branch protection, rulesets, and the workflow files on each
default branch) into one github-snapshot JSON document.

The token comes from GITHUB_TOKEN (or GH_TOKEN): a classic or fine-grained
token, or a GitHub App installation token, with read access to the
organization's administration, secrets, variables, environments and contents.
Reads the token cannot make are recorded in the document's coverage list and do
not stop the run; a refused token or an unreachable API does (exit 2).

Flags:
${flagHelp(SNAPSHOT_GITHUB_FLAGS)}

Example:
  GITHUB_TOKEN=... regolith snapshot github --org acme -o acme.github.json
`;

function summary(doc: GithubSnapshot): string {
  const s = doc.stats;
  const gaps = doc.coverage.filter((c) => c.status !== "not_applicable").length;
  return (
    `read ${doc.repositories.length} repositories of ${doc.org.login}: ${s.rest_requests} REST requests, ` +
    `${s.graphql_requests} GraphQL requests (${s.graphql_points} points), ${s.retries} retries` +
    (gaps > 0 ? `; ${gaps} reads could not be made (see "coverage" in the document)` : "")
  );
}

export async function snapshotGithubCommand(argv: readonly string[], io: Streams): Promise<number> {
  const flags = parseFlags(argv, SNAPSHOT_GITHUB_FLAGS);
  if (booleanFlag(flags, "help")) {
    io.stdout.write(SNAPSHOT_GITHUB_USAGE);
    return ExitCode.Ok;
  }
  if (flags.positional.length > 0) throw new CliError(`unexpected argument ${JSON.stringify(flags.positional[0])} (see regolith snapshot github --help)`);
  const org = stringFlag(flags, "org");
  if (!org) throw new CliError("--org ORG is required (see regolith snapshot github --help)");
  const token = io.env["GITHUB_TOKEN"] || io.env["GH_TOKEN"];
  if (!token) throw new CliError("no token: set GITHUB_TOKEN (or GH_TOKEN) in the environment; tokens are never taken from flags");
  const concurrencyText = stringFlag(flags, "concurrency");
  const concurrency = concurrencyText === undefined ? undefined : Number(concurrencyText);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)) {
    throw new CliError(`--concurrency takes a whole number from 1 to 64, not ${JSON.stringify(concurrencyText)}`);
  }
  return runSnapshot(
    {
      counting: "repositories",
      output: stringFlag(flags, "output"),
      collect: (progress) =>
        collect(
          {
            org,
            repositories: repeatedFlag(flags, "repo"),
            includeArchived: booleanFlag(flags, "include-archived"),
            token,
            ...(stringFlag(flags, "api-url") ? { apiUrl: stringFlag(flags, "api-url")! } : {}),
            ...(concurrency ? { concurrency } : {}),
          },
          {
            onProgress: (p) => progress.update(p.done, p.total, p.repository ?? ""),
            onRetry: (reason, waitMs) => progress.note(`retrying after ${reason} in ${(waitMs / 1000).toFixed(1)}s`),
          },
        ),
      isFatal: (e): e is Error => e instanceof FatalGithubError || e instanceof InvalidSnapshotError,
      summary,
    },
    io,
  );
}
