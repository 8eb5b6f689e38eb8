/**
 * Bundle findings are data from policies, possibly a third party's: each is checked
 * against the shape lib.finding makes before the gate relies on it, and a malformed
 * one is an error that names the check, the resource and the field.
 */
import type { Catalog } from "./catalog.js";
import type { Documents, InputKey } from "./documents.js";
import { fingerprint } from "./fingerprint.js";
import { SEVERITIES, type Finding, type FindingLocation, type Severity } from "./result.js";

const INPUT_KEYS: readonly string[] = ["github", "cloudflare", "openai"] satisfies InputKey[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function sameKeys(identity: Record<string, unknown>, fields: readonly string[]): boolean {
  const keys = Object.keys(identity);
  return keys.length === fields.length && fields.every((f) => Object.hasOwn(identity, f));
}

/** What is wrong with one raw finding (empty when nothing). */
function shapeProblems(f: Record<string, unknown>, catalog: Catalog, docs: Documents): string[] {
  const problems: string[] = [];
  const str = (key: string): void => {
    if (typeof f[key] !== "string" || (f[key] as string).trim() === "") problems.push(`"${key}" must be a non-empty string`);
  };
  str("title");
  str("message");
  str("remediation");
  str("resource");
  if (!(SEVERITIES as readonly unknown[]).includes(f["severity"])) problems.push(`"severity" must be one of ${SEVERITIES.join(", ")}, not ${JSON.stringify(f["severity"])}`);
  if (f["status"] !== "fail" && f["status"] !== "unknown") problems.push(`"status" must be "fail" or "unknown", not ${JSON.stringify(f["status"])}`);
  const evidence = f["evidence"];
  if (evidence !== undefined && !(Array.isArray(evidence) && evidence.every((e) => typeof e === "string"))) problems.push(`"evidence" must be a list of strings`);
  const fields = catalog.identities.get(f["rule"] as string);
  const identity = f["identity"];
  if (!isRecord(identity)) problems.push(`"identity" must be an object`);
  else if (fields && !fields.some((list) => sameKeys(identity, list))) {
    problems.push(`"identity" has the fields [${Object.keys(identity).sort().join(", ")}] but the check's METADATA custom.identity is ${fields.map((l) => `[${l.join(", ")}]`).join(" or ")}`);
  }
  const source = f["source"];
  if (source !== undefined) {
    const s = isRecord(source) ? source : {};
    const list = INPUT_KEYS.includes(s["document"] as string) ? docs.byKey[s["document"] as InputKey] : undefined;
    if (!list) problems.push(`"source.document" must be one of ${INPUT_KEYS.join(", ")}`);
    else if (!Number.isInteger(s["index"]) || (s["index"] as number) < 0 || (s["index"] as number) >= list.length) problems.push(`"source.index" ${JSON.stringify(s["index"])} names no ${s["document"] as string} document`);
    if (typeof s["pointer"] !== "string" || !(s["pointer"] === "" || s["pointer"].startsWith("/"))) problems.push(`"source.pointer" must be a JSON pointer`);
  }
  return problems;
}

function locationOf(f: Record<string, unknown>, docs: Documents): FindingLocation | null {
  const s = f["source"] as { document: InputKey; index: number; pointer: string } | undefined;
  if (!s) return null;
  const d = docs.byKey[s.document][s.index]!;
  return { file: d.file, kind: d.kind, pointer: s.pointer };
}

/**
 * Raw findings of one package → gate findings (severity as the check reported it;
 * parameters are applied later), plus the problems of the malformed ones.
 */
export function readFindings(raw: unknown, where: string, catalog: Catalog, docs: Documents): { findings: Finding[]; problems: string[] } {
  const findings: Finding[] = [];
  const problems: string[] = [];
  if (!Array.isArray(raw)) return { findings, problems: [`${where}: must be a set of findings, not ${typeof raw}`] };
  for (const f of raw) {
    if (!isRecord(f)) {
      problems.push(`${where}: a finding must be an object, not ${JSON.stringify(f)}`);
      continue;
    }
    const rule = f["rule"];
    const about = `${where}: a finding${typeof rule === "string" ? ` of ${rule}` : ""}${typeof f["resource"] === "string" ? ` on ${f["resource"]}` : ""}`;
    if (typeof rule !== "string" || !catalog.identities.has(rule)) {
      problems.push(`${about}: "rule" ${JSON.stringify(rule)} is not a check id declared in METADATA (custom.id)`);
      continue;
    }
    const wrong = shapeProblems(f, catalog, docs);
    if (wrong.length > 0) {
      problems.push(...wrong.map((p) => `${about}: ${p}`));
      continue;
    }
    const identity = f["identity"] as Record<string, unknown>;
    findings.push({
      rule,
      status: f["status"] as Finding["status"],
      severity: f["severity"] as Severity,
      resource: f["resource"] as string,
      title: (f["title"] as string).trim(),
      message: (f["message"] as string).trim(),
      remediation: (f["remediation"] as string).trim(),
      evidence: (f["evidence"] as string[] | undefined) ?? [],
      identity,
      fingerprint: fingerprint(rule, identity),
      location: locationOf(f, docs),
      waived: false,
      waiver: null,
      baselined: false,
      locked: false,
    });
  }
  return { findings, problems };
}
