/**
 * OPA's canonical form of a structured bundle file (data.json, data.yaml, .manifest),
 * the text whose digest goes into a signature. OPA's documentation (Bundles →
 * Signing → Signature Format): "For structured files, read the byte stream and parse
 * into a JSON structure; then recursively order the fields of all objects
 * alphabetically and then apply the hash function to the result". Its code
 * (v1/bundle/hash.go, verify.go) decodes with json.Number, so numbers keep their
 * source text, and writes primitives with Go's encoder without HTML escaping:
 *
 *   object: "{" key ":" value ("," key ":" value)* "}", keys sorted by UTF-8 bytes,
 *           a repeated key keeps its last value (Go map semantics)
 *   array:  "[" value ("," value)* "]"
 *   string: Go's escaping: \" \\ \b \f \n \r \t, other controls as \u00xx,
 *           U+2028/U+2029 as \u2028/\u2029, everything else (including <>&) raw
 *   number: the source lexeme ("1.0" stays "1.0", "1e3" stays "1e3")
 *   true, false, null: as is; no whitespace anywhere
 *
 * A leading UTF-8 BOM is dropped and an empty document is `null` (OPA falls back to
 * YAML, which reads "" as null). Other YAML is not supported: this package has no
 * YAML parser (STYLE.md §8.1), so a data.yaml that is not plain JSON cannot be hashed.
 * The parser is iterative, so deeply nested input cannot overflow the stack.
 */

export class CanonicalJsonError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.offset = offset;
  }
}

const MAX_DEPTH = 10_000; // Go's encoding/json nesting limit

type Frame = { readonly kind: "array"; readonly items: string[] } | { readonly kind: "object"; readonly members: Map<string, string>; key: string };

export function canonicalJson(input: string): string {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  if (text.trim() === "") return "null";
  let i = 0;
  function fail(message: string): never {
    throw new CanonicalJsonError(message, i);
  }
  function skipWs(): void {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  }
  function readKey(): string {
    skipWs();
    if (text[i] !== '"') fail("expected a string key");
    const key = readString();
    skipWs();
    if (text[i] !== ":") fail("expected ':'");
    i++;
    return key;
  }
  function readString(): string {
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= text.length) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return out;
      }
      if (c < 0x20) fail("control character in string");
      if (c !== 0x5c) {
        out += text[i];
        i++;
        continue;
      }
      const e = text[i + 1];
      i += 2;
      switch (e) {
        case '"': out += '"'; break;
        case "\\": out += "\\"; break;
        case "/": out += "/"; break;
        case "b": out += "\b"; break;
        case "f": out += "\f"; break;
        case "n": out += "\n"; break;
        case "r": out += "\r"; break;
        case "t": out += "\t"; break;
        case "u": {
          const unit = readHex4();
          if (unit >= 0xd800 && unit < 0xdc00 && text.startsWith("\\u", i)) {
            const save = i;
            i += 2;
            const low = readHex4();
            if (low >= 0xdc00 && low < 0xe000) {
              out += String.fromCharCode(unit, low);
              break;
            }
            i = save; // Go: the high half becomes U+FFFD, the next escape is read on its own
          }
          // Go decodes a lone surrogate to U+FFFD.
          out += unit >= 0xd800 && unit < 0xe000 ? "\uFFFD" : String.fromCharCode(unit);
          break;
        }
        default:
          i -= 2;
          fail("invalid escape in string");
      }
    }
  }
  function readHex4(): number {
    const hex = text.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape");
    i += 4;
    return parseInt(hex, 16);
  }
  function readNumber(): string {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const found = m.exec(text);
    const lexeme = found?.[0] ?? "";
    if (lexeme === "") fail("invalid number");
    i += lexeme.length;
    return lexeme;
  }

  const stack: Frame[] = [];
  let result: string | undefined;
  value: for (;;) {
    skipWs();
    let value: string;
    const c = text[i];
    if (c === "{" || c === "[") {
      if (stack.length >= MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
      i++;
      skipWs();
      if (text[i] === (c === "{" ? "}" : "]")) {
        i++;
        value = c === "{" ? "{}" : "[]";
      } else {
        stack.push(c === "{" ? { kind: "object", members: new Map(), key: readKey() } : { kind: "array", items: [] });
        continue value;
      }
    } else if (c === '"') {
      value = encodeString(readString());
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      value = readNumber();
    } else if (text.startsWith("true", i)) {
      i += 4;
      value = "true";
    } else if (text.startsWith("false", i)) {
      i += 5;
      value = "false";
    } else if (text.startsWith("null", i)) {
      i += 4;
      value = "null";
    } else {
      fail(i >= text.length ? "unexpected end of input" : "unexpected character");
    }
    // A complete value: hand it to the enclosing containers, closing those that end here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        result = value;
        break value;
      }
      if (top.kind === "object") top.members.set(top.key, value);
      else top.items.push(value);
      skipWs();
      const next = text[i];
      if (next === ",") {
        i++;
        if (top.kind === "object") top.key = readKey();
        continue value;
      }
      if ((top.kind === "object" && next === "}") || (top.kind === "array" && next === "]")) {
        i++;
        stack.pop();
        value = top.kind === "object" ? encodeObject(top.members) : `[${top.items.join(",")}]`;
        continue;
      }
      fail(top.kind === "object" ? "expected ',' or '}'" : "expected ',' or ']'");
    }
  }
  skipWs();
  if (i < text.length) fail("unexpected data after the JSON value");
  return result!;
}

function encodeObject(members: Map<string, string>): string {
  const keys = [...members.keys()].sort((a, b) => Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")));
  return `{${keys.map((k) => `${encodeString(k)}:${members.get(k)!}`).join(",")}}`;
}

const SHORT: Record<number, string> = { 0x22: '\\"', 0x5c: "\\\\", 0x08: "\\b", 0x0c: "\\f", 0x0a: "\\n", 0x0d: "\\r", 0x09: "\\t" };

/** A string as Go's encoding/json writes it with SetEscapeHTML(false). */
export function encodeString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const short = SHORT[c];
    if (short !== undefined) out += short;
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, "0")}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else out += s[i];
  }
  return `${out}"`;
}
