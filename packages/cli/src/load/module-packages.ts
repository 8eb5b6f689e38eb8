/**
 * The package path of each Rego module of a bundle, for the manifest-roots check
 * (@regolith/bundle does not parse Rego; the caller passes package paths in).
 */
import { RegoErrors, packagePath, parseModule } from "@regolith/rego";
import type { Bundle } from "@regolith/bundle";

const decoder = new TextDecoder();

export function decodeText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** The package statement's line: only comments and blank lines may come before it. */
const PACKAGE_LINE = /^[ \t]*package\b.*$/m;

function parsedPackage(source: string, file: string): string[] | undefined {
  try {
    return packagePath(parseModule(source, { file }));
  } catch (e) {
    if (!(e instanceof RegoErrors)) throw e;
    return undefined;
  }
}

/**
 * A module's package path, read by the parser from the module's head: the source up
 * to the end of the package line (comments, METADATA and the package statement),
 * which is all the package depends on. Parsing whole bundles twice (here and again
 * when they are loaded) would double the gate's start-up time. When the head alone
 * does not parse, the whole module is parsed.
 */
export function packageOf(source: string, file: string): string[] | undefined {
  const line = PACKAGE_LINE.exec(source);
  const head = line ? parsedPackage(source.slice(0, line.index + line[0].length), file) : undefined;
  return head ?? parsedPackage(source, file);
}

/**
 * Bundle path → package path, for every module that parses. A module that does not
 * parse is left out here: loading it fails later with the parse error and its
 * location, which says more than a roots message could.
 */
export function modulePackages(bundle: Bundle): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of bundle.files) {
    if (!file.path.endsWith(".rego")) continue;
    const pkg = packageOf(decodeText(file.bytes), file.path);
    if (pkg) out.set(file.path, pkg);
  }
  return out;
}

/** Roots as OPA reads them (slashes trimmed); none means [""], all of data. */
export function manifestRoots(bundle: Bundle): string[] {
  return (bundle.manifest.roots ?? [""]).map((r) => r.replace(/^\/+|\/+$/g, ""));
}
