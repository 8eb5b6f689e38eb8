/**
 * Values to and from JSON text.
 *
 * Output follows OPA (Go's `encoding/json`): object keys sorted, sets written as
 * arrays in Rego order, non-string object keys written as the JSON text of the key,
 * numbers printed from their exact text, and `<`, `>`, `&`, U+2028 and U+2029 escaped
 * as Go's encoder escapes them.
 */
import { RNumber, numberText, numberFromText } from "./number.js";
import { RSet, RObject, sortedKeys, type Value, type JsonObject } from "./value.js";
import { compareStrings } from "./compare.js";

/**
 * Serialises a value as Go's `json.Marshal` (compact) or `MarshalIndent(v, prefix,
 * indent)` (nested lines start with `prefix`, as when the value sits inside an
 * indented document).
 */
export function stringifyValue(v: Value, indent = "", prefix = ""): string {
  const out: string[] = [];
  write(v, out, indent, prefix);
  return out.join("");
}

/** `prefix` is the indentation of the line the value starts on. */
function write(v: Value, out: string[], indent: string, prefix: string): void {
  switch (typeof v) {
    case "string":
      out.push(quoteString(v));
      return;
    case "number":
      out.push(numberText(v));
      return;
    case "boolean":
      out.push(v ? "true" : "false");
      return;
  }
  if (v === null) {
    out.push("null");
    return;
  }
  if (v instanceof RNumber) {
    out.push(v.text);
    return;
  }
  const inner = prefix + indent;
  const open = indent ? "\n" + inner : "";
  const close = indent ? "\n" + prefix : "";
  if (Array.isArray(v) || v instanceof RSet) {
    const items: readonly Value[] = Array.isArray(v) ? v : v.sorted();
    if (items.length === 0) {
      out.push("[]");
      return;
    }
    out.push("[");
    for (let i = 0; i < items.length; i++) {
      out.push(i > 0 ? "," + open : open);
      write(items[i]!, out, indent, inner);
    }
    out.push(close, "]");
    return;
  }
  const entries = objectEntriesForJSON(v as JsonObject | RObject);
  if (entries.length === 0) {
    out.push("{}");
    return;
  }
  const sep = indent ? ": " : ":";
  out.push("{");
  for (let i = 0; i < entries.length; i++) {
    out.push(i > 0 ? "," + open : open, quoteString(entries[i]![0]), sep);
    write(entries[i]![1], out, indent, inner);
  }
  out.push(close, "}");
}

/** Object entries with string keys (non-string keys as their JSON text), sorted as Go sorts map keys. */
function objectEntriesForJSON(o: JsonObject | RObject): [string, Value][] {
  if (o instanceof RObject) {
    const entries = o.entries().map(([k, x]): [string, Value] => [typeof k === "string" ? k : stringifyValue(k), x]);
    return entries.sort((a, b) => compareStrings(a[0], b[0]));
  }
  return sortedKeys(o).map((k) => [k, o[k]!]);
}

const ESCAPE = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;

/** A JSON string literal as Go writes it (HTML-safe, lone surrogates replaced). */
export function quoteString(s: string): string {
  if (!ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
        out += s[i]! + s[i + 1]!;
        i++;
      } else {
        out += "\ufffd";
      }
      continue;
    }
    switch (c) {
      case 0x22:
        out += '\\"';
        continue;
      case 0x5c:
        out += "\\\\";
        continue;
      case 0x0a:
        out += "\\n";
        continue;
      case 0x0d:
        out += "\\r";
        continue;
      case 0x09:
        out += "\\t";
        continue;
      case 0x08:
        out += "\\b";
        continue;
      case 0x0c:
        out += "\\f";
        continue;
    }
    if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029) {
      out += "\\u" + c.toString(16).padStart(4, "0");
    } else {
      out += s[i]!;
    }
  }
  return out + '"';
}

