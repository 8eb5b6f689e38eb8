/**
 * `regolith bundle build PATH… -o OUT.tar.gz [--revision R] [--ignore GLOB]…
 * [--include-tests] [--signing-key FILE [--signing-alg ALG] [--key-id KID] [--scope S]]`:
 * an OPA-format bundle, the same bytes for the same inputs and key. The signing key
 * comes from a file, never from a flag value.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { SIGNING_ALGORITHMS, buildBundle, loadSigningKey, type BuildOptions, type Built } from "@regolith/bundle";
import { CliError, ExitCode } from "../exit-codes.js";
import { booleanFlag, flagHelp, parseFlags, repeatedFlag, stringFlag, type FlagSpec } from "../flags.js";
import type { Streams } from "../io.js";
import { bundleErrors } from "../load/bundles.js";
import { writeFileAtomic } from "../output/atomic-write.js";

/** OPA's default for `opa build --signing-alg`. */
const DEFAULT_ALG = "RS256";

export const BUNDLE_BUILD_FLAGS: readonly FlagSpec[] = [
  { name: "output", short: "o", kind: "string", value: "FILE", description: "the bundle to write (.tar.gz; required), written atomically" },
  { name: "revision", kind: "string", value: "REV", description: "the manifest's revision (default: the sources' .manifest revision, when they agree)" },
  { name: "ignore", kind: "repeated", value: "GLOB", description: "leave out files and directories matching GLOB (gitignore-like: a name at any depth, a/b anchored, dir/; repeatable), besides each PATH's .regolithignore" },
  { name: "include-tests", kind: "boolean", description: "include *_test.rego files (left out by default)" },
  { name: "signing-key", kind: "string", value: "FILE", description: "sign the bundle with the private key (PEM or JWK) or, for HS*, the shared secret in FILE" },
  { name: "signing-alg", kind: "string", value: "ALG", description: `the signature's algorithm: ${SIGNING_ALGORITHMS.join(", ")} (default ${DEFAULT_ALG})` },
  { name: "key-id", kind: "string", value: "KID", description: "the key id written in the signature (kid), so verifiers can pick the key from a key set" },
  { name: "scope", kind: "string", value: "SCOPE", description: "the signature's scope claim (checked by verifiers that ask for one)" },
  { name: "help", short: "h", kind: "boolean", description: "show this help" },
];

export const BUNDLE_BUILD_USAGE = `Usage: regolith bundle build PATH... -o OUT.tar.gz [--revision REV] [--ignore GLOB]...
                             [--include-tests] [--signing-key FILE [--signing-alg ALG]
                             [--key-id KID] [--scope SCOPE]]

Builds an OPA-format bundle from PATHs (directories or single files): every
.rego module (*_test.rego only with --include-tests) and data.json at its path
relative to its PATH, and one .manifest merged from the PATHs' .manifest files
(roots joined, rego_version 1 unless they say otherwise). Hidden directories
are not searched; symbolic links are refused, not followed.

The archive is reproducible: the same sources (and, for RS*/HS*, the same key)
give the same bytes: entries sorted, fixed times, owners and modes, and no
time in the signed claims.

With --signing-key, .signatures.json holds a JWT listing every file with its
SHA-256 (data.json and .manifest hashed in canonical JSON form, as OPA does).
Verify it with 'regolith bundle verify' or load it with --verification-key.
Keys come from files only; never put a key on the command line.

Exit codes: 0 written; 2 bad flags, unreadable sources or key, invalid
data.json or .manifest.

Flags:
${flagHelp(BUNDLE_BUILD_FLAGS)}

Examples:
  regolith bundle build policies/credential-hygiene -o credential-hygiene.tar.gz
  regolith bundle build policies/credential-hygiene -o credential-hygiene.tar.gz \\
      --revision "$GITHUB_SHA" --signing-key signing-key.pem --key-id ci-2025
`;

