/**
 * Finds the `${{ … }}` expressions in a workflow string. The closing `}}` is looked
 * for outside string literals, as GitHub's own scanner does, so `${{ format('}}') }}`
 * is one expression. An unterminated `${{` runs to the end of the text: GitHub
 * rejects such a file, but its references are still worth recording.
 */
import { stringEnd } from "./expression-lexer.js";

/** The text inside each `${{ }}` of `text`, trimmed, in source order. */
export function findExpressions(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf("${{", from);
    if (open < 0) return found;
    const start = open + 3;
    let i = start;
    let close = -1;
    while (i < text.length) {
      if (text[i] === "'") {
        i = stringEnd(text, i).end;
        continue;
      }
      if (text.startsWith("}}", i)) {
        close = i;
        break;
      }
      i += 1;
    }
    const end = close < 0 ? text.length : close;
    found.push(text.slice(start, end).trim());
    from = close < 0 ? text.length : close + 2;
  }
}

/**
 * The expressions of an `if:` condition. A condition is an expression even without
 * `${{ }}`; when it contains `${{`, GitHub evaluates the embedded expressions instead.
 */
export function conditionExpressions(condition: string): string[] {
  if (condition.includes("${{")) return findExpressions(condition);
  const bare = condition.trim();
  return bare === "" ? [] : [bare];
}
