/**
 * GraphQL tokens, as gqlparser's lexer produces them: positions are 1-based lines
 * and code-point columns, and a lexing error becomes an `Invalid` token that the
 * parser reports when it reaches it (usually as "Unexpected <Invalid>").
 */
import type { Pos } from "./ast.js";
import { goQuote } from "../../../ast/value-string.js";

export const Tok = {
  Invalid: 0,
  EOF: 1,
  Bang: 2,
  Dollar: 3,
  Amp: 4,
  ParenL: 5,
  ParenR: 6,
  Spread: 7,
  Colon: 8,
  Equals: 9,
  At: 10,
  BracketL: 11,
  BracketR: 12,
  BraceL: 13,
  BraceR: 14,
  Pipe: 15,
  Name: 16,
  Int: 17,
  Float: 18,
  String: 19,
  BlockString: 20,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

const TOK_TEXT: readonly string[] = [
  "<Invalid>", "<EOF>", "!", "$", "&", "(", ")", "...", ":", "=", "@", "[", "]", "{", "}", "|",
  "Name", "Int", "Float", "String", "BlockString",
];

export function tokKindText(k: Tok): string {
  return TOK_TEXT[k] ?? `Unknown ${k}`;
}

export interface Token {
  readonly kind: Tok;
  readonly value: string;
  readonly pos: Pos;
}

/** How gqlparser prints a token in messages: the kind, then the quoted value if any. */
export function tokenText(t: Token): string {
  return t.value !== "" ? `${tokKindText(t.kind)} ${goQuote(t.value)}` : tokKindText(t.kind);
}

/** A lexing error, reported only if the parser consumes the offending token. */
export interface LexError {
  readonly message: string;
  readonly pos: Pos;
}

const PUNCT: Readonly<Record<string, Tok>> = {
  "!": Tok.Bang,
  $: Tok.Dollar,
  "&": Tok.Amp,
  "(": Tok.ParenL,
  ")": Tok.ParenR,
  ":": Tok.Colon,
  "=": Tok.Equals,
  "@": Tok.At,
  "[": Tok.BracketL,
  "]": Tok.BracketR,
  "{": Tok.BraceL,
  "}": Tok.BraceR,
  "|": Tok.Pipe,
};

function isNameStart(c: number): boolean {
  return c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The first UTF-8 byte of a code point, as Go's `string(byte)` would print it. */
function firstByteChar(cp: number): string {
  return String.fromCharCode(Buffer.from(String.fromCodePoint(cp), "utf8")[0]!);
}

export class Lexer {
  readonly #src: string;
  #end = 0; // UTF-16 offset
  #endRunes = 0;
  #start = 0;
  #startRunes = 0;
  #line = 1;
  #lineStartRunes = 0;

  constructor(src: string) {
    this.#src = src;
  }

  /** The next token and, for an `Invalid` token, the lexing error behind it. */
  next(): [Token, LexError | null] {
    this.#ws();
    this.#start = this.#end;
    this.#startRunes = this.#endRunes;
    const src = this.#src;
    if (this.#end >= src.length) return this.#make(Tok.EOF, "");
    const c = src.charCodeAt(this.#start);
    const ch = src[this.#start]!;
    const punct = PUNCT[ch];
    if (punct !== undefined) {
      this.#advance(1);
      return this.#make(punct, "");
    }
    if (ch === "." && src.startsWith("...", this.#start)) {
      this.#advance(3);
      return this.#make(Tok.Spread, "");
    }
    if (ch === "#") {
      this.#skipComment();
      return this.next();
    }
    if (isNameStart(c)) return this.#readName();
    if (ch === "-" || isDigit(c)) return this.#readNumber();
    if (ch === '"') return src.startsWith('"""', this.#start) ? this.#readBlockString() : this.#readString();
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
      return this.#error(`Cannot contain the invalid character "\\u${String(c).padStart(4, "0")}"`);
    }
    if (ch === "'") return this.#error(`Unexpected single quote character ('), did you mean to use a double quote (")?`);
    const cp = src.codePointAt(this.#start)!;
    return this.#error(`Cannot parse the unexpected character "${cp < 0x80 ? ch : firstByteChar(cp)}".`);
  }

  #pos(column: number): Pos {
    return { line: this.#line, column };
  }

  #make(kind: Tok, value: string): [Token, null] {
    return [{ kind, value, pos: this.#pos(this.#startRunes - this.#lineStartRunes + 1) }, null];
  }

  #error(message: string): [Token, LexError] {
    const pos = this.#pos(this.#endRunes - this.#lineStartRunes + 1);
    return [{ kind: Tok.Invalid, value: "", pos }, { message, pos }];
  }

  /** Advances over `units` UTF-16 units that are single code points (ASCII). */
  #advance(units: number): void {
    this.#end += units;
    this.#endRunes += units;
  }

  /** Advances over one code point. */
  #advanceRune(): number {
    const cp = this.#src.codePointAt(this.#end)!;
    this.#end += cp > 0xffff ? 2 : 1;
    this.#endRunes++;
    return cp;
  }

  #newline(): void {
    this.#line++;
    this.#lineStartRunes = this.#endRunes;
  }

  #ws(): void {
    const src = this.#src;
    while (this.#end < src.length) {
      const c = src.charCodeAt(this.#end);
      if (c === 0x09 || c === 0x20 || c === 0x2c || c === 0xfeff) {
        this.#advance(1);
      } else if (c === 0x0a) {
        this.#advance(1);
        this.#newline();
      } else if (c === 0x0d) {
        this.#advance(1);
        this.#newline();
        if (this.#end < src.length && src.charCodeAt(this.#end) === 0x0a) this.#advance(1);
      } else {
        return;
      }
    }
  }

  #skipComment(): void {
    this.#advance(1);
    const src = this.#src;
    while (this.#end < src.length) {
      const c = src.charCodeAt(this.#end);
      if (c > 0x1f || c === 0x09) this.#advanceRune();
      else break;
    }
  }

  #readName(): [Token, null] {
    const src = this.#src;
    this.#advance(1);
    while (this.#end < src.length && isNameChar(src.charCodeAt(this.#end))) this.#advance(1);
    return this.#make(Tok.Name, src.slice(this.#start, this.#end));
  }

  #acceptDigits(): number {
    const src = this.#src;
    let n = 0;
    while (this.#end < src.length && isDigit(src.charCodeAt(this.#end))) {
      this.#advance(1);
      n++;
    }
    return n;
  }

  #accept(...chars: string[]): boolean {
    if (this.#end < this.#src.length && chars.includes(this.#src[this.#end]!)) {
      this.#advance(1);
      return true;
    }
    return false;
  }

  #describeNext(): string {
    if (this.#end >= this.#src.length) return "<EOF>";
    const cp = this.#src.codePointAt(this.#end)!;
    return `"${cp < 0x80 ? this.#src[this.#end]! : firstByteChar(cp)}"`;
  }

  #readNumber(): [Token, LexError | null] {
    let float = false;
    this.#accept("-");
    if (this.#accept("0")) {
      const consumed = this.#acceptDigits();
      if (consumed !== 0) {
        this.#end -= consumed;
        this.#endRunes -= consumed;
        return this.#error(`Invalid number, unexpected digit after 0: ${this.#describeNext()}.`);
      }
    } else if (this.#acceptDigits() === 0) {
      return this.#error(`Invalid number, expected digit but got: ${this.#describeNext()}.`);
    }
    if (this.#accept(".")) {
      float = true;
      if (this.#acceptDigits() === 0) return this.#error(`Invalid number, expected digit but got: ${this.#describeNext()}.`);
    }
    if (this.#accept("e", "E")) {
      float = true;
      this.#accept("-", "+");
      if (this.#acceptDigits() === 0) return this.#error(`Invalid number, expected digit but got: ${this.#describeNext()}.`);
    }
    return this.#make(float ? Tok.Float : Tok.Int, this.#src.slice(this.#start, this.#end));
  }

  #readString(): [Token, LexError | null] {
    const src = this.#src;
    this.#advance(1); // opening quote
    let out = "";
    let runStart = this.#end;
    while (this.#end < src.length) {
      const c = src.charCodeAt(this.#end);
      if (c === 0x0a || c === 0x0d) break;
      if (c < 0x20 && c !== 0x09) return this.#error(`Invalid character within String: "\\u${String(c).padStart(4, "0")}".`);
      if (c === 0x22) {
        out += src.slice(runStart, this.#end);
        // gqlparser's column for a string is the one after the opening quote.
        const tok: Token = { kind: Tok.String, value: out, pos: this.#pos(this.#startRunes + 1 - this.#lineStartRunes + 1) };
        this.#advance(1);
        return [tok, null];
      }
      if (c !== 0x5c) {
        this.#advanceRune();
        continue;
      }
      out += src.slice(runStart, this.#end);
      if (this.#end + 1 >= src.length) {
        this.#advance(1);
        return this.#error("Invalid character escape sequence.");
      }
      const esc = src[this.#end + 1]!;
      if (esc === "u") {
        if (this.#end + 6 >= src.length) {
          this.#advance(1);
          return this.#error(`Invalid character escape sequence: \\${src.slice(this.#end)}.`);
        }
        const hex = src.slice(this.#end + 2, this.#end + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          this.#advance(1);
          return this.#error(`Invalid character escape sequence: \\${src.slice(this.#end, this.#end + 5)}.`);
        }
        const code = parseInt(hex, 16);
        // Go writes a lone surrogate as U+FFFD.
        out += code >= 0xd800 && code <= 0xdfff ? "\ufffd" : String.fromCharCode(code);
        this.#advance(6);
      } else {
        const simple = ESCAPES[esc];
        if (simple === undefined) {
          this.#advance(1);
          return this.#error(`Invalid character escape sequence: \\${esc}.`);
        }
        out += simple;
        this.#advance(2);
      }
      runStart = this.#end;
    }
    return this.#error("Unterminated string.");
  }

  #readBlockString(): [Token, LexError | null] {
    const src = this.#src;
    this.#advance(3);
    let raw = "";
    while (this.#end < src.length) {
      const c = src.charCodeAt(this.#end);
      if (c === 0x22 && src.startsWith('"""', this.#end)) {
        // gqlparser positions the token on its last line, with the column measured from
        // that line's start to the first character after the opening quotes.
        const tok: Token = { kind: Tok.BlockString, value: blockStringValue(raw), pos: this.#pos(this.#startRunes + 3 - this.#lineStartRunes + 1) };
        this.#advance(3);
        return [tok, null];
      }
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
        return this.#error(`Invalid character within String: "\\u${String(c).padStart(4, "0")}".`);
      }
      if (c === 0x5c && src.startsWith('\\"""', this.#end)) {
        raw += '"""';
        this.#advance(4);
      } else if (c === 0x0d) {
        if (this.#end + 1 < src.length && src.charCodeAt(this.#end + 1) === 0x0a) this.#advance(1);
        raw += "\n";
        this.#advance(1);
        this.#newline();
      } else {
        const cp = this.#advanceRune();
        raw += String.fromCodePoint(cp);
        if (c === 0x0a) this.#newline();
      }
    }
    return this.#error("Unterminated string.");
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "/": "/",
  "\\": "\\",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** The spec's BlockStringValue: common indentation removed, blank edge lines dropped. */
export function blockStringValue(raw: string): string {
  const lines = raw.split("\n");
  let common = Infinity;
  for (const line of lines) {
    const indent = leadingWhitespace(line);
    if (indent < line.length && indent < common) {
      common = indent;
      if (common === 0) break;
    }
  }
  if (common !== Infinity) {
    for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.length < common ? "" : lines[i]!.slice(common);
  }
  let start = 0;
  let end = lines.length;
  while (start < end && leadingWhitespace(lines[start]!) === Infinity) start++;
  while (start < end && leadingWhitespace(lines[end - 1]!) === Infinity) end--;
  return lines.slice(start, end).join("\n");
}

function leadingWhitespace(s: string): number {
  for (let i = 0; i < s.length; i++) if (s[i] !== " " && s[i] !== "\t") return i;
  return Infinity;
}
