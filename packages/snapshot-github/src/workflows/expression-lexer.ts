/**
 * A tokenizer for GitHub Actions expressions (the text inside `${{ }}` and bare
 * `if:` conditions). References are read from tokens, not from the raw text, so
 * `'secrets.X'` inside a string literal is a string and not a reference.
 *
 * The grammar, from GitHub's expression documentation: literals `null`, booleans,
 * numbers (decimal, `0x` hex, exponent) and single-quoted strings with `''` as the
 * escaped quote; identifiers for contexts, properties and functions (letters, digits,
 * `_` and `-`, as in `steps.my-step.outputs`); property access `.`, index access
 * `[ ]`, the object filter `*`, calls `f( , )`, and the operators `! < <= > >= == !=
 * && ||` with parentheses. Anything else becomes an `unknown` token, so malformed
 * text still yields the references around it.
 */

export type TokenKind = "ident" | "string" | "number" | "punct" | "unknown";

export interface Token {
  readonly kind: TokenKind;
  /** The source text (a string literal's decoded value is in `value`). */
  readonly text: string;
  /** For `string` tokens: the literal's value with `''` unescaped. */
  readonly value?: string;
}

const PUNCT = ["&&", "||", "==", "!=", "<=", ">=", "(", ")", "[", "]", ".", ",", "!", "<", ">", "*"] as const;

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y;
const NUMBER = /-?(?:0x[0-9A-Fa-f]+|[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)/y;
const SPACE = /\s+/y;

export function tokenizeExpression(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const at = (re: RegExp): string | null => {
    re.lastIndex = i;
    const m = re.exec(source);
    return m ? m[0] : null;
  };
  while (i < source.length) {
    const space = at(SPACE);
    if (space) {
      i += space.length;
      continue;
    }
    if (source[i] === "'") {
      const { end, closed } = stringEnd(source, i);
      const text = source.slice(i, end);
      tokens.push({ kind: "string", text, value: text.slice(1, closed ? -1 : undefined).replaceAll("''", "'") });
      i = end;
      continue;
    }
    // A number, before identifiers and punctuation, so `-1` and `1.5` stay whole;
    // but after `.` a digit run is a property segment, which the reader handles.
    const number = at(NUMBER);
    if (number) {
      tokens.push({ kind: "number", text: number });
      i += number.length;
      continue;
    }
    const ident = at(IDENT);
    if (ident) {
      tokens.push({ kind: "ident", text: ident });
      i += ident.length;
      continue;
    }
    const punct = PUNCT.find((p) => source.startsWith(p, i));
    if (punct) {
      tokens.push({ kind: "punct", text: punct });
      i += punct.length;
      continue;
    }
    tokens.push({ kind: "unknown", text: source[i]! });
    i += 1;
  }
  return tokens;
}

/**
 * The index just past the string literal that opens at `start`, and whether it was
 * closed (an unterminated literal runs to the end of the text).
 */
export function stringEnd(source: string, start: number): { end: number; closed: boolean } {
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === "'") {
      if (source[i + 1] === "'") {
        i += 2;
        continue;
      }
      return { end: i + 1, closed: true };
    }
    i += 1;
  }
  return { end: source.length, closed: false };
}
