/**
 * Go's `net/url` percent-encoding: `shouldEscape`, `escape` and `unescape` per URL
 * component, with Go's error messages. Everything here runs on binary strings (one
 * byte per unit); see `gobytes/utf8.ts`.
 */
import { BuiltinError } from "../../operands.js";
import { quoteBinary } from "../gobytes/utf8.js";

export const Mode = {
  Path: 1,
  PathSegment: 2,
  Host: 3,
  Zone: 4,
  UserPassword: 5,
  QueryComponent: 6,
  Fragment: 7,
} as const;
export type Mode = (typeof Mode)[keyof typeof Mode];

/** A `net/url` error; the message is Go's. Uncaught, it is a builtin error with that message. */
export class UrlError extends BuiltinError {
  constructor(message: string) {
    super(message);
    this.name = "UrlError";
  }
}

/** Go's `EscapeError`. */
export function escapeError(s: string): UrlError {
  return new UrlError("invalid URL escape " + quoteBinary(s));
}

function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

export function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

export function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  return c - 0x41 + 10;
}

/** Whether byte `c` must be escaped in a component of kind `mode` (RFC 3986, as Go reads it). */
export function shouldEscape(c: number, mode: Mode): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Mode.Host || mode === Mode.Zone) && `!$&'()*+,;=:[]<>"`.includes(ch)) return false;
  switch (ch) {
    case "-":
    case "_":
    case ".":
    case "~":
      return false;
    case "$":
    case "&":
    case "+":
    case ",":
    case "/":
    case ":":
    case ";":
    case "=":
    case "?":
    case "@":
      switch (mode) {
        case Mode.Path:
          return ch === "?";
        case Mode.PathSegment:
          return ch === "/" || ch === ";" || ch === "," || ch === "?";
        case Mode.UserPassword:
          return ch === "@" || ch === "/" || ch === "?" || ch === ":";
        case Mode.QueryComponent:
          return true;
        case Mode.Fragment:
          return false;
      }
  }
  if (mode === Mode.Fragment && "!()*".includes(ch)) return false;
  return true;
}

const UPPER_HEX = "0123456789ABCDEF";

/** Go's `escape`: percent-encodes the bytes `mode` reserves (space is "+" in a query component). */
export function escape(s: string, mode: Mode): string {
  let out = "";
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!shouldEscape(c, mode)) continue;
    out += s.slice(start, i);
    if (c === 0x20 && mode === Mode.QueryComponent) out += "+";
    else out += "%" + UPPER_HEX[c >> 4] + UPPER_HEX[c & 15];
    start = i + 1;
  }
  return start === 0 ? s : out + s.slice(start);
}

/** Go's `unescape`: decodes %XX (and "+" in a query component), validating host and zone bytes. */
export function unescape(s: string, mode: Mode): string {
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length; ) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      n++;
      if (i + 2 >= s.length || !isHex(s.charCodeAt(i + 1)) || !isHex(s.charCodeAt(i + 2))) {
        throw escapeError(s.slice(i, i + 3));
      }
      // In a host, %-encoding is only for non-ASCII bytes (and %25 in an IPv6 zone).
      if (mode === Mode.Host && unhex(s.charCodeAt(i + 1)) < 8 && s.slice(i, i + 3) !== "%25") {
        throw escapeError(s.slice(i, i + 3));
      }
      if (mode === Mode.Zone) {
        const v = (unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2));
        if (s.slice(i, i + 3) !== "%25" && v !== 0x20 && shouldEscape(v, Mode.Host)) throw escapeError(s.slice(i, i + 3));
      }
      i += 3;
    } else if (c === 0x2b) {
      hasPlus = mode === Mode.QueryComponent;
      i++;
    } else {
      if ((mode === Mode.Host || mode === Mode.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new UrlError("invalid character " + quoteBinary(s[i]!) + " in host name");
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      out += String.fromCharCode((unhex(s.charCodeAt(i + 1)) << 4) | unhex(s.charCodeAt(i + 2)));
      i += 2;
    } else if (c === 0x2b) {
      out += mode === Mode.QueryComponent ? " " : "+";
    } else {
      out += s[i];
    }
  }
  return out;
}
