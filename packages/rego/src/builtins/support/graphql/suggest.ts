/**
 * "Did you mean …?" suggestions in validation messages, as gqlparser makes them:
 * options within a lexical distance of ⌊0.4·len⌋+1 of the input, nearest first
 * (ties keep their order), at most five listed.
 */

/** Optimal-string-alignment distance; a change of case alone counts as one edit. */
export function lexicalDistance(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a.toLowerCase()];
  const y = [...b.toLowerCase()];
  if (x.join("") === y.join("")) return 1;
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) rows.push(new Array<number>(y.length + 1).fill(0));
  for (let i = 0; i <= x.length; i++) rows[i]![0] = i;
  for (let j = 0; j <= y.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[x.length]![y.length]!;
}

export function suggestionList(input: string, options: readonly string[]): string[] {
  const threshold = Math.floor(new TextEncoder().encode(input).length * 0.4) + 1;
  const found: { option: string; d: number }[] = [];
  for (const option of options) {
    const d = lexicalDistance(input, option);
    if (d <= threshold) found.push({ option, d });
  }
  return found.sort((p, q) => p.d - q.d).map((f) => f.option);
}

/** `A`, `A or B`, `A, B, or C` (at most five items). */
export function orList(items: readonly string[]): string {
  const xs = items.slice(0, 5);
  if (xs.length === 2) return `${xs[0]} or ${xs[1]}`;
  let out = "";
  xs.forEach((x, i) => {
    if (i > 0) out += i === xs.length - 1 ? ", or " : ", ";
    out += x;
  });
  return out;
}

export function quotedOrList(items: readonly string[]): string {
  return orList(items.map((x) => `"${x}"`));
}

/** " Did you mean "a" or "b"?" for the options near `typed`, or "". */
export function suggestQuoted(prefix: string, typed: string, options: readonly string[]): string {
  const s = suggestionList(typed, options);
  return s.length ? ` ${prefix} ${quotedOrList(s)}?` : "";
}

export function suggestUnquoted(prefix: string, typed: string, options: readonly string[]): string {
  const s = suggestionList(typed, options);
  return s.length ? ` ${prefix} ${orList(s)}?` : "";
}
