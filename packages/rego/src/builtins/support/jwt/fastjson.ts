/**
 * The lenient JSON reading that OPA's `io.jwt.encode_sign*` applies to the raw JWS
 * header (jwx's `jwsbb.HeaderParse`, built on valyala/fastjson): numbers are taken
 * by their characters without validation (so `e` parses), duplicate keys resolve to
 * the first, and errors read "cannot parse JSON: …".
 */

type FJValue = null | boolean | string | { raw: string } | FJValue[] | Map<string, FJValue>;

class FastJSONError extends Error {}

function skipWS(s: string, i: number): number {
  while (i < s.length && (s[i] === " " || s[i] === "\t" || s[i] === "\n" || s[i] === "\r")) i++;
  return i;
}

function tail(s: string, i: number): string {
  const t = s.slice(i);
  return t.length > 38 ? t.slice(0, 19) + "..." + t.slice(-16) : t;
}

function parseString(s: string, i: number): [string, number] {
  // s[i] is the opening quote
  let out = "";
  let j = i + 1;
  for (;;) {
    if (j >= s.length) throw new FastJSONError(`missing closing '"'`);
    const c = s[j]!;
    if (c === '"') return [out, j + 1];
    if (c === "\\") {
      const e = s[j + 1];
      j += 2;
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
        case "u": {
          const hex = s.slice(j, j + 4);
          if (/^[0-9a-fA-F]{4}$/.test(hex)) {
            out += String.fromCharCode(parseInt(hex, 16));
            j += 4;
          } else {
            out += "\\u";
          }
          break;
        }
        default:
          out += "\\" + (e ?? "");
      }
      continue;
    }
    out += c;
    j++;
  }
}

function parseValue(s: string, i: number, depth: number): [FJValue, number] {
  if (i >= s.length) throw new FastJSONError("cannot parse empty string");
  if (depth > 300) throw new FastJSONError("too big depth for the nested JSON; it exceeds 300");
  const c = s[i]!;
  if (c === "{") {
    const obj = new Map<string, FJValue>();
    let j = skipWS(s, i + 1);
    if (s[j] === "}") return [obj, j + 1];
    for (;;) {
      j = skipWS(s, j);
      if (s[j] !== '"') throw new FastJSONError(`cannot parse object: cannot find opening '"' for object key`);
      let key: string;
      try {
        [key, j] = parseString(s, j);
      } catch (e) {
        throw new FastJSONError(`cannot parse object: cannot parse object key: ${(e as Error).message}`);
      }
      j = skipWS(s, j);
      if (s[j] !== ":") throw new FastJSONError("cannot parse object: missing ':' after object key");
      let v: FJValue;
      try {
        [v, j] = parseValue(s, skipWS(s, j + 1), depth + 1);
      } catch (e) {
        throw new FastJSONError(`cannot parse object: cannot parse object value: ${(e as Error).message}`);
      }
      if (!obj.has(key)) obj.set(key, v);
      j = skipWS(s, j);
      if (s[j] === ",") {
        j++;
        continue;
      }
      if (s[j] === "}") return [obj, j + 1];
      throw new FastJSONError("cannot parse object: missing ',' after object value");
    }
  }
  if (c === "[") {
    const arr: FJValue[] = [];
    let j = skipWS(s, i + 1);
    if (s[j] === "]") return [arr, j + 1];
    for (;;) {
      let v: FJValue;
      try {
        [v, j] = parseValue(s, skipWS(s, j), depth + 1);
      } catch (e) {
        throw new FastJSONError(`cannot parse array value: ${(e as Error).message}`);
      }
      arr.push(v);
      j = skipWS(s, j);
      if (s[j] === ",") {
        j++;
        continue;
      }
      if (s[j] === "]") return [arr, j + 1];
      throw new FastJSONError("missing ',' after array value");
    }
  }
  if (c === '"') {
    try {
      return parseString(s, i);
    } catch (e) {
      throw new FastJSONError(`cannot parse string: ${(e as Error).message}`);
    }
  }
  for (const [lit, v] of [
    ["true", true],
    ["false", false],
    ["null", null],
  ] as const) {
    if (c === lit[0]) {
      if (!s.startsWith(lit, i)) throw new FastJSONError(`unexpected value found: ${JSON.stringify(tail(s, i))}`);
      return [v, i + lit.length];
    }
  }
  // Raw number: any run of digits, signs, dots and exponents.
  let j = i;
  while (j < s.length && /[0-9.eE+-]/.test(s[j]!)) j++;
  if (j === i || (j === i + 1 && (s[i] === "-" || s[i] === "+"))) {
    const three = s.slice(j, j + 3).toLowerCase();
    if (three === "inf" || three === "nan") return [{ raw: s.slice(i, j + 3) }, j + 3];
    throw new FastJSONError(`cannot parse number: unexpected char: ${JSON.stringify(s[i])}`);
  }
  return [{ raw: s.slice(i, j) }, j];
}

/** A parsed header, or the parse error message. */
export type FastHeader = { readonly ok: true; readonly value: FJValue } | { readonly ok: false; readonly error: string };

export function fastParse(text: string): FastHeader {
  const start = skipWS(text, 0);
  try {
    const [value, end] = parseValue(text, start, 0);
    const rest = skipWS(text, end);
    if (rest < text.length) return { ok: false, error: `unexpected tail: ${JSON.stringify(tail(text, rest))}` };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof FastJSONError) return { ok: false, error: `cannot parse JSON: ${e.message}; unparsed tail: ${JSON.stringify(tail(text, start))}` };
    throw e;
  }
}

/**
 * `jwsbb.HeaderGetString`: the string under `key`, or an error message (the parse
 * error, or `jwsbb: header "key" not found` when absent or not a string).
 */
export function headerString(h: FastHeader, key: string): { value: string } | { error: string } {
  if (!h.ok) return { error: h.error };
  const v = h.value instanceof Map ? h.value.get(key) : undefined;
  if (typeof v !== "string") return { error: `jwsbb: header ${JSON.stringify(key)} not found` };
  return { value: v };
}