/**
 * Converts a value to plain JSON data as OPA's `ast.JSON` does: sets become sorted
 * arrays, non-string keys become their JSON text. Numbers that are RNumbers stay
 * RNumbers so that their text survives.
 */
export function toJSONData(v: Value): Value {
  if (v === null || typeof v !== "object" || v instanceof RNumber) return v;
  if (Array.isArray(v)) return v.map(toJSONData);
  if (v instanceof RSet) return v.sorted().map(toJSONData);
  const out: Record<string, Value> = {};
  for (const [k, x] of objectEntriesForJSON(v as JsonObject | RObject)) {
    if (k === "__proto__") Object.defineProperty(out, k, { value: toJSONData(x), enumerable: true, writable: true, configurable: true });
    else out[k] = toJSONData(x);
  }
  return out;
}

/** Long digit runs: numbers JSON.parse could round. */
const LONG_NUMBER = /[0-9]{16,}|[0-9][eE][+-]?[0-9]{3,}/;

/**
 * Parses JSON text into values. `JSON.parse` does the work unless the text holds a
 * number with more than 15 digits, in which case an exact parser keeps such numbers
 * as RNumbers.
 */
export function parseJSON(text: string): Value {
  if (!LONG_NUMBER.test(text)) return JSON.parse(text) as Value;
  return new ExactJSONParser(text).parseDocument();
}

class ExactJSONParser {
  #text: string;
  #pos = 0;

  constructor(text: string) {
    this.#text = text;
  }

  parseDocument(): Value {
    const v = this.#value();
    this.#ws();
    if (this.#pos < this.#text.length) this.#fail("unexpected trailing data");
    return v;
  }

  #fail(msg: string): never {
    throw new SyntaxError(`${msg} at position ${this.#pos}`);
  }

  #ws(): void {
    const t = this.#text;
    while (this.#pos < t.length) {
      const c = t.charCodeAt(this.#pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.#pos++;
      else break;
    }
  }

  #value(): Value {
    this.#ws();
    const c = this.#text[this.#pos];
    switch (c) {
      case "{":
        return this.#object();
      case "[":
        return this.#array();
      case '"':
        return this.#string();
      case "t":
        return this.#literal("true", true);
      case "f":
        return this.#literal("false", false);
      case "n":
        return this.#literal("null", null);
    }
    return this.#number();
  }

  #literal(word: string, v: Value): Value {
    if (!this.#text.startsWith(word, this.#pos)) this.#fail("unexpected token");
    this.#pos += word.length;
    return v;
  }

  #number(): Value {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = this.#pos;
    const match = m.exec(this.#text);
    if (!match) this.#fail("unexpected token");
    this.#pos += match[0].length;
    return numberFromText(match[0]);
  }

  #string(): string {
    const m = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
    m.lastIndex = this.#pos;
    const match = m.exec(this.#text);
    if (!match) this.#fail("invalid string");
    this.#pos += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  #array(): Value[] {
    this.#pos++;
    const out: Value[] = [];
    this.#ws();
    if (this.#text[this.#pos] === "]") {
      this.#pos++;
      return out;
    }
    for (;;) {
      out.push(this.#value());
      this.#ws();
      const c = this.#text[this.#pos++];
      if (c === "]") return out;
      if (c !== ",") this.#fail("expected , or ]");
    }
  }

  #object(): JsonObject {
    this.#pos++;
    const out: Record<string, Value> = {};
    this.#ws();
    if (this.#text[this.#pos] === "}") {
      this.#pos++;
      return out;
    }
    for (;;) {
      this.#ws();
      if (this.#text[this.#pos] !== '"') this.#fail("expected string key");
      const k = this.#string();
      this.#ws();
      if (this.#text[this.#pos++] !== ":") this.#fail("expected :");
      const v = this.#value();
      if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
      this.#ws();
      const c = this.#text[this.#pos++];
      if (c === "}") return out;
      if (c !== ",") this.#fail("expected , or }");
    }
  }
}
