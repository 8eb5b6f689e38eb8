/** The per-directory table and totals printed by `npm run conformance`. */
import type { TierInfo } from "./cases.js";

export interface DirTally {
  passed: number;
  total: number;
}

export function tally(results: ReadonlyMap<string, boolean>): Map<string, DirTally> {
  const dirs = new Map<string, DirTally>();
  for (const [id, pass] of results) {
    const dir = id.slice(0, id.indexOf("/"));
    const t = dirs.get(dir) ?? { passed: 0, total: 0 };
    t.total++;
    if (pass) t.passed++;
    dirs.set(dir, t);
  }
  return dirs;
}

function pct(n: number, d: number): string {
  return d === 0 ? "-" : `${((100 * n) / d).toFixed(1)}%`;
}

export function renderTable(dirs: ReadonlyMap<string, DirTally>, tiers: ReadonlyMap<string, TierInfo>): string {
  const rows = [...dirs.entries()].sort(([a], [b]) => {
    const ta = tiers.get(a);
    const tb = tiers.get(b);
    return (ta?.tier ?? 9) - (tb?.tier ?? 9) || (ta?.class ?? "z").localeCompare(tb?.class ?? "z") || a.localeCompare(b);
  });
  const lines = ["| dir | tier | class | passed | cases | rate |", "|---|:-:|:-:|---:|---:|---:|"];
  for (const [dir, t] of rows) {
    const info = tiers.get(dir);
    lines.push(`| ${dir} | ${info?.tier ?? "?"} | ${info?.class ?? "?"} | ${t.passed} | ${t.total} | ${pct(t.passed, t.total)} |`);
  }
  return lines.join("\n");
}

export interface Totals {
  readonly label: string;
  readonly passed: number;
  readonly total: number;
}

export function totals(dirs: ReadonlyMap<string, DirTally>, tiers: ReadonlyMap<string, TierInfo>): Totals[] {
  const sum = (pred: (info: TierInfo | undefined) => boolean, label: string): Totals => {
    let passed = 0;
    let total = 0;
    for (const [dir, t] of dirs) {
      if (!pred(tiers.get(dir))) continue;
      passed += t.passed;
      total += t.total;
    }
    return { label, passed, total };
  };
  return [
    sum(() => true, "all cases"),
    sum((i) => i?.tier === 1, "tier 1"),
    sum((i) => i?.tier === 1 && i.class === "a", "tier 1, language core (class a)"),
    sum((i) => i?.tier === 1 && i.class === "b", "tier 1, builtins (class b)"),
    sum((i) => i?.tier === 2, "tier 2"),
  ];
}

export function renderTotals(list: readonly Totals[]): string {
  return list.map((t) => `${t.label}: ${t.passed}/${t.total} (${pct(t.passed, t.total)})`).join("\n");
}