interface BuildParams {
  readonly output: string;
  readonly options: Omit<BuildOptions, "signing">;
  readonly signing: { readonly keyFile: string; readonly alg: string; readonly keyId?: string; readonly scope?: string } | undefined;
}

function buildParams(argv: readonly string[], io: Streams): BuildParams | "help" {
  const flags = parseFlags(argv, BUNDLE_BUILD_FLAGS);
  if (booleanFlag(flags, "help")) return "help";
  if (flags.positional.length === 0) throw new CliError("no PATH to build from (see regolith bundle build --help)");
  const output = stringFlag(flags, "output");
  if (!output) throw new CliError("-o OUT.tar.gz is required: where to write the bundle");
  const keyFile = stringFlag(flags, "signing-key");
  const alg = stringFlag(flags, "signing-alg");
  const keyId = stringFlag(flags, "key-id");
  const scope = stringFlag(flags, "scope");
  if (keyFile === undefined) {
    const orphan = [alg !== undefined && "--signing-alg", keyId !== undefined && "--key-id", scope !== undefined && "--scope"].filter(Boolean);
    if (orphan.length > 0) throw new CliError(`${orphan.join(", ")} only apply when signing: add --signing-key FILE`);
  }
  const revision = stringFlag(flags, "revision");
  return {
    output,
    options: {
      paths: flags.positional.map((p) => resolve(io.cwd, p)),
      ...(revision !== undefined ? { revision } : {}),
      ignore: repeatedFlag(flags, "ignore"),
      includeTests: booleanFlag(flags, "include-tests"),
    },
    signing:
      keyFile === undefined
        ? undefined
        : { keyFile: resolve(io.cwd, keyFile), alg: alg ?? DEFAULT_ALG, ...(keyId !== undefined ? { keyId } : {}), ...(scope !== undefined ? { scope } : {}) },
  };
}

/** Sources and key → the archive (pure but for reading the sources and the key). */
async function build(params: BuildParams, cwd: string): Promise<Built> {
  // Messages name files as the user did, not by their absolute paths.
  const relative = (m: string): string => m.split(`${cwd}/`).join("");
  return bundleErrors(async () => {
    const s = params.signing;
    if (!s) return buildBundle(params.options);
    const key = await loadSigningKey(s.keyFile, s.alg);
    return buildBundle({ ...params.options, signing: { key, alg: s.alg, ...(s.keyId !== undefined ? { keyId: s.keyId } : {}), ...(s.scope !== undefined ? { scope: s.scope } : {}) } });
  }, relative);
}

function summary(params: BuildParams, built: Built): string {
  const modules = built.files.filter((f) => f.endsWith(".rego")).length;
  const data = built.files.filter((f) => f === "data.json" || f.endsWith("/data.json")).length;
  const parts = [
    `${modules} module${modules === 1 ? "" : "s"}, ${data} data file${data === 1 ? "" : "s"}`,
    `roots ${(built.manifest.roots ?? [""]).map((r) => JSON.stringify(r)).join(", ")}`,
  ];
  if (built.manifest.revision !== undefined) parts.push(`revision ${JSON.stringify(built.manifest.revision)}`);
  const s = params.signing;
  parts.push(s ? `signed ${s.alg}${s.keyId !== undefined ? ` by key id ${JSON.stringify(s.keyId)}` : ""}` : "unsigned");
  const sha = createHash("sha256").update(built.bytes).digest("hex");
  return `wrote ${params.output} (${parts.join("; ")}), sha256 ${sha}`;
}

export async function bundleBuildCommand(argv: readonly string[], io: Streams): Promise<number> {
  const params = buildParams(argv, io);
  if (params === "help") {
    io.stdout.write(BUNDLE_BUILD_USAGE);
    return ExitCode.Ok;
  }
  const built = await build(params, io.cwd);
  try {
    writeFileAtomic(resolve(io.cwd, params.output), built.bytes);
  } catch (e) {
    throw new CliError(`${params.output}: cannot write the bundle: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  io.stderr.write(`regolith bundle build: ${summary(params, built)}\n`);
  return ExitCode.Ok;
}
