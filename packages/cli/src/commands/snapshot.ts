/** `regolith snapshot SOURCE …`: read a vendor's state into a snapshot document. */
import { CliError, ExitCode } from "../exit-codes.js";
import type { Streams } from "../io.js";

type Source = (argv: readonly string[], io: Streams) => Promise<number>;

/** Each source's SDK is imported only when it runs (the Cloudflare SDK alone takes about 0.4 s to load). */
const SOURCES: ReadonlyMap<string, () => Promise<Source>> = new Map([
  ["github", async () => (await import("./snapshot-github.js")).snapshotGithubCommand],
  ["cloudflare", async () => (await import("./snapshot-cloudflare.js")).snapshotCloudflareCommand],
]);

export const SNAPSHOT_USAGE = `Usage: regolith snapshot SOURCE [flags]

Reads a vendor's real state into a snapshot document (JSON) that policies judge.
Tokens come only from the environment.

Sources:
  github       an organization's GitHub Actions settings, secrets, variables,
               environments and workflows (token: GITHUB_TOKEN or GH_TOKEN)
  cloudflare   Cloudflare API tokens, their permissions, resources, IP filters
               and expiry (token: CLOUDFLARE_API_TOKEN)

Run 'regolith snapshot SOURCE --help' for its flags.
`;

export async function snapshotCommand(argv: readonly string[], io: Streams): Promise<number> {
  const [source, ...rest] = argv;
  if (source === undefined || source === "--help" || source === "-h") {
    io.stdout.write(SNAPSHOT_USAGE);
    return source === undefined ? ExitCode.Error : ExitCode.Ok;
  }
  const load = SOURCES.get(source);
  if (!load) throw new CliError(`unknown snapshot source ${JSON.stringify(source)} (want ${[...SOURCES.keys()].join(", ")})`);
  return (await load())(rest, io);
}
