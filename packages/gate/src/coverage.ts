/**
 * COVERAGE findings: every read a snapshot could not make (coverage status
 * `forbidden`, `not_found` or `error`) becomes a finding on the resource the read was
 * about, at `coverage_severity` (default high), so a gate that could not see never
 * passes silently. A token inventory that shows only the caller's own tokens
 * (`visibility: own_tokens_only`) is a partial inventory: a COVERAGE finding at
 * `low`. `ok` and `not_applicable` entries are not findings.
 */
import { cloudflareCoverageURI, githubCoverageURI } from "./coverage-resource.js";
import type { Documents, LoadedDocument } from "./documents.js";
import { fingerprint } from "./fingerprint.js";
import { COVERAGE_RULE } from "./gate-rules.js";
import type { Finding, Severity } from "./result.js";
import { parseInstant } from "./time.js";

interface CoverageEntry {
  readonly resource: string;
  readonly status: string;
  readonly http_status?: number;
  readonly accepted_permissions?: string;
  readonly visibility?: string;
  readonly message?: string;
  readonly cf_errors?: readonly { readonly code: number; readonly message: string }[];
}

const GAPS = new Set(["forbidden", "not_found", "error"]);

function gapMessage(d: LoadedDocument, e: CoverageEntry): string {
  const details = [e.http_status !== undefined ? `HTTP ${e.http_status}` : undefined, e.accepted_permissions ? `needs ${e.accepted_permissions}` : undefined].filter(Boolean);
  const status = e.status.replace("_", " ");
  return `The ${d.kind} could not read ${e.resource}: ${status}${details.length > 0 ? ` (${details.join("; ")})` : ""}${e.message ? `: ${e.message}` : ""}`;
}

function evidence(e: CoverageEntry): string[] {
  const out = [`coverage: ${e.resource}`, `status: ${e.status}`];
  if (e.http_status !== undefined) out.push(`http_status: ${e.http_status}`);
  if (e.accepted_permissions) out.push(`accepted_permissions: ${e.accepted_permissions}`);
  if (e.visibility) out.push(`visibility: ${e.visibility}`);
  for (const c of e.cf_errors ?? []) out.push(`cloudflare error ${c.code}: ${c.message}`);
  return out;
}

function remediation(d: LoadedDocument, e: CoverageEntry): string {
  if (e.visibility === "own_tokens_only") {
    return e.resource.startsWith("user/")
      ? "Cloudflare lists only the caller's own user tokens: review other members' user tokens in the dashboard (or have each member snapshot theirs), and move automation to account-owned tokens, which an account token list shows in full."
      : 'Take the snapshot with a token that has "Account API Tokens Read" (not only the list-own-tokens permission), so the account\'s whole token list is checked.';
  }
  if (e.accepted_permissions) return `Give the token that takes the ${d.kind} the permission(s) ${e.accepted_permissions} and take the snapshot again (or waive this gap with an owner and an expiry).`;
  return COVERAGE_RULE.remediation;
}

function resourceURI(d: LoadedDocument, e: CoverageEntry): string {
  return d.kind === "cloudflare-snapshot" ? cloudflareCoverageURI(e.resource) : githubCoverageURI(e.resource);
}

/**
 * One COVERAGE finding per gap (kind of document and what could not be read). Snapshots
 * that overlap (one caller's snapshots of several Cloudflare accounts, two snapshots of
 * one account) report the same gap once, from the newest document that has it.
 */
export function coverageFindings(docs: Documents, coverageSeverity: Severity): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const newestFirst = [...docs.all].sort((a, b) => parseInstant(b.time)! - parseInstant(a.time)!);
  for (const d of newestFirst) {
    const entries = (d.doc["coverage"] ?? []) as readonly CoverageEntry[];
    entries.forEach((e, i) => {
      const partial = e.visibility === "own_tokens_only";
      if (!GAPS.has(e.status) && !partial) return;
      const identity = { document: d.kind, coverage: e.resource };
      const id = fingerprint(COVERAGE_RULE.id, identity);
      if (seen.has(id)) return;
      seen.add(id);
      out.push({
        rule: COVERAGE_RULE.id,
        status: "fail",
        severity: partial ? "low" : coverageSeverity,
        resource: resourceURI(d, e),
        title: partial ? "Token inventory shows only the caller's own tokens" : COVERAGE_RULE.title,
        message: partial
          ? `The ${d.kind} lists only the caller's own tokens at ${e.resource}; other tokens there are not checked${e.message ? ` (${e.message})` : ""}`
          : gapMessage(d, e),
        remediation: remediation(d, e),
        evidence: evidence(e),
        identity,
        fingerprint: id,
        location: { file: d.file, kind: d.kind, pointer: `/coverage/${i}` },
        waived: false,
        waiver: null,
        baselined: false,
        locked: false,
      });
    });
  }
  return out;
}
