/**
 * What `regolith bundle inspect` reports about a bundle: manifest, roots, the
 * signature (decoded, and verified when a key is given), files, data, packages, and
 * rules with their METADATA, read statically with @regolith/rego's parser (nothing
 * is evaluated). Problems (roots, modules that do not parse, a signature that does
 * not verify) are listed rather than thrown: inspecting is how one finds them.
 */
import { BundleError, DATA_JSON, DATA_YAML, verifyBundle, type Bundle, type KeyRing, type Manifest } from "@regolith/bundle";
import { RegoErrors, parseModule, type AST } from "@regolith/rego";
import { bundleRootProblems } from "./bundles.js";
import { packagePath } from "@regolith/rego";
import { decodeText, manifestRoots } from "./module-packages.js";

export interface SignatureInfo {
  readonly algorithm: string | null;
  /** The token's `kid` header, else its `keyid` claim. */
  readonly key_id: string | null;
  readonly scope: string | null;
  readonly iss: string | null;
  /** How many files the token lists. */
  readonly files: number;
  /** `verified` and `invalid` only when a key was given. */
  readonly status: "verified" | "invalid" | "not checked";
  /** The key file (as given) and the id of its key that verified the signature. */
  readonly verified_with?: { readonly file: string; readonly key_id: string };
  readonly problem?: string;
}

export interface RuleInfo {
  readonly package: string;
  readonly rule: string;
  readonly file: string;
  readonly row: number;
  readonly scope: string;
  readonly id: string | null;
  readonly severity: string | null;
  readonly title: string | null;
}

export interface Inspection {
  readonly bundle: string;
  readonly revision: string | null;
  readonly roots: readonly string[];
  readonly rego_version: number;
  readonly manifest: Manifest;
  readonly signature: SignatureInfo | null;
  readonly files: readonly { readonly path: string; readonly size: number }[];
  readonly data: readonly { readonly file: string; readonly path: string }[];
  readonly packages: readonly { readonly package: string; readonly files: readonly string[]; readonly title?: string }[];
  readonly rules: readonly RuleInfo[];
  readonly problems: readonly string[];
}

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/** The JWT's header and claims, decoded without verifying (for display only). */
export function decodeToken(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } | undefined {
  const [h, c] = token.split(".");
  try {
    const header = JSON.parse(Buffer.from(h ?? "", "base64url").toString("utf8")) as unknown;
    const claims = JSON.parse(Buffer.from(c ?? "", "base64url").toString("utf8")) as unknown;
    if (typeof header !== "object" || header === null || typeof claims !== "object" || claims === null) return undefined;
    return { header: header as Record<string, unknown>, claims: claims as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

/** The key file, as the user named it, and its keyring. */
export interface InspectKeys {
  readonly file: string;
  readonly ring: KeyRing;
}

async function signatureInfo(bundle: Bundle, keys: InspectKeys | undefined, problems: string[]): Promise<SignatureInfo | null> {
  let verification: Pick<SignatureInfo, "status" | "verified_with" | "problem"> = { status: "not checked" };
  if (keys) {
    try {
      verification = { status: "verified", verified_with: { file: keys.file, key_id: (await verifyBundle(bundle, keys.ring)).keyId } };
    } catch (e) {
      if (!(e instanceof BundleError)) throw e;
      verification = { status: "invalid", problem: e.message };
      problems.push(e.message);
    }
  }
  const token = bundle.signatures?.signatures[0];
  if (token === undefined) return null;
  const decoded = decodeToken(token);
  if (!decoded) {
    if (!keys) problems.push(`${bundle.name}: .signatures.json: the token is not a JWS (it cannot be decoded)`);
    return { algorithm: null, key_id: null, scope: null, iss: null, files: 0, ...verification };
  }
  const { header, claims } = decoded;
  return {
    algorithm: text(header["alg"]),
    key_id: text(header["kid"]) ?? text(claims["keyid"]),
    scope: text(claims["scope"]),
    iss: text(claims["iss"]),
    files: Array.isArray(claims["files"]) ? claims["files"].length : 0,
    ...verification,
  };
}

/** The annotation `rego.metadata.rule()` would see: the rule's own, else its document's. */
function ruleAnnotation(rule: AST.Rule): AST.Annotations | undefined {
  const last = (scope: string): AST.Annotations | undefined => rule.annotations.filter((a) => a.scope === scope).pop();
  return last("rule") ?? last("document");
}

function ruleInfos(module: AST.Module, pkg: string, file: string): RuleInfo[] {
  return module.rules.flatMap((rule) => {
    const a = ruleAnnotation(rule);
    if (!a) return [];
    const custom = typeof a.data["custom"] === "object" && a.data["custom"] !== null ? (a.data["custom"] as Record<string, unknown>) : {};
    const ref = rule.head.ref;
    return [
      {
        package: pkg,
        rule: module.source.slice(ref.loc.offset, ref.loc.endOffset),
        file,
        row: rule.loc.row,
        scope: a.scope,
        id: text(custom["id"]),
        severity: text(custom["severity"]),
        title: text(a.data["title"]),
      },
    ];
  });
}

export async function inspectBundle(bundle: Bundle, keys: InspectKeys | undefined): Promise<Inspection> {
  const problems: string[] = [];
  const signature = await signatureInfo(bundle, keys, problems);
  problems.push(...bundleRootProblems(bundle));
  const packages = new Map<string, { files: string[]; title?: string }>();
  const rules: RuleInfo[] = [];
  const data: { file: string; path: string }[] = [];
  for (const file of bundle.files) {
    const slash = file.path.lastIndexOf("/");
    const base = file.path.slice(slash + 1);
    if (base === DATA_JSON || base === DATA_YAML) data.push({ file: file.path, path: ["data", ...(slash < 0 ? [] : file.path.slice(0, slash).split("/"))].join(".") });
    if (!file.path.endsWith(".rego")) continue;
    let module: AST.Module;
    try {
      module = parseModule(decodeText(file.bytes), { file: file.path });
    } catch (e) {
      if (!(e instanceof RegoErrors)) throw e;
      problems.push(...e.errors.map((err) => `${bundle.name}: ${err.toString()}`));
      continue;
    }
    const pkg = ["data", ...(packagePath(module) ?? [])].join(".");
    const entry = packages.get(pkg) ?? { files: [] };
    entry.files.push(file.path);
    const title = text(module.annotations.find((a) => a.scope === "package")?.data["title"]);
    if (title !== null && entry.title === undefined) entry.title = title;
    packages.set(pkg, entry);
    rules.push(...ruleInfos(module, pkg, file.path));
  }
  return {
    bundle: bundle.name,
    revision: bundle.manifest.revision ?? null,
    roots: manifestRoots(bundle),
    rego_version: bundle.manifest.rego_version ?? 1,
    manifest: bundle.manifest,
    signature,
    files: bundle.files.map((f) => ({ path: f.path, size: f.bytes.length })),
    data,
    packages: [...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, p]) => ({ package: name, files: p.files, ...(p.title !== undefined ? { title: p.title } : {}) })),
    rules,
    problems,
  };
}
