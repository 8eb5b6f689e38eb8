/**
 * The catalog entries of the findings the gate makes itself (GATE_RULES), so that
 * reporters describe them like any check.
 */
import { GATE_RULES, type RuleInfo } from "./result.js";

export const COVERAGE_RULE: RuleInfo = {
  id: GATE_RULES.Coverage,
  title: "Snapshot could not read something",
  description:
    "A read the snapshot adapter made was refused or failed (HTTP 403 or 404, an error, a partly read list), or a token inventory shows only the caller's own tokens. Checks that need those facts report `unknown` instead of passing, and the gap itself is this finding, so a gate that could not see never passes silently.",
  severity: "high",
  remediation:
    "Give the snapshot token the permission the finding names (GitHub: the fine-grained permission in `accepted_permissions`, e.g. `secrets=read`; Cloudflare: \"Account API Tokens Read\" for account token lists) and take the snapshot again. If the gap is expected, waive it with an owner and an expiry, or lower `coverage_severity` in the parameters.",
  identity: ["document", "coverage"],
  related_resources: [],
};

export const WAIVER_EXPIRED_RULE: RuleInfo = {
  id: GATE_RULES.WaiverExpired,
  title: "Waiver expired",
  description:
    "A waiver's `expires` lies before the gate's clock (the newest `generated_at` / `declared_at` of the input documents). It no longer waives anything: the findings it covered count again.",
  severity: "medium",
  remediation: "Fix the findings the waiver covered, or, if the exception still holds, have its owner renew it with a new `created` and `expires` (at most `waiver_max_days` apart) and a current reason.",
  identity: ["rule", "resource"],
  related_resources: [],
};

export const WAIVER_UNMATCHED_RULE: RuleInfo = {
  id: GATE_RULES.WaiverUnmatched,
  title: "Waiver matches no finding",
  description: "A valid waiver's rule and resource match no finding of this run: the problem it excused is gone, or the waiver names the wrong rule or resource.",
  severity: "info",
  remediation: "Delete the waiver if the finding was fixed; otherwise correct its `rule` or `resource` (exact URI, or a glob with `*` within a path segment and `**` across segments).",
  identity: ["rule", "resource"],
  related_resources: [],
};

export const GATE_RULE_INFOS: readonly RuleInfo[] = [COVERAGE_RULE, WAIVER_EXPIRED_RULE, WAIVER_UNMATCHED_RULE];
