/**
 * Check selectors, as `enabled_checks` takes them: an exact check id (`CF-TOK-002`), or
 * a prefix ending in `*` that selects every id starting with it (`GH-WF-*`, `CF-*`).
 */

export type CheckSelector = (id: string) => boolean;

export function checkSelector(selectors: readonly string[]): CheckSelector {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const s of selectors) {
    if (s.endsWith("*")) prefixes.push(s.slice(0, -1));
    else exact.add(s);
  }
  return (id) => exact.has(id) || prefixes.some((p) => id.startsWith(p));
}
