/**
 * The lexer of Go's text/template: text, `{{ }}` actions with `{{- ` / ` -}}` trim
 * markers, comments (slash-star ... star-slash right after the delimiter), and the tokens inside actions.
 */

export type ItemType =
  | "text"
  | "leftDelim"
  | "rightDelim"
  | "space"
  | "assign"
  | "declare"
  | "pipe"
  | "string"
  | "rawString"
  | "variable"
  | "charConstant"
  | "field"
  | "dot"
  | "number"
  | "complex"
  | "bool"
  | "identifier"
  | "leftParen"
  | "rightParen"
  | "char"
  | "eof"
  | "error"
  | "block"
  | "break"
  | "continue"
  | "define"
  | "else"
  | "end"
  | "if"
  | "range"
  | "nil"
  | "template"
  | "with";

export interface Item {
  readonly type: ItemType;
  readonly val: string;
  readonly pos: number;
  readonly line: number;
}

const KEYWORDS: Record<string, ItemType> = {
  block: "block",
  break: "break",
  continue: "continue",
  define: "define",
  else: "else",
  end: "end",
  if: "if",
  range: "range",
  nil: "nil",
  template: "template",
  with: "with",
};

const LEFT = "{{";
const RIGHT = "}}";
const SPACE_CHARS = " \t\r\n";

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\r" || c === "\n";
}

function isAlphaNumeric(c: string | undefined): boolean {
  return c !== undefined && (c === "_" || /^[\p{L}\p{Nd}]$/u.test(c));
}

function hasLeftTrimMarker(s: string, i: number): boolean {
  return s[i] === "-" && isSpace(s[i + 1]);
}

