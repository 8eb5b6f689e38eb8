/**
 * JSON decoding as OPA does it (`util.UnmarshalJSON`: Go's `json.Decoder` with
 * `UseNumber`, then a check for trailing data), with Go's error messages and Go's
 * string decoding (unpaired surrogate escapes become U+FFFD). Numbers keep their
 * exact value. Valid input goes through `JSON.parse` (fast); the hand-written
 * scanner runs only for input that needs Go's treatment.
 */
import { parseJSON } from "../../../ast/json.js";
import { numberFromText } from "../../../ast/number.js";
import type { JsonObject, Value } from "../../../ast/value.js";
import { goQuote } from "../../../ast/value-string.js";
import { BuiltinError } from "../../operands.js";

const MAX_DEPTH = 10000;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** `json.Valid`: exactly one JSON value, surrounded by optional whitespace. */
export function validGoJSON(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Decodes `text` or throws a `BuiltinError` with Go's message. */
export function parseGoJSON(text: string): Value {
  if (!SURROGATE_ESCAPE.test(text)) {
    try {
      return parseJSON(text);
    } catch {
      // Fall through for Go's messages and trailing-data rules.
    }
  }
  return new GoDecoder(text).decodeDocument();
}

/** Decodes `text` keeping every number's text (`1.0` stays `1.0`), as `json.Number` does. */
export function parseGoJSONExact(text: string): Value {
  return new GoDecoder(text).decodeDocument();
}

/** Go's `quoteChar` for the byte that starts the character at `s[i]`. */
function quoteChar(s: string, i: number): string {
  const cp = s.codePointAt(i)!;
  let byte = cp;
  if (cp >= 0x80) byte = cp < 0x800 ? 0xc0 | (cp >> 6) : cp < 0x10000 ? 0xe0 | (cp >> 12) : 0xf0 | (cp >> 18);
  if (byte === 0x27) return "'\\''";
  if (byte === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(byte));
  return "'" + q.slice(1, -1) + "'";
}

class Unexpected extends Error {}

class GoDecoder {
  readonly #s: string;
  #i = 0;

  constructor(s: string) {
    this.#s = s;
  }

  #error(context: string): never {
    if (this.#i >= this.#s.length) throw new Unexpected();
    throw new BuiltinError(`invalid character ${quoteChar(this.#s, this.#i)} ${context}`);
  }

  #ws(): void {
    const s = this.#s;
    while (this.#i < s.length) {
      const c = s.charCodeAt(this.#i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.#i++;
      else break;
    }
  }

  decodeDocument(): Value {
    this.#ws();
    if (this.#i >= this.#s.length) throw new BuiltinError("EOF");
    let v: Value;
    try {
      v = this.#value(0);
    } catch (e) {
      if (e instanceof Unexpected) throw new BuiltinError("unexpected EOF");
      throw e;
    }
    this.#trailing();
    return v;
  }

  /** What `Decoder.Token` makes of data after the first value. */
  #trailing(): void {
    this.#ws();
    if (this.#i >= this.#s.length) return;
    const c = this.#s[this.#i]!;
    if (c === "[" || c === "{") throw new BuiltinError(`error: invalid character '${c}' after top-level value`);
    if (c === "]" || c === "}" || c === ":" || c === ",") this.#error("looking for beginning of value");
    const start = this.#i;
    let next: Value;
    try {
      next = this.#value(0);
    } catch (e) {
      if (e instanceof Unexpected) throw new BuiltinError("unexpected EOF");
      throw e;
    }
    if (next === null) return;
    let shown: string;
    if (typeof next === "string") shown = next;
    else if (typeof next === "boolean") shown = `%!s(bool=${next})`;
    else shown = this.#s.slice(start, this.#i);
    throw new BuiltinError(`error: invalid character '${shown}' after top-level value`);
  }

  #value(depth: number): Value {
    this.#ws();
    const s = this.#s;
    if (this.#i >= s.length) throw new Unexpected();
    const c = s[this.#i]!;
    switch (c) {
      case "{":
        if (depth >= MAX_DEPTH) this.#error("exceeded max depth");
        return this.#object(depth + 1);
      case "[":
        if (depth >= MAX_DEPTH) this.#error("exceeded max depth");
        return this.#array(depth + 1);
      case '"':
        return this.#string();
      case "t":
        return this.#literal("true", true);
      case "f":
        return this.#literal("false", false);
      case "n":
        return this.#literal("null", null);
    }
    if (c === "-" || (c >= "0" && c <= "9")) return this.#number();
    return this.#error("looking for beginning of value");
  }

  #literal(word: string, v: Value): Value {
    for (let k = 0; k < word.length; k++, this.#i++) {
      if (this.#s[this.#i] !== word[k]) this.#error(`in literal ${word} (expecting '${word[k]}')`);
    }
    return v;
  }

  #digits(): number {
    const start = this.#i;
    while (this.#i < this.#s.length && this.#s[this.#i]! >= "0" && this.#s[this.#i]! <= "9") this.#i++;
    return this.#i - start;
  }

  #number(): Value {
    const s = this.#s;
    const start = this.#i;
    if (s[this.#i] === "-") {
      this.#i++;
      if (!(s[this.#i]! >= "0" && s[this.#i]! <= "9")) this.#error("in numeric literal");
    }
    if (s[this.#i] === "0") this.#i++;
    else this.#digits();
    if (s[this.#i] === ".") {
      this.#i++;
      if (this.#digits() === 0) this.#error("after decimal point in numeric literal");
    }
    if (s[this.#i] === "e" || s[this.#i] === "E") {
      this.#i++;
      if (s[this.#i] === "+" || s[this.#i] === "-") this.#i++;
      if (this.#digits() === 0) this.#error("in exponent of numeric literal");
    }
    return numberFromText(s.slice(start, this.#i));
  }

  #hex4(): number {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const h = this.#s[this.#i];
      const d = h === undefined ? NaN : parseInt(h, 16);
      if (Number.isNaN(d)) this.#error("in \\u hexadecimal character escape");
      n = n * 16 + d;
      this.#i++;
    }
    return n;
  }

  #string(): string {
    const s = this.#s;
    this.#i++;
    let out = "";
    let run = this.#i;
    for (;;) {
      if (this.#i >= s.length) throw new Unexpected();
      const c = s.charCodeAt(this.#i);
      if (c === 0x22) {
        out += s.slice(run, this.#i);
        this.#i++;
        return out;
      }
      if (c < 0x20) this.#error("in string literal");
      if (c !== 0x5c) {
        this.#i++;
        continue;
      }
      out += s.slice(run, this.#i);
      this.#i++;
      if (this.#i >= s.length) throw new Unexpected();
      const e = s[this.#i]!;
      this.#i++;
      switch (e) {
        case '"':
        case "\\":
        case "/":
          out += e;
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u":
          out += this.#unicodeEscape();
          break;
        default:
          this.#i--;
          this.#error("in string escape code");
      }
      run = this.#i;
    }
  }

  /** After `\u`: one code point; unpaired surrogates become U+FFFD, as Go decodes them. */
  #unicodeEscape(): string {
    const u = this.#hex4();
    if (u < 0xd800 || u > 0xdfff) return String.fromCharCode(u);
    if (u < 0xdc00 && this.#s.startsWith("\\u", this.#i)) {
      const save = this.#i;
      this.#i += 2;
      const lo = this.#hex4();
      if (lo >= 0xdc00 && lo <= 0xdfff) return String.fromCharCode(u, lo);
      this.#i = save;
    }
    return "\ufffd";
  }

  #array(depth: number): Value[] {
    this.#i++;
    const out: Value[] = [];
    this.#ws();
    if (this.#s[this.#i] === "]") {
      this.#i++;
      return out;
    }
    for (;;) {
      out.push(this.#value(depth));
      this.#ws();
      const c = this.#s[this.#i];
      if (c === "]") {
        this.#i++;
        return out;
      }
      if (c !== ",") this.#error("after array element");
      this.#i++;
    }
  }

  #object(depth: number): JsonObject {
    this.#i++;
    const out: Record<string, Value> = {};
    this.#ws();
    if (this.#s[this.#i] === "}") {
      this.#i++;
      return out;
    }
    for (;;) {
      this.#ws();
      if (this.#s[this.#i] !== '"') this.#error("looking for beginning of object key string");
      const k = this.#string();
      this.#ws();
      if (this.#s[this.#i] !== ":") this.#error("after object key");
      this.#i++;
      const v = this.#value(depth);
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
      this.#ws();
      const c = this.#s[this.#i];
      if (c === "}") {
        this.#i++;
        return out;
      }
      if (c !== ",") this.#error("after object key:value pair");
      this.#i++;
    }
  }
}
