/**
 * Manifest roots (OPA: Bundles → "Multiple Sources of Policy and Data"): a bundle
 * owns the parts of `data` under its roots. Its packages and data must lie inside
 * them, its roots must not overlap each other, and two bundles loaded together
 * must not claim overlapping roots. This package does not parse Rego: callers pass
 * each module's package path.
 */
import { DATA_JSON, DATA_YAML } from "./constants.js";
import { manifestRoots } from "./manifest.js";
import { baseName, dirSegments } from "./paths.js";
import type { Bundle } from "./types.js";

const segments = (root: string): string[] => (root === "" ? [] : root.split("/"));

/** Does `root` contain `path` (both as segment lists)? The empty root contains everything. */
function contains(root: readonly string[], path: readonly string[]): boolean {
  return root.length <= path.length && root.every((s, i) => s === path[i]);
}

/** OPA's RootPathsOverlap: one root contains the other. */
export function rootsOverlap(a: string, b: string): boolean {
  const x = segments(a);
  const y = segments(b);
  return contains(x, y) || contains(y, x);
}

const shownRoot = (r: string): string => (r === "" ? `"" (all of data)` : JSON.stringify(r));

/**
 * Problems with `bundle`'s roots, one sentence each; empty when all is well.
 * `packages` maps a module's bundle path to its package path without the leading
 * `data` (`package regolith.checks.gh_sec` → ["regolith", "checks", "gh_sec"]).
 */
export function rootProblems(bundle: Bundle, packages: ReadonlyMap<string, readonly string[]>): string[] {
  const roots = manifestRoots(bundle.manifest);
  const rootSegs = roots.map(segments);
  const within = (path: readonly string[]): boolean => rootSegs.some((r) => contains(r, path));
  const problems: string[] = [];
  for (let i = 0; i < roots.length; i++) {
    for (let j = i + 1; j < roots.length; j++) {
      if (rootsOverlap(roots[i]!, roots[j]!)) problems.push(`${bundle.name}: .manifest: roots ${shownRoot(roots[i]!)} and ${shownRoot(roots[j]!)} overlap`);
    }
  }
  const shownRoots = `[${roots.map((r) => JSON.stringify(r)).join(", ")}]`;
  for (const [file, pkg] of [...packages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!within(pkg)) problems.push(`${bundle.name}: ${file}: package ${pkg.join(".")} is outside the manifest roots ${shownRoots}`);
  }
  for (const file of bundle.files) {
    const base = baseName(file.path);
    if (base !== DATA_JSON && base !== DATA_YAML) continue;
    const at = dirSegments(file.path);
    if (base === DATA_YAML) {
      if (!within(at)) problems.push(`${bundle.name}: ${file.path}: data at /${at.join("/")} may lie outside the manifest roots ${shownRoots} (YAML data is not checked key by key)`);
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(file.bytes));
    } catch {
      problems.push(`${bundle.name}: ${file.path}: not valid JSON`);
      continue;
    }
    dataOutside(value, at, rootSegs, (path) => problems.push(`${bundle.name}: ${file.path}: data at /${path.join("/")} is outside the manifest roots ${shownRoots}`));
  }
  return problems;
}

/** Walks `value` at `path` until each branch is inside a root; reports branches that leave them. */
function dataOutside(value: unknown, path: string[], roots: readonly (readonly string[])[], report: (path: string[]) => void): void {
  if (roots.some((r) => contains(r, path))) return;
  const leadsToRoot = roots.some((r) => contains(path, r));
  if (leadsToRoot && typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) dataOutside(v, [...path, k], roots, report);
    return;
  }
  report(path);
}

/** Bundles that cannot be loaded together because their roots overlap (OPA refuses to activate them). */
export function overlapProblems(bundles: readonly Bundle[]): string[] {
  const problems: string[] = [];
  for (let i = 0; i < bundles.length; i++) {
    for (let j = i + 1; j < bundles.length; j++) {
      const a = bundles[i]!;
      const b = bundles[j]!;
      for (const ra of manifestRoots(a.manifest)) {
        for (const rb of manifestRoots(b.manifest)) {
          if (rootsOverlap(ra, rb)) problems.push(`bundles ${a.name} and ${b.name} overlap: root ${shownRoot(ra)} of ${a.name} and root ${shownRoot(rb)} of ${b.name}`);
        }
      }
    }
  }
  return problems;
}
