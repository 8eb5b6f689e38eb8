/**
 * The org's parameters applied to findings: `enabled_checks` (when given) and
 * `disabled_checks` drop a check's findings, `severity_overrides` replace their
 * severity, `locked_checks` mark them locked (no waiver applies). A locked check's
 * severity may be raised by an override, never lowered, and it is never left out.
 */
import { checkSelector } from "./check-selector.js";
import type { GateParams } from "./params.js";
import { GATE_RULES, SEVERITIES, type Finding, type Severity } from "./result.js";

const GATE_RULE_IDS: ReadonlySet<string> = new Set(Object.values(GATE_RULES));

/** Whether `enabled_checks` keeps a check: always for locked checks and the gate's own findings. */
function enabledBy(params: GateParams): (id: string) => boolean {
  if (params.enabled === undefined) return () => true;
  const selected = checkSelector(params.enabled);
  return (id) => selected(id) || params.locked.has(id) || GATE_RULE_IDS.has(id);
}

function higher(a: Severity, b: Severity): Severity {
  return SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a;
}

export function applyParams(findings: readonly Finding[], params: GateParams): Finding[] {
  const out: Finding[] = [];
  const enabled = enabledBy(params);
  for (const f of findings) {
    if (params.disabled.has(f.rule) || !enabled(f.rule)) continue;
    const locked = params.locked.has(f.rule);
    const override = params.severityOverrides.get(f.rule);
    const severity = override === undefined ? f.severity : locked ? higher(f.severity, override) : override;
    out.push(severity === f.severity && locked === f.locked ? f : { ...f, severity, locked });
  }
  return out;
}

/** Parameters that name checks no bundle declares, or that try to loosen a locked check: worth a warning. */
export function paramWarnings(params: GateParams, known: ReadonlyMap<string, Severity>): string[] {
  const out: string[] = [];
  const unknown = (list: Iterable<string>, name: string): void => {
    for (const id of list) if (!known.has(id)) out.push(`params.${name} names ${id}, which no check in the bundles declares`);
  };
  unknown(params.severityOverrides.keys(), "severity_overrides");
  unknown(params.disabled, "disabled_checks");
  unknown(params.locked, "locked_checks");
  for (const selector of params.enabled ?? []) {
    const selects = checkSelector([selector]);
    if (![...known.keys()].some(selects)) out.push(`params.enabled_checks names ${selector}, which selects no check in the bundles`);
  }
  if (params.enabled !== undefined) {
    const selected = checkSelector(params.enabled);
    for (const id of params.locked) if (!selected(id)) out.push(`params.enabled_checks leaves out ${id}, which is locked (locked_checks): a locked check always runs`);
  }
  for (const [id, severity] of params.severityOverrides) {
    const base = known.get(id);
    if (params.locked.has(id) && base !== undefined && SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(base)) {
      out.push(`params.severity_overrides lowers locked check ${id} to ${severity}: a locked check may only be raised, so findings keep the severity the check reports`);
    }
  }
  return out;
}