function hasRightTrimMarker(s: string, i: number): boolean {
  return isSpace(s[i]) && s[i + 1] === "-";
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Splits template text into items; the last is `eof` or `error`. */
export function lex(input: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (type: ItemType): void => {
    items.push({ type, val: input.slice(start, pos), pos: start, line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input, start, pos);
    start = pos;
    startLine = line;
  };
  const error = (msg: string): Item[] => {
    items.push({ type: "error", val: msg, pos: start, line: startLine });
    return items;
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos = input.length + 1;
      return undefined;
    }
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    if (c === "\n") line++;
    return c;
  };
  const backup = (c: string | undefined): void => {
    if (c === undefined) {
      pos = input.length;
      return;
    }
    pos -= c.length;
    if (c === "\n") line--;
  };
  const peek = (): string | undefined => {
    const c = next();
    backup(c);
    return c;
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrimMarker(input, pos) && input.startsWith(RIGHT, pos + 2)) return [true, true];
    if (input.startsWith(RIGHT, pos)) return [true, false];
    return [false, false];
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (c === undefined || isSpace(c)) return true;
    if (".,|:)(".includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };
  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (;;) {
      const c = next();
      if (c === undefined || !valid.includes(c)) {
        backup(c);
        return;
      }
    }
  };
  const scanNumber = (): boolean => {
    accept("+-");
    let digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) digits = "0123456789abcdefABCDEF_";
      else if (accept("oO")) digits = "01234567_";
      else if (accept("bB")) digits = "01_";
    }
    acceptRun(digits);
    if (accept(".")) acceptRun(digits);
    if (digits.length === 11 && accept("eE")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    if (digits.length === 23 && accept("pP")) {
      accept("+-");
      acceptRun("0123456789_");
    }
    accept("i");
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  /** Scans a quoted token up to `close`; false when unterminated. */
  const scanQuoted = (close: string, escapes: boolean): boolean => {
    for (;;) {
      const c = next();
      if (c === undefined) return false;
      if (escapes && c === "\\") {
        const d = next();
        if (d === undefined || d === "\n") return false;
        continue;
      }
      if (escapes && c === "\n") return false;
      if (c === close) return true;
    }
  };

  for (;;) {
    // Text up to the next action.
    const x = input.indexOf(LEFT, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        line += countNewlines(input, start, pos);
        emit("text");
      }
      emit("eof");
      return items;
    }
    pos = x;
    let trim = 0;
    if (hasLeftTrimMarker(input, pos + LEFT.length)) {
      const text = input.slice(start, pos);
      trim = text.length - text.replace(/[ \t\r\n]+$/, "").length;
    }
    pos -= trim;
    if (pos > start) {
      line += countNewlines(input, start, pos);
      emit("text");
    }
    pos += trim;
    ignore();
    // The left delimiter.
    pos += LEFT.length;
    const trimLeft = hasLeftTrimMarker(input, pos);
    const after = trimLeft ? 2 : 0;
    if (input.startsWith("/*", pos + after)) {
      pos += after;
      ignore();
      pos += 2;
      const end = input.indexOf("*/", pos);
      if (end < 0) return error("unclosed comment");
      pos = end + 2;
      const [delim, trimSpace] = atRightDelim();
      if (!delim) return error("comment ends before closing delimiter");
      if (trimSpace) pos += 2;
      pos += RIGHT.length;
      if (trimSpace) while (pos < input.length && SPACE_CHARS.includes(input[pos]!)) pos++;
      ignore();
      continue;
    }
    emit("leftDelim");
    pos += after;
    ignore();
    parenDepth = 0;
    // Inside the action.
    for (;;) {
      const [delim] = atRightDelim();
      if (delim) {
        if (parenDepth !== 0) return error("unclosed left paren");
        const trimSpace = hasRightTrimMarker(input, pos);
        if (trimSpace) {
          pos += 2;
          ignore();
        }
        pos += RIGHT.length;
        emit("rightDelim");
        if (trimSpace) {
          while (pos < input.length && SPACE_CHARS.includes(input[pos]!)) pos++;
          ignore();
        }
        break;
      }
      const c = next();
      if (c === undefined) return error("unclosed action");
      if (isSpace(c)) {
        backup(c);
        let n = 0;
        while (isSpace(peek())) {
          next();
          n++;
        }
        if (hasRightTrimMarker(input, pos - 1) && input.startsWith(RIGHT, pos + 1)) {
          backup(input[pos - 1]);
          if (n === 1) continue;
        }
        emit("space");
        continue;
      }
      switch (c) {
        case "=":
          emit("assign");
          continue;
        case ":":
          if (next() !== "=") return error("expected :=");
          emit("declare");
          continue;
        case "|":
          emit("pipe");
          continue;
        case '"':
          if (!scanQuoted('"', true)) return error("unterminated quoted string");
          emit("string");
          continue;
        case "`":
          if (!scanQuoted("`", false)) return error("unterminated raw quoted string");
          emit("rawString");
          continue;
        case "'":
          if (!scanQuoted("'", true)) return error("unterminated character constant");
          emit("charConstant");
          continue;
        case "(":
          emit("leftParen");
          parenDepth++;
          continue;
        case ")":
          emit("rightParen");
          parenDepth--;
          if (parenDepth < 0) return error("unexpected right paren U+0029 ')'");
          continue;
        case "$":
        case ".": {
          if (c === "." && pos < input.length && input[pos]! >= "0" && input[pos]! <= "9") break;
          if (atTerminator()) {
            emit(c === "$" ? "variable" : "dot");
            continue;
          }
          let r: string | undefined;
          for (;;) {
            r = next();
            if (!isAlphaNumeric(r)) {
              backup(r);
              break;
            }
          }
          if (!atTerminator()) return error(`bad character ${describeRune(r)}`);
          emit(c === "$" ? "variable" : "field");
          continue;
        }
      }
      if (c === "." || c === "+" || c === "-" || (c >= "0" && c <= "9")) {
        backup(c);
        if (!scanNumber()) return error(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
        const sign = peek();
        if (sign === "+" || sign === "-") {
          if (!scanNumber() || input[pos - 1] !== "i") return error(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`);
          emit("complex");
        } else emit("number");
        continue;
      }
      if (isAlphaNumeric(c)) {
        let r: string | undefined;
        for (;;) {
          r = next();
          if (!isAlphaNumeric(r)) {
            backup(r);
            break;
          }
        }
        const word = input.slice(start, pos);
        if (!atTerminator()) return error(`bad character ${describeRune(r)}`);
        if (Object.prototype.hasOwnProperty.call(KEYWORDS, word)) emit(KEYWORDS[word]!);
        else if (word === "true" || word === "false") emit("bool");
        else emit("identifier");
        continue;
      }
      const cp = c.codePointAt(0)!;
      if (cp < 0x80 && cp >= 0x20 && cp < 0x7f) {
        emit("char");
        continue;
      }
      return error(`unrecognized character in action: ${describeRune(c)}`);
    }
  }
}

/** Go's `%#U`: U+0078 'x'. */
function describeRune(c: string | undefined): string {
  if (c === undefined) return "U+FFFFFFFF";
  const cp = c.codePointAt(0)!;
  const hex = "U+" + cp.toString(16).toUpperCase().padStart(4, "0");
  return cp >= 0x20 && cp !== 0x7f ? `${hex} '${c}'` : hex;
}
