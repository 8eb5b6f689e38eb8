/**
 * What a gate run produces: the shape every reporter reads. Pure data, so reporters
 * are pure functions from a `GateResult` to a string.
 */

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `fail`: the check found a violation; `unknown`: a fact it needs is missing (never a pass). */
export type FindingStatus = "fail" | "unknown";

/** The check ids the gate itself emits, beside the bundle's checks. */
export const GATE_RULES = { Coverage: "COVERAGE", WaiverExpired: "WAIVER-EXPIRED", WaiverUnmatched: "WAIVER-UNMATCHED" } as const;

/** Where a finding's facts sit: the input file, its kind, and a JSON pointer into it. */
export interface FindingLocation {
  /** The document file as the user named it (`-i FILE`, or `--waivers FILE` for WAIVER-* findings). */
  readonly file: string;
  /** `github-snapshot`, `cloudflare-snapshot`, `openai-federation`, or `regolith-waivers`. */
  readonly kind: string;
  /** RFC 6901 pointer into that document ("" for the whole document). */
  readonly pointer: string;
}

export interface Waiver {
  readonly rule: string;
  /** An exact resource URI or a glob (`*` within a path segment, `**` across segments). */
  readonly resource: string;
  readonly reason: string;
  readonly owner: string;
  readonly created: string;
  readonly expires: string;
  readonly ticket?: string;
  readonly approved_by?: string;
}

export interface Finding {
  /** The check id (`CF-TOK-002`), or one of GATE_RULES. */
  readonly rule: string;
  readonly status: FindingStatus;
  /** After the org's `severity_overrides`. */
  readonly severity: Severity;
  /** The resource URI (CLI.md, "Resource identifiers"). */
  readonly resource: string;
  readonly title: string;
  readonly message: string;
  readonly remediation: string;
  /** Short strings that show the facts behind the finding. */
  readonly evidence: readonly string[];
  /** The values of the rule's identity fields; the fingerprint is computed from them. */
  readonly identity: Readonly<Record<string, unknown>>;
  /** Lowercase hex SHA-256 of the canonical JSON of [rule, identity]; the recipe is in fingerprint.ts. */
  readonly fingerprint: string;
  readonly location: FindingLocation | null;
  /** A valid waiver covers this finding (it is still listed, and counted as waived). */
  readonly waived: boolean;
  /** That waiver, when `waived`. */
  readonly waiver: Waiver | null;
  /** Present in the baseline given with `--baseline` (does not fail the build). */
  readonly baselined: boolean;
  /** A locked check: no waiver applies. */
  readonly locked: boolean;
}

/** What the bundle says about one check (from its METADATA), for SARIF rules and help text. */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediation: string;
  readonly identity: readonly string[];
  readonly related_resources: readonly { readonly ref: string; readonly description?: string }[];
}

/** A valid waiver that expires soon (within 14 days of the gate's clock), for reporters to warn about. */
export interface WaiverNote {
  readonly waiver: Waiver;
  /** The waivers file and `/waivers/N`. */
  readonly location: FindingLocation;
  /** Whole days from the gate's clock to `expires` (0: it expires within a day). */
  readonly days_left: number;
  /** How many findings it waives in this run. */
  readonly matched: number;
}

export interface Summary {
  /** Every finding listed. */
  readonly total: number;
  /** Findings with status `fail` (waived and baselined ones included). */
  readonly failed: number;
  /** Findings with status `unknown` (never blocking). */
  readonly unknown: number;
  readonly waived: number;
  /** Baselined and not waived. */
  readonly baselined: number;
  /** Unwaived, unbaselined `fail` findings per severity. */
  readonly by_severity: Readonly<Record<Severity, number>>;
  readonly fail_on: Severity | "never";
  /** Unwaived, unbaselined `fail` findings at or above `fail_on` (0 when `fail_on` is `never`). */
  readonly blocking: number;
  /** `blocking === 0`: the gate passes (exit 0); otherwise exit 1. */
  readonly passed: boolean;
}

export interface GateResult {
  readonly version: 1;
  /** Sorted by severity (highest first), then rule, resource and fingerprint. */
  readonly findings: readonly Finding[];
  /** The bundles' checks (sorted by id), then the gate's own: COVERAGE, WAIVER-EXPIRED, WAIVER-UNMATCHED. */
  readonly rules: readonly RuleInfo[];
  readonly summary: Summary;
  /** The documents evaluated: file, kind, generated_at (or declared_at). */
  readonly inputs: readonly { readonly file: string; readonly kind: string; readonly generated_at: string }[];
  /**
   * The gate's clock: the newest `generated_at` / `declared_at` of the inputs, as
   * written there. Waivers expire against it; the wall clock is never read.
   */
  readonly clock: string;
  /** Valid waivers that expire within 14 days of the clock, soonest first. */
  readonly expiring_waivers: readonly WaiverNote[];
  /** Things the user should know that do not stop the run (e.g. parameters naming unknown checks). */
  readonly warnings: readonly string[];
  readonly tool: { readonly name: "regolith"; readonly version: string };
}
