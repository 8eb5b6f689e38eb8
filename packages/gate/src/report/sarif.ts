/**
 * The `sarif` report: SARIF 2.1.0 for code-scanning tools (GitHub code scanning among
 * them). Findings are about settings and tokens, not lines of code, so each result names
 * its resource as a logical location (CHECKS.md §4.9) and points at the snapshot file
 * it was read from (line 1), since GitHub needs one physical location per result.
 * Waived findings carry a suppression, baselined ones `baselineState: "unchanged"`, and
 * findings the gate could not decide are `kind: "open"`.
 */
import type { Finding, GateResult, RuleInfo, Severity } from "../result.js";
import { compareText, ordered, plural, runway } from "./classify.js";
import { mdLink } from "./md.js";
import { blockLines, flatten } from "./strings.js";

export const SARIF_SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json";

/** The key of `partialFingerprints`: the fingerprint recipe and its version. */
export const FINGERPRINT_KEY = "regolith/v1";

type Level = "error" | "warning" | "note";

export function sarifLevel(severity: Severity): Level {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

/**
 * GitHub code scanning ranks security alerts by `security-severity` (over 9.0 critical,
 * 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low); `info` gets none and shows as a note.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, string | null>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  info: null,
};

/** `DisabledOrExpiredCloudflareTokenStillPresent` from the title: SARIF's rule `name`. */
function ruleName(title: string): string {
  const words = title.match(/[A-Za-z0-9]+/g) ?? [];
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") || "Rule";
}

/** `GH-SEC` from `GH-SEC-001`; gate rules (`COVERAGE`) form the `gate` family. */
function family(id: string): string {
  const m = /^(.*)-\d+$/.exec(id);
  return m ? m[1]!.toLowerCase() : "gate";
}

/**
 * Every rule a finding names must be in `driver.rules`. Rules the bundle describes come
 * from `result.rules`; a rule with findings but no description (the gate's own, unless
 * the gate lists them) is described from its first finding.
 */
function allRules(result: GateResult, findings: readonly Finding[]): RuleInfo[] {
  const rules = new Map(result.rules.map((r) => [r.id, r]));
  for (const f of findings) {
    if (rules.has(f.rule)) continue;
    rules.set(f.rule, {
      id: f.rule,
      title: f.title,
      description: f.title,
      severity: f.severity,
      remediation: f.remediation,
      identity: Object.keys(f.identity).sort(),
      related_resources: [],
    });
  }
  return [...rules.values()].sort((a, b) => compareText(a.id, b.id));
}

function ruleDescriptor(r: RuleInfo): object {
  const docs = r.related_resources;
  const helpText = [...blockLines(r.remediation), ...docs.map((d) => `${d.description ?? "Documentation"}: ${d.ref}`)].join("\n");
  const helpMarkdown = [
    "**Remediation**",
    "",
    ...blockLines(r.remediation),
    ...(docs.length > 0 ? ["", "**References**", "", ...docs.map((d) => `- ${mdLink(d.description ?? d.ref, d.ref)}`)] : []),
  ].join("\n");
  const securitySeverity = SECURITY_SEVERITY[r.severity];
  return {
    id: r.id,
    name: ruleName(r.title),
    shortDescription: { text: r.title },
    fullDescription: { text: flatten(r.description) || r.title },
    help: { text: helpText || r.title, markdown: helpMarkdown },
    ...(docs[0] !== undefined ? { helpUri: docs[0].ref } : {}),
    defaultConfiguration: { level: sarifLevel(r.severity) },
    properties: {
      severity: r.severity,
      tags: ["security", "credential-hygiene", family(r.id)],
      ...(securitySeverity !== null ? { "security-severity": securitySeverity } : {}),
      identity: [...r.identity],
    },
  };
}

/**
 * A path as the user gave it (`-i snapshots/acme.json`) as a URI reference: relative
 * paths stay relative (GitHub resolves them against the repository root), absolute ones
 * become `file:` URIs, each segment percent-encoded. `-` (stdin) has no URI.
 */
export function fileUri(file: string): string | null {
  if (file === "" || file === "-") return null;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(file)) return file;
  const path = file.replaceAll("\\", "/");
  const encode = (p: string): string => p.split("/").map(encodeURIComponent).join("/");
  if (/^[A-Za-z]:\//.test(path)) return `file:///${path.slice(0, 2)}${encode(path.slice(2))}`;
  if (path.startsWith("/")) return `file://${encode(path)}`;
  return encode(path);
}

function location(f: Finding): object {
  const uri = f.location === null ? null : fileUri(f.location.file);
  return {
    ...(uri !== null ? { physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } } : {}),
    logicalLocations: [{ fullyQualifiedName: f.resource, kind: "resource" }],
  };
}

/**
 * The digest keyed by its recipe and version (CHECKS.md §4.3), `{"regolith/v1": "abc…"}`;
 * a fingerprint that names its recipe itself (`recipe:digest`) is keyed by that recipe.
 */
function partialFingerprints(fingerprint: string): Record<string, string> {
  const cut = fingerprint.indexOf(":");
  if (cut > 0) return { [fingerprint.slice(0, cut)]: fingerprint.slice(cut + 1) };
  return { [FINGERPRINT_KEY]: fingerprint };
}

function resultOf(f: Finding, ruleIndex: number): object {
  const undecided = f.status === "unknown";
  const evidence = f.evidence.length > 0 ? `\nEvidence: ${f.evidence.join("; ")}` : "";
  const w = f.waived ? f.waiver : null;
  return {
    ruleId: f.rule,
    ruleIndex,
    // SARIF §3.27.10: a result whose kind is not "fail" has level "none".
    kind: undecided ? "open" : "fail",
    level: undecided ? "none" : sarifLevel(f.severity),
    message: { text: `${f.message}${evidence}` },
    locations: [location(f)],
    partialFingerprints: partialFingerprints(f.fingerprint),
    baselineState: f.baselined ? "unchanged" : "new",
    ...(f.waived
      ? {
          suppressions: [
            {
              kind: "external",
              status: "accepted",
              justification: w !== null ? flatten(w.reason) : "waived",
              ...(w !== null
                ? {
                    properties: {
                      owner: w.owner,
                      created: w.created,
                      expires: w.expires,
                      resource: w.resource,
                      ...(w.ticket !== undefined ? { ticket: w.ticket } : {}),
                      ...(w.approved_by !== undefined ? { approved_by: w.approved_by } : {}),
                    },
                  }
                : {}),
            },
          ],
        }
      : {}),
    properties: {
      severity: f.severity,
      status: f.status,
      resource: f.resource,
      evidence: [...f.evidence],
      ...(f.location !== null ? { document: f.location.file, documentKind: f.location.kind, pointer: f.location.pointer } : {}),
      waived: f.waived,
      baselined: f.baselined,
      locked: f.locked,
    },
  };
}

/**
 * Gate warnings and soon-expiring waivers are about the run's configuration, not about a
 * resource: SARIF's place for them is the invocation's configuration notifications.
 */
function invocation(result: GateResult): object {
  const notes = [
    ...result.expiring_waivers.map((n) => {
      const uri = fileUri(n.location.file);
      return {
        descriptor: { id: "waiver-expiring" },
        level: "warning",
        message: { text: `Waiver for ${n.waiver.rule} on ${n.waiver.resource} (owner ${n.waiver.owner}) expires on ${n.waiver.expires} (${runway(n.days_left)}); it waives ${plural(n.matched, "finding")} in this run.` },
        ...(uri !== null ? { locations: [{ physicalLocation: { artifactLocation: { uri }, region: { startLine: 1 } } }] } : {}),
        properties: { pointer: n.location.pointer, days_left: n.days_left, matched: n.matched, rule: n.waiver.rule, resource: n.waiver.resource, owner: n.waiver.owner, expires: n.waiver.expires },
      };
    }),
    ...result.warnings.map((w) => ({ descriptor: { id: "gate-warning" }, level: "warning", message: { text: w } })),
  ];
  return { executionSuccessful: true, ...(notes.length > 0 ? { toolConfigurationNotifications: notes } : {}) };
}

export function sarif(result: GateResult): string {
  const findings = ordered(result.findings);
  const rules = allRules(result, findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "regolith",
            version: result.tool.version,
            semanticVersion: result.tool.version,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [invocation(result)],
        results: findings.map((f) => resultOf(f, index.get(f.rule) ?? -1)),
        properties: {
          clock: result.clock,
          failOn: result.summary.fail_on,
          passed: result.summary.passed,
          blocking: result.summary.blocking,
          inputs: result.inputs.map((i) => ({ file: i.file, kind: i.kind, generated_at: i.generated_at })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
